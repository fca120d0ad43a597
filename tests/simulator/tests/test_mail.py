# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mailboxes of seeded state: listing per domain, paging, search, roles, and what deleting the owner does."""

import pytest


def seed(client):
    return client.control("POST", "/seed", {
        "domains": ["example.com", "example.org"],
        "users": [{"username": "ann", "email": "ann@example.com"}, {"email": "invited@example.com"}],
        "mailboxes": [{"name": "zoe", "domain": "example.com", "owner": "ann"},
                      {"name": "Ann", "domain": "example.com", "owner": "ann"},
                      {"name": "bob", "domain": "example.com", "owner": "INVITED@example.com"},
                      {"name": "ann", "domain": "example.org", "owner": "ann@example.com"}],
    })


def names(client, path, token="sim-rw-token"):
    status, payload = client.call("GET", path, token=token).outcome
    assert status == 200, payload
    return [m["name"] for m in payload["mailboxes"]]


def test_list_items_and_order(client):
    users = seed(client)["users"]
    status, payload = client.call("GET", "/mail/example.com/mailboxes").outcome
    assert status == 200
    first = payload["mailboxes"][0]
    assert first.pop("creationTime").endswith(".000Z")
    assert first == {
        "name": "ann", "type": "mailbox", "domain": "example.com", "ownerId": users["ann"], "ownerType": "user",
        "aliasName": None, "aliasDomain": None, "active": True, "enablePop3": False, "storageQuota": 0, "messagesQuota": 0,
        "aliases": []}
    assert [(m["name"], m["ownerId"]) for m in payload["mailboxes"]] == [
        ("ann", users["ann"]), ("bob", users["invited@example.com"]), ("zoe", users["ann"])]
    assert names(client, "/mail/example.org/mailboxes") == ["ann"]


def test_paging_and_search(client):
    seed(client)
    assert names(client, "/mail/example.com/mailboxes?page=2&per_page=2") == ["zoe"]
    assert names(client, "/mail/example.com/mailboxes?page=3&per_page=2") == []
    assert names(client, "/mail/example.com/mailboxes?search=O") == ["bob", "zoe"]
    assert names(client, "/mail/example.com/mailboxes?search=x") == []


@pytest.mark.parametrize("query, message", [
    ("page=0", "page query param has to be a postive number"),
    ("per_page=abc", "per_page query param has to be a postive number"),
])
def test_bad_query(client, query, message):
    seed(client)
    status, payload = client.call("GET", "/mail/example.com/mailboxes?" + query).outcome
    assert (status, payload["message"]) == (400, message)


def test_unknown_domain(client):
    seed(client)
    status, payload = client.call("GET", "/mail/nope.example/mailboxes").outcome
    assert (status, payload) == (404, {"status": "Not Found", "message": "No such domain"})


@pytest.mark.parametrize("role, allowed", [("user", False), ("usermanager", False), ("mailmanager", True), ("admin", True)])
def test_needs_mailmanager(client, role, allowed):
    seed(client)
    client.control("POST", "/tokens", {"token": "t-role", "username": "someone", "role": role})
    status, payload = client.call("GET", "/mail/example.com/mailboxes", token="t-role").outcome
    if allowed:
        assert status == 200
    else:
        assert (status, payload["message"]) == (403, "role 'mailmanager' is required but user has only '%s'" % role)


def test_deleting_a_user_deletes_their_mailboxes(client):
    users = seed(client)["users"]
    assert client.call("DELETE", "/users/" + users["ann"]).status == 204
    assert names(client, "/mail/example.com/mailboxes") == ["bob"]
    assert names(client, "/mail/example.org/mailboxes") == []
    assert [m["name"] for m in client.control("GET", "/state")["mailboxes"]] == ["bob"]


def test_deleting_a_user_can_leave_dangling_mailboxes(client):
    client.control("POST", "/switches", {"delete_user_deletes_mailboxes": False})
    users = seed(client)["users"]
    assert client.call("DELETE", "/users/" + users["ann"]).status == 204
    mailboxes = client.call("GET", "/mail/example.com/mailboxes").body["mailboxes"]
    assert [(m["name"], m["ownerId"]) for m in mailboxes] == [
        ("ann", users["ann"]), ("bob", users["invited@example.com"]), ("zoe", users["ann"])]
    state = client.control("GET", "/state")
    assert [(m["name"], m["domain"], m["owner"]) for m in state["mailboxes"]] == [
        ("ann", "example.com", None), ("bob", "example.com", "invited@example.com"), ("zoe", "example.com", None),
        ("ann", "example.org", None)]

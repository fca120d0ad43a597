# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mailing lists: list, create, read (wrapped), update, delete, members, paging, search, roles, name space."""

import pytest

from mail_helpers import RO, role_token, seed, state_of

LISTS = "/mail/example.com/lists"


def test_create_read_update_delete(client):
    seed(client)
    body = {"name": "Team", "members": ["ann@example.com", "Someone@Elsewhere.net"], "membersOnly": True}
    assert client.call("POST", LISTS, body).outcome == (201, {})
    status, payload = client.call("GET", LISTS + "/TEAM").outcome
    assert status == 200 and set(payload) == {"list"}
    item = payload["list"]
    assert item.pop("creationTime").endswith(".000Z")
    assert item == {"name": "team", "type": "list", "ownerId": "admin", "ownerType": "user", "aliasName": None,
                    "aliasDomain": None, "domain": "example.com", "active": True, "enablePop3": False, "storageQuota": 0,
                    "messagesQuota": 0, "members": ["ann@example.com", "Someone@Elsewhere.net"], "membersOnly": True}
    result = client.call("POST", LISTS + "/team", {"members": ["bob@example.com"], "active": False})
    assert (result.status, result.body) == (204, b"")
    # membersOnly not sent is kept
    assert [lst for lst in state_of(client, "mail_lists") if lst["name"] == "team"] == [
        {"name": "team", "domain": "example.com", "members": ["bob@example.com"], "membersOnly": True, "active": False}]
    result = client.call("DELETE", LISTS + "/team")
    assert (result.status, result.body) == (204, b"")
    assert client.call("GET", LISTS + "/team").outcome == (404, {"status": "Not Found", "message": "No such list"})
    assert client.call("DELETE", LISTS + "/team").status == 404
    assert client.call("POST", LISTS + "/team", {"members": []}).status == 404


def test_list_paging_and_search(client):
    seed(client, mail_lists=[{"name": n, "domain": "example.com", "members": []} for n in ("zeta", "alpha", "beta")])

    def names(query):
        return [lst["name"] for lst in client.call("GET", LISTS + query).body["lists"]]

    assert names("") == ["alpha", "beta", "zeta"]
    assert names("?page=2&per_page=2") == ["zeta"]
    assert names("?search=ET") == ["beta", "zeta"]
    assert client.call("GET", "/mail/example.org/lists").body == {"lists": []}
    for query, message in (("?page=0", "page query param has to be a postive number"),
                           ("?per_page=x", "per_page query param has to be a postive number")):
        assert client.call("GET", LISTS + query).outcome == (400, {"status": "Bad Request", "message": message})


@pytest.mark.parametrize("body, status, message", [
    ({"members": []}, 400, "name is required"),
    ({"name": "x"}, 400, "members is required"),
    ({"name": "x", "members": ["not-an-address"]}, 400, "Invalid mail member: not-an-address"),
    ({"name": "x", "members": [5]}, 400, "members[0] must be string"),
    ({"name": "x y", "members": []}, 400, "name can only contain alphanumerals, hyphen and dot"),
    ({"name": "x", "members": [], "active": "yes"}, 400, "active must be boolean"),
    ({"name": "ALL", "members": []}, 409, "Mailbox, mailinglist or alias for all@example.com already exists"),
    ({"name": "ann", "members": []}, 409, "Mailbox, mailinglist or alias for ann@example.com already exists"),
    ({"name": "anna", "members": []}, 409, "Mailbox, mailinglist or alias for anna@example.com already exists"),
])
def test_create_rules(client, body, status, message):
    seed(client)
    assert client.call("POST", LISTS, body).outcome[1] == {"status": {400: "Bad Request", 409: "Conflict"}[status],
                                                           "message": message}
    assert [lst["name"] for lst in state_of(client, "mail_lists")] == ["all"]


def test_update_rules(client):
    seed(client)
    assert client.call("POST", LISTS + "/all", {"membersOnly": True}).outcome[1]["message"] == "members is required"
    assert client.call("POST", LISTS + "/all", {"members": ["x"]}).outcome[1]["message"] == "Invalid mail member: x"
    assert state_of(client, "mail_lists")[0]["members"] == ["ann@example.com"]


@pytest.mark.parametrize("method, path, body", [
    ("GET", "/mail/nope.example/lists", None), ("POST", "/mail/nope.example/lists", {"name": "x", "members": []}),
    ("GET", "/mail/nope.example/lists/all", None), ("POST", "/mail/nope.example/lists/all", {"members": []}),
    ("DELETE", "/mail/nope.example/lists/all", None),
])
def test_unknown_domain(client, method, path, body):
    seed(client)
    assert client.call(method, path, body).outcome == (404, {"status": "Not Found", "message": "No such domain"})


WRITES = [("POST", LISTS, {"name": "x", "members": []}), ("POST", LISTS + "/all", {"members": []}), ("DELETE", LISTS + "/all", None)]


@pytest.mark.parametrize("method, path, body", WRITES)
def test_read_only_token(client, method, path, body):
    seed(client)
    assert client.call(method, path, body, token=RO).outcome == (403, {"status": "Forbidden", "message": "Read-only token"})
    assert state_of(client, "mail_lists")[0]["members"] == ["ann@example.com"]


@pytest.mark.parametrize("method, path, body", WRITES + [("GET", LISTS, None), ("GET", LISTS + "/all", None)])
def test_needs_mailmanager(client, method, path, body):
    seed(client)
    status, payload = client.call(method, path, body, token=role_token(client, "usermanager")).outcome
    assert (status, payload["message"]) == (403, "role 'mailmanager' is required but user has only 'usermanager'")
    assert client.call(method, path, body, token=role_token(client, "mailmanager")).status in (200, 201, 204)


def test_a_list_keeps_its_domain_in_use(client):
    seed(client, mail_lists=[{"name": "x", "domain": "example.org", "members": []}])
    assert client.call("DELETE", "/domains/example.org").status == 409
    assert client.call("DELETE", "/mail/example.org/lists/x").status == 204
    assert client.call("DELETE", "/domains/example.org").status == 204

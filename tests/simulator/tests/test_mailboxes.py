# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mailbox routes: create, read (wrapped), update, delete, validation, owners, roles and the shared name space."""

import pytest

from mail_helpers import RO, role_token, seed, state_of

BOX = "/mail/example.com/mailboxes"


def create(client, name="carl", owner_id=None, token="sim-rw-token", **fields):
    body = {"name": name, "ownerId": owner_id, "ownerType": "user", "active": True}
    body.update(fields)
    return client.call("POST", BOX, body, token=token)


def test_create_read_update_delete(client):
    ids = seed(client)
    result = create(client, "Carl", ids["users"]["bob"], enablePop3=True, storageQuota=1024, messagesQuota=5)
    assert result.outcome == (201, {})
    status, payload = client.call("GET", BOX + "/CARL").outcome
    assert status == 200 and set(payload) == {"mailbox"}
    mailbox = payload["mailbox"]
    assert mailbox.pop("creationTime").endswith(".000Z")
    assert mailbox == {"name": "carl", "type": "mailbox", "ownerId": ids["users"]["bob"], "ownerType": "user",
                       "aliasName": None, "aliasDomain": None, "domain": "example.com", "active": True,
                       "enablePop3": True, "storageQuota": 1024, "messagesQuota": 5}
    update = {"ownerId": ids["groups"]["staff"], "ownerType": "group", "active": False, "enablePop3": False}
    result = client.call("POST", BOX + "/carl", update)
    assert (result.status, result.response.getheader("Content-Type"), result.body) == (204, None, b"")
    stored = [m for m in state_of(client, "mailboxes") if m["name"] == "carl"][0]
    # quotas not sent are kept
    assert stored == {"name": "carl", "domain": "example.com", "ownerId": ids["groups"]["staff"], "ownerType": "group",
                      "active": False, "enablePop3": False, "storageQuota": 1024, "messagesQuota": 5, "aliases": [],
                      "owner": "staff"}
    assert client.call("POST", BOX + "/carl", dict(update, storageQuota=0)).status == 204
    assert client.call("GET", BOX + "/carl").body["mailbox"]["storageQuota"] == 0
    assert client.call("DELETE", BOX + "/carl", {"deleteMails": True}).outcome == (201, {})
    assert client.call("GET", BOX + "/carl").outcome == (404, {"status": "Not Found", "message": "No such mailbox"})
    assert client.call("DELETE", BOX + "/carl", {"deleteMails": False}).status == 404


def test_create_defaults(client):
    ids = seed(client)
    assert create(client, "carl", ids["users"]["bob"]).status == 201
    mailbox = client.call("GET", BOX + "/carl").body["mailbox"]
    assert (mailbox["enablePop3"], mailbox["storageQuota"], mailbox["messagesQuota"]) == (False, 0, 0)


@pytest.mark.parametrize("body, message", [
    ({"ownerType": "user", "active": True, "name": "x"}, "ownerId is required"),
    ({"ownerId": "u", "active": True, "name": "x"}, "ownerType is required"),
    ({"ownerId": "u", "ownerType": "user", "name": "x"}, "active is required"),
    ({"ownerId": "u", "ownerType": "user", "active": True}, "name is required"),
    ({"ownerId": "u", "ownerType": "user", "active": "yes", "name": "x"}, "active must be boolean"),
    ({"ownerId": "u", "ownerType": "user", "active": True, "name": "x", "enablePop3": 1}, "enablePop3 must be boolean"),
    ({"ownerId": "u", "ownerType": "user", "active": True, "name": "x", "storageQuota": "5G"}, "storageQuota must be number"),
    ({"ownerId": "u", "ownerType": "robot", "active": True, "name": "x"}, "ownerType must be user or group"),
    ({"ownerId": "uid-nobody", "ownerType": "user", "active": True, "name": "x"}, "ownerId must be the id of an existing user"),
    ({"ownerId": "OWNER", "ownerType": "group", "active": True, "name": "x"}, "ownerId must be the id of an existing group"),
    ({"ownerId": "OWNER", "ownerType": "user", "active": True, "name": "a b"}, "name can only contain alphanumerals, hyphen and dot"),
    ({"ownerId": "OWNER", "ownerType": "user", "active": True, "name": ""}, "name must be atleast 1 char"),
    ({"ownerId": "OWNER", "ownerType": "user", "active": True, "name": "x" * 200}, "name too long"),
    ({"ownerId": "OWNER", "ownerType": "user", "active": True, "name": "x", "messagesQuota": -1}, "messagesQuota must be a number >= 0"),
    ({"ownerId": "OWNER", "ownerType": "user", "active": True, "name": "x", "color": "red"}, "color is not allowed"),
])
def test_create_validation(client, owner_id, body, message):
    seed(client)
    body = {k: owner_id if v == "OWNER" else v for k, v in body.items()}
    assert client.call("POST", BOX, body).outcome == (400, {"status": "Bad Request", "message": message})
    assert [m["name"] for m in state_of(client, "mailboxes")] == ["ann"]


def test_longest_name(client, owner_id):
    seed(client)
    assert create(client, "x" * 199, owner_id).status == 201


@pytest.mark.parametrize("field", ["ownerId", "ownerType", "active", "enablePop3"])
def test_update_requires(client, owner_id, field):
    seed(client)
    body = {"ownerId": owner_id, "ownerType": "user", "active": True, "enablePop3": False}
    del body[field]
    assert client.call("POST", BOX + "/ann", body).outcome == (400, {"status": "Bad Request", "message": "%s is required" % field})


def test_update_checks_owner(client):
    seed(client)
    body = {"ownerId": "gid-nobody", "ownerType": "group", "active": True, "enablePop3": False}
    assert client.call("POST", BOX + "/ann", body).outcome[1]["message"] == "ownerId must be the id of an existing group"
    assert state_of(client, "mailboxes")[0]["owner"] == "ann"


def test_delete_requires_delete_mails(client):
    seed(client)
    assert client.call("DELETE", BOX + "/ann", {}).outcome == (400, {"status": "Bad Request", "message": "deleteMails is required"})


@pytest.mark.parametrize("name", ["ann", "ANNA", "all"])
def test_name_space_is_shared(client, owner_id, name):
    """A mailbox cannot take the name of a mailbox, an alias or a list of its domain."""
    seed(client)
    status, payload = create(client, name, owner_id).outcome
    assert (status, payload["message"]) == (409, "Mailbox, mailinglist or alias for %s@example.com already exists" % name.lower())


def test_same_name_in_another_domain(client, owner_id):
    seed(client)
    assert client.call("POST", "/mail/example.org/mailboxes",
                       {"name": "ann", "ownerId": owner_id, "ownerType": "user", "active": True}).status == 201


@pytest.mark.parametrize("method, path, body", [
    ("GET", "/mail/nope.example/mailboxes/ann", None),
    ("POST", "/mail/nope.example/mailboxes", {"name": "x", "ownerId": "u", "ownerType": "user", "active": True}),
    ("POST", "/mail/nope.example/mailboxes/ann", {"ownerId": "u", "ownerType": "user", "active": True, "enablePop3": False}),
    ("DELETE", "/mail/nope.example/mailboxes/ann", {"deleteMails": False}),
    ("GET", "/mail/nope.example/mailboxes/ann/aliases", None),
    ("PUT", "/mail/nope.example/mailboxes/ann/aliases", {"aliases": []}),
])
def test_unknown_domain(client, method, path, body):
    seed(client)
    assert client.call(method, path, body).outcome == (404, {"status": "Not Found", "message": "No such domain"})


WRITES = [
    ("POST", BOX, {"name": "x", "ownerId": "u", "ownerType": "user", "active": True}),
    ("POST", BOX + "/ann", {"ownerId": "u", "ownerType": "user", "active": True, "enablePop3": False}),
    ("DELETE", BOX + "/ann", {"deleteMails": False}),
    ("PUT", BOX + "/ann/aliases", {"aliases": []}),
]


@pytest.mark.parametrize("method, path, body", WRITES)
def test_read_only_token_cannot_write(client, method, path, body):
    seed(client)
    assert client.call(method, path, body, token=RO).outcome == (403, {"status": "Forbidden", "message": "Read-only token"})
    assert state_of(client, "mailboxes")[0]["aliases"] == [{"name": "anna", "domain": "example.com"}]


@pytest.mark.parametrize("method, path, body", WRITES + [("GET", BOX + "/ann", None), ("GET", BOX + "/ann/aliases", None)])
@pytest.mark.parametrize("role, allowed", [("usermanager", False), ("mailmanager", True)])
def test_needs_mailmanager(client, method, path, body, role, allowed):
    seed(client)
    status, payload = client.call(method, path, body, token=role_token(client, role)).outcome
    if allowed:
        assert status != 403
    else:
        assert (status, payload["message"]) == (403, "role 'mailmanager' is required but user has only 'usermanager'")


def test_mailbox_count(client, owner_id):
    seed(client)
    assert client.call("GET", "/mail/example.com/mailbox_count").outcome == (200, {"count": 1})
    create(client, "carl", owner_id)
    assert client.call("GET", "/mail/example.com/mailbox_count").outcome == (200, {"count": 2})
    assert client.call("GET", "/mail/example.org/mailbox_count").outcome == (200, {"count": 0})
    assert client.call("GET", "/mail/nope.example/mailbox_count").status == 404


def test_deleting_a_group_leaves_its_mailboxes(client):
    ids = seed(client, mailboxes=[{"name": "team", "domain": "example.com", "owner": "staff", "ownerType": "group"}])
    assert client.call("DELETE", "/groups/" + ids["groups"]["staff"]).status == 204
    assert [(m["name"], m["ownerId"], m["owner"]) for m in state_of(client, "mailboxes")] == [
        ("team", ids["groups"]["staff"], None)]


def test_requests_are_logged_and_faults_apply(client, owner_id):
    seed(client)
    client.control("POST", "/faults", {"method": "POST", "path": "/api/v1/mail/*/mailboxes", "status": 503})
    assert create(client, "carl", owner_id).status == 503
    assert create(client, "carl", owner_id).status == 201
    log = [(r["method"], r["path"], r["status"], r["fault"]) for r in client.control("GET", "/requests")["requests"]]
    assert log[-2:] == [("POST", "/api/v1" + BOX, 503, "status"), ("POST", "/api/v1" + BOX, 201, None)]

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Control interface: reset, seeding, state, switches, faults, request log, version modes."""

import http.client
import json
import time

import pytest

from common.faults import path_matches
from conftest import RO


def test_reset(client):
    client.call("POST", "/users", {"email": "gone@example.com"})
    result = client.control("POST", "/reset", {"version": "8.1.0", "switches": {"readonly_status": 401}})
    assert result["tokens"] == {"rw": "sim-rw-token", "ro": RO}
    assert (result["version"], result["mode"], result["switches"]["readonly_status"]) == ("8.1.0", "8.1", 401)
    state = client.control("GET", "/state")
    assert [u["username"] for u in state["users"]] == ["owner"]
    assert state["users"][0]["id"] == result["owner_id"]
    assert client.call("GET", "/cloudron/status").body == {"version": "8.1.0"}
    # defaults come back with the next plain reset
    assert client.control("POST", "/reset", {})["switches"]["readonly_status"] == 403


def test_reset_is_reproducible(client):
    first = client.control("POST", "/reset", {})["owner_id"]
    assert client.control("POST", "/reset", {})["owner_id"] == first
    assert client.control("POST", "/reset", {"seed": 7})["owner_id"] != first


@pytest.mark.parametrize("version, mode", [("9.0.15", "9"), ("8.2.0", "9"), ("8.1.3", "8.1"), ("7.6.2", "8.1")])
def test_version_modes(client, version, mode):
    assert client.control("POST", "/reset", {"version": version})["mode"] == mode
    assert client.call("GET", "/cloudron/status").body["version"] == version
    assert client.call("GET", "/users").status == 200


def test_bad_control_input(client):
    status, payload = client.raw("POST", "/_control/reset", b'{"version": "nine"}').outcome
    assert status == 400 and "version" in payload["message"]
    assert client.raw("POST", "/_control/switches", b'{"nope": 1}').status == 400
    assert client.raw("POST", "/_control/switches", b'{"readonly_status": 500}').status == 400
    assert client.raw("POST", "/_control/switches", b'{"delete_user_deletes_mailboxes": "no"}').status == 400
    assert client.raw("GET", "/_control/nothing").status == 404


def test_seed_tokens(client):
    user_id = client.control("POST", "/tokens", {"token": "t-jo", "username": "Jo", "role": "admin", "email": "jo@corp.example"})["user_id"]
    assert client.call("GET", "/profile", token="t-jo").body["email"] == "jo@corp.example"
    assert client.control("POST", "/tokens", {"token": "t-jo-ro", "username": "jo", "readonly": True})["user_id"] == user_id
    assert client.call("POST", "/groups", {"name": "x"}, token="t-jo-ro").status == 403
    assert client.raw("POST", "/_control/tokens", b'{"token": "t-jo", "username": "x"}').status == 409


def test_bulk_seed_and_state(client):
    users = [{"username": "user%03d" % i, "email": "user%03d@example.com" % i} for i in range(500)]
    users.append({"username": "Lead", "email": "lead@example.com", "role": "admin", "active": False, "source": "ldap",
                  "displayName": "The Lead", "inviteAccepted": False})
    started = time.monotonic()
    result = client.control("POST", "/seed", {"users": users, "groups": [{"name": "Team", "members": ["lead", "user001"]}]})
    assert time.monotonic() - started < 2
    assert len(result["users"]) == 501 and set(result["groups"]) == {"team"}
    lead = client.call("GET", "/users/" + result["users"]["lead"]).body
    assert (lead["role"], lead["active"], lead["source"], lead["inviteAccepted"]) == ("admin", False, "ldap", False)
    state = client.control("GET", "/state")
    team = state["groups"][0]
    assert team["members"] == ["lead", "user001"]
    assert next(u for u in state["users"] if u["username"] == "lead")["groups"] == ["team"]
    assert all("secret" not in t and "accessToken" not in t for t in state["tokens"])
    assert {t["username"] for t in state["tokens"]} == {"owner"}
    assert client.raw("POST", "/_control/seed", b'{"groups": [{"name": "x", "members": ["ghost"]}]}').status == 400
    assert client.raw("POST", "/_control/seed", b'{"users": [{"username": "lead", "email": "z@example.com"}]}').status == 400


def test_request_log(client):
    client.call("GET", "/users?page=1", token=RO)
    client.raw("GET", "/api/v1/profile?access_token=sim-rw-token")
    client.call("POST", "/groups", {"name": "logged"}, token="other-token")
    client.call("GET", "/profile", token=None)
    client.control("GET", "/state")
    log = client.control("GET", "/requests")["requests"]
    assert [(r["method"], r["path"], r["status"], r["token"]) for r in log] == [
        ("GET", "/api/v1/users", 200, "ro"),
        ("GET", "/api/v1/profile", 200, "rw"),
        ("POST", "/api/v1/groups", 401, "other"),
        ("GET", "/api/v1/profile", 401, None),
    ]
    assert log[0]["query"] == {"page": "1"} and log[1]["query"] == {"access_token": "***"}
    assert log[2]["body"] == {"name": "logged"} and log[0]["body"] is None
    assert [r["seq"] for r in log] == [1, 2, 3, 4]
    client.control("DELETE", "/requests")
    client.call("GET", "/profile")
    assert [r["seq"] for r in client.control("GET", "/requests")["requests"]] == [5]


def test_status_fault(client):
    client.control("POST", "/faults", {"method": "POST", "path": "/api/v1/groups", "status": 503, "times": 2,
                                       "headers": {"Retry-After": "1"}})
    assert len(client.control("GET", "/faults")["faults"]) == 1
    status, response, payload = client.call("POST", "/groups", {"name": "a"})
    assert (status, payload["status"], response.getheader("Retry-After")) == (503, "Service Unavailable", "1")
    assert client.call("POST", "/groups", {"name": "a"}).status == 503
    assert client.call("POST", "/groups", {"name": "a"}).status == 201
    assert client.control("GET", "/faults")["faults"] == []
    assert len(client.control("GET", "/state")["groups"]) == 1
    assert [r["fault"] for r in client.control("GET", "/requests")["requests"]] == ["status", "status", None]


def test_status_fault_with_raw_body_and_wildcard(client):
    client.control("POST", "/faults", {"path": "/api/v1/users/*", "status": 502, "body": "<html>Bad Gateway</html>",
                                       "times": 0})
    status, response, payload = client.call("GET", "/users/uid-1")
    assert (status, payload) == (502, b"<html>Bad Gateway</html>")
    assert response.getheader("Content-Type") == "text/plain; charset=utf-8"
    assert client.call("GET", "/users/uid-2").status == 502
    assert client.call("GET", "/users").status == 200
    assert client.control("GET", "/faults")["faults"][0]["times"] == 0
    client.control("DELETE", "/faults")
    assert client.call("GET", "/users/uid-1").status == 404


def test_drop_before_and_after(client):
    client.control("POST", "/faults", {"path": "/api/v1/groups", "drop": "before"})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        client.call("POST", "/groups", {"name": "never"})
    client.control("POST", "/faults", {"path": "/api/v1/groups", "drop": "after"})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        client.call("POST", "/groups", {"name": "created"})
    # the object exists although the client never saw the answer
    assert [g["name"] for g in client.control("GET", "/state")["groups"]] == ["created"]
    log = client.control("GET", "/requests")["requests"]
    assert [(r["fault"], r["status"]) for r in log] == [("drop_before", None), ("drop_after", 201)]


def test_latency(client):
    client.control("POST", "/faults", {"path": "/api/v1/profile", "latency_ms": 200})
    started = time.monotonic()
    assert client.call("GET", "/profile").status == 200
    assert time.monotonic() - started >= 0.2
    started = time.monotonic()
    client.call("GET", "/profile")
    assert time.monotonic() - started < 0.1


@pytest.mark.parametrize("rule", [{}, {"status": 700}, {"drop": "sideways"}, {"status": 500, "drop": "after"},
                                  {"latency_ms": -1}, {"times": -1, "status": 500}, {"body": "x", "latency_ms": 5},
                                  {"status": 500, "colour": "red"}])
def test_bad_fault_rules(client, rule):
    status, payload = client.raw("POST", "/_control/faults", json.dumps(rule).encode()).outcome
    assert status == 400, payload


def test_path_patterns():
    assert path_matches("/api/v1/users/*", "/api/v1/users/uid-1")
    assert not path_matches("/api/v1/users/*", "/api/v1/users/uid-1/role")
    assert path_matches("/api/v1/*/uid-*/role", "/api/v1/users/uid-1/role")
    assert path_matches("/api/v1/users", "/api/v1/users/")
    assert not path_matches("/api/v1/users", "/api/v1/groups")


def test_seed_domains_and_mailboxes(client):
    result = client.control("POST", "/seed", {
        "domains": ["Example.com", {"domain": "example.org", "provider": "route53", "zoneName": "Example.org",
                                    "config": {"accessKeyId": "AKIA", "secretAccessKey": "s3cret"},
                                    "tlsConfig": {"provider": "letsencrypt-staging", "wildcard": True}}],
        "users": [{"username": "ann", "email": "ann@example.com"}, {"email": "invited@example.com"}],
        "groups": [{"name": "readers", "members": ["ann", "Invited@example.com"]}],
        "mailboxes": [{"name": "Ann", "domain": "example.com", "owner": "ann"},
                      {"name": "help", "domain": "EXAMPLE.org", "owner": "invited@example.com", "active": False,
                       "enablePop3": True, "storageQuota": 1024, "messagesQuota": 10}],
    })
    assert (result["domains"], result["mailboxes"]) == (["example.com", "example.org"], ["ann@example.com", "help@example.org"])
    assert set(result["users"]) == {"ann", "invited@example.com"} and set(result["groups"]) == {"readers"}
    state = client.control("GET", "/state")
    assert state["domains"] == [
        {"domain": "example.com", "zoneName": "example.com", "provider": "noop", "config": {},
         "tlsConfig": {"provider": "letsencrypt-prod", "wildcard": False}, "fallbackCertificate": None},
        {"domain": "example.org", "zoneName": "example.org", "provider": "route53",
         "config": {"accessKeyId": "AKIA", "secretAccessKey": "s3cret"},
         "tlsConfig": {"provider": "letsencrypt-staging", "wildcard": True}, "fallbackCertificate": None},
    ]
    assert state["groups"][0]["members"] == ["ann", "invited@example.com"]
    assert state["mailboxes"] == [
        {"name": "ann", "domain": "example.com", "ownerId": result["users"]["ann"], "ownerType": "user", "active": True,
         "enablePop3": False, "storageQuota": 0, "messagesQuota": 0, "aliases": [], "owner": "ann"},
        {"name": "help", "domain": "example.org", "ownerId": result["users"]["invited@example.com"], "ownerType": "user",
         "active": False, "enablePop3": True, "storageQuota": 1024, "messagesQuota": 10, "aliases": [],
         "owner": "invited@example.com"},
    ]


@pytest.mark.parametrize("body, message", [
    ({"domains": [5]}, "each domain must be a name or an object"),
    ({"domains": ["a.example", "A.example"]}, "duplicate domain a.example"),
    ({"domains": [{"domain": "a.example", "provider": "dyn"}]}, "domain a.example: unknown provider dyn"),
    ({"mailboxes": [{"name": "x", "domain": "nope.example", "owner": "owner"}]}, "mailbox x@nope.example: no domain nope.example"),
    ({"domains": ["a.example"], "mailboxes": [{"name": "x", "domain": "a.example", "owner": "ghost"}]},
     "mailbox x@a.example: no user ghost"),
    ({"domains": ["a.example"], "mailboxes": [{"name": "x", "domain": "a.example"}]}, "owner is required"),
    ({"domains": ["a.example"], "mailboxes": [{"name": "x", "domain": "a.example", "owner": "owner"},
                                              {"name": "X", "domain": "a.example", "owner": "owner"}]},
     "duplicate mailbox x@a.example"),
    ({"groups": [{"name": "readers", "members": ["owner", "invited@example.com"]}]}, "group readers: no user invited@example.com"),
])
def test_bad_seed_changes_nothing(client, body, message):
    before = client.control("GET", "/state")
    body = dict(body, users=[{"username": "early", "email": "early@example.com"}])
    status, payload = client.raw("POST", "/_control/seed", json.dumps(body).encode()).outcome
    assert status == 400 and payload["message"].startswith(message), payload
    assert client.control("GET", "/state") == before
    # the id generator is rewound too, so the next seed gets the same ids as without the failed one
    first = client.control("POST", "/seed", {"users": [{"username": "later", "email": "later@example.com"}]})["users"]["later"]
    client.control("POST", "/reset", {})
    assert client.control("POST", "/seed", {"users": [{"username": "later", "email": "later@example.com"}]})["users"]["later"] == first


def test_invites_record_address_and_user(client):
    user_id = client.control("POST", "/seed", {"users": [{"email": "x@y.example", "inviteAccepted": False}]})["users"]["x@y.example"]
    assert client.call("POST", "/users/%s/send_invite_email" % user_id, {"email": "Other@Y.example"}).status == 202
    invites = client.control("GET", "/state")["invites"]
    assert invites == [{"userId": user_id, "username": None, "email": "other@y.example", "by": "owner"}]

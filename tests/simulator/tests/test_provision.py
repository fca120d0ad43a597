# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Provisioning: an unprovisioned server, setup on the setup listener, the dashboard host's readiness, activation."""

import json
import time

import pytest

from cloudron.provision import NOT_READY
from cloudron.state import NEVER_EXPIRES
from conftest import RW

DOMAIN_CONFIG = {"provider": "noop", "domain": "example.org", "config": {}}
OWNER = {"username": "Boss", "password": "long-enough", "email": "Boss@Example.org", "displayName": "The Boss"}
IDLE = {"active": False, "message": "", "errorMessage": None}
# what setup and activation answer once activated (switch after_activation)
CLOSED = (405, {"status": "Method Not Allowed", "message": "Route unavailable after activation"})
ALREADY_SETUP = (409, {"status": "Conflict", "message": "Already setup"})


def unprovision(client, **switches):
    result = client.control("POST", "/reset", {"provisioned": False, "switches": switches})
    client.control("DELETE", "/requests")
    return result


def status(sim):
    return sim.call("GET", "/cloudron/status", token=None)


def wait_for(check, timeout=5.0):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def setup_ended(sim, messages=None):
    """The status once the setup is no longer active; ``messages`` collects the progress messages seen."""
    def check():
        answer = status(sim).body
        if messages is not None:
            messages.add(answer["setup"]["message"])
        return None if answer["setup"]["active"] else answer
    return wait_for(check)


def set_up(client, setup_client, domain_config=None):
    """Run a setup to its end and wait until the dashboard host answers."""
    assert setup_client.call("POST", "/provision/setup", {"domainConfig": domain_config or DOMAIN_CONFIG}, token=None).status == 200
    wait_for(lambda: client.control("GET", "/state")["provisioning"]["ready"])


def activate(sim, body=None):
    return sim.call("POST", "/provision/activate", body or OWNER, token=None)


def test_unprovisioned_reset(client, setup_client):
    assert unprovision(client) == {"owner_id": None, "tokens": {}, "provisioned": False, "version": "9.0.15", "mode": "9",
                                   "switches": client.control("GET", "/state")["switches"]}
    state = client.control("GET", "/state")
    assert (state["users"], state["tokens"], state["domains"]) == ([], [], [])
    assert state["provisioning"] == {"setup": IDLE, "activated": False, "admin_fqdn": None, "ready": False}
    assert status(setup_client).outcome == (200, {"version": "9.0.15", "activated": False, "setup": IDLE, "adminFqdn": None,
                                                  "provider": "generic"})
    # the setup listener serves nothing else before activation, whatever the token
    assert setup_client.call("GET", "/profile").outcome == (404, {"status": "Not Found", "message": "No such route"})
    assert setup_client.call("GET", "/users", token=None).body["message"] == "No such route"


def test_dashboard_host_is_not_ready(client):
    unprovision(client)
    for method, path in (("GET", "/cloudron/status"), ("POST", "/users"), ("GET", "/nothing/here"), ("POST", "/provision/setup")):
        status_code, response, payload = client.call(method, path, {"x": 1} if method == "POST" else None)
        assert (status_code, payload) == (503, NOT_READY), path
        assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    status_code, response, payload = client.raw("HEAD", "/api/v1/cloudron/status")
    assert (status_code, payload) == (503, b"") and int(response.getheader("Content-Length")) == len(NOT_READY)
    # the control interface is not behind the dashboard host
    assert client.control("GET", "/state")["provisioning"]["ready"] is False


def test_provisioned_server(client, setup_client):
    state = client.control("GET", "/state")
    assert state["provisioning"] == {"setup": IDLE, "activated": True, "admin_fqdn": "my.example.com", "ready": True}
    assert status(client).outcome == status(setup_client).outcome == (200, {"version": "9.0.15"})
    # once activated the setup listener serves the whole API
    assert setup_client.call("GET", "/profile").status == 200
    assert setup_client.call("POST", "/provision/setup", {"domainConfig": DOMAIN_CONFIG}, token=None).outcome == CLOSED
    assert activate(setup_client).outcome == activate(client).outcome == CLOSED


def test_setup(client, setup_client):
    unprovision(client, task_seconds=0.2, readiness_seconds=1000)
    body = {"domainConfig": {"provider": "cloudflare", "domain": "Example.org", "config": {"tokenType": "ApiToken", "token": "cf-secret"}},
            "ipv4Config": {"provider": "generic"}}
    assert setup_client.call("POST", "/provision/setup", body, token=None).outcome == (200, {})
    running = status(setup_client).body
    assert running["setup"]["active"] is True and running["setup"]["message"].startswith("Adding domain example.org")
    assert (running["setup"]["errorMessage"], running["adminFqdn"]) == (None, None)
    assert setup_client.call("POST", "/provision/setup", body, token=None).body["message"] == "Already setup"
    assert activate(setup_client).outcome == (409, {"status": "Conflict", "message": "Not setup yet"})
    assert client.control("GET", "/state")["domains"] == []
    messages = set()
    done = setup_ended(setup_client, messages)
    assert len(messages) > 2
    assert done == {"version": "9.0.15", "activated": False, "setup": {"active": False, "message": "Done", "errorMessage": None},
                    "adminFqdn": "my.example.org", "provider": "generic"}
    state = client.control("GET", "/state")
    assert state["domains"] == [{"domain": "example.org", "zoneName": "example.org", "provider": "cloudflare",
                                 "config": {"tokenType": "ApiToken", "token": "cf-secret", "defaultProxyStatus": False},
                                 "tlsConfig": {"provider": "letsencrypt-prod", "wildcard": False}, "fallbackCertificate": None}]
    assert state["provisioning"] == {"setup": done["setup"], "activated": False, "admin_fqdn": "my.example.org", "ready": False}
    # the setup has ended, but the dashboard host only answers readiness_seconds later
    assert status(client).status == 503
    client.control("POST", "/switches", {"readiness_seconds": 0})
    assert status(client).outcome == (200, done)
    assert client.control("GET", "/state")["provisioning"]["ready"] is True
    # no tokens yet: the startup tokens only work once something creates them
    assert client.call("GET", "/profile").outcome == (401, {"status": "Unauthorized", "message": "No such token"})
    client.control("POST", "/tokens", {"token": RW, "username": "robot", "role": "admin"})
    assert client.call("GET", "/profile").body["username"] == "robot"
    assert client.call("GET", "/domains/example.org").body["config"]["token"] == "\u25cf" * 8
    assert client.call("POST", "/provision/setup", body, token=None).body["message"] == "Already setup"


def test_setup_is_validated_like_adding_a_domain(client, setup_client):
    tls = {"provider": "letsencrypt-prod"}
    bad = [
        {"domain": "a.example", "config": {}},
        {"provider": "dyn", "domain": "a.example", "config": {}},
        {"provider": "noop", "config": {}},
        {"provider": "noop", "domain": "not a domain", "config": {}},
        {"provider": "noop", "domain": "a.example", "zoneName": "bad zone", "config": {}},
        {"provider": "noop", "domain": "a.example"},
        {"provider": "noop", "domain": "a.example", "config": "x"},
        {"provider": "cloudflare", "domain": "a.example", "config": {}},
        {"provider": "route53", "domain": "a.example", "config": {"accessKeyId": "id"}},
        {"provider": "noop", "domain": "a.example", "config": {}, "tlsConfig": {"provider": "caas"}},
        {"provider": "noop", "domain": "a.example", "config": {}, "tlsConfig": {"provider": "letsencrypt-prod", "wildcard": True}},
        {"provider": "noop", "domain": "a.example", "config": {}, "colour": "blue"},
        {"provider": "noop", "domain": "a.example", "config": {}, "fallbackCertificate": {"cert": "x"}},
    ]
    expected = [client.call("POST", "/domains", dict({"tlsConfig": tls}, **config)).outcome for config in bad]
    assert [message for code, message in expected if code != 400] == []
    unprovision(client)
    for config, answer in zip(bad, expected):
        assert setup_client.call("POST", "/provision/setup", {"domainConfig": config}, token=None).outcome == answer, config
    for body, message in (({}, "domainConfig is required"), ({"domainConfig": []}, "domainConfig must be object"),
                          ({"domainConfig": DOMAIN_CONFIG, "ipv4Config": "1.2.3.4"}, "ipv4Config must be object"),
                          ({"domainConfig": DOMAIN_CONFIG, "sysinfoConfig": {}}, "sysinfoConfig is not allowed")):
        assert setup_client.call("POST", "/provision/setup", body, token=None).outcome == (
            400, {"status": "Bad Request", "message": message})
    assert status(setup_client).body["setup"] == IDLE
    # a domain seeded before is taken
    client.control("POST", "/seed", {"domains": ["example.org"]})
    assert setup_client.call("POST", "/provision/setup", {"domainConfig": DOMAIN_CONFIG}, token=None).outcome == (
        409, {"status": "Conflict", "message": "Domain already exists"})


def test_setup_error(client, setup_client):
    unprovision(client, setup_error="DNS error: no zone example.org")
    assert setup_client.call("POST", "/provision/setup", {"domainConfig": DOMAIN_CONFIG}, token=None).status == 200
    failed = setup_ended(setup_client)
    assert failed["setup"]["errorMessage"] == "DNS error: no zone example.org"
    assert failed["adminFqdn"] is None
    state = client.control("GET", "/state")
    assert (state["domains"], state["provisioning"]["ready"]) == ([], False)
    assert activate(setup_client).body["message"] == "Not setup yet"
    assert status(client).status == 503
    # a failed setup can be run again
    client.control("POST", "/switches", {"setup_error": None})
    set_up(client, setup_client)
    assert status(client).body["setup"] == {"active": False, "message": "Done", "errorMessage": None}
    assert [d["domain"] for d in client.control("GET", "/state")["domains"]] == ["example.org"]


@pytest.mark.parametrize("change, message", [
    ({"username": None}, "username is required"),
    ({"password": None}, "password is required"),
    ({"email": None}, "email is required"),
    ({"username": 7}, "username must be string"),
    ({"username": "admin"}, "Username is reserved"),
    ({"username": "a b"}, "Username can only contain alphanumerals, dot and -"),
    ({"username": "x.app"}, "Username pattern is reserved for apps"),
    ({"password": "short"}, "Password must be atleast 8 characters"),
    ({"email": "nope"}, "Invalid email"),
    ({"role": "admin"}, "role is not allowed"),
])
def test_activation_is_validated(client, setup_client, change, message):
    unprovision(client)
    set_up(client, setup_client)
    body = {k: v for k, v in dict(OWNER, **change).items() if v is not None}
    assert activate(setup_client, body).outcome == (400, {"status": "Bad Request", "message": message})
    assert client.control("GET", "/state")["users"] == []


def test_activation(client, setup_client):
    unprovision(client)
    assert activate(setup_client).outcome == (409, {"status": "Conflict", "message": "Not setup yet"})
    set_up(client, setup_client)
    before = int(time.time() * 1000)
    status_code, answer = activate(setup_client).outcome
    assert status_code == 201 and set(answer) == {"userId", "token", "expires"}
    assert before + 86400 * 1000 <= answer["expires"] <= time.time() * 1000 + 86400 * 1000
    assert status(client).outcome == status(setup_client).outcome == (200, {"version": "9.0.15"})
    assert activate(setup_client).outcome == activate(client).outcome == CLOSED
    profile = setup_client.call("GET", "/profile", token=answer["token"]).body
    assert (profile["id"], profile["username"], profile["email"], profile["displayName"], profile["role"]) == (
        answer["userId"], "boss", "boss@example.org", "The Boss", "owner")
    assert profile["avatarUrl"] == "https://my.example.org/api/v1/profile/avatar/" + answer["userId"]
    # a durable token right away, through the setup listener, that works on the dashboard host
    status_code, created = setup_client.call("POST", "/tokens", {"name": "automation"}, token=answer["token"]).outcome
    assert status_code == 201 and (created["expires"], created["scope"], created["clientId"]) == (NEVER_EXPIRES, {"*": "rw"}, "cid-sdk")
    assert client.call("GET", "/profile", token=created["accessToken"]).body["id"] == answer["userId"]
    assert client.call("POST", "/groups", {"name": "staff"}, token=created["accessToken"]).status == 201
    tokens = {t["name"]: t for t in client.call("GET", "/tokens", token=created["accessToken"]).body["tokens"]}
    assert tokens["activation"]["expires"] == answer["expires"] and tokens["activation"]["clientId"] == "cid-webadmin"
    state = client.control("GET", "/state")
    assert [(u["username"], u["role"], u["password"]) for u in state["users"]] == [("boss", "owner", "long-enough")]
    assert state["provisioning"]["activated"] is True
    # the dashboard's host is reserved, and its domain cannot be removed
    install = {"appStoreId": "io.gitea.cloudronapp", "subdomain": "my", "domain": "example.org", "accessRestriction": None}
    assert client.call("POST", "/apps", install, token=created["accessToken"]).body["message"] == "Bad location: my is reserved"
    assert client.call("DELETE", "/domains/example.org", token=created["accessToken"]).status == 409


def test_activation_token_expires(client, setup_client):
    unprovision(client, activation_token_seconds=0.5)
    set_up(client, setup_client)
    answer = activate(client).body
    assert answer["expires"] - time.time() * 1000 <= 500
    durable = client.call("POST", "/tokens", {"name": "automation"}, token=answer["token"]).body["accessToken"]
    limited = client.call("POST", "/tokens", {"name": "short", "expiresAt": int(time.time() * 1000) + 300},
                          token=answer["token"]).body["accessToken"]
    wait_for(lambda: client.call("GET", "/profile", token=answer["token"]).status == 401)
    assert client.call("GET", "/profile", token=answer["token"]).body == {"status": "Unauthorized", "message": "Token expired"}
    # API tokens past their expiresAt are gone, as before
    assert client.call("GET", "/profile", token=limited).body["message"] == "No such token"
    assert client.call("GET", "/profile", token=durable).status == 200


def test_listener_in_request_log(client, setup_client):
    unprovision(client)
    status(client)
    status(setup_client)
    setup_client.call("GET", "/profile")
    logged = [(r["listener"], r["path"], r["status"]) for r in client.control("GET", "/requests")["requests"]]
    assert logged == [("main", "/api/v1/cloudron/status", 503), ("setup", "/api/v1/cloudron/status", 200),
                      ("setup", "/api/v1/profile", 404)]


def test_faults_apply_on_both_listeners(client, setup_client):
    unprovision(client)
    client.control("POST", "/faults", {"path": "/api/v1/cloudron/status", "status": 502, "times": 2})
    assert status(client).status == status(setup_client).status == 502
    assert status(setup_client).status == 200


def test_bad_control_input(client):
    for body in ({"provisioned": "no"}, {"switches": {"setup_error": ""}}, {"switches": {"readiness_seconds": -1}},
                 {"switches": {"activation_token_seconds": 0}}):
        assert client.raw("POST", "/_control/reset", json.dumps(body).encode()).status == 400, body

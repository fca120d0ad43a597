# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Apps: install (both version modes), the app object, install errors, uninstall, the app's task, logs, visibility."""

import json
import time

import pytest

from cloudron.app_json import FIELDS

DOMAINS = {"domains": ["example.com", "example.org"]}


def install(client, store_id="org.wordpress.cloudronapp", subdomain="blog", domain="example.com", **extra):
    body = dict({"appStoreId": store_id, "subdomain": subdomain, "domain": domain, "accessRestriction": None}, **extra)
    return client.call("POST", "/apps", body)


def installed(client, store_id="org.wordpress.cloudronapp", subdomain="blog", **extra):
    status, payload = install(client, store_id, subdomain, **extra).outcome
    assert status == 202, payload
    assert client.wait(payload["taskId"])["success"]
    return payload["id"]


def test_install_lifecycle(client):
    client.control("POST", "/seed", DOMAINS)
    status, payload = install(client, "org.wordpress.cloudronapp@3.5.1").outcome
    assert status == 202 and set(payload) == {"id", "taskId"} and payload["taskId"].isdigit()
    app = client.call("GET", "/apps/" + payload["id"]).body
    assert list(app) == list(FIELDS)
    assert (app["installationState"], app["runState"], app["health"], app["taskId"]) == ("pending_install", "running", None, payload["taskId"])
    assert (app["fqdn"], app["manifest"]["version"], app["appStoreId"]) == ("blog.example.com", "3.5.1", "org.wordpress.cloudronapp")
    task = client.call("GET", "/tasks/" + payload["taskId"]).body
    assert task["type"] == "app" and task["args"][0] == payload["id"]
    assert client.wait(payload["taskId"])["success"]
    app = client.call("GET", "/apps/" + payload["id"]).body
    assert (app["installationState"], app["runState"], app["error"]) == ("installed", "running", None)
    time.sleep(0.15)    # health_seconds 2 at the tests' 0.05 s
    assert client.call("GET", "/apps/" + payload["id"]).body["health"] == "healthy"


def test_defaults(client):
    client.control("POST", "/seed", DOMAINS)
    app = client.call("GET", "/apps/" + installed(client)).body
    expected = {
        "memoryLimit": 0, "cpuQuota": 100, "enableBackup": True, "enableAutomaticUpdate": True, "sso": True, "enableMailbox": True,
        "mailboxName": "blog.app", "mailboxDomain": "example.com", "enableTurn": True, "enableRedis": True, "tags": [], "label": "",
        "crontab": None, "reverseProxyConfig": {"robotsTxt": "", "csp": "", "hstsPreload": False}, "accessRestriction": None,
        "operators": None, "debugMode": None, "ports": {}, "env": {}, "secondaryDomains": [], "redirectDomains": [], "aliasDomains": [],
        "enableInbox": False, "inboxName": None, "inboxDomain": None, "mounts": [], "storageVolumeId": None, "accessLevel": "admin",
    }
    assert {name: app[name] for name in expected} == expected
    assert app["iconUrl"] == "/api/v1/apps/%s/icon" % app["id"]
    assert client.call("GET", "/apps").body["apps"][0]["id"] == app["id"]


def test_install_options(client):
    client.control("POST", "/seed", DOMAINS)
    app_id = installed(client, "io.gitea.cloudronapp", "git", ports={"SSH_PORT": 2222}, label="Code", memoryLimit=536870912,
                       cpuQuota=50, sso=False, enableBackup=False, env={"GITEA_X": "1"}, enableMailbox=False,
                       aliasDomains=[{"domain": "example.org", "subdomain": "code"}],
                       secondaryDomains=[{"domain": "example.org", "subdomain": "cdn", "environmentVariable": "CDN_DOMAIN"}])
    app = client.call("GET", "/apps/" + app_id).body
    assert (app["ports"], app["label"], app["memoryLimit"], app["cpuQuota"], app["sso"], app["enableBackup"], app["env"]) == (
        {"SSH_PORT": 2222}, "Code", 536870912, 50, False, False, {"GITEA_X": "1"})
    assert (app["enableMailbox"], app["mailboxName"]) == (False, None)
    assert app["aliasDomains"] == [{"domain": "example.org", "subdomain": "code", "fqdn": "code.example.org"}]
    assert app["secondaryDomains"][0]["environmentVariable"] == "CDN_DOMAIN"


def test_install_custom_manifest(client):
    client.control("POST", "/seed", DOMAINS)
    manifest = {"id": "com.example.custom", "title": "Custom", "author": "Me", "description": "A custom app", "tagline": "custom",
                "version": "0.1.0", "manifestVersion": 2, "healthCheckPath": "/", "httpPort": 8000, "website": "https://example.com",
                "contactEmail": "me@example.com", "dockerImage": "me/custom:0.1.0", "addons": {}, "udpPorts": {"VOICE": {"title": "Voice"}}}
    body = {"manifest": manifest, "subdomain": "", "domain": "example.org", "accessRestriction": None, "ports": {"VOICE": 5000}}
    status, payload = client.call("POST", "/apps", body).outcome
    assert status == 202
    app = client.call("GET", "/apps/" + payload["id"]).body
    assert (app["appStoreId"], app["fqdn"], app["mailboxName"], app["ports"], app["sso"], app["iconUrl"]) == (
        "", "example.org", "custom.app", {"VOICE": 5000}, False, None)
    del manifest["website"]
    status, payload = client.call("POST", "/apps", dict(body, subdomain="x")).outcome
    assert (status, payload["message"]) == (400, "Manifest error: Missing required property: website")


@pytest.mark.parametrize("extra, status, message", [
    ({"domain": "nope.example"}, 404, "No such domain"),
    ({"store_id": "com.example.nothing"}, 404, "Failed to get app info from store. status: 404"),
    ({"store_id": "org.wordpress.cloudronapp@9.9.9"}, 404, "Failed to get app info from store. status: 404"),
    ({"subdomain": "my"}, 400, "Bad location: my is reserved"),
    ({"subdomain": "smtp"}, 400, "Bad location: smtp is reserved"),
    ({"subdomain": "-x"}, 400, "Bad location: Subdomain cannot start or end with hyphen or dot"),
    ({"subdomain": "a_b"}, 400, "Bad location: Subdomain can only contain alphanumeric, hyphen and dot"),
    ({"subdomain": "taken"}, 409, "Domain 'taken.example.com' is in use"),
    ({"aliasDomains": [{"domain": "example.com", "subdomain": "taken"}]}, 409, "Alternate domain 'taken.example.com' is in use"),
    ({"redirectDomains": [{"domain": "example.com", "subdomain": "www"}]}, 409, "Alternate domain 'www.example.com' is in use"),
    ({"store_id": "io.gitea.cloudronapp", "ports": {"NOPE": 2222}}, 400, "Invalid ports NOPE"),
    ({"store_id": "io.gitea.cloudronapp", "ports": {"SSH_PORT": 22}}, 409, "Port 22 is reserved."),
    ({"store_id": "io.gitea.cloudronapp", "ports": {"SSH_PORT": 29418}}, 409, "Port 29418 is already in use."),
    ({"store_id": "io.gitea.cloudronapp", "ports": {"SSH_PORT": 80000}}, 400, "80000 is not in permitted range"),
    ({"env": {"1BAD": "x"}}, 400, '"1BAD" is not a valid environment variable'),
    ({"env": {"A": 1}}, 400, "env must contain values as strings"),
    ({"memoryLimit": 1024}, 400, "memoryLimit too small"),
    ({"label": "x" * 129}, 400, "label must be less than 128"),
    ({"store_id": "io.cloudron.surfer", "sso": True}, 400, "sso can only be specified for apps with optionalSso"),
    ({"icon": "not base64!"}, 400, "icon is not base64"),
    ({"accessRestriction": {"users": [1]}}, 400, "accessRestriction.users[0] must be string"),
    ({"location": "blog"}, 400, "location is not allowed"),
])
def test_install_errors(client, extra, status, message):
    client.control("POST", "/seed", dict(DOMAINS, apps=[
        {"appStoreId": "io.gitea.cloudronapp", "subdomain": "taken", "domain": "example.com", "ports": {"SSH_PORT": 29418},
         "redirectDomains": [{"domain": "example.com", "subdomain": "www"}]}]))
    extra = dict(extra)
    store_id = extra.pop("store_id", "org.wordpress.cloudronapp")
    assert install(client, store_id, **extra).outcome == (status, {"status": reason(status), "message": message})
    assert len(client.call("GET", "/apps").body["apps"]) == 1


def reason(status):
    return {400: "Bad Request", 404: "Not Found", 409: "Conflict", 424: "Failed Dependency"}[status]


def test_install_required_fields(client):
    client.control("POST", "/seed", DOMAINS)
    base = {"appStoreId": "io.cloudron.surfer", "subdomain": "s", "domain": "example.com", "accessRestriction": None}
    for name in ("subdomain", "domain", "accessRestriction"):
        body = {k: v for k, v in base.items() if k != name}
        assert client.call("POST", "/apps", body).body["message"] == "%s is required" % name
    client.control("POST", "/tokens", {"token": "t-um", "username": "um", "role": "usermanager"})
    assert client.call("POST", "/apps", base, token="t-um").status == 403


@pytest.mark.parametrize("mode, message", [("unregistered", "Not registered"),
                                           ("unreachable", "Network error downloading manifest:getaddrinfo ENOTFOUND api.cloudron.io")])
def test_appstore_failures(client, mode, message):
    client.control("POST", "/seed", DOMAINS)
    client.control("POST", "/switches", {"appstore": mode})
    assert install(client).outcome == (424, {"status": "Failed Dependency", "message": message})
    assert client.call("GET", "/apps").body == {"apps": []}


def test_install_in_8_1_mode(client):
    client.control("POST", "/reset", {"version": "8.1.2"})
    client.control("POST", "/seed", DOMAINS)
    assert install(client).outcome == (404, {"status": "Not Found", "message": "No such route"})
    body = {"appStoreId": "io.gitea.cloudronapp", "subdomain": "git", "domain": "example.com", "accessRestriction": None,
            "portBindings": {"SSH_PORT": 2222}}
    status, payload = client.call("POST", "/apps/install", body).outcome
    assert status == 202
    app = client.call("GET", "/apps/" + payload["id"]).body
    assert (app["subdomain"], app["portBindings"], "location" in app, "ports" in app) == ("git", {"SSH_PORT": 2222}, False, False)
    # 8.0 and 8.1 say subdomain too; location is a 4.2/6.x name
    assert client.call("POST", "/apps/install", dict(body, location="x")).body["message"] == "location is not allowed"
    missing = {k: v for k, v in body.items() if k != "subdomain"}
    assert client.call("POST", "/apps/install", missing).body["message"] == "subdomain is required"
    status, payload = client.call("POST", "/apps/install", dict(body, subdomain="git2", portBindings={"NOPE": 2223})).outcome
    assert (status, payload["message"]) == (400, "Invalid portBindings NOPE")
    client.control("POST", "/reset", {})
    assert client.call("POST", "/apps/install", body, token=None).outcome[0] == 404


def test_uninstall(client):
    client.control("POST", "/seed", DOMAINS)
    app_id = installed(client)
    status, payload = client.call("POST", "/apps/%s/uninstall" % app_id).outcome
    assert status == 202 and set(payload) == {"taskId"}
    assert client.call("GET", "/apps/" + app_id).body["installationState"] == "pending_uninstall"
    assert client.wait(payload["taskId"])["success"]
    assert client.call("GET", "/apps/" + app_id).outcome == (404, {"status": "Not Found", "message": "App not found"})
    assert client.call("GET", "/apps").body == {"apps": []}
    assert client.call("POST", "/apps/%s/uninstall" % app_id).status == 404
    # the location is free again
    assert install(client).status == 202


def test_busy_app_rejects_operations(client):
    client.control("POST", "/seed", DOMAINS)
    task_id = install(client).body["taskId"]
    app_id = client.call("GET", "/apps").body["apps"][0]["id"]
    for path, body in (("uninstall", None), ("restart", None), ("configure/label", {"label": "x"}),
                       ("configure/memory_limit", {"memoryLimit": 0})):
        status, payload = client.call("POST", "/apps/%s/%s" % (app_id, path), body).outcome
        assert status == 409 and payload["message"].startswith("Locked by task %s" % task_id), path
    client.wait(task_id)
    assert client.call("POST", "/apps/%s/configure/label" % app_id, {"label": "x"}).status == 200


def test_app_task_route(client):
    client.control("POST", "/seed", DOMAINS)
    payload = install(client).body
    view = client.call("GET", "/apps/%s/task" % payload["id"]).body
    assert view["id"] == payload["taskId"]
    client.wait(payload["taskId"])
    assert client.call("GET", "/apps/%s/task" % payload["id"]).body["success"] is True
    client.control("POST", "/switches", {"app_keeps_last_task": False})
    assert client.call("GET", "/apps/%s/task" % payload["id"]).outcome == (400, {"status": "Bad Request", "message": "No active task"})
    assert client.call("GET", "/apps/" + payload["id"]).body["taskId"] is None


def test_logs(client):
    client.control("POST", "/seed", DOMAINS)
    app_id = installed(client)
    status, response, payload = client.call("GET", "/apps/%s/logs?lines=3" % app_id)
    assert status == 200 and response.getheader("Content-Type") == "application/x-logs"
    lines = [json.loads(line) for line in payload.decode().splitlines()]
    assert len(lines) == 3 and all(set(line) == {"realtimeTimestamp", "message", "source"} for line in lines)
    assert lines[0]["message"].startswith("==> Starting WordPress")
    everything = client.call("GET", "/apps/%s/logs?lines=-1" % app_id).body.decode().splitlines()
    assert any("Downloading image" in line for line in everything)
    assert client.call("GET", "/apps/%s/logs?lines=x" % app_id).status == 400


def test_icon(client):
    client.control("POST", "/seed", DOMAINS)
    app_id = installed(client)
    status, response, payload = client.call("GET", "/apps/%s/icon" % app_id)
    assert status == 200 and response.getheader("Content-Type") == "image/png" and payload.startswith(b"\x89PNG")


def test_visibility_and_access_levels(client):
    seeded = client.control("POST", "/seed", dict(DOMAINS, users=[{"username": "ann", "email": "ann@example.com"},
                                                                  {"username": "bob", "email": "bob@example.com"}],
                                                  groups=[{"name": "team", "members": ["bob"]}]))
    users = seeded["users"]
    client.control("POST", "/tokens", {"token": "t-ann", "username": "ann"})
    client.control("POST", "/tokens", {"token": "t-bob", "username": "bob"})
    open_id = installed(client, "io.cloudron.surfer", "open")
    team_id = installed(client, "io.cloudron.surfer", "team", accessRestriction={"users": [], "groups": [seeded["groups"]["team"]]})
    ops_id = installed(client, "io.cloudron.surfer", "ops", accessRestriction={"users": [users["bob"]], "groups": []})
    assert client.call("POST", "/apps/%s/configure/operators" % ops_id, {"operators": {"users": [users["ann"]]}}).status == 200
    ann = {a["id"]: a for a in client.call("GET", "/apps", token="t-ann").body["apps"]}
    assert set(ann) == {open_id, ops_id}
    assert ann[open_id]["accessLevel"] == "user" and "env" not in ann[open_id]
    assert ann[ops_id]["accessLevel"] == "operator" and "env" in ann[ops_id]
    bob = {a["id"] for a in client.call("GET", "/apps", token="t-bob").body["apps"]}
    assert bob == {open_id, team_id, ops_id}
    assert client.call("GET", "/apps/" + ops_id, token="t-ann").status == 200
    assert client.call("GET", "/apps/" + open_id, token="t-ann").status == 403
    assert client.call("POST", "/apps/%s/restart" % ops_id, token="t-ann").status == 202
    assert client.call("POST", "/apps/%s/uninstall" % ops_id, token="t-ann").status == 403
    assert client.call("POST", "/apps/%s/configure/operators" % ops_id, {"operators": None}, token="t-ann").status == 403

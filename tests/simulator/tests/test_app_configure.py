# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""App configure routes: instant settings (200) and settings applied by a task (202)."""

import base64
import json

import pytest

SEED = {"domains": ["example.com", "example.org"],
        "apps": [{"appStoreId": "io.gitea.cloudronapp", "subdomain": "git", "domain": "example.com", "ports": {"SSH_PORT": 2222}},
                 {"appStoreId": "io.cloudron.surfer", "subdomain": "files", "domain": "example.com"}]}


@pytest.fixture
def app_id(client):
    return client.control("POST", "/seed", SEED)["apps"]["git.example.com"]


def configure(client, app_id, setting, body):
    return client.call("POST", "/apps/%s/configure/%s" % (app_id, setting), body)


def get(client, app_id):
    return client.call("GET", "/apps/" + app_id).body


ICON = base64.b64encode(b"\x89PNG fake").decode()


@pytest.mark.parametrize("setting, body, field, value", [
    ("access_restriction", {"accessRestriction": {"users": ["uid-1"], "groups": []}}, "accessRestriction", {"users": ["uid-1"], "groups": []}),
    ("access_restriction", {"accessRestriction": None}, "accessRestriction", None),
    ("operators", {"operators": {"users": ["uid-1"]}}, "operators", {"users": ["uid-1"]}),
    ("label", {"label": "Code"}, "label", "Code"),
    ("tags", {"tags": ["dev", "git"]}, "tags", ["dev", "git"]),
    ("notes", {"notes": "Ask Ann"}, "notes", "Ask Ann"),
    ("automatic_backup", {"enable": False}, "enableBackup", False),
    ("automatic_update", {"enable": False}, "enableAutomaticUpdate", False),
    ("reverse_proxy", {"robotsTxt": "User-agent: *", "hstsPreload": True}, "reverseProxyConfig",
     {"robotsTxt": "User-agent: *", "csp": "", "hstsPreload": True}),
    ("crontab", {"crontab": "*/5 * * * * echo hi"}, "crontab", "*/5 * * * * echo hi"),
    ("upstream_uri", {"upstreamUri": "http://10.0.0.1:8080"}, "upstreamUri", "http://10.0.0.1:8080"),
])
def test_instant(client, app_id, setting, body, field, value):
    assert configure(client, app_id, setting, body).outcome == (200, {})
    app = get(client, app_id)
    assert app[field] == value and app["installationState"] == "installed" and app["taskId"] is None


def test_icon(client, app_id):
    assert configure(client, app_id, "icon", {"icon": ICON}).status == 200
    assert client.call("GET", "/apps/%s/icon" % app_id).body == b"\x89PNG fake"
    assert configure(client, app_id, "icon", {"icon": "%%%"}).body["message"] == "icon is not base64"
    assert configure(client, app_id, "icon", {"icon": None}).status == 200


@pytest.mark.parametrize("setting, body, message", [
    ("label", {"label": "x" * 129}, "label must be less than 128"),
    ("tags", {"tags": [""]}, "tags must be an array of non-empty strings"),
    ("tags", {"tags": ["t"] * 65}, "Can only set up to 64 tags"),
    ("label", {}, "label is required"),
    ("reverse_proxy", {"robotsTxt": "x" * 4097}, "robotsTxt must be less than 4096"),
    ("reverse_proxy", {"robotTxt": True}, "robotTxt is not allowed"),
    ("memory_limit", {"memoryLimit": 1000}, "memoryLimit too small"),
    ("cpu_quota", {"cpuQuota": 0}, "cpuQuota must be between 1 and 100"),
    ("env", {"env": {"bad-name": "x"}}, '"bad-name" is not a valid environment variable'),
    ("location", {"subdomain": "files", "domain": "example.com"}, "Domain 'files.example.com' is in use"),
    ("location", {"subdomain": "git", "domain": "nope.example"}, "No such domain"),
    ("location", {"subdomain": "git", "domain": "example.com", "ports": {"SSH_PORT": 25}}, "Port 25 is reserved."),
    ("inbox", {"enable": True}, "inboxName is required"),
    ("cert", {"domain": "example.org", "cert": "C", "key": "K"}, "No such location: example.org"),
    ("cert", {"subdomain": "git", "domain": "example.com", "cert": "C", "key": None}, "key must be provided"),
])
def test_bad_values(client, app_id, setting, body, message):
    status, payload = configure(client, app_id, setting, body).outcome
    assert status in (400, 404, 409) and payload["message"] == message
    assert get(client, app_id)["installationState"] == "installed"


@pytest.mark.parametrize("setting, body, pending, check", [
    ("memory_limit", {"memoryLimit": 536870912}, "pending_resize", {"memoryLimit": 536870912}),
    ("cpu_quota", {"cpuQuota": 25}, "pending_resize", {"cpuQuota": 25}),
    ("debug_mode", {"debugMode": {"cmd": ["/bin/bash"], "readonlyRootfs": True}}, "pending_debug",
     {"debugMode": {"cmd": ["/bin/bash"], "readonlyRootfs": True}}),
    ("env", {"env": {"GITEA__server__LFS": "true"}}, "pending_recreate_container", {"env": {"GITEA__server__LFS": "true"}}),
    ("turn", {"enable": False}, "pending_recreate_container", {"enableTurn": False}),
    ("redis", {"enable": False}, "pending_recreate_container", {"enableRedis": False}),
    ("mailbox", {"enable": True, "mailboxName": "code", "mailboxDomain": "example.org", "mailboxDisplayName": "Gitea"},
     "pending_recreate_container", {"mailboxName": "code", "mailboxDomain": "example.org", "mailboxDisplayName": "Gitea"}),
    ("mailbox", {"enable": False}, "pending_recreate_container", {"enableMailbox": False, "mailboxName": None}),
    ("inbox", {"enable": True, "inboxName": "issues", "inboxDomain": "example.com"}, "pending_recreate_container",
     {"enableInbox": True, "inboxName": "issues", "inboxDomain": "example.com"}),
    ("storage", {"storageVolumeId": "VOLUME", "storageVolumePrefix": "gitea"}, "pending_data_dir_migration",
     {"storageVolumeId": "VOLUME", "storageVolumePrefix": "gitea"}),
    ("mounts", {"mounts": [{"volumeId": "VOLUME", "readOnly": True}]}, "pending_recreate_container",
     {"mounts": [{"volumeId": "VOLUME", "readOnly": True}]}),
    ("location", {"subdomain": "code", "domain": "example.org", "ports": {"SSH_PORT": 2223},
                  "aliasDomains": [{"subdomain": "git", "domain": "example.org"}]}, "pending_location_change",
     {"fqdn": "code.example.org", "ports": {"SSH_PORT": 2223}, "mailboxName": "code.app", "mailboxDomain": "example.org",
      "aliasDomains": [{"subdomain": "git", "domain": "example.org", "fqdn": "git.example.org"}]}),
])
def test_task_settings(client, app_id, setting, body, pending, check):
    if "VOLUME" in json.dumps(body):
        # volumes referenced must exist
        seeded = client.control("POST", "/seed", {"volumes": [{"name": "data", "mountType": "filesystem",
                                                               "mountOptions": {"hostPath": "/srv/data"}}]})
        body, check = (json.loads(json.dumps(x).replace("VOLUME", seeded["volumes"]["data"])) for x in (body, check))
    before = get(client, app_id)
    status, payload = configure(client, app_id, setting, body).outcome
    assert status == 202 and set(payload) == {"taskId"}
    app = get(client, app_id)
    assert app["installationState"] == pending and app["taskId"] == payload["taskId"]
    assert {name: app[name] for name in check} == {name: before[name] for name in check}
    assert client.wait(payload["taskId"])["success"]
    app = get(client, app_id)
    assert app["installationState"] == "installed"
    assert {name: app[name] for name in check} == check


def test_cert(client, app_id):
    payload = configure(client, app_id, "cert", {"subdomain": "git", "domain": "example.com", "cert": "CERT", "key": "KEY"}).body
    client.wait(payload["taskId"])
    assert get(client, app_id)["certificate"] == {"cert": "CERT", "key": "\u25cf" * 8}
    payload = configure(client, app_id, "cert", {"subdomain": "git", "domain": "example.com", "cert": None, "key": None}).body
    client.wait(payload["taskId"])
    assert get(client, app_id)["certificate"] is None


def test_location_in_8_1_mode(client):
    client.control("POST", "/reset", {"version": "8.1.0"})
    app_id = client.control("POST", "/seed", SEED)["apps"]["git.example.com"]
    payload = configure(client, app_id, "location", {"subdomain": "code", "domain": "example.com", "portBindings": {"SSH_PORT": 2224}}).body
    client.wait(payload["taskId"])
    app = get(client, app_id)
    assert (app["subdomain"], app["portBindings"], app["fqdn"]) == ("code", {"SSH_PORT": 2224}, "code.example.com")
    assert configure(client, app_id, "location", {"location": "x", "domain": "example.com"}).body["message"] == "subdomain is required"


def test_instant_settings_while_busy(client, app_id):
    task_id = client.call("POST", "/apps/%s/backup" % app_id).body["taskId"]
    assert configure(client, app_id, "label", {"label": "x"}).status == 409
    client.control("POST", "/switches", {"busy_blocks_instant_configure": False})
    assert configure(client, app_id, "label", {"label": "x"}).status == 200
    assert configure(client, app_id, "memory_limit", {"memoryLimit": 0}).status == 409
    client.wait(task_id)
    assert get(client, app_id)["label"] == "x"

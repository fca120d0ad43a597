# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Control interface for apps: seeding, app faults, server-started app tasks, the state dump, health_seconds."""

import json
import time

import pytest

DOMAINS = ["example.com", "example.org"]


def test_seed_apps(client):
    result = client.control("POST", "/seed", {"domains": DOMAINS, "apps": [
        {"appStoreId": "org.wordpress.cloudronapp", "subdomain": "Blog", "domain": "example.com"},
        {"appStoreId": "io.gitea.cloudronapp", "version": "1.32.0", "subdomain": "git", "domain": "example.org",
         "ports": {"SSH_PORT": 29418}, "label": "Code", "memoryLimit": 536870912, "runState": "stopped"},
        {"appStoreId": "io.cloudron.surfer", "subdomain": "", "domain": "example.org", "installationState": "error",
         "error": {"reason": "External Error", "message": "Disk full", "installationState": "pending_backup"}},
    ]})
    assert set(result["apps"]) == {"blog.example.com", "git.example.org", "example.org"}
    apps = {a["fqdn"]: a for a in client.call("GET", "/apps").body["apps"]}
    blog = apps["blog.example.com"]
    assert (blog["installationState"], blog["runState"], blog["health"], blog["manifest"]["version"], blog["taskId"]) == (
        "installed", "running", "healthy", "3.6.0", None)
    git = apps["git.example.org"]
    assert (git["runState"], git["health"], git["label"], git["memoryLimit"], git["ports"], git["manifest"]["version"]) == (
        "stopped", None, "Code", 536870912, {"SSH_PORT": 29418}, "1.32.0")
    surfer = apps["example.org"]
    assert (surfer["installationState"], surfer["error"]["message"], surfer["mailboxName"]) == ("error", "Disk full", "surfer.app")
    state = client.control("GET", "/state")
    assert [a["fqdn"] for a in state["apps"]] == ["blog.example.com", "git.example.org", "example.org"]
    assert state["apps"][0]["id"] == result["apps"]["blog.example.com"]


@pytest.mark.parametrize("app, message", [
    ({"appStoreId": "io.cloudron.surfer", "subdomain": "a", "domain": "nope.example"}, "app a.nope.example: no domain nope.example"),
    ({"appStoreId": "com.example.none", "subdomain": "a", "domain": "example.com"}, "app a.example.com: unknown App Store app"),
    ({"appStoreId": "io.cloudron.surfer", "version": "0.1", "subdomain": "a", "domain": "example.com"}, "app a.example.com: unknown App Store app"),
    ({"subdomain": "a", "domain": "example.com"}, "app a.example.com: appStoreId or manifest is required"),
    ({"appStoreId": "io.cloudron.surfer", "subdomain": "a", "domain": "example.com", "colour": 1}, "app a.example.com: unknown field colour"),
    ({"appStoreId": "io.cloudron.surfer", "subdomain": "a", "domain": "example.com", "runState": "paused"}, "app a.example.com: runState"),
    ({"appStoreId": "io.cloudron.surfer", "domain": "example.com"}, "app: subdomain is required"),
])
def test_bad_app_seeds_change_nothing(client, app, message):
    client.control("POST", "/seed", {"domains": DOMAINS})
    before = client.control("GET", "/state")
    status, payload = client.raw("POST", "/_control/seed", json.dumps({"users": [{"email": "x@example.com"}], "apps": [
        {"appStoreId": "io.cloudron.surfer", "subdomain": "first", "domain": "example.com"}, app]}).encode()).outcome
    assert status == 400 and payload["message"].startswith(message), payload
    assert client.control("GET", "/state") == before


def test_duplicate_seed(client):
    app = {"appStoreId": "io.cloudron.surfer", "subdomain": "a", "domain": "example.com"}
    status, payload = client.raw("POST", "/_control/seed", json.dumps({"domains": DOMAINS, "apps": [app, app]}).encode()).outcome
    assert (status, payload["message"]) == (400, "duplicate app a.example.com")


def test_seed_in_8_1_names(client):
    client.control("POST", "/reset", {"version": "8.1.0"})
    client.control("POST", "/seed", {"domains": DOMAINS, "apps": [
        {"appStoreId": "io.gitea.cloudronapp", "subdomain": "git", "domain": "example.com", "portBindings": {"SSH_PORT": 2222}}]})
    app = client.call("GET", "/apps").body["apps"][0]
    assert (app["subdomain"], app["portBindings"]) == ("git", {"SSH_PORT": 2222})
    seeded = {"appStoreId": "io.cloudron.surfer", "location": "files", "domain": "example.com"}
    status, payload = client.raw("POST", "/_control/seed", json.dumps({"apps": [seeded]}).encode()).outcome
    assert (status, payload["message"]) == (400, "app: subdomain is required")


def test_app_faults_rules(client):
    client.control("POST", "/seed", {"domains": DOMAINS, "apps": [
        {"appStoreId": "io.cloudron.surfer", "subdomain": "a", "domain": "example.com"},
        {"appStoreId": "io.cloudron.surfer", "subdomain": "b", "domain": "example.com"}]})
    ids = {a["fqdn"]: a["id"] for a in client.call("GET", "/apps").body["apps"]}
    rule = client.control("POST", "/app_faults", {"operation": "restart", "fqdn": "B.example.com", "message": "boom", "times": 0})
    assert rule == {"operation": "restart", "fqdn": "b.example.com", "message": "boom", "reason": "External Error", "times": 0}
    assert client.wait(client.call("POST", "/apps/%s/restart" % ids["a.example.com"]).body["taskId"])["success"]
    for _attempt in range(2):
        task_id = client.call("POST", "/apps/%s/repair" % ids["b.example.com"]).body["taskId"]
        client.wait(task_id)
        assert not client.wait(client.call("POST", "/apps/%s/restart" % ids["b.example.com"]).body["taskId"])["success"]
    assert len(client.control("GET", "/app_faults")["app_faults"]) == 1
    client.control("DELETE", "/app_faults")
    assert client.control("GET", "/app_faults") == {"app_faults": []}
    for body in ({"operation": "explode", "message": "x"}, {"operation": "start"}, {"operation": "start", "message": "x", "times": -1},
                 {"operation": "start", "message": "x", "colour": "red"}):
        assert client.raw("POST", "/_control/app_faults", json.dumps(body).encode()).status == 400, body


def test_server_started_backup(client):
    app_id = client.control("POST", "/seed", {"domains": DOMAINS, "apps": [
        {"appStoreId": "org.wordpress.cloudronapp", "subdomain": "blog", "domain": "example.com"}]})["apps"]["blog.example.com"]
    task_id = client.control("POST", "/app_task", {"fqdn": "blog.example.com", "operation": "backup", "seconds": 1})["taskId"]
    app = client.call("GET", "/apps/" + app_id).body
    assert (app["installationState"], app["taskId"]) == ("pending_backup", task_id)
    assert client.call("GET", "/apps/%s/task" % app_id).body["id"] == task_id
    assert client.call("GET", "/tasks?type=app").body["tasks"][0]["id"] == task_id
    status, payload = client.call("POST", "/apps/%s/update" % app_id, {"appStoreId": "org.wordpress.cloudronapp"}).outcome
    assert status == 409 and payload["message"].startswith("Locked by task")
    assert client.raw("POST", "/_control/app_task", b'{"fqdn": "blog.example.com", "operation": "backup"}').status == 409
    assert client.wait(task_id)["success"]
    assert len(client.control("GET", "/state")["backups"]) == 1


def test_server_started_update(client):
    app_id = client.control("POST", "/seed", {"domains": DOMAINS, "apps": [
        {"appStoreId": "io.gitea.cloudronapp", "version": "1.32.0", "subdomain": "git", "domain": "example.com"}]})["apps"]["git.example.com"]
    task_id = client.control("POST", "/app_task", {"fqdn": "git.example.com", "operation": "update"})["taskId"]
    assert client.call("GET", "/apps/" + app_id).body["installationState"] == "pending_update"
    client.wait(task_id)
    assert client.call("GET", "/apps/" + app_id).body["manifest"]["version"] == "1.34.0"
    status, payload = client.raw("POST", "/_control/app_task", b'{"fqdn": "git.example.com", "operation": "update"}').outcome
    assert (status, payload["message"]) == (400, "app git.example.com has no update in the App Store")
    assert client.raw("POST", "/_control/app_task", b'{"fqdn": "nope.example.com", "operation": "update"}').status == 400
    assert client.raw("POST", "/_control/app_task", b'{"fqdn": "git.example.com", "operation": "restore"}').status == 400


def test_failed_server_task_is_visible(client):
    app_id = client.control("POST", "/seed", {"domains": DOMAINS, "apps": [
        {"appStoreId": "io.cloudron.surfer", "subdomain": "files", "domain": "example.com"}]})["apps"]["files.example.com"]
    client.control("POST", "/app_faults", {"operation": "backup", "message": "Backup storage unreachable"})
    task_id = client.control("POST", "/app_task", {"fqdn": "files.example.com", "operation": "backup"})["taskId"]
    task = client.wait(task_id)
    assert (task["success"], task["error"]["message"]) == (False, "Backup storage unreachable")
    app = client.call("GET", "/apps/" + app_id).body
    assert (app["installationState"], app["error"]["taskId"]) == ("error", task_id)
    logs = client.call("GET", "/tasks/%s/logs?lines=1" % task_id).body.decode()
    assert "Backup storage unreachable" in logs


def test_health_seconds(client):
    client.control("POST", "/switches", {"health_seconds": 0})
    app_id = client.control("POST", "/seed", {"domains": DOMAINS, "apps": [
        {"appStoreId": "io.cloudron.surfer", "subdomain": "files", "domain": "example.com"}]})["apps"]["files.example.com"]
    client.wait(client.call("POST", "/apps/%s/restart" % app_id).body["taskId"])
    assert client.call("GET", "/apps/" + app_id).body["health"] == "healthy"
    client.control("POST", "/switches", {"health_seconds": 10})
    client.wait(client.call("POST", "/apps/%s/restart" % app_id).body["taskId"])
    time.sleep(0.1)
    assert client.call("GET", "/apps/" + app_id).body["health"] is None
    assert client.raw("POST", "/_control/switches", b'{"health_seconds": -1}').status == 400


def test_reset_forgets_apps(client):
    client.control("POST", "/seed", {"domains": DOMAINS, "apps": [
        {"appStoreId": "io.cloudron.surfer", "subdomain": "files", "domain": "example.com"}]})
    client.control("POST", "/app_faults", {"operation": "start", "message": "x"})
    client.control("POST", "/reset", {})
    state = client.control("GET", "/state")
    assert (state["apps"], state["backups"], state["app_faults"]) == ([], [], [])

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""App operations: start, stop, restart, update, backup, restore, clone, repair, and failures."""

import re
import time

import pytest

SEED = {"domains": ["example.com", "example.org"],
        "apps": [{"appStoreId": "org.wordpress.cloudronapp", "version": "3.4.0", "subdomain": "blog", "domain": "example.com"}]}


@pytest.fixture
def app_id(client):
    return client.control("POST", "/seed", SEED)["apps"]["blog.example.com"]


def run(client, app_id, operation, body=None, status=202):
    result = client.call("POST", "/apps/%s/%s" % (app_id, operation), body)
    assert result.status == status, result.body
    return result.body, client.wait(result.body["taskId"])


def get(client, app_id):
    return client.call("GET", "/apps/" + app_id).body


def test_stop_start_restart(client, app_id):
    payload = client.call("POST", "/apps/%s/stop" % app_id).body
    app = get(client, app_id)
    assert (app["installationState"], app["runState"], app["taskId"]) == ("pending_stop", "running", payload["taskId"])
    client.wait(payload["taskId"])
    app = get(client, app_id)
    assert (app["installationState"], app["runState"], app["health"]) == ("installed", "stopped", None)
    task = run(client, app_id, "start")[1]
    assert task["success"]
    app = get(client, app_id)
    assert (app["runState"], app["health"]) == ("running", None)
    time.sleep(0.15)
    assert get(client, app_id)["health"] == "healthy"
    payload = client.call("POST", "/apps/%s/restart" % app_id).body
    assert get(client, app_id)["installationState"] == "pending_restart"
    client.wait(payload["taskId"])
    assert get(client, app_id)["runState"] == "running"


def test_backup_and_backups(client, app_id):
    task = run(client, app_id, "backup")[1]
    assert get(client, app_id)["installationState"] == "installed"
    backups = client.call("GET", "/apps/%s/backups" % app_id).body["backups"]
    assert len(backups) == 1 and backups[0]["id"] == task["result"]
    assert re.match(r"^app_%s_v3\.4\.0_[0-9a-f]{8}$" % app_id, backups[0]["id"])
    expected = {"creationTime", "packageVersion", "type", "state", "label", "preserveSecs", "identifier", "manifest"}
    assert expected <= set(backups[0])
    assert (backups[0]["type"], backups[0]["state"], backups[0]["packageVersion"]) == ("app", "normal", "3.4.0")
    body = {"label": "before upgrade", "preserveSecs": 86400}
    assert client.call("POST", "/apps/%s/backups/%s" % (app_id, backups[0]["id"]), body).outcome == (200, {})
    backup = client.call("GET", "/apps/%s/backups" % app_id).body["backups"][0]
    assert (backup["label"], backup["preserveSecs"]) == ("before upgrade", 86400)
    assert client.call("POST", "/apps/%s/backups/nope" % app_id, body).status == 404
    assert client.control("GET", "/state")["backups"][0]["id"] == backup["id"]


def test_backup_answers_no_task_id_when_switched(client, app_id):
    client.control("POST", "/switches", {"backup_answer": "empty"})
    assert client.call("POST", "/apps/%s/backup" % app_id).outcome == (202, {})
    # the task runs all the same, named by the app's taskId and listed with the app tasks
    app = get(client, app_id)
    assert app["installationState"] == "pending_backup" and app["taskId"]
    assert client.call("GET", "/apps/%s/task" % app_id).body["id"] == app["taskId"]
    assert client.call("GET", "/tasks?type=app&page=1&per_page=1").body["tasks"][0]["id"] == app["taskId"]
    task = client.wait(app["taskId"])
    assert task["success"] and client.call("GET", "/apps/%s/backups" % app_id).body["backups"][0]["id"] == task["result"]
    assert client.raw("POST", "/_control/switches", b'{"backup_answer": "none"}').status == 400


def test_update(client, app_id):
    payload = client.call("POST", "/apps/%s/update" % app_id, {"appStoreId": "org.wordpress.cloudronapp@3.6.0"}).body
    assert get(client, app_id)["installationState"] == "pending_update"
    assert client.wait(payload["taskId"])["success"]
    app = get(client, app_id)
    assert (app["installationState"], app["manifest"]["version"], app["appStoreId"]) == ("installed", "3.6.0", "org.wordpress.cloudronapp")
    # the update backed up the old version first
    assert [b["packageVersion"] for b in client.call("GET", "/apps/%s/backups" % app_id).body["backups"]] == ["3.4.0"]


def test_update_without_backup_to_latest(client, app_id):
    run(client, app_id, "update", {"appStoreId": "org.wordpress.cloudronapp", "skipBackup": True})
    assert get(client, app_id)["manifest"]["version"] == "3.6.0"
    assert client.call("GET", "/apps/%s/backups" % app_id).body["backups"] == []


@pytest.mark.parametrize("body, status, message", [
    ({"appStoreId": "org.wordpress.cloudronapp@3.4.0"}, 400, "Downgrades are not permitted for apps installed from AppStore. force to override"),
    ({"appStoreId": "io.cloudron.surfer@6.0.1"}, 400, "manifest id does not match. force to override"),
    ({"appStoreId": "org.wordpress.cloudronapp@1.0.0"}, 404, "Failed to get app info from store. status: 404"),
    ({"appStoreId": "x@1", "manifest": {}}, 400, "manifest is not allowed"),
])
def test_update_errors(client, app_id, body, status, message):
    assert client.call("POST", "/apps/%s/update" % app_id, body).outcome[0:2] == (status, {"status": client_reason(status), "message": message})


def client_reason(status):
    return {400: "Bad Request", 404: "Not Found", 409: "Conflict", 424: "Failed Dependency"}[status]


def test_update_force_and_debug_mode(client, app_id):
    run(client, app_id, "configure/debug_mode", {"debugMode": {"cmd": ["sleep", "infinity"], "readonlyRootfs": False}})
    status, payload = client.call("POST", "/apps/%s/update" % app_id, {"appStoreId": "org.wordpress.cloudronapp@3.5.1"}).outcome
    assert (status, payload["message"]) == (409, "debug mode enabled. force to override")
    run(client, app_id, "update", {"appStoreId": "org.wordpress.cloudronapp@3.4.0", "force": True})
    assert get(client, app_id)["manifest"]["version"] == "3.4.0"


def test_update_when_unregistered(client, app_id):
    client.control("POST", "/switches", {"appstore": "unregistered"})
    status, payload = client.call("POST", "/apps/%s/update" % app_id, {"appStoreId": "org.wordpress.cloudronapp@3.6.0"}).outcome
    assert (status, payload["message"]) == (424, "Not registered")


def test_restore(client, app_id):
    task = run(client, app_id, "backup")[1]
    run(client, app_id, "update", {"appStoreId": "org.wordpress.cloudronapp@3.5.1", "skipBackup": True})
    payload = client.call("POST", "/apps/%s/restore" % app_id, {"backupId": task["result"]}).body
    assert get(client, app_id)["installationState"] == "pending_restore"
    assert client.wait(payload["taskId"])["success"]
    assert get(client, app_id)["manifest"]["version"] == "3.4.0"
    status, payload = client.call("POST", "/apps/%s/restore" % app_id, {"backupId": "app_nope"}).outcome
    assert (status, payload["message"]) == (404, "Backup not found")


def test_clone(client, app_id):
    task = run(client, app_id, "backup")[1]
    assert client.call("POST", "/apps/%s/configure/label" % app_id, {"label": "Blog"}).status == 200
    body = {"backupId": task["result"], "subdomain": "copy", "domain": "example.org", "skipDnsSetup": True}
    status, payload = client.call("POST", "/apps/%s/clone" % app_id, body).outcome
    assert status == 201 and set(payload) == {"id", "taskId"} and payload["id"] != app_id
    clone = get(client, payload["id"])
    assert (clone["installationState"], clone["fqdn"], clone["label"], clone["mailboxName"]) == (
        "pending_clone", "copy.example.org", "Blog", "copy.app")
    assert client.wait(payload["taskId"])["success"]
    assert get(client, payload["id"])["installationState"] == "installed"
    status, payload = client.call("POST", "/apps/%s/clone" % app_id, dict(body, subdomain="blog", domain="example.com")).outcome
    assert (status, payload["message"]) == (409, "Domain 'blog.example.com' is in use")
    status, payload = client.call("POST", "/apps/%s/clone" % app_id, dict(body, backupId="nope")).outcome
    assert (status, payload["message"]) == (404, "Backup not found")


def test_clone_in_8_1_mode(client):
    client.control("POST", "/reset", {"version": "8.0.1"})
    app_id = client.control("POST", "/seed", SEED)["apps"]["blog.example.com"]
    task = run(client, app_id, "backup")[1]
    body = {"backupId": task["result"], "subdomain": "copy", "domain": "example.com", "portBindings": {}}
    assert client.call("POST", "/apps/%s/clone" % app_id, body).status == 201
    assert client.call("POST", "/apps/%s/clone" % app_id, dict(body, location="x")).body["message"] == "location is not allowed"
    assert client.call("POST", "/apps/%s/clone" % app_id, dict(body, ports={})).body["message"] == "ports is not allowed"


def test_failure_and_repair(client, app_id):
    client.control("POST", "/app_faults", {"operation": "restart", "fqdn": "blog.example.com", "message": "Container crashed",
                                           "reason": "Docker Error"})
    task = run(client, app_id, "restart")[1]
    assert (task["success"], task["error"]) == (False, {"message": "Container crashed", "code": "Docker Error"})
    app = get(client, app_id)
    assert app["installationState"] == "error"
    assert app["error"] == {"reason": "Docker Error", "message": "Container crashed", "taskId": task["id"],
                            "installationState": "pending_restart"}
    status, payload = client.call("POST", "/apps/%s/stop" % app_id).outcome
    assert (status, payload["message"]) == (409, "Not allowed in error state")
    task = run(client, app_id, "repair")[1]
    assert task["success"]
    app = get(client, app_id)
    assert (app["installationState"], app["error"], app["runState"]) == ("installed", None, "running")


def test_failed_configure_is_applied_by_repair(client, app_id):
    client.control("POST", "/app_faults", {"operation": "configure", "message": "Out of memory"})
    run(client, app_id, "configure/memory_limit", {"memoryLimit": 536870912})
    app = get(client, app_id)
    assert (app["installationState"], app["memoryLimit"], app["error"]["installationState"]) == ("error", 0, "pending_resize")
    # the same operation may run again in state error, and so may repair
    payload = client.call("POST", "/apps/%s/repair" % app_id).body
    assert get(client, app_id)["installationState"] == "pending_resize"
    client.wait(payload["taskId"])
    app = get(client, app_id)
    assert (app["installationState"], app["memoryLimit"]) == ("installed", 536870912)


def test_install_failure(client):
    client.control("POST", "/seed", {"domains": ["example.com"]})
    client.control("POST", "/app_faults", {"operation": "install", "message": "DNS record could not be added", "reason": "DNS Error"})
    body = {"appStoreId": "io.cloudron.surfer", "subdomain": "files", "domain": "example.com", "accessRestriction": None}
    payload = client.call("POST", "/apps", body).body
    task = client.wait(payload["taskId"])
    assert task["error"]["message"] == "DNS record could not be added"
    app = get(client, payload["id"])
    assert (app["installationState"], app["error"]["reason"], app["error"]["installationState"]) == ("error", "DNS Error", "pending_install")
    run(client, payload["id"], "repair")
    assert get(client, payload["id"])["installationState"] == "installed"


def test_stopped_task_puts_the_app_in_error(client, app_id):
    payload = client.call("POST", "/apps/%s/backup" % app_id).body
    assert client.call("POST", "/tasks/%s/stop" % payload["taskId"]).status == 204
    app = get(client, app_id)
    assert (app["installationState"], app["error"]["reason"], app["error"]["message"]) == (
        "error", "Task Error", "Task %s stopped" % payload["taskId"])
    # uninstall is allowed from the error state
    task = run(client, app_id, "uninstall")[1]
    assert task["success"] and client.call("GET", "/apps/" + app_id).status == 404

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The updater: offered updates, the check, the platform update task (backup, 409 busy, 422 up to date)."""

import json

import pytest

from conftest import RO
from storage_helpers import APPS, error, readonly_refused, user_refused


def test_nothing_offered(client):
    assert client.call("GET", "/updater/updates").outcome == (200, {"updates": {}})
    assert error(client, "POST", "/updater/update", {}) == (422, "No update available")


def test_offers_through_control(client):
    apps = client.control("POST", "/seed", APPS)["apps"]
    answer = client.control("POST", "/updates", {"box": {"version": "9.1.0", "changelog": ["Faster"]},
                                                 "apps": [{"fqdn": "git.example.com", "version": "1.34.0"}]})
    updates = client.call("GET", "/updater/updates").body["updates"]
    assert answer == {"updates": updates} and set(updates) == {"box", apps["git.example.com"]}
    assert updates["box"]["version"] == "9.1.0" and updates["box"]["changelog"] == ["Faster"] and updates["box"]["unstable"] is False
    app_update = updates[apps["git.example.com"]]
    assert app_update["id"] == "io.gitea.cloudronapp" and app_update["manifest"]["version"] == "1.34.0"
    assert client.control("GET", "/state")["updates"] == updates
    client.control("POST", "/updates", {"box": None})
    assert "box" not in client.call("GET", "/updater/updates").body["updates"]


def test_offers_not_newer_are_hidden(client):
    client.control("POST", "/seed", APPS)
    client.control("POST", "/updates", {"box": {"version": "9.0.15"}, "apps": [{"fqdn": "git.example.com", "version": "1.32.0"}]})
    assert client.call("GET", "/updater/updates").body == {"updates": {}}


def test_app_update_withdraws_the_offer(client):
    app_id = client.control("POST", "/seed", APPS)["apps"]["git.example.com"]
    client.control("POST", "/updates", {"apps": [{"fqdn": "git.example.com", "version": "1.34.0"}]})
    task_id = client.call("POST", "/apps/%s/update" % app_id, {"appStoreId": "io.gitea.cloudronapp@1.34.0"}).body["taskId"]
    assert client.wait(task_id)["success"]
    assert client.call("GET", "/updater/updates").body == {"updates": {}}


@pytest.mark.parametrize("answer", ["empty", "updates"])
def test_check_finds_store_updates(client, answer):
    client.control("POST", "/switches", {"check_updates_answer": answer})
    apps = client.control("POST", "/seed", APPS)["apps"]
    result = client.call("POST", "/updater/check_for_updates")
    updates = client.call("GET", "/updater/updates").body["updates"]
    assert result.outcome == (200, {} if answer == "empty" else {"updates": updates})
    assert {k: v["manifest"]["version"] for k, v in updates.items()} == {
        apps["git.example.com"]: "1.34.0", apps["blog.example.com"]: "3.6.0"}


def test_check_with_store_unreachable(client):
    client.control("POST", "/switches", {"appstore": "unreachable"})
    assert error(client, "POST", "/updater/check_for_updates") == (424, "Network error:getaddrinfo ENOTFOUND api.cloudron.io")


def test_update_with_backup(client):
    client.control("POST", "/seed", APPS)
    client.control("POST", "/updates", {"box": {"version": "9.1.0"}})
    result = client.call("POST", "/updater/update", {})
    assert result.status == 202 and set(result.body) == {"taskId"}
    task = client.wait(result.body["taskId"])
    assert task["type"] == "update" and task["args"] == [{"skipBackup": False}] and task["success"]
    assert client.call("GET", "/cloudron/status").body["version"] == "9.1.0"
    backups = client.call("GET", "/backups").body["backups"]
    assert backups[0]["id"].startswith("box_v9.0.15_") and len(backups) == 3
    assert client.call("GET", "/updater/updates").body == {"updates": {}}
    assert error(client, "POST", "/updater/update", {}) == (422, "No update available")


def test_update_skipping_backup(client):
    client.control("POST", "/updates", {"box": {"version": "10.0.0"}})
    task = client.wait(client.call("POST", "/updater/update", {"skipBackup": True}).body["taskId"])
    assert task["success"] and client.control("GET", "/state")["version"] == "10.0.0"
    assert client.call("GET", "/backups").body["backups"] == []


def test_failed_update_changes_nothing(client):
    client.control("POST", "/updates", {"box": {"version": "9.1.0"}})
    client.control("POST", "/task_faults", {"type": "update", "message": "Download failed"})
    task = client.wait(client.call("POST", "/updater/update", {}).body["taskId"])
    assert task["error"] == {"message": "Download failed", "code": None}
    assert client.control("GET", "/state")["version"] == "9.0.15"
    assert client.call("GET", "/updater/updates").body["updates"]["box"]["version"] == "9.1.0"
    assert client.call("GET", "/backups").body["backups"] == []


@pytest.mark.parametrize("first", ["/updater/update", "/backups/create"])
def test_busy(client, first):
    client.control("POST", "/updates", {"box": {"version": "9.1.0"}})
    task_id = client.call("POST", first, {} if first == "/updater/update" else None).body["taskId"]
    kind = "update" if first == "/updater/update" else "backup"
    message = "%s task %s is already running" % (kind, task_id)
    assert error(client, "POST", "/updater/update", {}) == (409, message)
    assert error(client, "POST", "/backups/create") == (409, message)


def test_bad_body(client):
    assert error(client, "POST", "/updater/update", {"skipBackup": "yes"}) == (400, "skipBackup must be boolean")


@pytest.mark.parametrize("method, path, body", [("POST", "/updater/update", {}), ("POST", "/updater/check_for_updates", None)])
def test_writes_refused(client, method, path, body):
    client.control("POST", "/updates", {"box": {"version": "9.1.0"}})
    assert readonly_refused(client, method, path, body)
    assert user_refused(client, method, path, body)
    assert client.call("GET", "/tasks").body["tasks"] == []


def test_reads(client):
    assert client.call("GET", "/updater/updates", token=RO).status == 200
    assert user_refused(client, "GET", "/updater/updates")


@pytest.mark.parametrize("body, message", [
    ({"box": {"version": "nine"}}, "box: version must look like 9.0.15, got 'nine'"),
    ({"box": {}}, "version is required"),
    ({"apps": [{"fqdn": "x.example.com", "version": "1"}]}, "app update x.example.com: no app x.example.com"),
    ({"apps": [{"fqdn": "git.example.com", "version": "9.9.9"}]},
     "app update git.example.com: the App Store has no version 9.9.9 of io.gitea.cloudronapp"),
])
def test_offer_errors(client, body, message):
    client.control("POST", "/seed", APPS)
    result = client.raw("POST", "/_control/updates", json.dumps(body).encode(), {})
    assert (result.status, result.body["message"]) == (400, message)
    assert client.call("GET", "/updater/updates").body == {"updates": {}}


def test_seeded_offers(client):
    client.control("POST", "/seed", dict(APPS, updates={"box": {"version": "9.2.0"}, "apps": [{"fqdn": "blog.example.com", "version": "3.6.0"}]}))
    assert len(client.call("GET", "/updater/updates").body["updates"]) == 2

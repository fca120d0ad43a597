# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-wide backups: list, full backup task, cleanup under the retention policy, label and preservation."""

import json
import time

import pytest

from conftest import RO
from storage_helpers import APPS, error, readonly_refused, user_refused


def _seeded(client, body=None):
    return client.control("POST", "/seed", dict(APPS, **(body or {})))


def test_full_backup_makes_app_and_box_backups(client):
    apps = _seeded(client)["apps"]
    result = client.call("POST", "/backups/create")
    assert result.status == 202 and set(result.body) == {"taskId"}
    task = client.wait(result.body["taskId"])
    assert task["type"] == "backup" and task["success"]
    backups = client.call("GET", "/backups").body["backups"]
    box, *app_backups = backups
    assert task["result"] == box["id"] and box["id"].startswith("box_v9.0.15_") and len(box["id"]) == len("box_v9.0.15_") + 8
    assert box["type"] == "box" and box["identifier"] == "box" and box["packageVersion"] == "9.0.15" and box["manifest"] is None
    assert sorted(box["dependsOn"]) == sorted(b["id"] for b in app_backups)
    assert sorted(b["identifier"] for b in app_backups) == sorted(apps.values())
    assert all(b["type"] == "app" and b["state"] == "normal" and b["format"] == "tgz" and b["encryptionVersion"] is None
               for b in app_backups)
    assert set(box) == {"id", "remotePath", "label", "identifier", "creationTime", "packageVersion", "type", "state", "format",
                        "preserveSecs", "encryptionVersion", "dependsOn", "manifest", "stats"}


def test_app_backups_show_in_the_list(client):
    app_id = _seeded(client)["apps"]["git.example.com"]
    task_id = client.call("POST", "/apps/%s/backup" % app_id).body["taskId"]
    assert client.wait(task_id)["success"]
    backups = client.call("GET", "/backups").body["backups"]
    assert [(b["type"], b["identifier"]) for b in backups] == [("app", app_id)]
    assert client.call("GET", "/apps/%s/backups" % app_id).body["backups"] == backups


def test_list_is_newest_first_and_paged(client):
    _seeded(client, {"backups": [{"type": "box", "creationTime": "2024-01-0%dT00:00:00.000Z" % day} for day in (1, 2, 3)]})
    ids = [b["id"] for b in client.call("GET", "/backups").body["backups"]]
    state_ids = [b["id"] for b in client.control("GET", "/state")["backups"]]
    assert ids == list(reversed(state_ids))
    assert [b["id"] for b in client.call("GET", "/backups?page=2&per_page=2").body["backups"]] == ids[2:]
    assert error(client, "GET", "/backups?page=0") == (400, "page query param has to be a postive number")


def test_backup_follows_storage_format_and_encryption(client):
    _seeded(client, {"backup_config": {"provider": "filesystem", "format": "rsync", "backupFolder": "/b", "password": "secret-pw",
                                       "encryptedFilenames": True}})
    assert client.wait(client.call("POST", "/backups/create").body["taskId"])["success"]
    assert {(b["format"], b["encryptionVersion"]) for b in client.call("GET", "/backups").body["backups"]} == {("rsync", 2)}


def test_only_installed_apps_are_backed_up(client):
    body = {"domains": ["example.com"], "apps": [{"appStoreId": "io.gitea.cloudronapp", "subdomain": "git", "domain": "example.com",
                                                  "installationState": "error"}]}
    client.control("POST", "/seed", body)
    assert client.wait(client.call("POST", "/backups/create").body["taskId"])["success"]
    assert [b["type"] for b in client.call("GET", "/backups").body["backups"]] == ["box"]


@pytest.mark.parametrize("first", ["/backups/create", "/backups/cleanup"])
@pytest.mark.parametrize("second", ["/backups/create", "/backups/cleanup"])
def test_one_backup_task_at_a_time(client, first, second):
    task_id = client.call("POST", first).body["taskId"]
    kind = "backup" if first.endswith("create") else "cleanBackups"
    assert error(client, "POST", second) == (409, "%s task %s is already running" % (kind, task_id))
    client.wait(task_id)
    assert client.call("POST", second).status == 202


def test_failed_backup_changes_nothing(client):
    _seeded(client)
    client.control("POST", "/task_faults", {"type": "backup", "message": "Upload failed"})
    task = client.wait(client.call("POST", "/backups/create").body["taskId"])
    assert not task["success"] and task["error"] == {"message": "Upload failed", "code": None} and task["result"] is None
    assert client.call("GET", "/backups").body["backups"] == []


def test_stopped_backup_changes_nothing(client):
    client.control("POST", "/switches", {"task_seconds": 1})
    task_id = client.call("POST", "/backups/create").body["taskId"]
    assert client.call("POST", "/tasks/%s/stop" % task_id).status == 204
    client.control("POST", "/switches", {"task_seconds": 0.05})
    assert client.wait(task_id, timeout=10)["error"]["code"] == "stopped"
    assert client.call("GET", "/backups").body["backups"] == []


def test_label_and_preserve(client):
    backup_id = _seeded(client, {"backups": [{"type": "box"}]})["backups"][0]
    assert client.call("POST", "/backups/" + backup_id, {"label": "before upgrade"}).outcome == (200, {})
    assert client.call("POST", "/backups/" + backup_id, {"preserveSecs": -1}).outcome == (200, {})
    backup = client.call("GET", "/backups").body["backups"][0]
    assert (backup["label"], backup["preserveSecs"]) == ("before upgrade", -1)


@pytest.mark.parametrize("body, status, message", [
    ({"label": 5}, 400, "label must be string"),
    ({"preserveSecs": "x"}, 400, "preserveSecs must be number"),
    ({"color": "red"}, 400, "color is not allowed"),
])
def test_label_bad_input(client, body, status, message):
    backup_id = _seeded(client, {"backups": [{"type": "box"}]})["backups"][0]
    assert error(client, "POST", "/backups/" + backup_id, body) == (status, message)


def test_unknown_backup(client):
    assert error(client, "POST", "/backups/box_v1_00000000", {"label": "x"}) == (404, "Backup not found")


def _ago(days):
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() - days * 86400))


def test_cleanup_keeps_within_retention(client):
    seeded = _seeded(client, {"backups": [
        {"type": "app", "app": "git.example.com", "creationTime": _ago(10)},
        {"type": "box", "creationTime": _ago(10)},
        {"type": "box", "creationTime": _ago(9), "preserveSecs": -1},
        {"type": "box", "creationTime": _ago(8), "preserveSecs": 30 * 86400},
        {"type": "box", "creationTime": _ago(1)},
        {"type": "box", "creationTime": _ago(0.5)},
    ]})
    ids = seeded["backups"]
    task = client.wait(client.call("POST", "/backups/cleanup").body["taskId"])
    assert task["type"] == "cleanBackups" and task["success"] and sorted(task["result"]) == sorted([ids[0], ids[1]])
    assert sorted(b["id"] for b in client.call("GET", "/backups").body["backups"]) == sorted(ids[2:])


def test_cleanup_keeps_newest_and_its_app_backups(client):
    client.control("POST", "/seed", APPS)
    client.call("POST", "/backups/policy", {"retention": {"keepWithinSecs": 1}})
    old = client.control("POST", "/seed", {"backups": [{"type": "app", "app": "git.example.com", "creationTime": _ago(5)}]})["backups"]
    box = client.control("POST", "/seed", {"backups": [{"type": "box", "creationTime": _ago(4), "dependsOn": old}]})["backups"]
    assert client.wait(client.call("POST", "/backups/cleanup").body["taskId"])["result"] == []
    assert {b["id"] for b in client.call("GET", "/backups").body["backups"]} == set(old + box)


def test_cleanup_keep_daily(client):
    client.call("POST", "/backups/policy", {"retention": {"keepDaily": 2}})
    ids = client.control("POST", "/seed", {"backups": [
        {"type": "box", "creationTime": "2024-01-01T01:00:00.000Z"},
        {"type": "box", "creationTime": "2024-01-02T01:00:00.000Z"},
        {"type": "box", "creationTime": "2024-01-03T01:00:00.000Z"},
        {"type": "box", "creationTime": "2024-01-03T02:00:00.000Z"},
    ]})["backups"]
    assert client.wait(client.call("POST", "/backups/cleanup").body["taskId"])["result"] == ids[:1] + ids[2:3]


def test_failed_cleanup_removes_nothing(client):
    ids = client.control("POST", "/seed", {"backups": [{"type": "box", "creationTime": _ago(days)} for days in (9, 8)]})["backups"]
    client.control("POST", "/task_faults", {"type": "cleanBackups", "message": "Storage error"})
    assert not client.wait(client.call("POST", "/backups/cleanup").body["taskId"])["success"]
    assert len(client.call("GET", "/backups").body["backups"]) == len(ids)


@pytest.mark.parametrize("method, path, body", [
    ("POST", "/backups/create", None), ("POST", "/backups/cleanup", None), ("POST", "/backups/box_v1_0", {"label": "x"}),
])
def test_writes_refused_to_readonly_tokens(client, method, path, body):
    assert readonly_refused(client, method, path, body)
    assert client.call("GET", "/tasks").body["tasks"] == []


@pytest.mark.parametrize("method, path", [("GET", "/backups"), ("POST", "/backups/create"), ("POST", "/backups/cleanup")])
def test_admin_only(client, method, path):
    assert user_refused(client, method, path)


def test_readonly_token_reads(client):
    assert client.call("GET", "/backups", token=RO).outcome == (200, {"backups": []})


@pytest.mark.parametrize("spec, message", [
    ({"type": "disk"}, 'backups[0]: type must be "box" or "app"'),
    ({"type": "app", "app": "nope.example.com"}, "backups[0]: no app nope.example.com"),
    ({"type": "box", "dependsOn": ["x"]}, "backups[0]: no backup x"),
    ({"type": "box", "creationTime": "yesterday"}, "backups[0]: creationTime must look like 2024-05-11T21:35:48.000Z"),
])
def test_seed_errors(client, spec, message):
    result = client.raw("POST", "/_control/seed", json.dumps({"backups": [spec]}).encode(), {})
    assert (result.status, result.body["message"]) == (400, message)
    assert client.control("GET", "/state")["backups"] == []

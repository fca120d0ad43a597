# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Full backups and the cleanup as tasks (started, or resumed when one runs), and labels and preservation of a
backup as idempotent updates."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.backups import FOREVER, BackupRun, preserve_secs
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError, ServerDataError, TaskFailed, WaitTimeout
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

APP_BACKUP = {"id": "app_a1_v1.0.0_0000000a", "type": "app", "identifier": "a1", "creationTime": "2026-11-30T03:00:00.000Z",
              "label": "", "preserveSecs": 0, "dependsOn": [], "manifest": {"id": "org.example.app"}}
BOX_BACKUP = {"id": "box_v9.0.15_0000000b", "type": "box", "identifier": "box", "creationTime": "2026-11-30T03:00:01.000Z",
              "label": "", "preserveSecs": 0, "dependsOn": [APP_BACKUP["id"]], "manifest": None}
OLD_BACKUP = dict(BOX_BACKUP, id="box_v9.0.14_00000001", creationTime="2026-11-01T03:00:00.000Z", dependsOn=[])
DONE = {"id": "9", "type": "backup", "active": False, "pending": False, "success": True, "percent": 100, "message": "Done",
        "result": BOX_BACKUP["id"], "error": None}
RUNNING = dict(DONE, active=True, success=False, percent=40, message="Uploading", result=None)


def make(check_mode=False, wait=True, timeout=60, **extra):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/backups", (200, {"backups": [OLD_BACKUP]}), (200, {"backups": [BOX_BACKUP, APP_BACKUP, OLD_BACKUP]}))
    server.on("GET", "/tasks", (200, {"tasks": [dict(DONE, id="3")]}))
    server.on("POST", "/backups/create", (202, {"taskId": "9"}))
    server.on("POST", "/backups/cleanup", (202, {"taskId": "9"}))
    server.on("GET", "/tasks/9", (200, DONE))
    server.on("POST", "/backups/%s" % BOX_BACKUP["id"], (200, {}))
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode)
    params = {"backup_id": None, "cleanup": False, "label": None, "preserve": None, "wait": wait, "wait_timeout": timeout}
    params.update(extra)
    return BackupRun(params, check_mode), ctx, server


def paths(server, method=None):
    return [entry[1][len("/api/v1"):].split("?")[0] for entry in server.log if method is None or entry[0] == method]


def test_a_backup_is_started_waited_on_and_returned_with_its_app_backups():
    run, ctx, server = make()
    result = run.run(ctx)
    assert paths(server) == ["/backups", "/tasks", "/cloudron/status", "/backups/create", "/tasks/9", "/backups"]
    assert "type=backup" in server.log[1][1]
    assert result["changed"] is True and result["resumed"] is False and result["task_id"] == "9"
    assert result["backup"]["id"] == BOX_BACKUP["id"]
    assert [backup["id"] for backup in result["app_backups"]] == [APP_BACKUP["id"]]
    assert result["app_backups"][0]["app_id"] == "a1" and result["app_backups"][0]["app_store_id"] == "org.example.app"


def test_a_running_backup_is_resumed_not_started_twice():
    run, ctx, server = make()
    server.on("GET", "/tasks", (200, {"tasks": [RUNNING]}))
    server.on("GET", "/tasks/9", (200, RUNNING), (200, DONE))
    result = run.run(ctx)
    assert "/backups/create" not in paths(server)
    assert result["resumed"] is True and result["task_id"] == "9"
    assert result["backup"]["id"] == BOX_BACKUP["id"]


def test_a_backup_finished_before_it_was_looked_up_is_found_and_reported_done():
    # the answer carries no taskId and the task is already over: the newest finished one, newer than the start, is it
    run, ctx, server = make()
    server.on("POST", "/backups/create", (202, {}))
    server.on("GET", "/tasks", (200, {"tasks": [dict(DONE, id="3")]}), (200, {"tasks": [DONE]}))
    result = run.run(ctx)
    assert result["changed"] is True and result["task_id"] == "9"
    assert result["backup"]["id"] == BOX_BACKUP["id"]


def test_an_answer_without_a_task_and_no_newer_task_is_an_error():
    run, ctx, server = make()
    server.on("POST", "/backups/create", (202, {}))
    with pytest.raises(ServerDataError) as error:
        run.run(ctx)
    assert "started no backup task that can be found" in str(error.value)


def test_check_mode_reads_and_writes_nothing():
    run, ctx, server = make(check_mode=True)
    result = run.run(ctx)
    assert server.writes() == []
    assert result["changed"] is True and result["task_id"] is None and result["backup"] is None
    run, ctx, server = make(check_mode=True)
    server.on("GET", "/tasks", (200, {"tasks": [RUNNING]}))
    assert run.run(ctx)["task_id"] == "9"
    assert "/tasks/9" not in paths(server)


def test_a_busy_server_is_explained():
    run, ctx, server = make()
    server.on("POST", "/backups/create", (409, {"status": "Conflict", "message": "update task 4 is already running"}))
    with pytest.raises(ResourceError) as error:
        run.run(ctx)
    assert "the server is busy" in str(error.value) and "update task 4 is already running" in str(error.value)


def test_a_failed_backup_task_fails_with_its_error():
    run, ctx, server = make()
    server.on("GET", "/tasks/9", (200, dict(DONE, success=False, error={"message": "Storage full"})))
    server.on("GET", "/tasks/9/logs", (200, ""))
    with pytest.raises(TaskFailed) as error:
        run.run(ctx)
    assert "Storage full" in str(error.value) and run.task.task_id == "9"


def test_a_timeout_says_a_re_run_resumes():
    run, ctx, server = make(timeout=0)
    server.on("GET", "/tasks/9", (200, RUNNING))
    with pytest.raises(WaitTimeout) as error:
        run.run(ctx)
    assert "a re-run resumes waiting" in str(error.value)


def test_without_wait_the_task_id_comes_back_at_once():
    run, ctx, server = make(wait=False)
    result = run.run(ctx)
    assert result["task_id"] == "9" and result["backup"] is None
    assert "/tasks/9" not in paths(server)


def test_the_new_backup_gets_its_label_and_preservation():
    run, ctx, server = make(label="before the upgrade", preserve=True)
    result = run.run(ctx)
    assert [(entry[1][len("/api/v1"):], entry[3]) for entry in server.writes()][-1] == (
        "/backups/%s" % BOX_BACKUP["id"], {"label": "before the upgrade", "preserveSecs": FOREVER})
    assert result["backup"]["label"] == "before the upgrade" and result["backup"]["preserve_secs"] == FOREVER
    assert result["changed_settings"] == ["label", "preserve_secs"]


def test_editing_a_backup_is_idempotent():
    run, ctx, server = make(backup_id=BOX_BACKUP["id"], label="", preserve=0)
    server.on("GET", "/backups", (200, {"backups": [BOX_BACKUP]}))
    result = run.run(ctx)
    assert result["changed"] is False and paths(server) == ["/backups"]
    run, ctx, server = make(backup_id=BOX_BACKUP["id"], preserve="86400")
    server.on("GET", "/backups", (200, {"backups": [dict(BOX_BACKUP, label="keep")]}))
    result = run.run(ctx)
    assert result["changed"] is True and result["changed_settings"] == ["preserve_secs"]
    # both values go: the one not changed as the server has it
    assert server.writes()[0][3] == {"label": "keep", "preserveSecs": 86400}
    assert result["diff"] == {"before": {"label": "keep", "preserve_secs": 0}, "after": {"label": "keep", "preserve_secs": 86400}}


def test_an_unknown_backup_is_an_error_naming_it():
    run, ctx, server = make(backup_id="box_v1_nope", label="x")
    with pytest.raises(ResourceError) as error:
        run.run(ctx)
    assert "no backup 'box_v1_nope'" in str(error.value)
    assert server.writes() == []


def test_the_cleanup_is_a_task_of_its_own_type():
    run, ctx, server = make(cleanup=True)
    result = run.run(ctx)
    assert "type=cleanBackups" in server.log[0][1]
    assert paths(server, "POST") == ["/backups/cleanup"]
    assert result["changed"] is True and result["task_id"] == "9"


@pytest.mark.parametrize("value, secs", [
    (True, FOREVER), ("forever", FOREVER), (-1, FOREVER), ("-1", FOREVER), (False, 0), ("no", 0), (3600, 3600), ("60", 60),
])
def test_preserve_values(value, secs):
    assert preserve_secs(value) == secs


@pytest.mark.parametrize("value", ["soon", -5, -2, 1.5])
def test_bad_preserve_values(value):
    with pytest.raises(ValueError):
        preserve_secs(value)

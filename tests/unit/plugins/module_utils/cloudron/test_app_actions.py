# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One-off app actions: everything checked before the first write (also in check mode), then backup, update, restore,
clone and repair as tasks, with the backup made by this run, never an older one."""

from __future__ import annotations

import functools

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron import apps as apps_module
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_actions import run_action
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import REDACTED
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import wait_for_task
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

GITEA = "io.gitea.cloudronapp"
DB_SECRET = "s3cret-db-password"
OLD = {"id": "backup-old", "creationTime": "2026-03-01T02:00:00.000Z"}
OLDER = {"id": "backup-older", "creationTime": "2026-02-28T02:00:00.000Z"}
NEW = {"id": "backup-new", "creationTime": "2026-03-02T10:00:00.000Z"}
DONE = {"active": False, "pending": False, "success": True, "percent": 100, "message": "Done"}
ERROR_STATE = {"installationState": "error", "error": {"message": "Docker image not found"}}
TASK_PATHS = ("/api/v1/tasks/7", "/api/v1/tasks/8")


@pytest.fixture(autouse=True)
def instant_task_waits(monkeypatch):
    """Task polls of the app resource do not really sleep."""
    monkeypatch.setattr(apps_module, "wait_for_task", functools.partial(wait_for_task, sleep=lambda seconds: None))


def installed(**extra):
    """An installed app as a 9.x server answers it."""
    app = {"id": "app-1", "appStoreId": GITEA, "manifest": {"id": GITEA, "version": "1.34.0"}, "subdomain": "git",
           "domain": "example.com", "fqdn": "git.example.com", "accessRestriction": None, "ports": {},
           "env": {"LOG_LEVEL": "debug", "DB_PASSWORD": DB_SECRET}, "installationState": "installed", "runState": "running",
           "health": "healthy", "error": None, "taskId": None}
    app.update(extra)
    return app


CLONE = installed(id="app-2", subdomain="git-staging", fqdn="git-staging.example.com")


def make(version="9.0.15", app=None, backups=(OLD,)):
    """A context on a fake server with one app (``app``: how it differs from an installed one) and its backups."""
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": version}))
    server.on("GET", "/apps", (200, {"apps": [installed(**(app or {}))]}))
    server.on("GET", "/apps/app-1", (200, installed()))
    server.on("GET", "/apps/app-1/backups", (200, {"backups": list(backups)}))
    server.on("GET", "/apps/app-2", (200, CLONE))
    server.on("GET", "/appstore/apps/" + GITEA, (200, {"id": GITEA, "manifest": {"id": GITEA, "version": "1.35.0"}}))
    server.on("GET", "/tasks/7", (200, dict(DONE, id="7")))
    server.on("GET", "/tasks/8", (200, dict(DONE, id="8")))
    return CloudronContext(CloudronClient(http)), server


def params(action, **extra):
    """The module's parameters with their defaults."""
    result = {"fqdn": "git.example.com", "app_id": None, "action": action, "version": None, "skip_backup": False, "backup_id": None,
              "clone_subdomain": "", "clone_domain": None, "wait": True, "wait_timeout": 900}
    result.update(extra)
    return result


def posted(server):
    return [(entry[1], entry[3]) for entry in server.writes()]


def polled(server):
    return [entry[1] for entry in server.log if entry[1] in TASK_PATHS]


# -- what is checked before the first write ---------------------------------------------------------


@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check-mode"])
@pytest.mark.parametrize("lookup,message", [
    ({"fqdn": " Wiki.Example.com "}, "no app at wiki.example.com"),
    ({"fqdn": None, "app_id": "app-9"}, "no app with id 'app-9'"),
], ids=["by-fqdn", "by-app-id"])
def test_a_missing_app_is_an_error_before_any_write(lookup, message, check_mode):
    ctx, server = make()
    with pytest.raises(ResourceError) as caught:
        run_action(ctx, params("backup", **lookup), check_mode)
    assert str(caught.value) == message
    assert server.writes() == []


@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check-mode"])
@pytest.mark.parametrize("action,extra", [
    ("backup", {}), ("update", {}), ("restore", {}), ("clone", {"clone_domain": "example.com", "clone_subdomain": "copy"}),
])
def test_an_app_in_an_error_state_is_refused_for_every_action_but_repair(action, extra, check_mode):
    ctx, server = make(app=ERROR_STATE)
    with pytest.raises(ResourceError) as caught:
        run_action(ctx, params(action, **extra), check_mode)
    assert str(caught.value) == "app git.example.com is in an error state: Docker image not found; repair it first (action=repair)"
    assert server.writes() == []


@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check-mode"])
@pytest.mark.parametrize("action,extra", [("restore", {}), ("clone", {"clone_domain": "example.com", "clone_subdomain": "copy"})])
def test_a_backup_the_app_does_not_have_is_refused(action, extra, check_mode):
    ctx, server = make(backups=(OLD, NEW))
    with pytest.raises(ResourceError) as caught:
        run_action(ctx, params(action, backup_id="backup-gone", **extra), check_mode)
    assert str(caught.value) == "app git.example.com has no backup 'backup-gone'"
    assert server.writes() == []


@pytest.mark.parametrize("action,extra", [("restore", {}), ("clone", {"clone_domain": "example.com", "clone_subdomain": "copy"})])
def test_restoring_or_cloning_an_app_without_backups_asks_for_one_first(action, extra):
    ctx, server = make(backups=())
    with pytest.raises(ResourceError) as caught:
        run_action(ctx, params(action, **extra))
    assert str(caught.value) == "app git.example.com has no backup yet; run action=backup first or give backup_id"
    assert server.writes() == []


@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check-mode"])
def test_a_clone_onto_a_location_an_app_already_has_is_refused(check_mode):
    ctx, server = make()
    server.on("GET", "/apps", (200, {"apps": [installed(), CLONE]}))
    with pytest.raises(ResourceError) as caught:
        run_action(ctx, params("clone", clone_subdomain=" Git-Staging", clone_domain="Example.com"), check_mode)
    assert str(caught.value) == "cannot clone git.example.com to git-staging.example.com: an app is already there"
    assert server.writes() == []


@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check-mode"])
def test_an_update_the_app_store_cannot_name_a_version_for_fails_before_any_write(check_mode):
    ctx, server = make()
    server.on("GET", "/appstore/apps/" + GITEA, (424, {"status": "Failed Dependency", "message": "Cloudron not registered"}))
    with pytest.raises(ApiError) as caught:
        run_action(ctx, params("update"), check_mode)
    assert (caught.value.status, caught.value.hint) == (
        424, "this Cloudron is not registered with the App Store: sign in to cloudron.io from the dashboard, then re-run")
    assert server.writes() == []


# -- check mode ------------------------------------------------------------------------------------


@pytest.mark.parametrize("action,extra,backup", [
    ("backup", {}, {}),
    ("update", {}, {}),
    ("restore", {}, {"backup_id": "backup-new"}),
    ("restore", {"backup_id": "backup-old"}, {"backup_id": "backup-old"}),
    ("clone", {"clone_domain": "example.com", "clone_subdomain": "copy"}, {"backup_id": "backup-new"}),
    ("repair", {}, {}),
])
def test_check_mode_sends_no_write_and_reports_the_app_no_task_and_the_backup_it_would_use(action, extra, backup):
    ctx, server = make(backups=(OLD, NEW))
    result = run_action(ctx, params(action, **extra), check_mode=True)
    assert dict((key, value) for key, value in result.items() if key != "app") == dict(backup, task_id=None)
    assert (result["app"]["fqdn"], result["app"]["installation_state"], result["app"]["env"]) == (
        "git.example.com", "installed", {"LOG_LEVEL": REDACTED, "DB_PASSWORD": REDACTED})
    assert server.writes() == []


def test_check_mode_of_an_update_reads_the_version_it_would_update_to():
    ctx, server = make()
    run_action(ctx, params("update"), check_mode=True)
    assert ("GET", "/api/v1/appstore/apps/" + GITEA) in [entry[:2] for entry in server.log]


def test_check_mode_repairs_nothing_on_an_app_in_an_error_state():
    ctx, server = make(app=ERROR_STATE)
    result = run_action(ctx, params("repair"), check_mode=True)
    assert (result["app"]["installation_state"], result["task_id"]) == ("error", None)
    assert server.writes() == []


# -- backup ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("answer,app_answers", [
    ((202, {"taskId": "7"}), [(200, installed())]),
    ((202, {}), [(200, installed(installationState="pending_backup", taskId="7")), (200, installed())]),
], ids=["answer-names-the-task", "empty-answer"])
def test_a_backup_waits_for_its_task_and_reports_the_backup_it_made(answer, app_answers):
    ctx, server = make()
    server.on("GET", "/apps/app-1/backups", (200, {"backups": [OLD]}), (200, {"backups": [OLD, NEW]}))
    server.on("POST", "/apps/app-1/backup", answer)
    server.on("GET", "/apps/app-1", *app_answers)
    result = run_action(ctx, params("backup"))
    assert (result["backup_id"], result["task_id"]) == ("backup-new", "7")
    assert posted(server) == [("/api/v1/apps/app-1/backup", None)]
    assert polled(server) == ["/api/v1/tasks/7"]


def test_a_backup_reports_the_backup_that_was_not_listed_before_even_when_a_listed_one_looks_newer():
    ctx, server = make()
    future = {"id": "backup-clock-ahead", "creationTime": "2027-01-01T00:00:00.000Z"}
    server.on("GET", "/apps/app-1/backups", (200, {"backups": [future, OLDER]}), (200, {"backups": [future, NEW, OLDER]}))
    server.on("POST", "/apps/app-1/backup", (202, {"taskId": "7"}))
    assert run_action(ctx, params("backup"))["backup_id"] == "backup-new"


def test_a_backup_whose_new_backup_is_not_listed_is_an_error_not_an_older_backup():
    ctx, server = make()
    server.on("GET", "/apps/app-1/backups", (200, {"backups": [OLD]}))
    server.on("POST", "/apps/app-1/backup", (202, {"taskId": "7"}))
    with pytest.raises(ResourceError) as caught:
        run_action(ctx, params("backup"))
    assert str(caught.value) == "app git.example.com: the backup finished but no new backup is listed"


def test_a_backup_without_waiting_takes_the_task_from_the_app_and_names_no_backup():
    ctx, server = make()
    server.on("POST", "/apps/app-1/backup", (202, {}))
    server.on("GET", "/apps/app-1", (200, installed(installationState="pending_backup", taskId="7")))
    result = run_action(ctx, params("backup", wait=False))
    assert (result["backup_id"], result["task_id"], result["app"]["installation_state"]) == (None, "7", "pending_backup")
    assert polled(server) == []
    assert [entry[1] for entry in server.log].count("/api/v1/apps/app-1/backups") == 1


# -- update, restore, clone, repair ---------------------------------------------------------------


def test_an_update_goes_to_the_app_stores_newest_version():
    ctx, server = make()
    server.on("POST", "/apps/app-1/update", (202, {"taskId": "7"}))
    result = run_action(ctx, params("update"))
    assert posted(server) == [("/api/v1/apps/app-1/update", {"appStoreId": GITEA + "@1.35.0", "skipBackup": False})]
    assert (result["task_id"], "backup_id" in result) == ("7", False)


def test_an_update_to_a_given_version_does_not_ask_the_app_store():
    ctx, server = make()
    server.on("POST", "/apps/app-1/update", (202, {"taskId": "7"}))
    run_action(ctx, params("update", version="1.34.1", skip_backup=True))
    assert posted(server) == [("/api/v1/apps/app-1/update", {"appStoreId": GITEA + "@1.34.1", "skipBackup": True})]
    assert "/api/v1/appstore/apps/" + GITEA not in [entry[1] for entry in server.log]


@pytest.mark.parametrize("given,used", [(None, "backup-new"), ("backup-old", "backup-old")])
def test_a_restore_uses_the_given_backup_else_the_newest(given, used):
    ctx, server = make(backups=(OLD, NEW, OLDER))
    server.on("POST", "/apps/app-1/restore", (202, {"taskId": "7"}))
    result = run_action(ctx, params("restore", backup_id=given))
    assert posted(server) == [("/api/v1/apps/app-1/restore", {"backupId": used})]
    assert (result["backup_id"], result["task_id"], result["app"]["env"]) == (
        used, "7", {"LOG_LEVEL": REDACTED, "DB_PASSWORD": REDACTED})


@pytest.mark.parametrize("version", ["8.1.2", "9.0.15"])
def test_a_clone_sends_subdomain_on_every_version_and_reports_the_copy(version):
    ctx, server = make(version=version)
    server.on("POST", "/apps/app-1/clone", (201, {"id": "app-2", "taskId": "8"}))
    result = run_action(ctx, params("clone", backup_id="backup-old", clone_subdomain=" Git-Staging ", clone_domain="Example.com"))
    assert posted(server) == [("/api/v1/apps/app-1/clone", {"backupId": "backup-old", "subdomain": "git-staging", "domain": "example.com"})]
    assert polled(server) == ["/api/v1/tasks/8"]
    assert (result["backup_id"], result["task_id"], result["clone"]["fqdn"], result["clone"]["env"]) == (
        "backup-old", "8", "git-staging.example.com", {"LOG_LEVEL": REDACTED, "DB_PASSWORD": REDACTED})


def test_a_repair_runs_on_an_app_in_an_error_state():
    ctx, server = make(app=ERROR_STATE)
    server.on("POST", "/apps/app-1/repair", (202, {"taskId": "7"}))
    result = run_action(ctx, params("repair"))
    assert posted(server) == [("/api/v1/apps/app-1/repair", {})]
    assert (result["task_id"], result["app"]["installation_state"]) == ("7", "installed")

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Updates offered (read-only, check mode included), the platform update as a task (started or resumed), 409 busy
explained, 422 "up to date" not an error when nothing is offered."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.updates import UpdateRun
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

OFFER = {"updates": {"box": {"version": "9.1.0", "changelog": ["Faster"], "unstable": False},
                     "a1": {"id": "org.example.app", "manifest": {"id": "org.example.app", "version": "2.0.0"}}}}
APPS = {"apps": [{"id": "a1", "subdomain": "blog", "domain": "example.com"}]}
DONE = {"id": "12", "type": "update", "active": False, "pending": False, "success": True, "percent": 100, "message": "Done",
        "error": None}
RUNNING = dict(DONE, active=True, success=False, percent=30)
NO_TASK = {"tasks": []}


def make(check_mode=False, **extra):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/updater/updates", (200, OFFER))
    server.on("GET", "/apps", (200, APPS))
    server.on("POST", "/updater/check_for_updates", (200, {}))
    server.on("GET", "/tasks", (200, NO_TASK))
    server.on("POST", "/updater/update", (202, {"taskId": "12"}))
    server.on("GET", "/tasks/12", (200, DONE))
    warnings = []
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode, warn=warnings.append)
    params = {"refresh": False, "apply": False, "skip_backup": False, "wait": True, "wait_timeout": 60}
    params.update(extra)
    return UpdateRun(params, check_mode), ctx, server, warnings


def paths(server, method=None):
    return [entry[1][len("/api/v1"):].split("?")[0] for entry in server.log if method is None or entry[0] == method]


def test_checking_only_reads():
    run, ctx, server, warnings = make()
    result = run.run(ctx)
    assert server.writes() == []
    assert result["changed"] is False and result["version"] == "9.0.15"
    assert result["updates"] == {"box": {"version": "9.1.0", "changelog": ["Faster"], "unstable": False},
                                 "apps": [{"app_id": "a1", "fqdn": "blog.example.com", "app_store_id": "org.example.app",
                                           "version": "2.0.0", "unstable": False}]}


def test_refresh_asks_the_server_first_but_not_in_check_mode():
    run, ctx, server, warnings = make(refresh=True)
    run.run(ctx)
    assert paths(server)[0] == "/updater/check_for_updates"
    run, ctx, server, warnings = make(check_mode=True, refresh=True)
    run.run(ctx)
    assert server.writes() == [] and "check mode does not ask the server" in warnings[0]


def test_apply_starts_the_update_waits_and_reports_both_versions():
    run, ctx, server, warnings = make(apply=True, skip_backup=True)
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}), (200, {"version": "9.1.0"}))
    server.on("GET", "/updater/updates", (200, OFFER), (200, {"updates": {}}))
    result = run.run(ctx)
    assert [(entry[1][len("/api/v1"):], entry[3]) for entry in server.writes()] == [("/updater/update", {"skipBackup": True})]
    assert "type=update" in [entry[1] for entry in server.log if entry[1].startswith("/api/v1/tasks?")][0]
    assert result["changed"] is True and result["task_id"] == "12" and result["resumed"] is False
    assert result["previous_version"] == "9.0.15" and result["version"] == "9.1.0"
    assert result["updates"]["box"] is None


def test_nothing_offered_is_no_change_and_no_request():
    run, ctx, server, warnings = make(apply=True)
    server.on("GET", "/updater/updates", (200, {"updates": {}}))
    result = run.run(ctx)
    assert result["changed"] is False and server.writes() == []
    assert "/apps" not in paths(server)


def test_check_mode_predicts_the_update_and_writes_nothing():
    run, ctx, server, warnings = make(check_mode=True, apply=True)
    result = run.run(ctx)
    assert result["changed"] is True and result["task_id"] is None and server.writes() == []


def test_a_running_update_is_resumed():
    run, ctx, server, warnings = make(apply=True)
    server.on("GET", "/tasks", (200, {"tasks": [RUNNING]}))
    server.on("GET", "/tasks/12", (200, RUNNING), (200, DONE))
    result = run.run(ctx)
    assert server.writes() == [] and result["resumed"] is True and result["task_id"] == "12"


def test_busy_is_explained():
    run, ctx, server, warnings = make(apply=True)
    server.on("POST", "/updater/update", (409, {"status": "Conflict", "message": "backup task 7 is already running"}))
    with pytest.raises(ResourceError) as error:
        run.run(ctx)
    assert "cannot update the platform: the server is busy" in str(error.value)
    assert "backup task 7 is already running" in str(error.value)


def test_up_to_date_is_not_an_error_when_nothing_is_offered_any_more():
    run, ctx, server, warnings = make(apply=True)
    server.on("POST", "/updater/update", (422, {"status": "Unprocessable Entity", "message": "No update available"}))
    server.on("GET", "/updater/updates", (200, OFFER), (200, {"updates": {}}))
    result = run.run(ctx)
    assert result["changed"] is False and result["updates"]["box"] is None
    assert "No update available" in warnings[0]


def test_up_to_date_while_still_offered_is_an_error_quoting_the_server():
    run, ctx, server, warnings = make(apply=True)
    server.on("POST", "/updater/update", (422, {"status": "Unprocessable Entity", "message": "No update available"}))
    with pytest.raises(ResourceError) as error:
        run.run(ctx)
    assert "offers Cloudron 9.1.0 but refuses" in str(error.value) and "No update available" in str(error.value)

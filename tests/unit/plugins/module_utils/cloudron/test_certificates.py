# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Certificate renewal: a task started and waited on, a running renewal waited for first, check mode without writes."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.certificates import Renewal
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, TaskFailed
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

DONE = {"id": "7", "type": "checkCerts", "active": False, "pending": False, "success": True, "percent": 100, "error": None}
RUNNING = dict(DONE, id="6", active=True, success=False, percent=20)


def make(check_mode=False, wait=True, newest=None):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/tasks", (200, {"tasks": [newest] if newest else []}))
    server.on("POST", "/reverseproxy/renew_certs", (202, {"taskId": "7"}))
    server.on("GET", "/tasks/7", (200, DONE))
    warnings = []
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode, warn=warnings.append)
    return Renewal({"rebuild": True, "wait": wait, "wait_timeout": 60}, check_mode), ctx, server, warnings


def paths(server):
    return [(entry[0], entry[1][len("/api/v1"):].split("?")[0]) for entry in server.log]


def test_a_renewal_is_started_and_waited_on():
    renewal, ctx, server = make()[:3]
    result = renewal.run(ctx)
    assert result == {"changed": True, "rebuild": True, "task_id": "7", "previous_task_id": None,
                      "msg": "renewed the certificates and rebuilt the reverse proxy configuration (task 7)"}
    assert paths(server)[-2:] == [("POST", "/reverseproxy/renew_certs"), ("GET", "/tasks/7")]
    assert server.writes()[0][3] == {"rebuild": True}
    assert "type=checkCerts" in server.log[0][1]


def test_check_mode_says_what_it_would_do_and_writes_nothing():
    renewal, ctx, server = make(check_mode=True, newest=RUNNING)[:3]
    result = renewal.run(ctx)
    assert result["changed"] and result["task_id"] is None and result["previous_task_id"] == "6"
    assert result["msg"] == "would renew the certificates and rebuild the reverse proxy configuration after the running renewal 6"
    assert server.writes() == []


def test_a_running_renewal_is_waited_for_then_a_new_one_starts():
    renewal, ctx, server, warnings = make(newest=RUNNING)
    server.on("GET", "/tasks/6", (200, RUNNING), (200, dict(RUNNING, active=False, error={"message": "rate limited"})))
    server.on("GET", "/tasks/6/logs", (200, ""))
    result = renewal.run(ctx)
    assert result["task_id"] == "7" and result["previous_task_id"] == "6"
    assert [p for p in paths(server) if p[1].startswith("/tasks/") or p[0] == "POST"] == [
        ("GET", "/tasks/6"), ("GET", "/tasks/6"), ("GET", "/tasks/6/logs"), ("POST", "/reverseproxy/renew_certs"),
        ("GET", "/tasks/7")]
    assert warnings and "rate limited" in warnings[0]


def test_a_failed_renewal_quotes_the_task_error_and_names_the_task():
    renewal, ctx, server = make()[:3]
    server.on("GET", "/tasks/7", (200, dict(DONE, success=False, error={"message": "DNS error: no such zone"})))
    server.on("GET", "/tasks/7/logs", (200, ""))
    with pytest.raises(TaskFailed) as error:
        renewal.run(ctx)
    assert "DNS error: no such zone" in str(error.value) and renewal.started() == "7"


def test_without_wait_the_task_id_comes_back_at_once():
    renewal, ctx, server = make(wait=False)[:3]
    result = renewal.run(ctx)
    assert result["msg"] == "started task 7 to renew the certificates and rebuild the reverse proxy configuration"
    assert ("GET", "/tasks/7") not in paths(server)


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_server_below_8_is_refused_in_check_mode_too(check_mode):
    renewal, ctx, server = make(check_mode=check_mode)[:3]
    server.on("GET", "/cloudron/status", (200, {"version": "7.7.2"}))
    with pytest.raises(ApiError) as error:
        renewal.run(ctx)
    assert "Cloudron 7.7.2 (from the server) is not supported" in str(error.value)
    assert server.writes() == []


def test_both_waits_share_one_deadline():
    renewal, ctx, server, warnings = make(newest=RUNNING)
    server.on("GET", "/tasks/6", (200, dict(RUNNING, active=False, success=True)))
    times = iter([0])
    renewal.clock = lambda: next(times, 50)  # the run starts at 0; the wait for task 6 ends at 50
    renewal.run(ctx)
    assert renewal.task.wait_timeout == 10

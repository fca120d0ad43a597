# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudron's task model: reading tasks, their terminal states, error objects and NDJSON logs."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.tasks import CloudronTasks, task_error_message
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import TaskFailed
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import wait_for_task

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount


def task(active, pending=False, success=False, error=None, percent=50, message="Working"):
    return {"id": "12", "active": active, "pending": pending, "success": success, "error": error,
            "percent": percent, "message": message}


def tasks(*answers):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/tasks/12", *[(200, answer) for answer in answers])
    return CloudronTasks(CloudronClient(http)), server


def test_pending_then_active_then_success():
    model, server = tasks(task(False, pending=True, percent=0), task(True), task(False, success=True, percent=100))
    waited = wait_for_task(model, "12", timeout=60, sleep=lambda s: None)
    assert waited.state["success"] is True
    assert len(server.log) == 3


def test_failure_carries_error_and_log_tail():
    model, server = tasks(task(False, error={"message": "Docker Error", "code": "crashed"}))
    logs = '{"message": "pulling image"}\n{"message": "image not found"}\nplain line\n'
    server.on("GET", "/tasks/12/logs", (200, logs, {"Content-Type": "application/x-logs"}))
    with pytest.raises(TaskFailed) as info:
        wait_for_task(model, "12", timeout=60, sleep=lambda s: None)
    assert "task 12 failed: Docker Error (crashed)" in str(info.value)
    assert info.value.logs == ["pulling image", "image not found", "plain line"]


def test_unreadable_logs_give_an_empty_tail():
    model, server = tasks(task(False))
    server.on("GET", "/tasks/12/logs", (424, {"status": "Failed Dependency", "message": "no logs"}))
    assert model.log_tail("12") == []


def test_progress_line():
    model, _server = tasks(task(True))
    assert model.progress(task(True, percent=40, message="Restoring")) == "40% Restoring"
    assert model.progress({}) == "?% no message"


@pytest.mark.parametrize("error,expected", [
    ({"message": "boom", "code": None}, "boom"),
    ({"code": "stopped"}, "stopped"),
    ("plain string", "plain string"),
    (None, "the task ended without success and without an error message"),
])
def test_error_messages(error, expected):
    assert task_error_message({"error": error}) == expected

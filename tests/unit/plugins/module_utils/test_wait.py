# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The poller, on a fake clock: deadlines, growing intervals, terminal states, failures."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils._cloudron_client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils._http import HttpClient
from ansible_collections.selfhosted.platforms.plugins.module_utils._wait import (
    TaskFailed, WaitTimeout, poll, task_error_message, wait_for_task,
)

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount


class Clock:
    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def task(active, pending=False, success=False, error=None, percent=50, message="Working"):
    return {"id": "12", "active": active, "pending": pending, "success": success, "error": error,
            "percent": percent, "message": message}


def tasks(*answers):
    http = HttpClient("https://my.example.com/api/v1", token="t", sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/tasks/12", *[(200, answer) for answer in answers])
    return CloudronClient(http), server


def test_poll_interval_grows_and_is_capped():
    clock = Clock()
    states = iter([False] * 8 + [True])
    state, polls = poll(lambda: next(states), bool, timeout=100, clock=clock, sleep=clock.sleep)
    assert state is True and polls == 9
    assert clock.sleeps == [0.5, 0.75, 1.125, 1.688, 2.531, 3.797, 5.0, 5.0]


def test_poll_never_sleeps_past_the_deadline():
    clock = Clock()
    with pytest.raises(WaitTimeout) as info:
        poll(lambda: "busy", lambda s: False, timeout=2, clock=clock, sleep=clock.sleep)
    assert clock.now == 2
    assert info.value.last == "busy"


def test_a_three_second_task_costs_few_polls():
    clock = Clock()
    done_at = 3.0
    state, polls = poll(lambda: clock.now >= done_at, bool, timeout=60, clock=clock, sleep=clock.sleep)
    assert state and polls <= 6


def test_pending_then_active_then_success():
    client, server = tasks(task(False, pending=True, percent=0), task(True), task(False, success=True, percent=100))
    clock = Clock()
    finished = wait_for_task(client, "12", timeout=60, clock=clock, sleep=clock.sleep)
    assert finished["success"] is True
    assert len(server.log) == 3


def test_failure_carries_error_and_log_tail():
    client, server = tasks(task(False, error={"message": "Docker Error", "code": "crashed"}))
    logs = '{"message": "pulling image"}\n{"message": "image not found"}\n'
    server.on("GET", "/tasks/12/logs", (200, logs, {"Content-Type": "application/x-logs"}))
    with pytest.raises(TaskFailed) as info:
        wait_for_task(client, "12", timeout=60, clock=Clock(), sleep=lambda s: None)
    assert "task 12 failed: Docker Error (crashed)" in str(info.value)
    assert info.value.logs == ["pulling image", "image not found"]
    assert info.value.as_dict()["task_id"] == "12"


def test_timeout_says_a_rerun_resumes():
    client, _server = tasks(task(True, percent=40, message="Restoring"))
    clock = Clock()
    with pytest.raises(WaitTimeout) as info:
        wait_for_task(client, "12", timeout=5, clock=clock, sleep=clock.sleep)
    assert "task 12 did not finish within 5s (last: 40% Restoring)" in str(info.value)
    assert "re-run resumes waiting" in str(info.value)


@pytest.mark.parametrize("error,expected", [
    ({"message": "boom", "code": None}, "boom"),
    ({"code": "stopped"}, "stopped"),
    ("plain string", "plain string"),
    (None, "the task ended without success and without an error message"),
])
def test_error_messages(error, expected):
    assert task_error_message({"error": error}) == expected

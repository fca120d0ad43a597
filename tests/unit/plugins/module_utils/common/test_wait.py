# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The poller and the waiter, on a fake clock and a platform-free task model."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import TaskFailed, WaitTimeout
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import TaskModel, poll, wait_for_task


class Clock:
    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


class Script(TaskModel):
    """Tasks as ``(state, percent)`` answers read in order; the last one repeats."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.reads = 0

    def read(self, task_id):
        self.reads += 1
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    def finished(self, task):
        return task[0] in ("done", "failed")

    def failed(self, task):
        return task[0] == "failed"

    def error(self, task):
        return "it broke"

    def progress(self, task):
        return "%s%% %s" % (task[1], task[0])

    def log_tail(self, task_id):
        return ["last line"]


def test_poll_interval_grows_and_is_capped():
    clock = Clock()
    states = iter([False] * 8 + [True])
    waited = poll(lambda: next(states), bool, timeout=100, clock=clock, sleep=clock.sleep)
    assert waited.state is True and waited.polls == 9
    assert clock.sleeps == [0.5, 0.75, 1.125, 1.688, 2.531, 3.797, 5.0, 5.0]
    assert waited.elapsed == pytest.approx(sum(clock.sleeps), abs=0.01)


def test_poll_never_sleeps_past_the_deadline():
    clock = Clock()
    with pytest.raises(WaitTimeout) as info:
        poll(lambda: "busy", lambda s: False, timeout=2, clock=clock, sleep=clock.sleep)
    assert clock.now == 2
    assert info.value.last == "busy"


def test_a_three_second_task_costs_few_polls():
    clock = Clock()
    waited = poll(lambda: clock.now >= 3.0, bool, timeout=60, clock=clock, sleep=clock.sleep)
    assert waited.state and waited.polls <= 6


def test_any_terminal_state_ends_the_wait():
    model = Script(("queued", 0), ("running", 50), ("done", 100))
    clock = Clock()
    waited = wait_for_task(model, "7", timeout=60, clock=clock, sleep=clock.sleep)
    assert waited.state == ("done", 100) and waited.polls == 3 and model.reads == 3


def test_failure_carries_error_and_log_tail():
    with pytest.raises(TaskFailed) as info:
        wait_for_task(Script(("failed", 30)), "7", timeout=60, clock=Clock(), sleep=lambda s: None)
    assert str(info.value) == "task 7 failed: it broke"
    assert info.value.logs == ["last line"]
    assert info.value.as_dict() == {"task_id": "7", "last_state": ("failed", 30), "log_tail": ["last line"]}


def test_timeout_shows_the_last_progress_and_says_a_rerun_resumes():
    clock = Clock()
    with pytest.raises(WaitTimeout) as info:
        wait_for_task(Script(("running", 40)), "7", timeout=5, clock=clock, sleep=clock.sleep)
    assert "task 7 did not finish within 5s (last: 40% running)" in str(info.value)
    assert "re-run resumes waiting" in str(info.value)


def test_check_mode_never_waits():
    model = Script(("running", 1))
    waited = wait_for_task(model, "7", timeout=60, check_mode=True)
    assert model.reads == 0 and waited.polls == 0 and waited.elapsed == 0


def test_long_waits_report_progress_every_few_seconds():
    clock = Clock()
    lines = []
    model = Script(*([("running", 10)] * 4 + [("running", 60)] * 4 + [("done", 100)]))
    wait_for_task(model, "7", timeout=600, progress=lines.append, clock=clock, sleep=clock.sleep)
    assert lines and all(line.startswith("task 7: ") for line in lines)
    assert any("60% running" in line for line in lines)
    assert len(lines) <= clock.now / 5 + 1


def test_short_waits_stay_quiet():
    clock = Clock()
    lines = []
    wait_for_task(Script(("running", 10), ("done", 100)), "7", timeout=60, progress=lines.append, clock=clock, sleep=clock.sleep)
    assert lines == []

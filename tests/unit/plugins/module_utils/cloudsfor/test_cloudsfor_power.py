# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Stopping a running VM: a graceful shutdown first, a power-off when the shutdown is refused, errors or takes longer
than its share of the budget; powering a VM on again after a failure that followed its stop."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.actions import Deadline
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.outcome import Journal
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.power import power_down, restore_power
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, TaskFailed, WaitTimeout

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudsfor.fake_cloudsfor import Clock, make


def stop(ctx, vm_id, timeout=600, clock=None):
    clock = clock or Clock()
    journal = Journal()
    state = power_down(ctx, {"id": vm_id, "name": "web1"}, Deadline(timeout, clock, clock.sleep), journal)
    return state, journal


def test_a_running_vm_is_shut_down_gracefully():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    state, journal = stop(ctx, vm_id)
    assert state["type"] == "shutdown" and state["status"] == "completed"
    assert server.posted_actions() == ["shutdown"] and journal.actions == ["shutdown"] and journal.written
    assert server.vms[vm_id]["status"] == "stopped"


def test_a_refused_shutdown_falls_back_to_a_power_off():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    server.refuse["shutdown"] = "shutdown is not a valid action type"
    state, journal = stop(ctx, vm_id)
    assert state["type"] == "power_off" and journal.actions == ["power_off"]
    assert server.vms[vm_id]["status"] == "stopped"


def test_an_errored_shutdown_falls_back_to_a_power_off():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    server.fail_action = "shutdown"
    state, journal = stop(ctx, vm_id)
    assert journal.actions == ["shutdown", "power_off"] and state["type"] == "power_off"
    assert server.vms[vm_id]["status"] == "stopped"


def test_a_slow_shutdown_is_cut_by_a_power_off_where_the_server_allows_it():
    ctx, server = make()
    server.locked_refuses = False
    vm_id = server.add_vm("web1")
    server.slow["shutdown"] = 1000
    clock = Clock()
    state, journal = stop(ctx, vm_id, timeout=100, clock=clock)
    assert journal.actions == ["shutdown", "power_off"] and state["type"] == "power_off"
    assert 50 <= clock.now < 100  # the shutdown had half of the budget
    assert server.vms[vm_id]["status"] == "stopped"


def test_a_slow_shutdown_is_waited_on_where_the_server_refuses_actions_meanwhile():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    server.slow["shutdown"] = 60  # polls: longer than half of the budget, shorter than all of it
    clock = Clock()
    state, journal = stop(ctx, vm_id, timeout=600, clock=clock)
    assert journal.actions == ["shutdown"] and state["type"] == "shutdown" and state["status"] == "completed"
    assert server.posted_actions() == ["shutdown", "power_off"]  # the power-off was refused: the VM was locked
    assert [action["type"] for action in server.actions[vm_id]] == ["shutdown"]


def test_a_shutdown_that_outlasts_the_budget_times_out():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    server.slow["shutdown"] = 100000
    with pytest.raises(WaitTimeout, match="the shutdown action started at .* is still in-progress after 30s"):
        stop(ctx, vm_id, timeout=30)


def test_a_shutdown_refused_for_a_credential_is_no_reason_to_cut_the_power():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    server.inject("POST", "/vms/%s/actions" % vm_id, (403, {"id": "forbidden", "message": "You do not have access"}))
    with pytest.raises(ApiError, match="403"):
        stop(ctx, vm_id)
    assert server.posted_actions() == ["shutdown"]


# -- restoring the power ----------------------------------------------------------------------------


def failure():
    return TaskFailed("vm 'web1': the resize action errored", task_id="x")


def restore(ctx, vm_id, timeout=600, retry=True):
    clock = Clock()
    journal = Journal()
    error = restore_power(ctx, {"id": vm_id, "name": "web1"}, failure(), Deadline(timeout, clock, clock.sleep), journal, retry=retry)
    return error, journal


def test_a_stopped_free_vm_is_powered_on_again_and_the_error_says_so():
    ctx, server = make()
    vm_id = server.add_vm("web1", status="stopped")
    error, journal = restore(ctx, vm_id)
    assert isinstance(error, TaskFailed) and error.task_id == "x"
    assert str(error) == "vm 'web1': the resize action errored; vm 'web1' (%s) was powered on again and is running, as it was before" % vm_id
    assert journal.actions == ["power_on"] and server.vms[vm_id]["status"] == "running"


def test_a_locked_vm_is_left_stopped_and_the_error_says_to_re_run_with_state_running():
    ctx, server = make()
    vm_id = server.add_vm("web1", status="stopped", locked=True)
    error, journal = restore(ctx, vm_id)
    assert str(error).endswith("is left stopped; it was running: re-run with state=running to power it on once the action "
                               "in progress has ended")
    assert journal.actions == [] and server.posted_actions() == []


def test_without_time_left_the_vm_is_left_stopped():
    ctx, server = make()
    vm_id = server.add_vm("web1", status="stopped")
    error, _journal = restore(ctx, vm_id, timeout=0)
    assert "is left stopped; it was running: re-run with state=running" in str(error) and server.posted_actions() == []


def test_a_power_on_that_fails_again_is_named():
    ctx, server = make()
    vm_id = server.add_vm("web1", status="stopped")
    server.fail_action = "power_on"
    error, journal = restore(ctx, vm_id)
    assert "is left stopped; it was running: powering it on again failed (vm 'web1' (%s): the power_on action errored" % vm_id in str(error)
    assert journal.actions == ["power_on"]


def test_when_powering_on_is_what_failed_it_is_not_tried_again():
    ctx, server = make()
    vm_id = server.add_vm("web1", status="stopped")
    error, _journal = restore(ctx, vm_id, retry=False)
    assert "is left stopped; it was running: re-run with state=running" in str(error) and server.posted_actions() == []


def test_a_vm_still_running_needs_nothing():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    error, _journal = restore(ctx, vm_id)
    assert str(error) == "vm 'web1': the resize action errored" and server.posted_actions() == []

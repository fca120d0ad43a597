# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""VM actions: one with its own id is read by it, one with the VM's id is read through the VM (locked, then the status
it leads to) with one read of the list to tell how it ended; an errored action fails clearly, a timeout says what
still runs and that a re-run resumes."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.actions import (
    Deadline, await_action, post_action, run_action, started_since,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.timestamps import epoch
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ServerDataError, TaskFailed, WaitTimeout

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudsfor.fake_cloudsfor import Clock, make


def vm_of(vm_id):
    return {"id": vm_id, "name": "web1"}


def polls(server, vm_id):
    """(reads of the VM, reads of its action list, reads of one action) the run made."""
    calls = server.calls()
    return (calls.count("GET /vms/%s" % vm_id), calls.count("GET /vms/%s/actions" % vm_id),
            len([call for call in calls if call.startswith("GET /vms/%s/actions/" % vm_id)]))


def test_an_action_with_its_own_id_is_read_by_it_and_the_list_never():
    ctx, server = make()
    server.action_ids = "own"
    vm_id = server.add_vm("web1", status="stopped")
    server.action_reads = 2
    clock = Clock()
    state = run_action(ctx, vm_of(vm_id), "power_on", Deadline(60, clock, clock.sleep))
    assert state["status"] == "completed" and state["type"] == "power_on" and state["id"] != vm_id
    assert server.vms[vm_id]["status"] == "running"
    assert server.sent("POST", "/vms/%s/actions" % vm_id) == [{"type": "power_on"}]
    assert polls(server, vm_id) == (0, 0, 3)
    assert "GET /vms/%s/actions/%s" % (vm_id, state["id"]) in server.calls()


def test_an_action_with_the_vms_id_is_read_through_the_vm_and_the_list_once():
    ctx, server = make()
    vm_id = server.add_vm("web1", status="stopped")
    server.action_reads = 2
    clock = Clock()
    state = run_action(ctx, vm_of(vm_id), "power_on", Deadline(60, clock, clock.sleep))
    assert state["status"] == "completed" and state["id"] == vm_id and state["completed_at"]
    assert server.vms[vm_id]["status"] == "running"
    assert polls(server, vm_id) == (3, 1, 0)


def test_the_newest_action_of_the_type_started_since_it_tells_how_it_ended():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    server.action_reads = 0
    server.fail_action = "reboot"
    clock = Clock()
    with pytest.raises(TaskFailed):
        run_action(ctx, vm_of(vm_id), "reboot", Deadline(60, clock, clock.sleep))  # an earlier reboot, errored
    server.fail_action = None
    state = run_action(ctx, vm_of(vm_id), "reboot", Deadline(60, clock, clock.sleep))
    assert state["status"] == "completed"
    assert [item["status"] for item in server.actions[vm_id]] == ["errored", "completed"]


@pytest.mark.parametrize("since,started,expected", [
    ("2024-05-02T10:00:05Z", "2024-05-02T10:00:05Z", True),
    ("2024-05-02T10:00:05Z", "2024-05-02T10:00:04.999Z", False),
    ("2024-05-02T10:00:05Z", "2024-05-02T12:00:05+02:00", True),   # the same time in another zone
    ("2024-05-02T10:00:05Z", "2024-05-02T11:00:04+02:00", False),
    (None, "whenever", True),
])
def test_start_times_compare_as_times(since, started, expected):
    assert started_since(started, since, epoch(since)) is expected


def test_times_of_the_api_are_read_with_fractions_and_offsets():
    assert epoch("2024-05-02T09:14:06Z") == 1714641246.0
    assert epoch("2024-05-02T09:14:06.5Z") == 1714641246.5
    assert epoch("2024-05-02T11:14:06+0200") == 1714641246.0
    assert epoch("2024-05-02 09:14:06") == 1714641246.0
    assert epoch("yesterday") is None and epoch(None) is None and epoch("2024-13-02T09:14:06Z") is None


@pytest.mark.parametrize("status,expected", [("stopped", "completed"), ("running", "errored")])
def test_without_a_list_a_power_action_is_judged_by_the_status_it_left(status, expected):
    ctx, server = make()
    vm_id = server.add_vm("web1")
    server.no_action_list = True
    posted = post_action(ctx, vm_of(vm_id), "power_off")
    server.vms[vm_id].update(locked=False, status=status)
    server.actions[vm_id] = []
    clock = Clock()
    if expected == "completed":
        assert await_action(ctx, vm_of(vm_id), posted, Deadline(60, clock, clock.sleep))["status"] == "completed"
    else:
        with pytest.raises(TaskFailed, match="the power_off action errored: the VM is running after it, not stopped"):
            await_action(ctx, vm_of(vm_id), posted, Deadline(60, clock, clock.sleep))


def test_an_unlisted_action_without_a_status_to_show_is_a_server_data_error():
    ctx, server = make()
    vm_id = server.add_vm("web1", status="stopped")
    posted = post_action(ctx, vm_of(vm_id), "resize", memory=4)
    server.vms[vm_id]["locked"] = False
    server.actions[vm_id] = []
    clock = Clock()
    with pytest.raises(ServerDataError, match="no longer locked, but GET .*/vms/%s/actions does not list the resize action" % vm_id):
        await_action(ctx, vm_of(vm_id), posted, Deadline(60, clock, clock.sleep))


def test_values_go_in_the_body_and_none_is_left_out():
    ctx, server = make()
    vm_id = server.add_vm("web1", status="stopped")
    post_action(ctx, {"id": vm_id}, "resize", memory=4, vcpus=None, disk=40)
    assert server.sent("POST", "/vms/%s/actions" % vm_id) == [{"type": "resize", "memory": 4, "disk": 40}]


@pytest.mark.parametrize("action_ids", ["vm", "own"])
def test_an_errored_action_fails_with_a_clear_message(action_ids):
    ctx, server = make()
    server.action_ids = action_ids
    vm_id = server.add_vm("web1")
    server.fail_action = "reboot"
    clock = Clock()
    with pytest.raises(TaskFailed) as info:
        run_action(ctx, vm_of(vm_id), "reboot", Deadline(60, clock, clock.sleep))
    assert "vm 'web1' (%s): the reboot action errored at 2024-05-02T10:00:" % vm_id in str(info.value)
    assert info.value.last["status"] == "errored"
    assert (info.value.task_id == vm_id) is (action_ids == "vm")


@pytest.mark.parametrize("action_ids", ["vm", "own"])
def test_a_timeout_says_what_still_runs_and_that_a_re_run_resumes(action_ids):
    ctx, server = make()
    server.action_ids = action_ids
    vm_id = server.add_vm("web1")
    server.action_reads = 1000
    clock = Clock()
    with pytest.raises(WaitTimeout) as info:
        run_action(ctx, vm_of(vm_id), "power_off", Deadline(10, clock, clock.sleep))
    message = str(info.value)
    assert "vm 'web1' (%s): the power_off action started at 2024-05-02T10:00:" % vm_id in message
    assert "is still in-progress after 10s" in message and "a re-run waits for it" in message
    assert clock.now == pytest.approx(10.0)
    assert polls(server, vm_id)[1] == 0  # a locked VM is no reason to read the list


def test_the_wait_is_skipped_for_a_posted_action_when_asked():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    state = run_action(ctx, vm_of(vm_id), "reboot", Deadline(60), wait=False)
    assert state["status"] == "in-progress" and [call for call in server.calls() if call.startswith("GET")] == []


def test_await_action_on_an_action_already_finished_reads_once():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    server.action_reads = 0
    posted = post_action(ctx, vm_of(vm_id), "reboot")
    clock = Clock()
    assert await_action(ctx, vm_of(vm_id), posted, Deadline(60, clock, clock.sleep))["status"] == "completed"
    assert clock.sleeps == []


def test_a_share_of_the_deadline_is_a_part_of_what_is_left_and_capped():
    clock = Clock()
    deadline = Deadline(100, clock, clock.sleep)
    clock.sleep(40)
    assert deadline.share(0.5, 180).remaining() == pytest.approx(30.0)
    assert deadline.share(0.5, 10).remaining() == pytest.approx(10.0)

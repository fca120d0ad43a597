# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""VM actions: found again by their own id or by (type, started_at), an errored action fails clearly, a timeout says
what still runs and that a re-run resumes; waiting for a build and for a lock."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.actions import (
    Deadline, VmActions, await_action, await_ready, building, post_action, run_action,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ServerDataError, TaskFailed, WaitTimeout

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudsfor.fake_cloudsfor import Clock, make

VM = {"id": "5609f1ee1b0c4d2da622737b5ca25e6c", "name": "web1"}


def action(ident, kind, started, status="completed"):
    return {"id": ident, "type": kind, "started_at": started, "status": status, "completed_at": None, "resource_type": "vm"}


def model(posted):
    return VmActions(None, VM, posted)


def test_an_action_with_its_own_id_is_found_by_it():
    listed = [action(7, "reboot", "2024-05-02T10:00:01Z"), action(9, "reboot", "2024-05-02T10:00:01Z", "in-progress"),
              action(8, "reboot", "2024-05-02T10:00:01Z")]
    found = model(action(9, "reboot", "2024-05-02T10:00:01Z", "in-progress")).match(listed)
    assert found is listed[1]


def test_an_action_whose_id_is_the_vms_is_found_by_type_and_start_time():
    listed = [action(VM["id"], "power_off", "2024-05-02T10:00:01Z"), action(VM["id"], "resize", "2024-05-02T10:00:02Z"),
              action(VM["id"], "power_off", "2024-05-02T10:00:03Z", "in-progress"), action(VM["id"], "power_on", "2024-05-02T10:00:03Z")]
    found = model(action(VM["id"], "power_off", "2024-05-02T10:00:03Z", "in-progress")).match(listed)
    assert found is listed[2]


def test_of_several_matches_the_newest_wins():
    listed = [action(VM["id"], "reboot", "2024-05-02T10:00:01Z"), action(VM["id"], "reboot", "2024-05-02T10:00:01Z", "in-progress")]
    assert model(action(VM["id"], "reboot", "2024-05-02T10:00:01Z", "in-progress")).match(listed) is listed[1]


def test_an_action_that_is_not_listed_is_a_server_data_error():
    class Client:
        class http:  # pylint: disable=invalid-name
            @staticmethod
            def url(path):
                return "https://cloudsfor.example.com/api/v1" + path
    found = VmActions(Client, VM, action(VM["id"], "reboot", "2024-05-02T10:00:09Z"))
    with pytest.raises(ServerDataError, match="the reboot action started at 2024-05-02T10:00:09Z is not listed"):
        found.match([action(VM["id"], "reboot", "2024-05-02T10:00:01Z")])


@pytest.mark.parametrize("action_ids", ["vm", "own"])
def test_an_action_is_posted_and_waited_on_until_completed(action_ids):
    ctx, server = make()
    server.action_ids = action_ids
    vm_id = server.add_vm("web1", status="stopped")
    server.action_reads = 2
    clock = Clock()
    state = run_action(ctx, {"id": vm_id, "name": "web1"}, "power_on", Deadline(60, clock, clock.sleep))
    assert state["status"] == "completed" and state["type"] == "power_on"
    assert (state["id"] == vm_id) is (action_ids == "vm")
    assert server.vms[vm_id]["status"] == "running"
    assert server.sent("POST", "/vms/%s/actions" % vm_id) == [{"type": "power_on"}]
    assert server.calls().count("GET /vms/%s/actions" % vm_id) == 3


def test_actions_that_share_the_vms_id_are_all_listed():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    server.action_reads = 0
    clock = Clock()
    for kind in ("power_off", "power_on", "reboot"):
        run_action(ctx, {"id": vm_id, "name": "web1"}, kind, Deadline(60, clock, clock.sleep))
    listed = VmActions(ctx.client, {"id": vm_id, "name": "web1"}, {"id": vm_id, "type": "reboot"}).listed()
    assert [item["type"] for item in listed] == ["power_off", "power_on", "reboot"]


def test_values_go_in_the_body_and_none_is_left_out():
    ctx, server = make()
    vm_id = server.add_vm("web1", status="stopped")
    post_action(ctx, {"id": vm_id}, "resize", memory=4, vcpus=None, disk=40)
    assert server.sent("POST", "/vms/%s/actions" % vm_id) == [{"type": "resize", "memory": 4, "disk": 40}]


def test_an_errored_action_fails_with_a_clear_message():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    server.fail_action = "reboot"
    clock = Clock()
    with pytest.raises(TaskFailed) as info:
        run_action(ctx, {"id": vm_id, "name": "web1"}, "reboot", Deadline(60, clock, clock.sleep))
    assert "vm 'web1' (%s): the reboot action errored at 2024-05-02T10:00:" % vm_id in str(info.value)
    assert info.value.task_id == vm_id and info.value.last["status"] == "errored"


def test_a_timeout_says_what_still_runs_and_that_a_re_run_resumes():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    server.action_reads = 1000
    clock = Clock()
    with pytest.raises(WaitTimeout) as info:
        run_action(ctx, {"id": vm_id, "name": "web1"}, "power_off", Deadline(10, clock, clock.sleep))
    message = str(info.value)
    assert "vm 'web1' (%s): the power_off action started at 2024-05-02T10:00:" % vm_id in message
    assert "is still in-progress after 10s" in message and "a re-run waits for it" in message
    assert clock.now == pytest.approx(10.0)


def test_the_wait_is_skipped_for_a_posted_action_when_asked():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    state = run_action(ctx, {"id": vm_id, "name": "web1"}, "reboot", Deadline(60), wait=False)
    assert state["status"] == "in-progress" and "GET /vms/%s/actions" % vm_id not in server.calls()


def test_a_build_is_waited_on_until_the_vm_runs_with_an_address():
    ctx, server = make()
    server.build_reads = 3
    vm_id = server.add_vm("web1", building=True)
    clock = Clock()
    raw = await_ready(ctx, ctx.client.get("/vms/%s" % vm_id, "vm"), Deadline(60, clock, clock.sleep))
    assert raw["status"] == "running" and not building(raw)
    assert server.calls().count("GET /vms/%s" % vm_id) == 3 and len(clock.sleeps) == 1  # the first read is the caller's


def test_a_build_shown_as_stopped_is_waited_on_until_running():
    ctx, server = make()
    server.build_reads = 2
    vm_id = server.add_vm("web1", building=True)
    server.vms[vm_id]["status"] = "stopped"  # the other side of the building_status switch
    clock = Clock()
    raw = ctx.client.get("/vms/%s" % vm_id, "vm")
    assert building(raw)
    assert await_ready(ctx, raw, Deadline(60, clock, clock.sleep))["status"] == "running"


def test_a_build_that_does_not_end_times_out_saying_a_re_run_resumes():
    ctx, server = make()
    server.build_reads = 1000
    vm_id = server.add_vm("web1", building=True)
    clock = Clock()
    with pytest.raises(WaitTimeout, match=r"vm 'web1' \(%s\) is still being built \(status new\) after 30s; .*a re-run waits" % vm_id):
        await_ready(ctx, ctx.client.get("/vms/%s" % vm_id, "vm"), Deadline(30, clock, clock.sleep))


def test_a_lock_that_does_not_end_names_the_action_still_running():
    ctx, server = make()
    vm_id = server.add_vm("web1", status="stopped")
    server.action_reads = 1000
    post_action(ctx, {"id": vm_id}, "resize", memory=4)
    clock = Clock()
    with pytest.raises(WaitTimeout, match=r"locked by an action \(in progress: resize \(started 2024-05-02T10:00:\d+Z\)\) after 5s"):
        await_ready(ctx, ctx.client.get("/vms/%s" % vm_id, "vm"), Deadline(5, clock, clock.sleep))


def test_await_action_on_an_action_already_finished_reads_once():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    server.action_reads = 0
    posted = post_action(ctx, {"id": vm_id, "name": "web1"}, "reboot")
    clock = Clock()
    assert await_action(ctx, {"id": vm_id, "name": "web1"}, posted, Deadline(60, clock, clock.sleep))["status"] == "completed"
    assert clock.sleeps == []

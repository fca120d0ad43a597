# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A VM's life as cloudsfor_vm and cloudsfor_vm_action run it: creation and its build, the actions a change takes (in
order), what is refused before any write, check mode, and resuming a VM still being built or locked."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor import vm_action, vms
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.actions import Deadline
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.vm_action import run_vm_action
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.vms import VmRun, list_vms
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError, TaskFailed, WaitTimeout

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudsfor.fake_cloudsfor import (
    Clock, make, run_module_on,
)
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudsfor.test_cloudsfor_keys import ED25519, ED25519_SHA256

NEW = {"region": "moscow_02", "distro": "ubuntu-24.04", "memory": 2, "vcpus": 2, "disk": 40}


def params(**given):
    found = {"name": "web1", "state": "present", "region": None, "distro": None, "memory": None, "vcpus": None, "disk": None,
             "ssh_keys": None, "backups": None, "rebuild": False, "recreate": False, "wait": True, "wait_timeout": 600}
    found.update(given)
    return found


def converge(ctx, check_mode=False, timeout=600, **given):
    clock = Clock()
    return VmRun(ctx, params(**given), check_mode=check_mode, deadline=Deadline(timeout, clock, clock.sleep)).result(diff=True)


def writes(server):
    return [call for call in server.calls() if not call.startswith("GET")]


# -- creation ---------------------------------------------------------------------------------------


def test_a_new_vm_is_created_and_its_build_waited_on():
    ctx, server = make()
    server.keys = [{"id": 7, "name": "deploy", "public_key": ED25519, "fingerprint": "x"}]
    result = converge(ctx, ssh_keys=["deploy"], backups=True, **NEW)
    assert server.sent("POST", "/vms") == [dict(NEW, name="web1", ssh_keys=[7], backups=True)]
    vm = result["vm"]
    assert result["changed"] and result["actions"] == []
    assert (vm["status"], vm["ipv4"], vm["private_ipv4"], vm["backups"], vm["disk"]) == ("running", "127.0.1.1", "10.10.0.1", True, 40)
    assert result["diff"] == {"before": {}, "after": vm}


def test_a_distro_given_by_id_is_sent_as_the_catalogues_id():
    ctx, server = make()
    given = dict(NEW)
    given["distro"] = "3"
    converge(ctx, **given)
    assert server.sent("POST", "/vms")[0]["distro"] == 3


def test_ssh_keys_by_fingerprint_are_sent_as_ids():
    ctx, server = make()
    server.keys = [{"id": 7, "name": "deploy", "public_key": ED25519, "fingerprint": "x"}]
    converge(ctx, ssh_keys=[ED25519_SHA256], **NEW)
    assert server.sent("POST", "/vms")[0]["ssh_keys"] == [7]


def test_check_mode_predicts_the_new_vm_and_writes_nothing():
    ctx, server = make(check_mode=True)
    result = converge(ctx, check_mode=True, **NEW)
    assert result["changed"] and writes(server) == []
    vm = result["vm"]
    assert (vm["id"], vm["status"], vm["distro"], vm["ipv4"]) == (None, "running", "ubuntu-24.04", None)
    assert vm["image"] == {"id": None, "distro": "ubuntu-24.04", "name": "Ubuntu 24.04 LTS"}
    assert "GET /account" in server.calls()


def test_check_mode_refuses_a_creation_beyond_the_vm_limit():
    ctx, server = make(check_mode=True)
    server.vm_limit = 1
    server.add_vm("other")
    with pytest.raises(ResourceError, match=r"vm 'web1': creating it would exceed the account's VM limit \(1 VMs, the limit is 1\)"):
        converge(ctx, check_mode=True, **NEW)


def test_the_account_is_read_only_when_creating():
    ctx, server = make(check_mode=True)
    server.add_vm("web1", memory=2, vcpus=2, disk=40)
    converge(ctx, check_mode=True, **NEW)
    assert "GET /account" not in server.calls()


def test_a_creation_lacking_options_names_them_before_any_write():
    ctx, server = make()
    with pytest.raises(ResourceError, match="vm 'web1' does not exist; creating it needs distro, vcpus"):
        converge(ctx, region="moscow_02", memory=1, disk=20)
    assert writes(server) == []


@pytest.mark.parametrize("check_mode", [False, True])
@pytest.mark.parametrize("wrong,message", [
    ({"region": "mars_01"}, "region: 'mars_01' is not a CloudsFor region \\(known: moscow_02, moscow_03\\)"),
    ({"distro": "windows"}, "distro: 'windows' is neither the name nor the id of a CloudsFor distro"),
])
def test_unknown_references_fail_before_any_write(check_mode, wrong, message):
    ctx, server = make(check_mode=check_mode)
    with pytest.raises(ResourceError, match=message):
        converge(ctx, check_mode=check_mode, **dict(NEW, **wrong))
    assert writes(server) == []


def test_an_unknown_ssh_key_fails_before_any_write():
    ctx, server = make()
    with pytest.raises(ResourceError, match="ssh_keys: SSH key 'laptop' does not exist"):
        converge(ctx, ssh_keys=["laptop"], **NEW)
    assert writes(server) == []


def test_a_new_stopped_vm_is_shut_down_after_its_build():
    ctx, server = make()
    result = converge(ctx, state="stopped", **NEW)
    assert result["actions"] == ["shutdown"] and result["vm"]["status"] == "stopped"
    assert server.posted_actions() == ["shutdown"]


def test_without_wait_a_creation_returns_the_vm_being_built():
    ctx, server = make()
    result = converge(ctx, wait=False, **NEW)
    assert result["vm"]["status"] == "new" and result["vm"]["ipv4"] is None
    assert [call for call in server.calls() if call.startswith("GET /vms/")] == []


# -- an existing VM ---------------------------------------------------------------------------------


def test_the_same_vm_again_is_no_change():
    ctx, server = make()
    server.add_vm("web1", memory=2, vcpus=2, disk=40)
    result = converge(ctx, **NEW)
    assert not result["changed"] and result["actions"] == [] and writes(server) == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_running_vm_is_shut_down_resized_and_powered_on_again(check_mode):
    ctx, server = make(check_mode=check_mode)
    vm_id = server.add_vm("web1", memory=2, vcpus=2, disk=40)
    result = converge(ctx, check_mode=check_mode, memory=4, disk=80)
    assert result["changed"] and result["actions"] == ["shutdown", "resize", "power_on"]
    assert (result["vm"]["memory"], result["vm"]["vcpus"], result["vm"]["disk"], result["vm"]["status"]) == (4, 2, 80, "running")
    assert result["diff"]["before"]["memory"] == 2 and result["diff"]["after"]["memory"] == 4
    if check_mode:
        assert writes(server) == []
    else:
        assert server.posted_actions() == ["shutdown", "resize", "power_on"]
        assert server.sent("POST", "/vms/%s/actions" % vm_id)[1] == {"type": "resize", "memory": 4, "vcpus": 2, "disk": 80}
        assert (server.vms[vm_id]["memory"], server.vms[vm_id]["disk"], server.vms[vm_id]["status"]) == (4, 80, "running")


def test_a_stopped_vm_is_resized_and_stays_stopped():
    ctx, server = make()
    server.add_vm("web1", status="stopped", memory=2)
    result = converge(ctx, memory=4)
    assert result["actions"] == ["resize"] and result["vm"]["status"] == "stopped"


def test_a_resize_to_stopped_leaves_it_off():
    ctx, server = make()
    server.add_vm("web1", memory=2)
    assert converge(ctx, memory=4, state="stopped")["actions"] == ["shutdown", "resize"]


@pytest.mark.parametrize("state,status,expected", [("running", "stopped", ["power_on"]), ("stopped", "running", ["shutdown"]),
                                                   ("running", "running", []), ("present", "stopped", [])])
def test_power_states(state, status, expected):
    ctx, server = make()
    server.add_vm("web1", status=status)
    result = converge(ctx, state=state)
    assert result["actions"] == expected and server.posted_actions() == expected
    assert result["changed"] is bool(expected)


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_shrinking_disk_is_refused_before_any_write(check_mode):
    ctx, server = make(check_mode=check_mode)
    server.add_vm("web1", disk=40)
    with pytest.raises(ResourceError, match="vm 'web1': disk cannot shrink from 40 to 20 GB"):
        converge(ctx, check_mode=check_mode, disk=20, memory=8)
    assert writes(server) == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_distro_change_needs_rebuild(check_mode):
    ctx, server = make(check_mode=check_mode)
    server.add_vm("web1", distro="ubuntu-24.04")
    with pytest.raises(ResourceError, match="distro cannot change from 'ubuntu-24.04' to 'debian-12' without rebuild=true"):
        converge(ctx, check_mode=check_mode, distro="debian-12")
    assert writes(server) == []
    result = converge(ctx, check_mode=check_mode, distro="3", rebuild=True)
    assert result["actions"] == ["rebuild"] and result["vm"]["distro"] == "debian-12"


def test_a_distro_named_by_its_id_is_no_change():
    ctx, server = make()
    server.add_vm("web1", distro=1)
    assert not converge(ctx, distro="ubuntu-24.04")["changed"]
    assert not converge(ctx, distro="1")["changed"]


@pytest.mark.parametrize("check_mode", [False, True])
@pytest.mark.parametrize("change,message", [({"region": "moscow_03"}, "region \\(from 'moscow_02' to 'moscow_03'\\)"),
                                            ({"backups": False}, "backups \\(from on to off\\)")])
def test_a_region_or_backups_change_needs_recreate(check_mode, change, message):
    ctx, server = make(check_mode=check_mode)
    server.add_vm("web1", backups=True)
    with pytest.raises(ResourceError, match="vm 'web1': %s cannot change in place; set recreate=true" % message):
        converge(ctx, check_mode=check_mode, **change)
    assert writes(server) == []


def test_recreate_deletes_and_creates_with_the_old_values_for_what_is_not_given():
    ctx, server = make()
    old = server.add_vm("web1", distro=3, memory=2, vcpus=1, disk=30)
    result = converge(ctx, region="moscow_03", recreate=True)
    assert writes(server) == ["DELETE /vms/%s" % old, "POST /vms"]
    assert server.sent("POST", "/vms") == [{"name": "web1", "region": "moscow_03", "distro": 3, "memory": 2, "vcpus": 1, "disk": 30}]
    assert result["vm"]["id"] != old and result["vm"]["region"] == "moscow_03" and result["vm"]["status"] == "running"


def test_two_vms_of_the_name_are_refused_naming_their_ids():
    ctx, server = make()
    first, second = server.add_vm("web1"), server.add_vm("web1")
    with pytest.raises(ResourceError, match=r"name: 2 VMs are named 'web1' \(ids %s, %s\)" % (first, second)):
        converge(ctx, state="absent")
    assert writes(server) == []


def test_absent_deletes_and_then_is_no_change():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    result = converge(ctx, state="absent")
    assert result["changed"] and result["vm"] is None and writes(server) == ["DELETE /vms/%s" % vm_id]
    assert result["diff"]["after"] == {} and result["diff"]["before"]["id"] == vm_id
    ctx.forget()
    assert not converge(ctx, state="absent")["changed"]


def test_check_mode_absent_writes_nothing():
    ctx, server = make(check_mode=True)
    server.add_vm("web1")
    assert converge(ctx, check_mode=True, state="absent")["changed"] and writes(server) == []


# -- resuming ---------------------------------------------------------------------------------------


def test_a_vm_still_being_built_is_waited_on_not_created_again():
    ctx, server = make()
    server.build_reads = 2
    server.add_vm("web1", memory=2, vcpus=2, disk=40, building=True)
    result = converge(ctx, **NEW)
    assert not result["changed"] and writes(server) == []
    assert result["vm"]["status"] == "running" and result["vm"]["ipv4"] == "127.0.1.1"


def test_a_vm_locked_by_an_earlier_resize_is_waited_on_and_not_resized_again():
    ctx, server = make()
    server.action_reads = 2
    vm_id = server.add_vm("web1", status="stopped", memory=2)
    ctx.client.call("POST", "/vms/%s/actions" % vm_id, body={"type": "resize", "memory": 4})  # the earlier run, timed out
    result = converge(ctx, memory=4)
    assert not result["changed"] and server.posted_actions() == ["resize"]
    assert result["vm"]["memory"] == 4 and not result["vm"]["locked"]


def test_a_locked_vm_is_waited_on_before_its_next_action():
    ctx, server = make()
    vm_id = server.add_vm("web1", status="stopped")
    ctx.client.call("POST", "/vms/%s/actions" % vm_id, body={"type": "snapshot", "name": "s1"})
    result = converge(ctx, state="running")
    assert result["actions"] == ["power_on"] and server.vms[vm_id]["status"] == "running"


# -- one action -------------------------------------------------------------------------------------


def action_params(**given):
    found = {"vm": "web1", "vm_id": None, "type": "reboot", "memory": None, "vcpus": None, "disk": None, "snapshot_name": None,
             "distro": None, "new_name": None, "wait": True, "wait_timeout": 600}
    found.update(given)
    return found


def act(ctx, check_mode=False, **given):
    clock = Clock()
    return run_vm_action(ctx, action_params(**given), check_mode=check_mode, deadline=Deadline(600, clock, clock.sleep))


@pytest.mark.parametrize("kind,status,extra", [("power_on", "running", {}), ("power_off", "stopped", {}), ("shutdown", "stopped", {}),
                                               ("rename", "running", {"new_name": "web1"}),
                                               ("resize", "running", {"memory": 1, "disk": 20})])
def test_an_action_that_would_change_nothing_is_no_change(kind, status, extra):
    ctx, server = make()
    server.add_vm("web1", status=status, memory=1, disk=20)
    result = act(ctx, type=kind, **extra)
    assert not result["changed"] and result["action"] is None and writes(server) == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_reboot_of_a_stopped_vm_is_refused_as_the_api_would(check_mode):
    ctx, server = make(check_mode=check_mode)
    server.add_vm("web1", status="stopped")
    with pytest.raises(ResourceError, match="type=power_cycle needs a running VM; vm 'web1' is stopped"):
        act(ctx, check_mode=check_mode, type="power_cycle")
    assert writes(server) == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_resize_that_shrinks_the_disk_is_refused(check_mode):
    ctx, server = make(check_mode=check_mode)
    server.add_vm("web1", status="stopped", disk=40)
    with pytest.raises(ResourceError, match="disk cannot shrink from 40 to 20 GB"):
        act(ctx, check_mode=check_mode, type="resize", disk=20)


def test_an_action_runs_and_returns_the_action_and_the_vm_after_it():
    ctx, server = make()
    vm_id = server.add_vm("web1")
    result = act(ctx, type="rename", new_name="web2")
    assert result["changed"] and server.sent("POST", "/vms/%s/actions" % vm_id) == [{"type": "rename", "name": "web2"}]
    assert result["action"]["status"] == "completed" and result["action"]["region"] == "moscow_02"
    assert result["vm"]["name"] == "web2"


def test_a_snapshot_appears_in_the_vms_snapshot_ids():
    ctx, server = make()
    server.add_vm("web1")
    result = act(ctx, type="snapshot", snapshot_name="before")
    assert result["vm"]["snapshot_ids"] == [1]


def test_check_mode_predicts_the_vm_and_sends_nothing():
    ctx, server = make(check_mode=True)
    server.add_vm("web1", status="stopped")
    result = act(ctx, check_mode=True, type="rebuild", distro="debian-12")
    assert result["changed"] and result["action"] is None and writes(server) == []
    assert result["vm"]["distro"] == "debian-12"


def test_the_vm_by_an_unknown_id_or_name_is_an_error_naming_the_option():
    ctx, _server = make()
    with pytest.raises(ResourceError, match="vm_id: no VM has the id 'f00'"):
        act(ctx, vm=None, vm_id="f00")
    with pytest.raises(ResourceError, match="vm: no VM is named 'web1'"):
        act(ctx)


def test_a_vm_being_built_is_waited_on_before_the_action():
    ctx, server = make()
    server.build_reads = 2
    vm_id = server.add_vm("web1", building=True)
    result = act(ctx, vm=None, vm_id=vm_id, type="reboot")
    assert result["changed"] and server.posted_actions() == ["reboot"]


# -- listing ----------------------------------------------------------------------------------------


def test_vms_are_listed_by_name_id_and_region():
    ctx, server = make()
    first = server.add_vm("b-vm", region="moscow_03")
    second = server.add_vm("a-vm")
    assert [vm["id"] for vm in list_vms(ctx)] == [second, first]
    assert [vm["id"] for vm in list_vms(ctx, region="moscow_03")] == [first]
    assert [vm["id"] for vm in list_vms(ctx, name="a-vm")] == [second]
    assert [vm["id"] for vm in list_vms(ctx, vm_id=first)] == [first]
    assert list_vms(ctx, vm_id="nope") == []


# -- failures after a write -------------------------------------------------------------------------


@pytest.fixture
def quick(monkeypatch):
    """Module runs whose waits sleep on a fake clock."""
    clock = Clock()
    for module in (vms, vm_action):
        monkeypatch.setattr(module, "Deadline", lambda timeout: Deadline(timeout, clock, clock.sleep))
    return clock


def test_a_timeout_after_an_action_started_reports_changed_and_the_actions(quick):
    ctx, server = make()
    server.slow["shutdown"] = 1000
    server.add_vm("web1", memory=1)
    outcome, result, _warnings = run_module_on(ctx, vms.run_module, params(memory=2, wait_timeout=5))
    assert outcome == "fail" and result["changed"] is True and result["actions"] == ["shutdown"]
    assert "the shutdown action started at" in result["msg"] and "is still in-progress after 5s" in result["msg"]
    assert result["error"]["task_id"] == list(server.vms)[0]


def test_a_failure_before_any_write_reports_no_change(quick):
    ctx, server = make()
    server.add_vm("web1", disk=40)
    outcome, result, _warnings = run_module_on(ctx, vms.run_module, params(disk=20))
    assert (outcome, result) == ("fail", {"msg": "vm 'web1': disk cannot shrink from 40 to 20 GB (the API refuses it; recreate "
                                                 "the VM for a smaller disk)"})


def test_a_refused_create_reports_no_change(quick):
    ctx, server = make()
    server.vm_limit = 0
    outcome, result, _warnings = run_module_on(ctx, vms.run_module, params(**NEW))
    assert outcome == "fail" and "exceed your VM limit" in result["msg"] and "changed" not in result and "actions" not in result
    assert result["error"]["status"] == 422


def test_an_errored_action_of_vm_action_reports_changed_and_the_action(quick):
    ctx, server = make()
    server.fail_action = "reboot"
    server.add_vm("web1")
    outcome, result, _warnings = run_module_on(ctx, vm_action.run_module, action_params())
    assert outcome == "fail" and result["changed"] is True and result["actions"] == ["reboot"]
    assert "the reboot action errored" in result["msg"]


# -- a resize that fails after the VM was stopped for it --------------------------------------------


def test_an_errored_resize_powers_the_vm_on_again_and_says_so():
    ctx, server = make()
    server.fail_action = "resize"
    vm_id = server.add_vm("web1", memory=2)
    with pytest.raises(TaskFailed) as info:
        converge(ctx, memory=4)
    message = str(info.value)
    assert "the resize action errored" in message and "was powered on again and is running, as it was before" in message
    assert server.posted_actions() == ["shutdown", "resize", "power_on"]
    assert (server.vms[vm_id]["status"], server.vms[vm_id]["memory"]) == ("running", 2)


def test_a_resize_the_server_refuses_powers_the_vm_on_again():
    ctx, server = make()
    server.refuse["resize"] = "No capacity for 4 GB"
    vm_id = server.add_vm("web1", memory=2)
    with pytest.raises(ApiError) as info:
        converge(ctx, memory=4)
    assert info.value.status == 422 and "No capacity for 4 GB" in str(info.value)
    assert "was powered on again and is running" in str(info.value)
    assert server.vms[vm_id]["status"] == "running"


def test_a_timed_out_resize_leaves_the_vm_stopped_saying_it_was_running_and_a_re_run_powers_it_on():
    ctx, server = make()
    server.slow["resize"] = 1000
    vm_id = server.add_vm("web1", memory=2)
    with pytest.raises(WaitTimeout) as info:
        converge(ctx, memory=4, timeout=30)
    message = str(info.value)
    assert "the resize action started at" in message and "is still in-progress after 30s" in message
    assert message.endswith("is left stopped; it was running: re-run with state=running to power it on once the action in "
                            "progress has ended")
    assert server.posted_actions() == ["shutdown", "resize"]
    assert (server.vms[vm_id]["status"], server.vms[vm_id]["locked"]) == ("stopped", True)
    server.slow.clear()
    for action in server.actions[vm_id]:
        action["pending"] = min(action["pending"], 1)
    ctx.forget()
    result = converge(ctx, state="running", memory=4)
    assert result["actions"] == ["power_on"] and result["vm"]["status"] == "running" and result["vm"]["memory"] == 4


def test_a_shutdown_that_times_out_leaves_the_vm_stopping_and_says_so():
    ctx, server = make()
    server.slow["shutdown"] = 1000
    server.add_vm("web1", memory=2)
    with pytest.raises(WaitTimeout) as info:
        converge(ctx, memory=4, timeout=30)
    assert "the shutdown action" in str(info.value) and "is left stopped; it was running: re-run with state=running" in str(info.value)
    assert server.posted_actions() == ["shutdown", "power_off"]  # the power-off was refused while the shutdown ran


def test_a_failing_power_on_after_the_resize_is_not_tried_twice():
    ctx, server = make()
    server.fail_action = "power_on"
    vm_id = server.add_vm("web1", memory=2)
    with pytest.raises(TaskFailed) as info:
        converge(ctx, memory=4)
    assert "the power_on action errored" in str(info.value) and "is left stopped; it was running" in str(info.value)
    assert server.posted_actions() == ["shutdown", "resize", "power_on"]
    assert (server.vms[vm_id]["status"], server.vms[vm_id]["memory"]) == ("stopped", 4)


def test_a_failed_resize_of_a_vm_that_is_to_stop_leaves_it_stopped_without_a_note():
    ctx, server = make()
    server.fail_action = "resize"
    server.add_vm("web1", memory=2)
    with pytest.raises(TaskFailed) as info:
        converge(ctx, memory=4, state="stopped")
    assert "it was running" not in str(info.value) and server.posted_actions() == ["shutdown", "resize"]


# -- what the VM may not show -----------------------------------------------------------------------


def test_a_distro_the_catalogue_does_not_know_is_not_compared_and_never_rebuilt():
    warnings = []
    ctx, server = make(warnings=warnings)
    server.image_family = True
    server.add_vm("web1", distro="ubuntu-24.04")
    result = converge(ctx, distro="debian-12", rebuild=True)
    assert not result["changed"] and writes(server) == [] and result["vm"]["distro"] == "Ubuntu"
    assert warnings == ["vm 'web1': distro not compared: the server shows 'Ubuntu', which is the name or id of no single distro "
                        "of the catalogue; the VM is never rebuilt for it"]


def test_a_distro_two_catalogue_entries_answer_to_is_not_compared():
    warnings = []
    ctx, server = make(warnings=warnings)
    server.add_vm("web1", distro="3")
    ctx.distros().append({"id": 9, "name": "3", "image_type": "template", "description": "named like an id"})
    assert not converge(ctx, distro="debian-12", rebuild=True)["changed"] and writes(server) == []
    assert warnings and "the server shows '3'" in warnings[0]


def test_re_creating_a_vm_whose_distro_is_unknown_needs_the_distro():
    ctx, server = make()
    server.image_family = True
    server.add_vm("web1")
    with pytest.raises(ResourceError, match="vm 'web1': re-creating it needs distro: the server shows 'Ubuntu'"):
        converge(ctx, region="moscow_03", recreate=True)
    assert writes(server) == []
    converge(ctx, region="moscow_03", distro="debian-12", recreate=True)
    assert server.sent("POST", "/vms")[0]["distro"] == "debian-12"


@pytest.mark.parametrize("shown", [True, False])
def test_backups_a_vm_does_not_show_are_not_compared_and_never_re_created_for(shown):
    warnings = []
    ctx, server = make(warnings=warnings)
    server.backups_shown = shown
    server.add_vm("web1", backups=not shown)  # shown: a VM without backups; not shown: one whose backups are hidden
    result = converge(ctx, backups=True, recreate=True)
    assert not result["changed"] and writes(server) == [] and result["vm"]["backups"] is False
    assert warnings == ["vm 'web1': backups not compared: the server shows no backups state for it (features [], no backup "
                        "ids), which may mean no backups or a server that does not show them; it is not re-created for them"]
    warnings[:] = []
    assert not converge(ctx, backups=False)["changed"] and warnings == []


def test_re_creating_keeps_the_backups_the_old_vm_shows():
    ctx, server = make()
    server.add_vm("web1", backups=True)
    converge(ctx, region="moscow_03", recreate=True)
    assert server.sent("POST", "/vms")[0]["backups"] is True
    assert converge(ctx, region="moscow_03", backups=True)["changed"] is False


# -- builds and stopped VMs without an address ------------------------------------------------------


def test_a_stopped_vm_whose_networks_are_hidden_is_powered_on_without_waiting():
    ctx, server = make()
    server.hide_stopped_networks = True
    vm_id = server.add_vm("web1", status="stopped", memory=2)
    assert converge(ctx, memory=2)["vm"]["ipv4"] is None
    result = converge(ctx, state="running", memory=4)
    assert result["actions"] == ["resize", "power_on"] and result["vm"]["status"] == "running"
    assert result["vm"]["ipv4"] == "127.0.1.%d" % server.vms[vm_id]["n"]
    ctx.forget()
    stopped = converge(ctx, state="stopped")
    assert stopped["actions"] == ["shutdown"] and stopped["vm"]["ipv4"] is None
    ctx.forget()
    assert not converge(ctx, state="stopped", memory=4)["changed"]


def test_a_vm_being_built_that_shows_stopped_is_waited_on_when_the_server_refuses_it_an_action():
    ctx, server = make()
    server.building_status = "stopped"
    server.build_reads = 3
    converge(ctx, wait=False, **NEW)
    ctx.forget()
    result = converge(ctx, state="running", **NEW)
    assert not result["changed"] and result["actions"] == [] and result["vm"]["status"] == "running"
    assert server.posted_actions() == ["power_on"]
    assert all(not actions for actions in server.actions.values())  # the power-on was refused: the build ended running


def test_an_old_stopped_vm_without_an_address_is_not_waited_on_when_refused():
    ctx, server = make()
    server.hide_stopped_networks = True
    server.refuse["power_on"] = "Hypervisor has no free memory"
    server.add_vm("web1", status="stopped")
    with pytest.raises(ApiError, match="Hypervisor has no free memory"):
        converge(ctx, state="running")
    assert [call for call in server.calls() if call.startswith("GET /vms/")] == []


# -- one action: resize, rename ---------------------------------------------------------------------


@pytest.mark.parametrize("check_mode", [False, True])
def test_vm_action_resizes_a_running_vm_as_cloudsfor_vm_does(check_mode):
    ctx, server = make(check_mode=check_mode)
    vm_id = server.add_vm("web1", memory=2)
    result = act(ctx, check_mode=check_mode, type="resize", memory=4)
    assert result["changed"] and result["actions"] == ["shutdown", "resize", "power_on"]
    assert (result["vm"]["memory"], result["vm"]["status"]) == (4, "running")
    if check_mode:
        assert writes(server) == [] and result["action"] is None
    else:
        assert server.posted_actions() == ["shutdown", "resize", "power_on"]
        assert result["action"]["type"] == "resize" and result["action"]["status"] == "completed"
        assert (server.vms[vm_id]["memory"], server.vms[vm_id]["status"]) == (4, "running")


def test_vm_action_resize_of_a_stopped_vm_is_the_resize_alone():
    ctx, server = make()
    server.add_vm("web1", status="stopped", memory=2)
    result = act(ctx, type="resize", memory=4)
    assert result["actions"] == ["resize"] and result["vm"]["status"] == "stopped"


def test_vm_action_powers_on_a_vm_whose_errored_resize_stopped_it():
    ctx, server = make()
    server.fail_action = "resize"
    vm_id = server.add_vm("web1", memory=2)
    with pytest.raises(TaskFailed, match="was powered on again and is running"):
        act(ctx, type="resize", memory=4)
    assert server.vms[vm_id]["status"] == "running"


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_rename_run_again_is_no_change(check_mode):
    ctx, server = make()
    server.add_vm("web1")
    act(ctx, type="rename", new_name="web2")
    ctx.forget()
    result = act(ctx, check_mode=check_mode, type="rename", new_name="web2")
    assert not result["changed"] and result["vm"]["name"] == "web2" and server.posted_actions() == ["rename"]


def test_a_rename_of_a_vm_that_is_under_neither_name_is_refused():
    ctx, server = make()
    server.add_vm("other")
    with pytest.raises(ResourceError, match="vm: no VM is named 'web1'"):
        act(ctx, type="rename", new_name="web2")

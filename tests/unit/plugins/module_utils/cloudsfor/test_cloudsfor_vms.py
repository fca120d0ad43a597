# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A VM's life as cloudsfor_vm and cloudsfor_vm_action run it: creation and its build, the actions a change takes (in
order), what is refused before any write, check mode, and resuming a VM still being built or locked."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.actions import Deadline
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.outcome import Journal, execute
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.vm_action import run_vm_action
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.vms import VmRun, list_vms
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import CORE_ERRORS, ResourceError, TaskFailed, WaitTimeout

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudsfor.fake_cloudsfor import Clock, make
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudsfor.test_cloudsfor_keys import ED25519, ED25519_SHA256

NEW = {"region": "moscow_02", "distro": "ubuntu-24.04", "memory": 2, "vcpus": 2, "disk": 40}


def params(**given):
    found = {"name": "web1", "state": "present", "region": None, "distro": None, "memory": None, "vcpus": None, "disk": None,
             "ssh_keys": None, "backups": None, "rebuild": False, "recreate": False, "wait": True, "wait_timeout": 600}
    found.update(given)
    return found


def converge(ctx, check_mode=False, **given):
    clock = Clock()
    return VmRun(ctx, params(**given), check_mode=check_mode, deadline=Deadline(600, clock, clock.sleep)).result(diff=True)


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


def test_a_new_stopped_vm_is_powered_off_after_its_build():
    ctx, server = make()
    result = converge(ctx, state="stopped", **NEW)
    assert result["actions"] == ["power_off"] and result["vm"]["status"] == "stopped"
    assert server.posted_actions() == ["power_off"]


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
def test_a_running_vm_is_powered_off_resized_and_powered_on_again(check_mode):
    ctx, server = make(check_mode=check_mode)
    vm_id = server.add_vm("web1", memory=2, vcpus=2, disk=40)
    result = converge(ctx, check_mode=check_mode, memory=4, disk=80)
    assert result["changed"] and result["actions"] == ["power_off", "resize", "power_on"]
    assert (result["vm"]["memory"], result["vm"]["vcpus"], result["vm"]["disk"], result["vm"]["status"]) == (4, 2, 80, "running")
    assert result["diff"]["before"]["memory"] == 2 and result["diff"]["after"]["memory"] == 4
    if check_mode:
        assert writes(server) == []
    else:
        assert server.posted_actions() == ["power_off", "resize", "power_on"]
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
    assert converge(ctx, memory=4, state="stopped")["actions"] == ["power_off", "resize"]


@pytest.mark.parametrize("state,status,expected", [("running", "stopped", ["power_on"]), ("stopped", "running", ["power_off"]),
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
                                            ({"backups": True}, "backups \\(from False to True\\)")])
def test_a_region_or_backups_change_needs_recreate(check_mode, change, message):
    ctx, server = make(check_mode=check_mode)
    server.add_vm("web1")
    with pytest.raises(ResourceError, match="vm 'web1': %s cannot change in place; set recreate=true" % message):
        converge(ctx, check_mode=check_mode, **change)
    assert writes(server) == []


def test_recreate_deletes_and_creates_with_the_old_values_for_what_is_not_given():
    ctx, server = make()
    old = server.add_vm("web1", distro=3, memory=2, vcpus=1, disk=30)
    result = converge(ctx, region="moscow_03", recreate=True)
    assert writes(server) == ["DELETE /vms/%s" % old, "POST /vms"]
    assert server.sent("POST", "/vms") == [{"name": "web1", "region": "moscow_03", "distro": 3, "memory": 2, "vcpus": 1, "disk": 30,
                                            "backups": False}]
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


class FakeRun:
    """What ``outcome.execute`` needs of a ``ModuleRun``: ``execute`` reports core errors, ``fail`` ends the module."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.outcome = None

    def execute(self, body):
        try:
            self.outcome = ("exit", body(self.ctx))
        except CORE_ERRORS as exc:
            self.outcome = ("fail", exc, {})

    def fail(self, exc, **result):
        self.outcome = ("fail", exc, result)
        raise SystemExit(1)


def run_tracked(ctx, body_of):
    journal = Journal()
    run = FakeRun(ctx)
    try:
        execute(run, lambda ctx: body_of(ctx, journal), journal, actions=True)
    except SystemExit:
        pass
    return run.outcome


def test_a_timeout_after_an_action_started_reports_changed_and_the_actions():
    ctx, server = make()
    server.action_reads = 1000
    server.add_vm("web1", memory=1)
    clock = Clock()
    outcome = run_tracked(ctx, lambda ctx, journal: VmRun(ctx, params(memory=2), deadline=Deadline(5, clock, clock.sleep),
                                                          journal=journal).result())
    assert outcome[0] == "fail" and isinstance(outcome[1], WaitTimeout)
    assert outcome[2] == {"changed": True, "actions": ["power_off"]}


def test_a_failure_before_any_write_reports_no_change():
    ctx, server = make()
    server.add_vm("web1", disk=40)
    outcome = run_tracked(ctx, lambda ctx, journal: VmRun(ctx, params(disk=20), journal=journal).result())
    assert outcome[0] == "fail" and isinstance(outcome[1], ResourceError) and outcome[2] == {}


def test_a_refused_create_reports_no_change():
    ctx, server = make()
    server.vm_limit = 0
    outcome = run_tracked(ctx, lambda ctx, journal: VmRun(ctx, params(**NEW), journal=journal).result())
    assert outcome[0] == "fail" and "exceed your VM limit" in str(outcome[1]) and outcome[2] == {}


def test_an_errored_action_of_vm_action_reports_changed():
    ctx, server = make()
    server.fail_action = "reboot"
    server.add_vm("web1")
    clock = Clock()
    outcome = run_tracked(ctx, lambda ctx, journal: run_vm_action(ctx, action_params(), deadline=Deadline(60, clock, clock.sleep),
                                                                  journal=journal))
    assert outcome[0] == "fail" and isinstance(outcome[1], TaskFailed) and outcome[2]["changed"] is True

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""VM actions: the lifecycle (in-progress, locked, completed or errored), ids (switch action_ids), the lists, and what
each type needs and does."""

import time

import pytest

pytest.register_assert_rewrite("cfsim")

from cfsim import VM  # noqa: E402

pytest_plugins = ["cfsim"]


def _act(cf, vm_id, body, status=201):
    return cf.ok("POST", "/vms/%s/actions" % vm_id, body, status=status)["action"]


def _refused(cf, vm_id, body):
    result = cf.call("POST", "/vms/%s/actions" % vm_id, body)
    assert result.error == (422, "unprocessable_entity"), result.body
    return result.body["message"]


def test_an_action_runs_locked_and_completes(cf):
    cf.switches(action_seconds=0.4)
    vm_id = cf.seed_vm()
    started = time.monotonic()
    action = _act(cf, vm_id, {"type": "power_off"})
    assert action["id"] == vm_id and action["status"] == "in-progress" and action["type"] == "power_off"
    assert action["completed_at"] is None and action["resource_type"] == "vm" and action["region"] == "moscow_02"
    assert action["started_at"].endswith("Z")
    vm = cf.ok("GET", "/vms/" + vm_id)["vm"]
    assert vm["locked"] is True and vm["status"] == "running"
    assert _refused(cf, vm_id, {"type": "reboot"}) == "VM is locked by another action"
    cf.wait_unlocked(vm_id)
    assert time.monotonic() - started >= 0.4
    done = cf.ok("GET", "/vms/%s/actions" % vm_id)["actions"]
    assert len(done) == 1 and done[0]["status"] == "completed" and done[0]["completed_at"] >= done[0]["started_at"]
    assert cf.ok("GET", "/vms/" + vm_id)["vm"]["status"] == "stopped"


def test_an_action_fault_ends_errored_with_no_effect(cf):
    vm_id = cf.seed_vm()
    rule = cf.control("POST", "/action_faults", {"type": "power_off", "message": "hypervisor says no"})
    assert rule == {"type": "power_off", "message": "hypervisor says no", "times": 1, "seconds": None}
    _act(cf, vm_id, {"type": "reboot"})                 # another type: not matched
    cf.wait_unlocked(vm_id)
    _act(cf, vm_id, {"type": "power_off"})
    state = cf.wait_unlocked(vm_id)
    assert state["actions"][-1]["status"] == "errored" and state["actions"][-1]["fault"] == "hypervisor says no"
    assert state["action_faults"] == []
    listed = cf.ok("GET", "/vms/%s/actions" % vm_id)["actions"]
    assert [(a["type"], a["status"]) for a in listed] == [("reboot", "completed"), ("power_off", "errored")]
    assert listed[1]["completed_at"] is not None
    assert cf.ok("GET", "/vms/" + vm_id)["vm"]["status"] == "running"
    _act(cf, vm_id, {"type": "power_off"})               # the rule was used up
    cf.wait_unlocked(vm_id)
    assert cf.ok("GET", "/vms/" + vm_id)["vm"]["status"] == "stopped"


def test_action_fault_rules_any_type_forever_and_clearing(cf):
    vm_id = cf.seed_vm()
    cf.control("POST", "/action_faults", {"times": 0})
    assert cf.control("GET", "/action_faults")["action_faults"] == [
        {"type": None, "message": "Simulated failure", "times": 0, "seconds": None}]
    for kind in ("reboot", "power_cycle"):
        _act(cf, vm_id, {"type": kind})
        assert cf.wait_unlocked(vm_id)["actions"][-1]["status"] == "errored"
    cf.control("DELETE", "/action_faults")
    _act(cf, vm_id, {"type": "reboot"})
    assert cf.wait_unlocked(vm_id)["actions"][-1]["status"] == "completed"
    for body in ({"type": "explode"}, {"times": -1}, {"colour": "red"}, {"message": 5}, {"seconds": -1}, {"seconds": "1"},
                 {"seconds": True}):
        cf.control("POST", "/action_faults", body, status=400)


def test_an_action_fault_with_seconds_only_makes_the_action_slow(cf):
    vm_id = cf.seed_vm(status="stopped")
    rule = cf.control("POST", "/action_faults", {"type": "resize", "seconds": 0.4})
    assert rule == {"type": "resize", "message": None, "times": 1, "seconds": 0.4}
    started = time.monotonic()
    _act(cf, vm_id, {"type": "resize", "memory": 4})
    assert cf.stored_vm(vm_id)["locked"] is True
    state = cf.wait_unlocked(vm_id)
    assert time.monotonic() - started >= 0.4
    assert state["actions"][-1]["status"] == "completed" and cf.stored_vm(vm_id)["memory"] == 4
    _act(cf, vm_id, {"type": "resize", "memory": 8})      # the rule was used up: quick again
    assert cf.wait_unlocked(vm_id)["actions"][-1]["status"] == "completed"


def test_an_action_fault_with_seconds_and_a_message_errs_late(cf):
    vm_id = cf.seed_vm()
    cf.control("POST", "/action_faults", {"type": "shutdown", "seconds": 0.3, "message": "guest did not answer"})
    started = time.monotonic()
    _act(cf, vm_id, {"type": "shutdown"})
    state = cf.wait_unlocked(vm_id)
    assert time.monotonic() - started >= 0.3
    assert (state["actions"][-1]["status"], state["actions"][-1]["fault"]) == ("errored", "guest did not answer")
    assert cf.stored_vm(vm_id)["status"] == "running"


def test_own_action_ids(cf):
    cf.switches(action_ids="own")
    vm_id = cf.seed_vm()
    other = cf.seed_vm(name="other")
    first = _act(cf, vm_id, {"type": "reboot"})
    second = _act(cf, other, {"type": "reboot"})
    assert (first["id"], second["id"]) == (1, 2)
    cf.wait_unlocked(vm_id)
    assert cf.ok("GET", "/vms/%s/actions/1" % vm_id)["action"]["status"] == "completed"
    assert cf.call("GET", "/vms/%s/actions/2" % vm_id).status == 404      # another VM's action
    assert cf.ok("GET", "/actions/2")["action"]["type"] == "reboot"
    assert cf.call("GET", "/actions/" + vm_id).status == 404
    assert [a["id"] for a in cf.ok("GET", "/actions")["actions"]] == [1, 2]


def test_vm_action_ids_find_the_vms_newest_action(cf):
    vm_id = cf.seed_vm()
    _act(cf, vm_id, {"type": "reboot"})
    cf.wait_unlocked(vm_id)
    _act(cf, vm_id, {"type": "power_off"})
    assert cf.ok("GET", "/vms/%s/actions/%s" % (vm_id, vm_id))["action"]["type"] == "power_off"
    assert cf.ok("GET", "/actions/" + vm_id)["action"]["type"] == "power_off"
    assert cf.call("GET", "/vms/%s/actions/1" % vm_id).status == 404
    assert [a["id"] for a in cf.ok("GET", "/actions")["actions"]] == [vm_id, vm_id]


def test_the_global_list_keeps_actions_of_deleted_vms_oldest_first(cf):
    first, second = cf.seed(vms=[dict(VM, name="a"), dict(VM, name="b")])["vms"]
    _act(cf, second, {"type": "reboot"})
    _act(cf, first, {"type": "power_off"})
    cf.ok("DELETE", "/vms/" + second, status=204)
    listed = cf.ok("GET", "/actions")
    assert [(a["id"], a["type"]) for a in listed["actions"]] == [(second, "reboot"), (first, "power_off")]
    assert listed["meta"] == {"total": 2}
    assert cf.call("GET", "/vms/%s/actions" % second).status == 404
    state = cf.wait(lambda s: all(a["status"] != "in-progress" for a in s["actions"]))
    # the deleted VM's action could not complete
    assert [a["status"] for a in state["actions"]] == ["errored", "completed"]


def test_actions_of_a_vm_being_built_are_refused(cf):
    cf.switches(build_seconds=0.5)
    vm_id = cf.ok("POST", "/vms", VM, status=202)["vm"]["id"]
    assert _refused(cf, vm_id, {"type": "power_off"}) == "VM is being built"
    cf.wait_built(vm_id)
    _act(cf, vm_id, {"type": "power_off"})


@pytest.mark.parametrize("status, kind, message", [
    ("running", "power_on", "VM is already powered on"),
    ("stopped", "power_off", "VM is already powered off"),
    ("stopped", "shutdown", "VM is already powered off"),
    ("stopped", "reboot", "VM is not running"),
    ("stopped", "power_cycle", "VM is not running"),
])
def test_power_actions_to_the_state_the_vm_is_in_are_refused(cf, status, kind, message):
    vm_id = cf.seed_vm(status=status)
    assert _refused(cf, vm_id, {"type": kind}) == message
    assert cf.state()["actions"] == []


@pytest.mark.parametrize("status, kind, after", [
    ("stopped", "power_on", "running"), ("running", "shutdown", "stopped"), ("running", "power_off", "stopped"),
    ("running", "reboot", "running"), ("running", "power_cycle", "running"),
])
def test_power_actions(cf, status, kind, after):
    vm_id = cf.seed_vm(status=status)
    _act(cf, vm_id, {"type": kind})
    cf.wait_unlocked(vm_id)
    assert cf.ok("GET", "/vms/" + vm_id)["vm"]["status"] == after


def test_unknown_or_missing_type(cf):
    vm_id = cf.seed_vm()
    assert _refused(cf, vm_id, {}) == "type is required"
    assert _refused(cf, vm_id, {"type": "explode"}).startswith("explode is not a valid action type")
    assert cf.call("POST", "/vms/%s/actions" % ("0" * 32), {"type": "reboot"}).status == 404


def test_resize_when_stopped(cf):
    vm_id = cf.seed_vm(status="stopped")
    _act(cf, vm_id, {"type": "resize", "memory": 4, "disk": 40})
    cf.wait_unlocked(vm_id)
    vm = cf.ok("GET", "/vms/" + vm_id)["vm"]
    assert (vm["memory"], vm["vcpus"], vm["disk"]) == (4, "2", "40")


def test_resize_while_running_is_refused_unless_switched(cf):
    vm_id = cf.seed_vm()
    assert _refused(cf, vm_id, {"type": "resize", "vcpus": 4}) == "VM must be powered off to resize"
    cf.switches(resize_while_running=True)
    _act(cf, vm_id, {"type": "resize", "vcpus": 4})
    cf.wait_unlocked(vm_id)
    assert cf.stored_vm(vm_id)["vcpus"] == 4 and cf.stored_vm(vm_id)["status"] == "running"


@pytest.mark.parametrize("resize_while_running", [False, True])
def test_a_disk_never_shrinks(cf, resize_while_running):
    cf.switches(resize_while_running=resize_while_running)
    for status in ("running", "stopped"):
        vm_id = cf.seed_vm(status=status)
        assert _refused(cf, vm_id, {"type": "resize", "disk": 10}) == "disk cannot shrink"


def test_resize_bodies(cf):
    vm_id = cf.seed_vm(status="stopped")
    assert _refused(cf, vm_id, {"type": "resize"}) == "resize needs memory, vcpus or disk"
    assert _refused(cf, vm_id, {"type": "resize", "memory": "8"}) == "memory must be a positive integer"


def test_snapshot(cf):
    vm_id = cf.seed_vm()
    _act(cf, vm_id, {"type": "snapshot", "name": "before-upgrade"})
    state = cf.wait_unlocked(vm_id)
    assert state["snapshots"][0]["name"] == "before-upgrade" and state["snapshots"][0]["vm_id"] == vm_id
    assert cf.ok("GET", "/vms/" + vm_id)["vm"]["snapshot_ids"] == [state["snapshots"][0]["id"]]
    assert _refused(cf, vm_id, {"type": "snapshot", "name": ""}) == "name must be a non-empty string"


def test_rebuild_changes_the_image(cf):
    vm_id = cf.seed_vm()
    assert _refused(cf, vm_id, {"type": "rebuild"}) == "distro is required"
    assert _refused(cf, vm_id, {"type": "rebuild", "distro": "plan9"}) == "Distro is not available"
    _act(cf, vm_id, {"type": "rebuild", "distro": 503})
    assert cf.ok("GET", "/vms/" + vm_id)["vm"]["image"]["distro"] == "ubuntu-24.04"      # only once completed
    cf.wait_unlocked(vm_id)
    assert cf.ok("GET", "/vms/" + vm_id)["vm"]["image"] == {"id": 503, "distro": 503, "name": "Debian 12"}


def test_rename(cf):
    vm_id = cf.seed_vm()
    cf.seed_vm(name="taken")
    _act(cf, vm_id, {"type": "rename", "name": "taken"})     # names need not be unique
    cf.wait_unlocked(vm_id)
    cf.switches(unique_names=True)
    assert _refused(cf, vm_id, {"type": "rename", "name": "taken"}) == "a VM named taken already exists"
    cf.seed_vm(name="third")
    other = cf.state()["vms"][-1]["id"]
    _act(cf, other, {"type": "rename", "name": "fresh"})
    cf.wait_unlocked(other)
    assert cf.ok("GET", "/vms/" + other)["vm"]["name"] == "fresh"
    assert _refused(cf, other, {"type": "rename"}) == "name must be a non-empty string"

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The VM action types: what each needs before it starts (422 otherwise) and what it changes when it completes.

The docs name reboot and power_off (and resize, snapshot "etc."); the rest of the list, the bodies and the rules
follow DO (inferred).
"""

from . import bodies, vm_records, vm_rules
from .errors import unprocessable

LOCKED = "VM is locked by another action"
BUILDING = "VM is being built"
NOT_RUNNING = "VM is not running"
ALREADY_ON = "VM is already powered on"
ALREADY_OFF = "VM is already powered off"
RESIZE_RUNNING = "VM must be powered off to resize"
SHRINK = "disk cannot shrink"
SIZES = ("memory", "vcpus", "disk")


def _running(state, vm, body):
    if vm["status"] != "running":
        raise unprocessable(NOT_RUNNING)
    return {}


def _power_on(state, vm, body):
    if vm["status"] == "running":
        raise unprocessable(ALREADY_ON)
    return {}


def _power_off(state, vm, body):
    if vm["status"] == "stopped":
        raise unprocessable(ALREADY_OFF)
    return {}


def _resize(state, vm, body):
    sizes = {name: bodies.count(body, name, required=False) for name in SIZES}
    sizes = {name: value for name, value in sizes.items() if value is not None}
    if not sizes:
        raise unprocessable("resize needs memory, vcpus or disk")
    if sizes.get("disk", vm["disk"]) < vm["disk"]:
        raise unprocessable(SHRINK)
    if vm["status"] == "running" and not state.switches["resize_while_running"]:
        raise unprocessable(RESIZE_RUNNING)
    return sizes


def _snapshot(state, vm, body):
    return {"name": bodies.text(body, "name", required=False)}


def _rebuild(state, vm, body):
    given, name = vm_rules.distro(state, body)
    return {"distro_given": given, "distro": name}


def _rename(state, vm, body):
    name = bodies.text(body, "name")
    vm_rules.name_free(state, name, vm["id"])
    return {"name": name}


CHECKS = {"reboot": _running, "power_cycle": _running, "power_on": _power_on, "power_off": _power_off,
          "shutdown": _power_off, "resize": _resize, "snapshot": _snapshot, "rebuild": _rebuild, "rename": _rename}
TYPES = tuple(CHECKS)


def check(state, vm, body):
    """(type, the parameters it completes with); 422 when the action may not start."""
    kind = body.get("type")
    if not isinstance(kind, str) or not kind:
        raise unprocessable("type is required")
    if kind not in CHECKS:
        raise unprocessable("%s is not a valid action type (one of %s)" % (kind, ", ".join(TYPES)))
    if vm["status"] == "new":
        raise unprocessable(BUILDING)
    if vm["locked"]:
        raise unprocessable(LOCKED)
    return kind, CHECKS[kind](state, vm, body)


def apply(state, vm, kind, params):
    """What a completed action changes (reboot and power_cycle leave a running VM running)."""
    if kind == "power_on":
        vm_records.set_status(state, vm, "running")
    elif kind in ("power_off", "shutdown"):
        vm_records.set_status(state, vm, "stopped")
    elif kind == "snapshot":
        ident = state.next_id("snapshot")
        state.snapshots.append({"id": ident, "name": params["name"], "vm_id": vm["id"], "created_at": state.now()})
        vm["snapshot_ids"].append(ident)
    elif kind in ("resize", "rebuild", "rename"):
        vm.update(params)

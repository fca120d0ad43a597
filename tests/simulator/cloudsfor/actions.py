# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Actions: started ``in-progress`` with the VM locked, ``completed`` (or ``errored`` by an action fault, with no
effect) after switch ``action_seconds`` (or the ``seconds`` of the action fault that matched it); the action object as
the docs describe it."""

from . import action_rules
from .envelope import iso

FAULT_MESSAGE = "Simulated failure"


def view(state, action):
    # the docs: an action's id is the VM's id; DO gives every action its own number (switch action_ids)
    ident = action["vm_id"] if state.switches["action_ids"] == "vm" else action["seq"]
    return {"id": ident, "status": action["status"], "type": action["type"], "started_at": iso(action["started_at"]),
            "completed_at": iso(action["completed_at"]), "resource_type": "vm", "region": action["region"]}


def _take_fault(state, kind):
    """The first action fault matching ``kind`` (using one of its ``times``), or None."""
    for rule in state.action_faults:
        if rule["type"] not in (None, kind):
            continue
        if rule["times"]:
            rule["times"] -= 1
            if rule["times"] == 0:
                state.action_faults.remove(rule)
        return rule
    return None


def start(state, vm, kind, params):
    rule = _take_fault(state, kind) or {}
    fault = rule.get("message")     # None: no fault, or a rule that only makes the action slow
    seconds = rule["seconds"] if rule.get("seconds") is not None else state.switches["action_seconds"]
    action = {"seq": state.next_id("action"), "vm_id": vm["id"], "type": kind, "status": "in-progress",
              "started_at": state.now(), "completed_at": None, "region": vm["region"], "params": params,
              "fault": fault}
    state.actions.append(action)
    vm["locked"] = True

    def ended(task, ok):
        action["completed_at"] = state.engine.wall(task, state.engine.end(task))
        current = state.vms.get(vm["id"]) is vm
        # an action on a VM deleted meanwhile cannot complete
        action["status"] = "completed" if ok and current else "errored"
        vm["locked"] = False
        if action["status"] == "completed":
            action_rules.apply(state, vm, kind, params)

    state.start_task("action", seconds, lambda task: ended(task, True),
                     on_failure=lambda task: ended(task, False), fail=fault)
    return action


def of_vm(state, vm_id):
    return [a for a in state.actions if a["vm_id"] == vm_id]


def find(state, ident, vm_id=None):
    """The action an id names: its own number, or (ids of the VM) the VM's newest action; None when none."""
    candidates = of_vm(state, vm_id) if vm_id is not None else state.actions
    if state.switches["action_ids"] == "own":
        return next((a for a in candidates if str(a["seq"]) == ident), None)
    found = [a for a in candidates if a["vm_id"] == ident]
    return found[-1] if found else None

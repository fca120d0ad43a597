# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One action on one VM (``cloudsfor_vm_action``): no change where the VM already is what the action would make it,
refused before any write where the API would refuse it, waited on unless asked not to. A resize of a running VM stops
it and starts it again, as ``cloudsfor_vm`` does (the same steps)."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.actions import TYPES, Deadline, read_vm
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.catalogue import distro_reference, find_distro
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.outcome import Journal, failure_report
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.steps import (
    SIZES, Replan, predict, predicted_actions, run_steps, size_problems, sizing_steps,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.view import region_name, vm_view
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.vm_state import await_ready, building, busy, settled_status
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.vms import DEFAULT_TIMEOUT
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import wait_argspec

NEEDS_RUNNING = ("reboot", "power_cycle")
ACTION_KEYS = ("id", "status", "type", "started_at", "completed_at", "resource_type", "region")


def action_argspec():
    spec = {
        "vm": {"type": "str"},
        "vm_id": {"type": "str"},
        "type": {"type": "str", "required": True, "choices": list(TYPES)},
        "memory": {"type": "int"},
        "vcpus": {"type": "int"},
        "disk": {"type": "int"},
        "snapshot_name": {"type": "str"},
        "distro": {"type": "str"},
        "new_name": {"type": "str"},
    }
    spec.update(wait_argspec(DEFAULT_TIMEOUT))
    return spec


ACTION_RULES = {
    "mutually_exclusive": [("vm", "vm_id")],
    "required_one_of": [("vm", "vm_id")],
    "required_if": [("type", "resize", list(SIZES), True), ("type", "snapshot", ("snapshot_name",)), ("type", "rebuild", ("distro",)),
                    ("type", "rename", ("new_name",))],
}


def action_view(raw):
    """An action as the module returns it (the region by its name, as in the VM)."""
    found = dict((key, raw.get(key)) for key in ACTION_KEYS)
    found["region"] = region_name(found["region"])
    return found


def find_vm(ctx, params):
    if params.get("vm_id"):
        try:
            return read_vm(ctx, params["vm_id"])
        except ApiError as exc:
            if exc.missing:
                raise ResourceError("vm_id: no VM has the id %r" % params["vm_id"])
            raise
    found = ctx.vm_by_name(params["vm"], option="vm", hint="give vm_id instead")
    if found is None and params["type"] == "rename" and params.get("new_name"):
        # a re-run of a rename that is done: the VM has its new name
        found = ctx.vm_by_name(params["new_name"], option="new_name", hint="give vm_id instead")
    if found is None:
        raise ResourceError("vm: no VM is named %r" % params["vm"])
    return found


def request(ctx, raw, params):
    """The action's values, or None when the VM already is what the action would make it; refuses what the API would."""
    kind, view = params["type"], vm_view(raw, ctx.distros())
    status = settled_status(raw)
    if kind == "power_on":
        return None if status == "running" else {}
    if kind in ("power_off", "shutdown"):
        return None if status == "stopped" else {}
    if kind in NEEDS_RUNNING:
        if status != "running":
            raise ResourceError("type=%s needs a running VM; vm %r is %s" % (kind, view["name"], status))
        return {}
    if kind == "rename":
        if not params["new_name"].strip():
            raise ResourceError("new_name must not be empty")
        return None if params["new_name"] == view["name"] else {"name": params["new_name"]}
    if kind == "resize":
        wanted = dict((option, params[option] if params[option] is not None else view[option]) for option in SIZES)
        if all(wanted[option] == view[option] for option in SIZES):
            return None
        problems = size_problems(view, wanted)
        if problems:
            raise ResourceError("vm %r: %s" % (view["name"], "; ".join(problems)))
        return wanted
    if kind == "snapshot":
        return {"name": params["snapshot_name"]}
    if kind == "rebuild":
        return {"distro": distro_reference(find_distro(ctx, params["distro"]), params["distro"])}
    raise ValueError(kind)  # pragma: no cover - the choices of type and this dispatch are kept together


def steps_of(raw, kind, values):
    """The steps of the action: a resize stops a running VM first and starts it again afterwards."""
    if kind == "resize":
        return sizing_steps(settled_status(raw), values)
    return [(kind, values)]


def unchanged(ctx, raw):
    return {"changed": False, "action": None, "actions": [], "vm": vm_view(raw, ctx.distros())}


def run_vm_action(ctx, params, check_mode=False, deadline=None, journal=None):
    """The module's result: ``changed``, ``action`` (None when nothing ran, and in check mode), ``actions`` (the types
    started, in order) and ``vm``."""
    deadline = deadline or Deadline(params["wait_timeout"])
    journal = journal if journal is not None else Journal()
    kind = params["type"]
    raw = find_vm(ctx, params)
    values = request(ctx, raw, params)
    if values is not None and busy(raw) and not check_mode:
        # the build, or another action, holds the VM: the API refuses a new action until it is done
        raw = await_ready(ctx, raw, deadline, built=building(raw))
        values = request(ctx, raw, params)
    if values is None:
        return unchanged(ctx, raw)
    if check_mode:
        steps = steps_of(raw, kind, values)
        return {"changed": True, "action": None, "actions": predicted_actions(steps),
                "vm": predict(vm_view(raw, ctx.distros()), steps, ctx.distros())}
    try:
        states = run_steps(ctx, raw, steps_of(raw, kind, values), deadline, journal, wait=params["wait"], replan=True)
    except Replan as again:  # it was still being built: ask again of what the build left
        raw = again.vm
        values = request(ctx, raw, params)
        if values is None:
            return unchanged(ctx, raw)
        states = run_steps(ctx, raw, steps_of(raw, kind, values), deadline, journal, wait=params["wait"])
    ctx.forget("vms")
    return {"changed": True, "action": action_view(states[kind]), "actions": list(journal.actions),
            "vm": vm_view(read_vm(ctx, raw["id"]), ctx.distros())}


def run_module(run):
    """The whole of ``cloudsfor_vm_action``: a failure after the action was started reports ``changed`` and the
    actions started."""
    journal = Journal()
    run.execute(lambda ctx: run_vm_action(ctx, run.params, run.check_mode, journal=journal),
                on_failure=failure_report(journal, actions=True))

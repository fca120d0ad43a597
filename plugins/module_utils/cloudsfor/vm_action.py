# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One action on one VM (``cloudsfor_vm_action``): no change where the VM already is what the action would make it,
refused before any write where the API would refuse it, waited on unless asked not to."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.actions import (
    STATUS_AFTER, TYPES, Deadline, await_ready, building, busy, read_vm, run_action,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.catalogue import distro_reference, find_distro
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.outcome import Journal, execute
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.view import distro_name, region_name, vm_view
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.vms import DEFAULT_TIMEOUT, SIZES
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
    if found is None:
        raise ResourceError("vm: no VM is named %r" % params["vm"])
    return found


def request(ctx, raw, params):
    """The action's values, or None when the VM already is what the action would make it; refuses what the API would."""
    kind, view = params["type"], vm_view(raw, ctx.distros())
    status = "running" if building(raw) else raw.get("status")  # a build ends with the VM running
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
        if isinstance(view["disk"], (int, float)) and wanted["disk"] < view["disk"]:
            raise ResourceError("disk cannot shrink from %s to %s GB (the API refuses it)" % (view["disk"], wanted["disk"]))
        return wanted
    if kind == "snapshot":
        return {"name": params["snapshot_name"]}
    if kind == "rebuild":
        return {"distro": distro_reference(find_distro(ctx, params["distro"]), params["distro"])}
    raise ValueError(kind)  # pragma: no cover - the choices of type and this dispatch are kept together


def predicted(ctx, raw, kind, values):
    """The VM after the action (check mode)."""
    after = dict(vm_view(raw, ctx.distros()), locked=False)
    if kind in STATUS_AFTER:
        after["status"] = STATUS_AFTER[kind]
    elif after["status"] == "new":
        after["status"] = "running"
    if kind == "rename":
        after["name"] = values["name"]
    elif kind == "resize":
        after.update(values)
    elif kind == "rebuild":
        after["distro"] = distro_name(values["distro"], ctx.distros())
        after["image"] = dict(after.get("image") or {}, distro=values["distro"])
    return after


def run_vm_action(ctx, params, check_mode=False, deadline=None, journal=None):
    """The module's result: ``changed``, ``action`` (None when nothing ran, and in check mode) and ``vm``."""
    deadline = deadline or Deadline(params["wait_timeout"])
    raw = find_vm(ctx, params)
    values = request(ctx, raw, params)
    if values is not None and busy(raw) and not check_mode:
        # the build, or another action, holds the VM: the API refuses a new action until it is done
        raw = await_ready(ctx, raw, deadline)
        values = request(ctx, raw, params)
    if values is None:
        return {"changed": False, "action": None, "vm": vm_view(raw, ctx.distros())}
    if check_mode:
        return {"changed": True, "action": None, "vm": predicted(ctx, raw, params["type"], values)}
    action = run_action(ctx, raw, params["type"], deadline, wait=params["wait"], journal=journal, **values)
    ctx.forget("vms")
    return {"changed": True, "action": action_view(action), "vm": vm_view(read_vm(ctx, raw["id"]), ctx.distros())}


def run_module(run):
    """The whole of ``cloudsfor_vm_action``: a failure after the action was started reports ``changed``."""
    journal = Journal()
    execute(run, lambda ctx: run_vm_action(ctx, run.params, run.check_mode, journal=journal), journal)

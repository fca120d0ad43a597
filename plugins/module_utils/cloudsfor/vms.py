# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""CloudsFor VMs: identified by name, created and waited on until built, resized, rebuilt, re-created and powered
through actions; resumed by a re-run.

What the API can change in place goes through actions (``resize``, ``rebuild``, ``power_on``, and a stop: see
``power``); what it cannot (the region, backups) needs ``recreate``; a distro change needs ``rebuild``. One plan is made
before the first write (``steps``), and check mode runs the same plan without writing. A VM still being built, or locked
by an action (an earlier run's, say), is waited on and then planned again, so a re-run after a timeout resumes instead
of acting twice.

The distro and backups a VM shows are compared only when they can be read for sure: ``image.distro`` when it names
exactly one distro of the catalogue, backups when the VM shows them. Otherwise the module warns and never rebuilds or
re-creates the VM for them.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.actions import Deadline, read_vm
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.catalogue import (
    distro_reference, find_distro, find_region, resolve_distro,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.keys import resolve_keys
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.outcome import Journal, failure_report
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.steps import (
    SIZES, STOP, Replan, predict, predicted_actions, run_steps, size_problems, sizing_steps,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.view import backups_shown, vm_view
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.vm_state import await_ready, building, busy, settled_status
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError, TransportError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import wait_argspec

DEFAULT_TIMEOUT = 600
CREATE_NEEDS = ("region", "distro", "memory", "vcpus", "disk")
# Sizes are whole numbers of GB (memory, disk) and of virtual CPUs.
SIZE_LIMITS = {"memory": (1, None), "vcpus": (1, None), "disk": (1, None)}


def vm_argspec():
    spec = {
        "name": {"type": "str", "required": True},
        "state": {"type": "str", "choices": ["present", "absent", "running", "stopped"], "default": "present"},
        "region": {"type": "str"},
        "distro": {"type": "str"},
        "memory": {"type": "int"},
        "vcpus": {"type": "int"},
        "disk": {"type": "int"},
        "ssh_keys": {"type": "list", "elements": "str", "no_log": False},
        "backups": {"type": "bool"},
        "rebuild": {"type": "bool", "default": False},
        "recreate": {"type": "bool", "default": False},
    }
    spec.update(wait_argspec(DEFAULT_TIMEOUT))
    return spec


def check_input(params):
    """Problems with the options, found before any request."""
    problems = []
    if not (params.get("name") or "").strip():
        problems.append("name must not be empty")
    for option in ("region", "distro"):
        if params.get(option) is not None and not params[option].strip():
            problems.append("%s must not be empty" % option)
    if any(not (entry or "").strip() for entry in params.get("ssh_keys") or []):
        problems.append("ssh_keys: an entry is empty; give SSH key names or fingerprints")
    return problems


def delete_vm(ctx, raw):
    try:
        ctx.client.call("DELETE", "/vms/%s" % raw["id"])
    except ApiError as exc:
        if not exc.missing:  # only a confirmed "no such VM" means it is gone
            raise
    ctx.forget("vms")


class VmRun:
    """One run of ``cloudsfor_vm``: ``run()`` returns the module's result (``changed``, ``vm``, ``actions``, ``diff``)."""

    def __init__(self, ctx, params, check_mode=False, deadline=None, journal=None):
        self.ctx = ctx
        self.params = params
        self.check_mode = check_mode
        self.name = params["name"]
        self.wait = params["wait"]
        self.deadline = deadline or Deadline(params["wait_timeout"])
        self.changed = False
        self.journal = journal or Journal()
        self.actions = self.journal.actions
        self._warned = []

    def run(self):
        problems = check_input(self.params)
        if problems:
            raise ResourceError("; ".join(problems))
        raw = self.ctx.vm_by_name(self.name)
        distros = self.ctx.distros()
        before = vm_view(raw, distros) if raw else {}
        if self.params["state"] == "absent":
            after = self.absent(raw)
        elif raw is None:
            after = self.create()
        else:
            after = self.present(raw)
        return {"changed": self.changed, "vm": after, "actions": self.actions, "diff": {"before": before, "after": after or {}}}

    def result(self, diff=False):
        """``run()`` with the diff only when it was asked for."""
        found = self.run()
        if not diff:
            del found["diff"]
        return found

    def view(self, raw):
        return vm_view(raw, self.ctx.distros())

    def warn(self, message):
        """A warning, once per run (a VM planned again after waiting warns about the same things)."""
        if message not in self._warned:
            self._warned.append(message)
            self.ctx.warn(message)

    # -- absent ----------------------------------------------------------------------------------

    def absent(self, raw):
        if raw is not None:
            self.changed = True
            if not self.check_mode:
                delete_vm(self.ctx, raw)
                self.journal.written = True
        return None

    # -- creation --------------------------------------------------------------------------------

    def create(self):
        missing = [option for option in CREATE_NEEDS if self.params.get(option) is None]
        if missing:
            raise ResourceError("vm %r does not exist; creating it needs %s" % (self.name, ", ".join(missing)))
        wanted = dict((option, self.params[option]) for option in CREATE_NEEDS)
        wanted.update(backups=self.params.get("backups"), ssh_keys=self.params.get("ssh_keys") or [])
        return self.build(wanted, existing=len(self.ctx.vms()))

    def creation(self, wanted):
        """The POST body for ``wanted``, every reference resolved (an unknown one fails here, before any write)."""
        find_region(self.ctx, wanted["region"])
        distro = find_distro(self.ctx, wanted["distro"])
        body = {"name": self.name, "region": wanted["region"], "distro": distro_reference(distro, wanted["distro"])}
        body.update((option, wanted[option]) for option in SIZES)
        if wanted["ssh_keys"]:
            body["ssh_keys"] = resolve_keys(self.ctx, wanted["ssh_keys"])
        if wanted["backups"] is not None:
            body["backups"] = wanted["backups"]  # inferred (DigitalOcean shape)
        return body, distro

    def check_limit(self, existing):
        """Check mode only: the real run hears the server's own refusal. Read only when creating."""
        limit = self.ctx.account().get("vm_limit")
        if isinstance(limit, int) and not isinstance(limit, bool) and existing >= limit:
            raise ResourceError("vm %r: creating it would exceed the account's VM limit (%d VMs, the limit is %d)"
                                % (self.name, existing, limit))

    def build(self, wanted, existing, replaced=None):
        """Create the VM (after deleting ``replaced``), wait for the build, stop it for ``state=stopped``."""
        body, distro = self.creation(wanted)
        self.changed = True
        stop = [(STOP, {})] if self.params["state"] == "stopped" else []
        if self.check_mode:
            self.check_limit(existing)
            self.actions.extend(predicted_actions(stop))
            return predicted(body, distro, "stopped" if stop else "running")
        if replaced is not None:
            delete_vm(self.ctx, replaced)
            self.journal.written = True
        raw = self.post(body)
        self.journal.written = True
        if self.wait or stop:  # an action needs the build done
            raw = await_ready(self.ctx, raw, self.deadline, built=True)
        if stop:
            run_steps(self.ctx, raw, stop, self.deadline, self.journal, wait=self.wait)
            raw = read_vm(self.ctx, raw["id"])
        return self.view(raw)

    def post(self, body):
        """``POST /vms``; an answer lost after the request may have arrived is settled by reading the VMs again
        (never by a second POST, which could make a second VM)."""
        try:
            answer = self.ctx.client.call("POST", "/vms", body=body)
        except TransportError as exc:
            if not exc.maybe_applied:
                raise
            self.ctx.forget("vms")
            found = self.ctx.vm_by_name(self.name)
            if found is None:
                raise
            return found
        finally:
            self.ctx.forget("vms")
        return self.ctx.client.root(answer, "vm", "POST", "/vms")

    # -- an existing VM --------------------------------------------------------------------------

    def present(self, raw, resumed=False):
        view = self.view(raw)
        recreate = self.recreate_reasons(raw, view)
        if recreate:
            if not self.params["recreate"]:
                raise ResourceError("vm %r: %s cannot change in place; set recreate=true to delete the VM and create it anew "
                                    "(everything on its disk is lost)" % (self.name, " and ".join(recreate)))
            return self.recreate(raw, view)
        steps = self.plan(raw, view)
        if busy(raw) and (steps or self.wait) and not self.check_mode and not resumed:
            # the build, or an action of an earlier run, is still going on: wait for it, then plan on what it left
            raw = await_ready(self.ctx, raw, self.deadline, built=building(raw))
            self.ctx.forget("vms")
            return self.present(raw, resumed=True)
        if not steps:
            return view
        if self.check_mode:
            self.changed = True
            self.actions.extend(predicted_actions(steps))
            return predict(view, steps, self.ctx.distros())
        try:
            run_steps(self.ctx, raw, steps, self.deadline, self.journal, wait=self.wait, replan=not resumed)
        except Replan as again:  # it was still being built: plan on what the build left
            self.ctx.forget("vms")
            return self.present(again.vm, resumed=True)
        self.changed = True
        return self.view(read_vm(self.ctx, raw["id"]))

    def recreate_reasons(self, raw, view):
        """What differs that only a re-creation changes (the region; backups where the VM shows them)."""
        params, reasons = self.params, []
        if params["region"] is not None and params["region"] != view["region"]:
            reasons.append("region (from %r to %r)" % (view["region"], params["region"]))
        if params["backups"] is not None:
            shown = backups_shown(raw)
            if shown is None and params["backups"]:
                self.warn("vm %r: backups not compared: the server shows no backups state for it (features %s, no backup ids), "
                          "which may mean no backups or a server that does not show them; it is not re-created for them"
                          % (self.name, view["features"]))
            elif shown and not params["backups"]:
                reasons.append("backups (from on to off)")
        return reasons

    def plan(self, raw, view):
        """The steps that bring an existing VM to the wanted state, in order; refuses what they cannot do."""
        params, problems, steps = self.params, [], []
        if params["distro"] is not None:
            distro = find_distro(self.ctx, params["distro"])
            shown = (raw.get("image") or {}).get("distro") if isinstance(raw.get("image"), dict) else None
            current = resolve_distro(self.ctx.distros(), shown)
            if current is None:
                self.warn("vm %r: distro not compared: the server shows %r, which is the name or id of no single distro of "
                          "the catalogue; the VM is never rebuilt for it" % (self.name, shown))
            elif current.get("name") != distro.get("name"):
                if params["rebuild"]:
                    steps.append(("rebuild", {"distro": distro_reference(distro, params["distro"])}))
                else:
                    problems.append("distro cannot change from %r to %r without rebuild=true (a rebuild erases the disk)"
                                    % (current.get("name"), distro.get("name")))
        changed = dict((option, params[option]) for option in SIZES if params[option] is not None and params[option] != view[option])
        problems.extend(size_problems(view, changed))
        if problems:
            raise ResourceError("vm %r: %s" % (self.name, "; ".join(problems)))
        sizes = dict((option, params[option] if params[option] is not None else view[option]) for option in SIZES) if changed else None
        target = {"running": "running", "stopped": "stopped"}.get(params["state"])
        return steps + sizing_steps(settled_status(raw), sizes, target)

    def recreate(self, raw, view):
        params = self.params
        wanted = dict((option, params[option] if params[option] is not None else view[option]) for option in ("region",) + SIZES)
        wanted["distro"] = params["distro"]
        if wanted["distro"] is None:
            shown = (raw.get("image") or {}).get("distro") if isinstance(raw.get("image"), dict) else None
            if resolve_distro(self.ctx.distros(), shown) is None:
                raise ResourceError("vm %r: re-creating it needs distro: the server shows %r, which is the name or id of no "
                                    "single distro of the catalogue" % (self.name, shown))
            wanted["distro"] = shown
        # backups the old VM does not show are left to the server's default rather than guessed
        wanted["backups"] = params["backups"] if params["backups"] is not None else backups_shown(raw)
        wanted["ssh_keys"] = params.get("ssh_keys") or []
        return self.build(wanted, existing=len(self.ctx.vms()) - 1, replaced=raw)


def predicted(body, distro, status):
    """The view a VM created from ``body`` will have once built (check mode); ``id`` and addresses unknown yet."""
    backups = bool(body.get("backups"))
    return {
        "id": None, "name": body["name"], "status": status, "region": body["region"], "distro": distro.get("name"),
        "memory": body["memory"], "vcpus": body["vcpus"], "disk": body["disk"], "locked": False, "created_at": None,
        "backups": backups, "features": ["backups"] if backups else [], "ipv4": None, "private_ipv4": None,
        "networks": {"v4": []}, "image": {"id": None, "distro": body["distro"], "name": distro.get("description")},
        "backup_ids": [], "snapshot_ids": [],
    }


def list_vms(ctx, name=None, vm_id=None, region=None):
    """The VMs (views) matching every filter given, sorted by name then id; ``vm_id`` reads that one VM only."""
    if vm_id is not None:
        try:
            raws = [read_vm(ctx, vm_id)]
        except ApiError as exc:
            if not exc.missing:
                raise
            raws = []
    else:
        raws = ctx.vms()
    views = [vm_view(raw, ctx.distros()) for raw in raws]
    found = [view for view in views if (name is None or view["name"] == name) and (region is None or view["region"] == region)]
    return sorted(found, key=lambda view: (str(view["name"]), str(view["id"])))


def run_module(run):
    """The whole of ``cloudsfor_vm``: a failure after a write reports ``changed`` and the actions started."""
    journal = Journal()
    run.execute(lambda ctx: VmRun(ctx, run.params, run.check_mode, journal=journal).result(run.module._diff),
                on_failure=failure_report(journal, actions=True))

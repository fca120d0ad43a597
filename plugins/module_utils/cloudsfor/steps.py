# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The steps that change an existing VM, shared by ``cloudsfor_vm`` and ``cloudsfor_vm_action``: planned in order
before the first write, predicted for check mode, and run.

A step is ``(kind, values)``: an action type, or ``STOP`` (``power.power_down``: a graceful shutdown, a power-off when
that fails). A running VM is stopped for a resize (the API may refuse to resize a running VM: DigitalOcean does) and,
when it is to run afterwards, powered on again; when a later step fails, the run powers it on again itself where it
can, and otherwise says that it was left stopped.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.actions import (
    STATUS_AFTER, read_vm, refused, run_action,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.power import STEP_ERRORS, power_down, restore_power
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.view import distro_name
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.vm_state import await_ready, building, maybe_building

STOP = "stop"
SIZES = ("memory", "vcpus", "disk")


class Replan(Exception):
    """The VM turned out to be still being built (its first action was refused): plan again on ``vm``, now built."""

    def __init__(self, vm):
        super().__init__("plan again")
        self.vm = vm


def size_problems(view, wanted):
    """What the API refuses about new sizes (``wanted``: the sizes asked for, by option)."""
    if "disk" in wanted and isinstance(view.get("disk"), (int, float)) and wanted["disk"] < view["disk"]:
        return ["disk cannot shrink from %s to %s GB (the API refuses it; recreate the VM for a smaller disk)" % (view["disk"], wanted["disk"])]
    return []


def sizing_steps(status, sizes, target=None):
    """The steps that resize a VM of ``status`` to ``sizes`` (all three, or None for no resize) and leave it
    ``target`` (``running``, ``stopped``, or None: as it was)."""
    steps, final = [], target or status
    if sizes:
        if status == "running":
            steps.append((STOP, {}))
            status = "stopped"
        steps.append(("resize", dict(sizes)))
    if final != status and final in ("running", "stopped"):
        steps.append(("power_on", {}) if final == "running" else (STOP, {}))
    return steps


def predicted_actions(steps):
    """The action types a run of ``steps`` starts when all goes well (a stop is a shutdown)."""
    return ["shutdown" if kind == STOP else kind for kind, _values in steps]


def predict(view, steps, distros):
    """The view of a VM after ``steps`` (check mode)."""
    after = dict(view, locked=False)
    for kind, values in steps:
        if kind == "resize":
            after.update(values)
        elif kind == "rebuild":
            after["distro"] = distro_name(values["distro"], distros)
            after["image"] = dict(after.get("image") or {}, distro=values["distro"])
        elif kind == "rename":
            after["name"] = values["name"]
        elif kind == STOP:
            after["status"] = "stopped"
        elif kind in STATUS_AFTER:
            after["status"] = STATUS_AFTER[kind]
    if building(after):
        after["status"] = "running"  # a build ends with the VM running
    return after


def run_steps(ctx, vm, steps, deadline, journal, wait=True, replan=False):
    """Run ``steps`` on ``vm`` in order; return the last state of each action by kind. Each waits for the one before
    (without ``wait``, the last is only started). With ``replan``, a first action the server refuses on a VM that may
    still be being built waits for the build and raises ``Replan``."""
    states = {}
    restores = bool(steps) and steps[0][0] == STOP and steps[-1][0] == "power_on"
    stopped = False
    for index, (kind, values) in enumerate(steps):
        last = index == len(steps) - 1
        try:
            if index and kind in ("power_on", STOP):
                now = read_vm(ctx, vm["id"])
                if now.get("status") == ("running" if kind == "power_on" else "stopped"):
                    continue  # an earlier step left it so already
            if kind == STOP:
                stopped = True
                states[STOP] = power_down(ctx, vm, deadline, journal, wait=wait or not last)
            else:
                states[kind] = run_action(ctx, vm, kind, deadline, wait=wait or not last, journal=journal, **values)
        except STEP_ERRORS as exc:
            if replan and index == 0 and refused(exc) and maybe_building(vm):
                raise Replan(await_ready(ctx, vm, deadline, built=True))
            if stopped and restores:
                raise restore_power(ctx, vm, exc, deadline, journal, retry=kind != "power_on")
            raise
        ctx.forget("vms")
    return states

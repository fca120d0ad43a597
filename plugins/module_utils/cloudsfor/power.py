# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Stopping a running VM gently, and powering it on again when a run that stopped it fails.

The vendor documents ``power_off``, a hard power cut. ``shutdown`` (a graceful shutdown, inferred: DigitalOcean's type)
is tried first, so that a server with databases is not cut off mid-write; ``power_off`` follows when the shutdown is
refused, ends errored, or has not ended within its share of the budget (``SHUTDOWN_SHARE`` of what is left, at most
``SHUTDOWN_CAP`` seconds). A server that refuses actions while one runs (the VM is locked) refuses that ``power_off``;
the shutdown is then waited on with the rest of the budget.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.actions import (
    await_action, post_action, read_vm, record, refused, run_action, vm_label,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.outcome import noted
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import (
    ApiError, ServerDataError, TaskFailed, TransportError, WaitError, WaitTimeout,
)

SHUTDOWN_SHARE = 0.5
SHUTDOWN_CAP = 180.0
# What a failed step may raise (anything else is a bug and keeps its traceback).
STEP_ERRORS = (ApiError, TransportError, WaitError, ServerDataError)


def power_down(ctx, vm, deadline, journal=None, wait=True):
    """Stop the running ``vm``: ``shutdown``, else ``power_off`` (see the module's docstring). Returns the last state
    of the action that stopped it (without ``wait``, the shutdown as it started)."""
    try:
        shutdown = post_action(ctx, vm, "shutdown")
    except ApiError as exc:
        if not refused(exc):
            raise
        return run_action(ctx, vm, "power_off", deadline, journal=journal)
    record(journal, "shutdown")
    if not wait:
        return shutdown
    try:
        return await_action(ctx, vm, shutdown, deadline.share(SHUTDOWN_SHARE, SHUTDOWN_CAP))
    except TaskFailed:
        return run_action(ctx, vm, "power_off", deadline, journal=journal)
    except WaitTimeout:
        pass
    try:
        cut = post_action(ctx, vm, "power_off")
    except ApiError as exc:
        if not refused(exc):
            raise
        try:  # no action while another runs: the shutdown it is
            return await_action(ctx, vm, shutdown, deadline)
        except TaskFailed:
            return run_action(ctx, vm, "power_off", deadline, journal=journal)
    record(journal, "power_off")
    return await_action(ctx, vm, cut, deadline)


def restore_power(ctx, vm, error, deadline, journal=None, retry=True):
    """``error`` ended a run after it had stopped ``vm``, which was running. Power it on again when it is stopped, free
    and time is left (``retry``: not when powering on is what failed); return ``error`` saying in what state the VM
    is left, and that a re-run with ``state=running`` powers it on."""
    label = vm_label(vm)
    try:
        found = read_vm(ctx, vm["id"])
    except STEP_ERRORS:
        return noted(error, "%s may be left stopped; it was running (its state could not be read): re-run with state=running "
                            "to power it on" % label)
    if found.get("status") == "running" and not found.get("locked"):
        return error  # it never stopped: nothing to restore
    if retry and found.get("status") == "stopped" and not found.get("locked") and deadline.remaining() > 0:
        try:
            run_action(ctx, found, "power_on", deadline, journal=journal)
        except STEP_ERRORS as again:
            return noted(error, "%s is left stopped; it was running: powering it on again failed (%s); re-run with "
                                "state=running to power it on" % (label, again))
        return noted(error, "%s was powered on again and is running, as it was before" % label)
    waits = " once the action in progress has ended" if found.get("locked") else ""
    return noted(error, "%s is left stopped; it was running: re-run with state=running to power it on%s" % (label, waits))

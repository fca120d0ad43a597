# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a VM is doing: being built, locked by an action, or free; and waiting until it is free.

The docs name the statuses ``running`` and ``stopped``; DigitalOcean shows a VM being built as ``new`` (inferred). So a
VM is taken as being built while its status is anything but ``running`` or ``stopped``. A server may instead show a VM
being built as ``stopped`` with no networks (it has no address until it is built) - but it may also show a stopped VM
without its networks, so a stopped VM without an address is never waited on for that alone (it might never run): it is
acted on as stopped, and only when the server refuses that action, and the VM was created in the last
``BUILD_WINDOW`` seconds, is it waited on as a build (``maybe_building``).
"""

from __future__ import annotations

import time

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.actions import (
    IN_PROGRESS, RESUMES, list_actions, read_vm, vm_label,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.timestamps import epoch
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.view import public_ipv4
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import (
    ApiError, ServerDataError, TransportError, WaitTimeout,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import poll

POWER_STATES = ("running", "stopped")
# A build takes minutes; a VM older than this that shows stopped without an address is not being built.
BUILD_WINDOW = 1800


def building(vm):
    """Whether the VM is surely being built: a status other than ``running`` and ``stopped`` (DigitalOcean's ``new``)."""
    return vm.get("status") not in POWER_STATES


def busy(vm):
    return building(vm) or bool(vm.get("locked"))


def settled_status(vm):
    """The VM's status, or ``running`` while it is being built (a build ends with the VM running)."""
    return "running" if building(vm) else vm.get("status")


def maybe_building(vm, now=None):
    """Whether a VM that shows ``stopped`` may be a VM being built on a server that shows builds so: it has no
    networks at all and was created moments ago (or its creation time cannot be read)."""
    if vm.get("status") != "stopped" or vm.get("locked"):
        return False
    networks = vm.get("networks") if isinstance(vm.get("networks"), dict) else {}
    if networks.get("v4"):
        return False
    created = epoch(vm.get("created_at"))
    return created is None or (time.time() if now is None else now) - created <= BUILD_WINDOW


def in_progress(ctx, vm):
    """The actions of the VM still running, as ``type (started at ...)``, for messages."""
    try:
        listed = list_actions(ctx, vm)
    except (ApiError, TransportError, ServerDataError):  # only for a message: the timeout is what is reported
        return "unknown"
    running = ["%s (started %s)" % (item.get("type"), item.get("started_at")) for item in listed if item.get("status") == IN_PROGRESS]
    return ", ".join(running) or "none listed"


def await_ready(ctx, vm, deadline, built=False):
    """Wait until the VM is no longer being built nor locked by an action; return it. With ``built`` (a VM known to
    be being built) also until it runs with a public IPv4 address, which is how a build ends."""
    def ready(found):
        if busy(found):
            return False
        return not built or (found.get("status") == "running" and public_ipv4(found.get("networks")) is not None)

    def describe(found):
        return "status %s%s" % (found.get("status"), ", locked" if found.get("locked") else "")

    try:
        return poll(lambda: read_vm(ctx, vm["id"]), ready, deadline.remaining(), clock=deadline.clock, sleep=deadline.sleep,
                    progress=ctx.progress, describe=lambda found: "%s: %s" % (vm_label(vm), describe(found))).state
    except WaitTimeout as exc:
        last = exc.last or vm
        if last.get("locked") and not building(last):
            doing = "locked by an action (in progress: %s)" % in_progress(ctx, last)
        else:
            doing = "being built (status %s)" % last.get("status")
        raise WaitTimeout("%s is still %s after %ss; %s" % (vm_label(vm), doing, deadline.timeout, RESUMES),
                          task_id=vm.get("id"), last=last)

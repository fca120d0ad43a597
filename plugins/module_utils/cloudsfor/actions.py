# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""VM actions (``POST /vms/{id}/actions``) and the waits of a VM's life: its build, its lock, each action.

An action answers ``{"action": {id, status, type, started_at, ...}}`` and runs ``in-progress`` until ``completed`` or
``errored`` (docs). The docs say an action's ``id`` is the VM's id; DigitalOcean gives each action its own id
(inferred). So an action is found again in ``GET /vms/{id}/actions`` by its own id when that differs from the VM's, and
otherwise by its ``type`` and ``started_at``.
"""

from __future__ import annotations

import time
from urllib.parse import quote

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.view import public_ipv4
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import (
    ApiError, ServerDataError, TaskFailed, TransportError, WaitTimeout,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import TaskModel, poll, wait_for_task

TYPES = ("reboot", "power_on", "power_off", "shutdown", "power_cycle", "resize", "snapshot", "rebuild", "rename")
IN_PROGRESS = "in-progress"
FINISHED = frozenset(("completed", "errored"))
# The status a VM has once an action of this type completed (the others leave it as it was).
STATUS_AFTER = {"power_on": "running", "power_off": "stopped", "shutdown": "stopped", "reboot": "running", "power_cycle": "running"}
RESUMES = "it goes on on the server, and a re-run waits for it before doing anything else"


class Deadline:
    """One ``wait_timeout`` for everything a run waits for (the build and each action)."""

    def __init__(self, timeout, clock=time.monotonic, sleep=time.sleep):
        self.timeout = timeout
        self.clock = clock
        self.sleep = sleep
        self._end = clock() + timeout

    def remaining(self):
        return max(0.0, self._end - self.clock())


def action_key(action):
    """What tells actions apart in a list where they may all carry the VM's id."""
    return (str(action.get("id")), action.get("type"), action.get("started_at"))


def vm_label(vm):
    return "vm %r (%s)" % (vm.get("name"), vm.get("id"))


class VmActions(TaskModel):
    """The actions of one VM for the waiter; ``action`` is the action as its POST answered it."""

    def __init__(self, client, vm, action):
        self.client = client
        self.vm = vm
        self.action = action

    def own_id(self):
        """The action's own id, or None when it is the VM's (docs) and cannot tell actions apart."""
        found = self.action.get("id")
        return None if found is None or str(found) == str(self.vm.get("id")) else str(found)

    def listed(self):
        return self.client.list_all("/vms/%s/actions" % self.vm["id"], "actions", ident=action_key)

    def match(self, listed):
        """This action in a list (oldest first): by its own id, else by (type, started_at); the newest of several."""
        own = self.own_id()
        if own is not None:
            found = [item for item in listed if str(item.get("id")) == own]
        else:
            found = [item for item in listed if item.get("type") == self.action.get("type")
                     and (not self.action.get("started_at") or item.get("started_at") == self.action.get("started_at"))]
        if not found:
            raise ServerDataError("%s: the %s action started at %s is not listed by GET %s"
                                  % (vm_label(self.vm), self.action.get("type"), self.action.get("started_at"),
                                     self.client.http.url("/vms/%s/actions" % self.vm["id"])))
        return found[-1]

    def read(self, task_id):
        return self.match(self.listed())

    def finished(self, task):
        return task.get("status") in FINISHED

    def failed(self, task):
        return task.get("status") == "errored"

    def error(self, task):
        told = task.get("message") or task.get("error")
        return "the %s action errored%s%s" % (task.get("type"), " at %s" % task["completed_at"] if task.get("completed_at") else "",
                                              ": %s" % told if told else "")

    def progress(self, task):
        return "%s %s" % (task.get("type"), task.get("status"))


def post_action(ctx, vm, kind, **values):
    """Start an action; return the action object the server answered."""
    path = "/vms/%s/actions" % vm["id"]
    body = dict((name, value) for name, value in values.items() if value is not None)
    body["type"] = kind
    return ctx.client.root(ctx.client.call("POST", path, body=body), "action", "POST", path)


def await_action(ctx, vm, action, deadline):
    """Wait until the action completed; return its last state. ``errored`` fails; a timeout says a re-run resumes."""
    model = VmActions(ctx.client, vm, action)
    label = "%s on %s" % (action.get("type"), vm_label(vm))
    try:
        return wait_for_task(model, label, deadline.remaining(), progress=ctx.progress, clock=deadline.clock, sleep=deadline.sleep).state
    except TaskFailed as exc:
        raise TaskFailed("%s: %s" % (vm_label(vm), model.error(exc.last or action)), task_id=action.get("id"), last=exc.last)
    except WaitTimeout as exc:
        raise WaitTimeout("%s: the %s action started at %s is still %s after %ss; %s"
                          % (vm_label(vm), action.get("type"), action.get("started_at"), (exc.last or {}).get("status", IN_PROGRESS),
                             deadline.timeout, RESUMES), task_id=action.get("id"), last=exc.last)


def run_action(ctx, vm, kind, deadline, wait=True, journal=None, **values):
    """Post an action and, with ``wait``, wait for it; return the action's last state. ``journal`` records it."""
    action = post_action(ctx, vm, kind, **values)
    if journal is not None:
        journal.written = True
        journal.actions.append(kind)
    return await_action(ctx, vm, action, deadline) if wait else action


# -- the VM itself ---------------------------------------------------------------------------------


def building(vm):
    """Whether a VM is still being built: status ``new`` (inferred, DigitalOcean), or no address yet (a switch may
    show a VM being built as ``stopped``; networks stay empty until the build is done)."""
    return vm.get("status") == "new" or public_ipv4(vm.get("networks")) is None


def busy(vm):
    return building(vm) or bool(vm.get("locked"))


def read_vm(ctx, vm_id):
    return ctx.client.get("/vms/%s" % quote(str(vm_id), safe=""), "vm")


def in_progress(ctx, vm):
    """The actions of the VM still running, as ``type (started at ...)``, for messages."""
    try:
        listed = ctx.client.list_all("/vms/%s/actions" % vm["id"], "actions", ident=action_key)
    except (ApiError, TransportError, ServerDataError):  # only for a message: the timeout is what is reported
        return "unknown"
    running = ["%s (started %s)" % (item.get("type"), item.get("started_at")) for item in listed if item.get("status") == IN_PROGRESS]
    return ", ".join(running) or "none listed"


def await_ready(ctx, vm, deadline):
    """Wait until the VM is built (running, with a public IPv4 address) and no action holds its lock; return it."""
    def ready(found):
        return not found.get("locked") and found.get("status") != "new" and public_ipv4(found.get("networks")) is not None \
            and (found.get("status") == "running" or not building(vm))

    def describe(found):
        return "status %s%s" % (found.get("status"), ", locked" if found.get("locked") else "")

    try:
        return poll(lambda: read_vm(ctx, vm["id"]), ready, deadline.remaining(), clock=deadline.clock, sleep=deadline.sleep,
                    progress=ctx.progress, describe=lambda found: "%s: %s" % (vm_label(vm), describe(found))).state
    except WaitTimeout as exc:
        last = exc.last or vm
        doing = "being built (status %s)" % last.get("status") if building(last) else "locked by an action (in progress: %s)" % in_progress(ctx, last)
        raise WaitTimeout("%s is still %s after %ss; %s" % (vm_label(vm), doing, deadline.timeout, RESUMES),
                          task_id=vm.get("id"), last=last)

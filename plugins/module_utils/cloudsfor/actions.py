# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""VM actions (``POST /vms/{id}/actions``): starting one and waiting until it has ended.

An action answers ``{"action": {id, status, type, started_at, ...}}`` and runs ``in-progress`` until ``completed`` or
``errored`` (docs). The docs say an action's ``id`` is the VM's id; DigitalOcean gives each action its own id
(inferred). An action with an id of its own is read as ``GET /vms/{id}/actions/{action_id}`` (inferred path). One that
carries the VM's id cannot be told apart from the VM's other actions by it, so its end is read from the VM: it is
``locked`` while an action runs (docs) and shows the status the action leads to (power actions). Only then is the VM's
action list (inferred path) read, once, to tell ``completed`` from ``errored``: the newest action of that type that
started at or after this one.
"""

from __future__ import annotations

import time
from urllib.parse import quote

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.timestamps import epoch
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import (
    ApiError, ServerDataError, TaskFailed, WaitTimeout,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import TaskModel, wait_for_task

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

    def share(self, fraction, cap):
        """A deadline of its own for part of what is left: ``fraction`` of it, at most ``cap`` seconds."""
        return Deadline(min(self.remaining() * fraction, cap), self.clock, self.sleep)


def action_key(action):
    """What tells actions apart in a list where they may all carry the VM's id."""
    return (str(action.get("id")), action.get("type"), action.get("started_at"))


def vm_label(vm):
    return "vm %r (%s)" % (vm.get("name"), vm.get("id"))


def read_vm(ctx, vm_id):
    return ctx.client.get("/vms/%s" % quote(str(vm_id), safe=""), "vm")


def list_actions(ctx, vm):
    return ctx.client.list_all("/vms/%s/actions" % vm["id"], "actions", ident=action_key)


def refused(exc):
    """Whether an ``ApiError`` is the server declining a request (a 4xx about the request or the VM's state), as
    opposed to a credential, a missing object or the server failing."""
    return isinstance(exc, ApiError) and 400 <= (exc.status or 0) < 500 and exc.status not in (401, 403, 404, 429)


class ActionWatch(TaskModel):
    """One action of one VM for the waiter; ``action`` is the action as its POST answered it."""

    def __init__(self, ctx, vm, action):
        self.ctx = ctx
        self.vm = vm
        self.action = action

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


class OwnIdAction(ActionWatch):
    """An action with an id of its own (inferred, DigitalOcean): read by it."""

    def read(self, task_id):
        path = "/vms/%s/actions/%s" % (self.vm["id"], quote(str(self.action["id"]), safe=""))
        return self.ctx.client.get(path, "action")


class VmIdAction(ActionWatch):
    """An action whose id is the VM's (the docs): still running while the VM is locked; once it is not, the newest
    listed action of its type started at or after it tells how it ended. When the list does not show it, a power
    action is judged by the status the VM shows."""

    def read(self, task_id):
        vm = read_vm(self.ctx, self.vm["id"])
        if vm.get("locked"):
            return dict(self.action, status=IN_PROGRESS)
        listed = self.listed()
        if listed is not None:
            return listed
        expected = STATUS_AFTER.get(self.action.get("type"))
        if expected is None:
            raise ServerDataError("%s is no longer locked, but GET %s does not list the %s action started at %s, so whether "
                                  "it completed cannot be told" % (vm_label(self.vm), self.ctx.client.http.url("/vms/%s/actions" % self.vm["id"]),
                                                                   self.action.get("type"), self.action.get("started_at")))
        if vm.get("status") == expected:
            return dict(self.action, status="completed")
        return dict(self.action, status="errored", message="the VM is %s after it, not %s" % (vm.get("status"), expected))

    def listed(self):
        """This action as the VM's list shows it, or None (not listed, or no such list: its path is inferred)."""
        try:
            listed = list_actions(self.ctx, self.vm)
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise
        ours = epoch(self.action.get("started_at"))
        found = [item for item in listed if item.get("type") == self.action.get("type")
                 and started_since(item.get("started_at"), self.action.get("started_at"), ours)]
        return found[-1] if found else None  # oldest first: the last is the newest


def started_since(started, since, since_epoch):
    """Whether an action ``started`` at or after ``since`` (times compare as times; text when one is not a time)."""
    if not since:
        return True
    when = epoch(started)
    if when is None or since_epoch is None:
        return str(started or "") >= str(since)
    return when >= since_epoch


def watch(ctx, vm, action):
    """The waiter's model for ``action``: by its own id when it has one, else through the VM."""
    found = action.get("id")
    if found is not None and str(found) != str(vm.get("id")):
        return OwnIdAction(ctx, vm, action)
    return VmIdAction(ctx, vm, action)


def post_action(ctx, vm, kind, **values):
    """Start an action; return the action object the server answered."""
    path = "/vms/%s/actions" % vm["id"]
    body = dict((name, value) for name, value in values.items() if value is not None)
    body["type"] = kind
    return ctx.client.root(ctx.client.call("POST", path, body=body), "action", "POST", path)


def await_action(ctx, vm, action, deadline):
    """Wait until the action has ended; return its last state. ``errored`` fails; a timeout says a re-run resumes."""
    model = watch(ctx, vm, action)
    label = "%s on %s" % (action.get("type"), vm_label(vm))
    try:
        return wait_for_task(model, label, deadline.remaining(), progress=ctx.progress, clock=deadline.clock, sleep=deadline.sleep).state
    except TaskFailed as exc:
        raise TaskFailed("%s: %s" % (vm_label(vm), model.error(exc.last or action)), task_id=action.get("id"), last=exc.last)
    except WaitTimeout as exc:
        raise WaitTimeout("%s: the %s action started at %s is still %s after %ss; %s"
                          % (vm_label(vm), action.get("type"), action.get("started_at"), (exc.last or {}).get("status", IN_PROGRESS),
                             deadline.timeout, RESUMES), task_id=action.get("id"), last=exc.last)


def record(journal, kind):
    """The journal notes an action the server accepted (so a later failure still reports a change)."""
    if journal is not None:
        journal.written = True
        journal.actions.append(kind)


def run_action(ctx, vm, kind, deadline, wait=True, journal=None, **values):
    """Post an action and, with ``wait``, wait for it; return the action's last state. ``journal`` records it."""
    action = post_action(ctx, vm, kind, **values)
    record(journal, kind)
    return await_action(ctx, vm, action, deadline) if wait else action

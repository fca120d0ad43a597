# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Renewing the server's certificates now: ``POST /reverseproxy/renew_certs {rebuild}`` starts a task (202 {taskId},
facts 7.14), waited on like the other tasks.

A renewal already running (the server's own daily check, or an earlier run that timed out) is waited on first, and
a new one started after it, so the two never overlap and a ``rebuild`` asked for is never skipped.
"""

from __future__ import annotations

import time

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.box_tasks import BoxTask, newest_task
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.tasks import task_finished
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import TaskFailed
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import wait_for_task

ADMIN = "admin"
PATH = "/reverseproxy/renew_certs"
# the task type of a renewal (facts 4.2; older servers said renewcerts)
RENEW_TASK = "checkCerts"


def describe(rebuild):
    return "renew the certificates%s" % (" and rebuild the reverse proxy configuration" if rebuild else "")


class Renewal:
    """One run of cloudron_certificates: ``run(ctx)`` -> the module's result.

    ``started()`` names the task as soon as it is started, so a failure of the wait can still report it."""

    def __init__(self, params, check_mode, clock=time.monotonic):
        self.rebuild = params["rebuild"]
        self.wait = params["wait"]
        self.wait_timeout = params["wait_timeout"]
        self.check_mode = check_mode
        self.clock = clock
        self.task = None

    def run(self, ctx):
        start = self.clock()  # one deadline for the wait on a running renewal and the wait on the new one
        newest = newest_task(ctx, RENEW_TASK)
        previous = str(newest.get("id")) if newest is not None and not task_finished(newest) else None
        result = {"changed": True, "rebuild": self.rebuild, "task_id": None, "previous_task_id": previous}
        ctx.before_write()  # in check mode too, so the plan fails where the run would
        if self.check_mode:
            after = " after the running renewal %s" % previous if previous else ""
            return dict(result, msg="would %s%s" % (describe(self.rebuild), after))
        if previous is not None:
            try:
                wait_for_task(ctx.tasks, previous, self.wait_timeout, progress=ctx.progress, clock=self.clock)
            except TaskFailed as exc:
                # its outcome is not this run's: only its end is waited for, and the renewal asked for runs anyway
                ctx.warn("the renewal that was running (task %s) failed: %s" % (previous, exc))
        self.task = BoxTask(RENEW_TASK, self.wait, max(0, int(self.wait_timeout - (self.clock() - start))))
        self.task.before = str(newest.get("id")) if newest is not None else None  # tells a start without taskId
        task_id = self.task.run(ctx, lambda: ctx.client.call("POST", PATH, body={"rebuild": self.rebuild}, role=ADMIN))
        if self.wait:
            text = "renewed the certificates%s (task %s)" % (
                " and rebuilt the reverse proxy configuration" if self.rebuild else "", task_id)
        else:
            text = "started task %s to %s" % (task_id, describe(self.rebuild))
        return dict(result, task_id=task_id, msg=text)

    def started(self):
        """The task this run started, or None (for a failure's result)."""
        return self.task.task_id if self.task is not None else None

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-wide tasks a route starts (a backup, the backup cleanup, a platform update).

Only one of each runs at a time on a server, so a run first looks for one already running (started by
an earlier run that timed out, or by the server's own schedule) and waits for that one instead of
starting a second: that is how a re-run resumes.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.tasks import task_finished
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ServerDataError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import wait_for_task

ADMIN = "admin"


def newest_task(ctx, task_type):
    """The newest task of ``task_type``, running or not, else None (the list is newest first)."""
    tasks = ctx.client.call("GET", "/tasks", params={"page": 1, "per_page": 1, "type": task_type}, role=ADMIN).get("tasks") or []
    return tasks[0] if tasks else None


def running_task(ctx, task_type):
    """The newest task of ``task_type`` while it runs or is queued, else None."""
    task = newest_task(ctx, task_type)
    return task if task is not None and not task_finished(task) else None


class BoxTask:
    """One operation run as a server task: resumed when one of its type runs, else started, then waited on.

    After ``run``: ``task_id`` (None in check mode when nothing runs), ``resumed`` and ``state``.
    """

    def __init__(self, task_type, wait=True, wait_timeout=900):
        self.task_type = task_type
        self.wait = wait
        self.wait_timeout = wait_timeout
        self.task_id = None
        self.resumed = False
        self.state = None  # the task as last read, once waited on
        self.before = None  # the id of the newest task of the type before this run started one

    def find(self, ctx):
        """Look for a running task of the type; a read, so check mode does it too."""
        newest = newest_task(ctx, self.task_type)
        self.before = str(newest.get("id")) if newest is not None else None
        if newest is None or task_finished(newest):
            return None
        self.task_id = self.before
        self.resumed = True
        return newest

    def run(self, ctx, start):
        """Resume the running task or call ``start()`` (which sends the request and returns its answer), then wait.

        Call ``find`` first. Returns the task id."""
        if not self.resumed:
            task_id = start().get("taskId")
            if task_id is None:
                # an answer without the id: the task it started is the newest of its type, running or (when it was
                # quick) already finished; a finished one older than the start is not it
                found = newest_task(ctx, self.task_type)
                if found is None or (task_finished(found) and str(found.get("id")) == self.before):
                    raise ServerDataError("the server started no %s task that can be found (the answer carries no taskId)"
                                          % self.task_type)
                task_id = found.get("id")
            self.task_id = str(task_id)
        if self.wait:
            self.state = wait_for_task(ctx.tasks, self.task_id, self.wait_timeout, progress=ctx.progress).state
        return self.task_id

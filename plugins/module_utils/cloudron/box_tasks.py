# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
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


def running_task(ctx, task_type):
    """The newest task of ``task_type`` while it runs or is queued, else None (the list is newest first)."""
    tasks = ctx.client.call("GET", "/tasks", params={"page": 1, "per_page": 1, "type": task_type}, role=ADMIN).get("tasks") or []
    task = tasks[0] if tasks else None
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

    def find(self, ctx):
        """Look for a running task of the type; a read, so check mode does it too."""
        running = running_task(ctx, self.task_type)
        if running is not None:
            self.task_id = str(running.get("id"))
            self.resumed = True
        return running

    def run(self, ctx, start):
        """Resume the running task or call ``start()`` (which sends the request and returns its answer), then wait.

        Call ``find`` first. Returns the task id."""
        if not self.resumed:
            task_id = start().get("taskId")
            if task_id is None:
                # an answer without the id: the task it started is the running one of its type
                found = running_task(ctx, self.task_type)
                if found is None:
                    raise ServerDataError("the server started no %s task that can be found (the answer carries no taskId)"
                                          % self.task_type)
                task_id = found.get("id")
            self.task_id = str(task_id)
        if self.wait:
            self.state = wait_for_task(ctx.tasks, self.task_id, self.wait_timeout, progress=ctx.progress).state
        return self.task_id

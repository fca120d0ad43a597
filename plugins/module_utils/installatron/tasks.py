# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installatron's background tasks for the waiter. ``GET /tasks`` lists running and recently finished tasks;
no ``/tasks/{id}`` is known, so a task is found in the list by its id.

Which ``status`` words mark an end is not documented: a task counts as finished when it leaves the list or
its status is one of ``FINISHED``, and as failed when that status is one of ``FAILED`` (the caller then
checks the outcome itself: an install that exists, an uninstall that is gone).
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import TaskModel

FINISHED = frozenset(("complete", "completed", "done", "success", "failed", "error", "cancelled"))
FAILED = frozenset(("failed", "error", "cancelled"))
GONE = {"status": "gone", "message": "no longer listed"}


def _seconds(value):
    """A task's ``time`` (epoch seconds, a number or a digit string) for ordering; 0 when it is not one."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


class InstallatronTasks(TaskModel):
    """Tasks of one server, scoped to a customer when one is given."""

    def __init__(self, client, user=None):
        self.client = client
        self.user = user

    def listed(self):
        return self.client.list_all("/tasks", user=self.user)

    def find(self, match):
        """The listed task whose fields equal every item of ``match`` (e.g. ``{"url": ..., "cmd": ...}``), or None.

        Finished tasks stay listed for a while, so an earlier operation on the same install or URL may match too:
        a task still queued or running wins, else the newest (latest ``time``; of equal times the one listed last,
        as the list is oldest first).
        """
        found = [task for task in self.listed() if all(task.get(key) == value for key, value in match.items())]
        pool = [task for task in found if not self.finished(task)] or found
        if not pool:
            return None
        return max(enumerate(pool), key=lambda pair: (_seconds(pair[1].get("time")), pair[0]))[1]

    def read(self, task_id):
        return next((task for task in self.listed() if str(task.get("id")) == str(task_id)), GONE)

    def finished(self, task):
        return task is GONE or str(task.get("status") or "").lower() in FINISHED

    def failed(self, task):
        return str(task.get("status") or "").lower() in FAILED

    def error(self, task):
        return task.get("message") or "the task ended with status %s" % task.get("status")

    def progress(self, task):
        percent = task.get("percentMax", task.get("percentMin"))
        return "%s%% %s" % ("?" if percent is None else percent, task.get("message") or task.get("status") or "")

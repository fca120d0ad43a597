# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudron's view of tasks (``GET /tasks/:id`` objects, log lines, ``{message, code}`` errors) on the shared task clock.

Nothing runs in the background: see ``common/tasks.py``.
"""

import time

from common.tasks import TaskEngine as _Clock


def iso(timestamp):
    """ISO-8601 UTC with second precision, as the server's MySQL timestamps look."""
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(timestamp))


class TaskEngine(_Clock):
    """Creates tasks and answers what state they are in now, as Cloudron shows them."""

    def error(self, task):
        """``{"message", "code"}`` of a finished task that did not succeed, else None."""
        if not self.finished(task) or self.succeeded(task):
            return None
        return self._error(task)

    def final_message(self, task):
        return "Done" if self.succeeded(task) else self._error(task)["message"]

    def view(self, task):
        """The task object as ``GET /tasks/:id`` returns it."""
        reached = self.reached(task)
        finished = bool(reached) and reached[-1].final
        succeeded = finished and self.succeeded(task)
        current = reached[-1] if reached else None
        return {
            "id": task.id,
            "type": task.type,
            "args": task.args,
            "percent": current.percent if current else 0,
            "message": current.message if current else "Queued",
            "active": bool(reached) and not finished,
            "pending": not reached,
            "success": succeeded,
            "error": self._error(task) if finished and not succeeded else None,
            "result": task.result if succeeded else None,
            "creationTime": iso(task.created_wall),
            "ts": iso(self.wall(task, current.at if current else task.created)),
        }

    def logs(self, task):
        """Log lines written so far, as ``GET /tasks/:id/logs`` returns them."""
        return [
            {"realtimeTimestamp": int(self.wall(task, e.at) * 1000000), "message": e.message, "source": "tasks"}
            for e in self.reached(task)
        ]

    @staticmethod
    def _error(task):
        if task.stopped_at is not None:
            return {"message": "Task %s stopped" % task.id, "code": "stopped"}
        return {"message": task.fail, "code": task.fail_code}

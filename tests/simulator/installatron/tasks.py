# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installatron's view of tasks (the v1 task fields) on the shared task clock.

Status words are not documented; the simulator uses ``queued``, ``running``, ``complete`` and ``failed``.
``percentMin``/``percentMax`` are the percent of the current step and of the next one.
"""

from common.tasks import TaskEngine


class Tasks(TaskEngine):
    def final_message(self, task):
        return "Complete" if self.succeeded(task) else task.fail

    def status(self, task):
        reached = self.reached(task)
        if not reached:
            return "queued"
        if not reached[-1].final:
            return "running"
        return "complete" if self.succeeded(task) else "failed"

    def view(self, task):
        """An item of GET /tasks."""
        events = self.events(task)
        reached = self.reached(task)
        if reached:
            current = reached[-1]
            following = events[len(reached)] if len(reached) < len(events) else current
            low, high, message = current.percent, following.percent, current.message
        else:
            low, high, message = 0, events[0].percent, "Queued"
        info = task.info
        return {
            "id": task.id,
            "user": info.get("user"),
            "ws_label": info.get("ws_label"),
            "url": info.get("url"),
            "title": info.get("title"),
            "label": info.get("label"),
            "status": self.status(task),
            "rate": 0,
            "percentMin": low,
            "percentMax": high,
            "message": message,
            "cmd": task.type,
            "install": info.get("install"),
            "time": int(task.created_wall),
        }

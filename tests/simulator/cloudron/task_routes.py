# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Task routes: /api/v1/tasks (admins only)."""

import json

from common.routing import Response

from .errors import ApiError
from .query import paginate, parse_int

LOGS_TYPE = "application/x-logs"


def _load(state, request):
    task = state.tasks.get(request.params["id"])
    if task is None:
        raise ApiError(404, "No such task")
    return task


def list_tasks(state, request):
    tasks = state.tasks.all(request.query.get("type"))
    return Response(200, {"tasks": [state.tasks.view(t) for t in paginate(request.query, tasks)]})


def get_task(state, request):
    return Response(200, state.tasks.view(_load(state, request)))


def get_logs(state, request):
    task = _load(state, request)
    lines = parse_int(request.query.get("lines", "10"))
    if lines is None:
        raise ApiError(400, "lines must be a number")
    entries = state.tasks.logs(task)
    if lines >= 0:
        # the last N lines; a negative count means all of them
        entries = entries[max(0, len(entries) - lines):]
    text = "".join(json.dumps(entry, separators=(",", ":")) + "\n" for entry in entries)
    return Response(200, text.encode("utf-8"), content_type=LOGS_TYPE,
                    headers={"Content-Disposition": 'attachment; filename="task-%s.log"' % task.id})


def stop_task(state, request):
    if not state.tasks.stop(_load(state, request)):
        raise ApiError(409, "task is not active")
    return Response(204)


def register(router):
    router.add("GET", "/api/v1/tasks", list_tasks, "admin")
    router.add("GET", "/api/v1/tasks/:id", get_task, "admin")
    router.add("GET", "/api/v1/tasks/:id/logs", get_logs, "admin")
    router.add("POST", "/api/v1/tasks/:id/stop", stop_task, "admin")

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The control interface under /_control: reset, seed, switches, task faults, the state; faults and the request
log come from ``common/control.py``. No authentication; these requests are never faulted and never logged."""

import copy

from common import control as common_control
from common.control import need
from common.errors import HttpError
from common.routing import Response, Router

from . import switches as switch_defs
from .control_seed import seed
from .jobs import OPERATIONS
from .state import ADMIN


def reset(state, request):
    body = request.body
    try:
        state.reset(switches=need(body, "switches", dict), task_seconds=need(body, "task_seconds", (int, float)),
                    seed=need(body, "seed", int) or 0)
    except ValueError as error:
        raise HttpError(400, str(error)) from error
    return Response(200, {"switches": state.switches, "keys": {"key": state.startup["key"], "key2": state.startup["key2"]},
                          "admin": ADMIN})


def set_switches(state, request):
    try:
        state.switches = switch_defs.merged(state.switches, request.body)
    except ValueError as error:
        raise HttpError(400, str(error)) from error
    return Response(200, {"switches": state.switches})


def _stored_install(install):
    """An install record as stored (passwords included), plugins and themes as lists."""
    result = copy.deepcopy(install)
    for kind in ("plugins", "themes"):
        if result[kind] is not None:
            result[kind] = list(result[kind].values())
    return result


def dump(state, request):
    return Response(200, {
        "switches": state.switches,
        "keys": {"key": state.startup["key"], "key2": state.startup["key2"]},
        "admin": ADMIN,
        "users": [copy.deepcopy(state.users[k]) for k in sorted(state.users)],
        "installs": [_stored_install(i) for i in state.installs.values()],
        "backups": [copy.deepcopy(state.backups[k]) for k in sorted(state.backups)],
        "tasks": [dict(state.tasks.view(t), fail=t.fail) for t in sorted(state.tasks.all(), key=lambda t: int(t.id))],
        "task_faults": [dict(r) for r in state.task_faults],
    })


def add_task_fault(state, request):
    body = request.body
    known = {"cmd", "user", "message", "errcode", "status", "times"}
    unknown = sorted(set(body) - known)
    if unknown:
        raise HttpError(400, "unknown task fault fields: %s" % ", ".join(unknown))
    cmd = need(body, "cmd", str)
    if cmd is not None and cmd not in OPERATIONS:
        raise HttpError(400, "cmd must be one of %s" % ", ".join(OPERATIONS))
    status = need(body, "status", int) or 500
    times = need(body, "times", int)
    if not 400 <= status <= 599:
        raise HttpError(400, "status must be an HTTP error status")
    if times is not None and times < 0:
        raise HttpError(400, "times must be an integer >= 0 (0 = forever)")
    rule = {"cmd": cmd, "user": need(body, "user", str), "message": need(body, "message", str) or "Simulated failure",
            "errcode": need(body, "errcode", str) or "failed_filesystem_permission", "status": status,
            "times": 1 if times is None else times}
    state.task_faults.append(rule)
    return Response(200, dict(rule))


def list_task_faults(state, request):
    return Response(200, {"task_faults": [dict(r) for r in state.task_faults]})


def clear_task_faults(state, request):
    state.task_faults.clear()
    return Response(200, {})


def router():
    table = Router()
    table.add("POST", "/_control/reset", reset, role=None)
    table.add("POST", "/_control/seed", seed, role=None)
    table.add("GET", "/_control/state", dump, role=None)
    table.add("POST", "/_control/switches", set_switches, role=None)
    table.add("POST", "/_control/task_faults", add_task_fault, role=None)
    table.add("GET", "/_control/task_faults", list_task_faults, role=None)
    table.add("DELETE", "/_control/task_faults", clear_task_faults, role=None)
    common_control.register(table)
    return table

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Control interface plumbing shared by the simulators: body parsing and dispatch, typed body fields, and the
fault and request log routes (which work on ``state.faults`` and ``state.request_log``).

No authentication; JSON in and out (the body is read as JSON whatever its content type). Errors are
``{"status", "message"}`` (``HttpError``).
"""

import json

from .errors import HttpError, error_body
from .routing import Request, Response

PREFIX = "/_control"


def is_control(path):
    return path == PREFIX or path.startswith(PREFIX + "/")


def dispatch(table, state, raw):
    """The ``Response`` of the control route for ``raw`` (handlers raise ``HttpError``)."""
    try:
        body = json.loads(raw.body.decode("utf-8")) if raw.body.strip() else {}
    except ValueError:
        return Response(400, error_body(400, "Failed to parse body"))
    if not isinstance(body, dict):
        return Response(400, error_body(400, "body must be an object"))
    found = table.match(raw.method, raw.path)
    if found is None:
        return Response(404, error_body(404, "No such control route"))
    route, params = found
    return route.handler(state, Request(raw.method, raw.path, raw.query, raw.headers, body, params))


def need(body, name, kinds, required=False):
    """``body[name]`` if present and of one of ``kinds``; 400 otherwise (None when absent and not required)."""
    if name not in body or body[name] is None:
        if required:
            raise HttpError(400, "%s is required" % name)
        return None
    value = body[name]
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    # JSON true/false are not numbers here, although Python's bool is an int
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise HttpError(400, "%s has the wrong type" % name)
    return value


def add_fault(state, request):
    try:
        return Response(200, state.faults.add(request.body))
    except ValueError as error:
        raise HttpError(400, str(error)) from error


def list_faults(state, request):
    return Response(200, {"faults": state.faults.list()})


def clear_faults(state, request):
    state.faults.clear()
    return Response(200, {})


def list_requests(state, request):
    return Response(200, {"requests": state.request_log.entries})


def clear_requests(state, request):
    state.request_log.clear()
    return Response(200, {})


def register(table):
    """Add the fault and request log routes to a control routing table."""
    table.add("POST", PREFIX + "/faults", add_fault, role=None)
    table.add("GET", PREFIX + "/faults", list_faults, role=None)
    table.add("DELETE", PREFIX + "/faults", clear_faults, role=None)
    table.add("GET", PREFIX + "/requests", list_requests, role=None)
    table.add("DELETE", PREFIX + "/requests", clear_requests, role=None)

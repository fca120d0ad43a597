# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Faults and the request log around an application's API pipeline, the same for every simulator.

The application records the request (``RequestLog.open``, with ``status`` and ``fault`` None) and calls ``guarded``
with its pipeline; ``guarded`` applies the first fault rule matching the request and fills in ``status`` and
``fault``.
"""

from .errors import reason
from .http import Reply
from .routing import JSON_TYPE, Response


def to_reply(response):
    """The ``Reply`` for a handler's ``Response``."""
    headers = [] if response.status == 204 else [("Content-Type", response.content_type)]
    headers += list(response.headers.items())
    return Reply(response.status, reason(response.status), headers, response.payload())


def fault_reply(fault, default_body):
    """The answer of a ``status`` fault rule; ``default_body(status)`` when the rule has no body."""
    status = fault["status"]
    body = fault["body"] if "body" in fault else default_body(status)
    if isinstance(body, str):
        payload, content_type = body.encode("utf-8"), "text/plain; charset=utf-8"
    else:
        payload, content_type = Response(status, body).payload(), JSON_TYPE
    headers = [] if status == 204 else [("Content-Type", fault.get("content_type") or content_type)]
    headers += list(fault["headers"].items())
    return Reply(status, reason(status), headers, b"" if status == 204 else payload)


def guarded(raw, entry, faults, pipeline, default_body):
    """The ``Reply`` for ``raw``: ``pipeline(raw)``, unless a fault rule answers, drops or delays it.

    ``entry`` (the request's log entry) gets ``status`` (what was answered, or would have been for a drop
    after processing; None for a drop before) and ``fault`` (None, "status", "drop_before" or "drop_after").
    """
    fault = faults.take(raw.method, raw.path)
    if fault is None:
        reply = pipeline(raw)
    elif fault.get("drop") == "before":
        entry["fault"] = "drop_before"
        reply = Reply(0, "", drop=True)
    elif fault.get("status") is not None:
        entry["fault"] = "status"
        reply = fault_reply(fault, default_body)
    else:
        reply = pipeline(raw)
        if fault.get("drop") == "after":
            entry["fault"] = "drop_after"
            reply.drop = True
    if not reply.drop or entry["fault"] == "drop_after":
        entry["status"] = reply.status
    reply.delay = fault["latency_ms"] / 1000.0 if fault else 0.0
    return reply

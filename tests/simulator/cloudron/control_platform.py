# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Control additions for the event log, notifications, services and the server itself.

- ``POST /_control/events`` ``{events: [{action*, creationTime, source, data}]}``: appends events (an ISO
  ``creationTime`` places them in time; default now). Answers ``{ids}``.
- ``POST /_control/notifications`` ``{notifications: [{title*, message, acknowledged, eventId, creationTime}]}``:
  adds notifications. Answers ``{ids}``.
- ``POST /_control/system`` ``{rebootRequired, sysVendor, productName}``: sets what ``/system/info`` shows. Answers
  ``{system}``.
- ``GET /_control/state`` adds ``events`` (oldest first), ``notifications``, ``services`` (as ``GET /services/:s``
  shows them, by name) and ``system`` (with ``rebooting``).
"""

import re

from common.control import need as _need
from common.routing import Response

from . import eventlog, notifications, services, system
from .errors import ApiError

_ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def _time(spec, name="creationTime"):
    value = _need(spec, name, str)
    if value is not None and not _ISO.match(value):
        raise ApiError(400, "%s must be an ISO time such as 2026-01-02T03:04:05.000Z" % name)
    return value


def _objects(body, name):
    items = _need(body, name, list, required=True)
    if not all(isinstance(item, dict) for item in items):
        raise ApiError(400, "each of %s must be an object" % name)
    return items


def seed_events(state, request):
    specs = _objects(request.body, "events")
    checked = [(_need(spec, "action", str, required=True), _need(spec, "source", dict), _need(spec, "data", dict),
                _time(spec)) for spec in specs]
    return Response(200, {"ids": [eventlog.record(state, *entry)["id"] for entry in checked]})


def seed_notifications(state, request):
    specs = _objects(request.body, "notifications")
    checked = [dict(title=_need(spec, "title", str, required=True), message=_need(spec, "message", str) or "",
                    acknowledged=bool(_need(spec, "acknowledged", bool)), event_id=_need(spec, "eventId", str),
                    creation_time=_time(spec)) for spec in specs]
    return Response(200, {"ids": [notifications.add(state, **entry)["id"] for entry in checked]})


def set_system(state, request):
    body = request.body
    changes = {}
    if _need(body, "rebootRequired", bool) is not None:
        changes["rebootRequired"] = body["rebootRequired"]
    for name in ("sysVendor", "productName"):
        if _need(body, name, str) is not None:
            changes[name] = body[name]
    state.system.update(changes)
    return Response(200, {"system": dump(state)["system"]})


def dump(state):
    rebooting = system.settle(state)
    view = dict((key, value) for key, value in state.system.items() if key not in ("bootTime", "downUntil"))
    return {"events": [dict(event) for event in state.events],
            "notifications": [dict(item) for item in state.notifications],
            "services": dict((name, services.service_json(state, name)) for name in services.NAMES),
            "system": dict(view, rebooting=rebooting)}


def register(table):
    table.add("POST", "/_control/events", seed_events, role=None)
    table.add("POST", "/_control/notifications", seed_notifications, role=None)
    table.add("POST", "/_control/system", set_system, role=None)

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The event log: /api/v1/eventlog (facts 7.12), and the events the simulated operations record.

Events are kept oldest first and served newest first (``creationTime`` descending, then the latest recorded first),
paged like every list. ``search`` matches a substring of the event's ``data`` as JSON text (the 4.2 code's ``LIKE``
on the data column); ``actions`` is a comma-separated list.
"""

import copy
import json

from common.routing import Response

from .errors import ApiError
from .query import paginate

# Where the events of API requests come from: the simulator sees only its loopback clients.
SOURCE_IP = "127.0.0.1"


def source_of(user):
    """The ``source`` of an event a user's request caused (facts 7.12: ``{ip, username, userId}``)."""
    if user is None:
        return {"ip": SOURCE_IP}
    return {"ip": SOURCE_IP, "username": user.username, "userId": user.id}


def record(state, action, source, data, creation_time=None):
    """Append an event; return it."""
    event = {"id": state.new_id(""), "action": action, "source": copy.deepcopy(source or {}),
             "data": copy.deepcopy(data or {}), "creationTime": creation_time or state.now_iso()}
    state.events.append(event)
    return event


def record_request(state, request, action, data):
    """An event caused by an API request (its token's user is the source)."""
    return record(state, action, source_of(request.user), data)


def newest_first(state):
    # a stable sort of the reversed list keeps the later-recorded event first among equal timestamps
    return sorted(reversed(state.events), key=lambda event: event["creationTime"], reverse=True)


def _matches(event, actions, search):
    if actions and event["action"] not in actions:
        return False
    return not search or search in json.dumps(event["data"], ensure_ascii=False)


def list_events(state, request):
    query = request.query
    actions = [name.strip() for name in (query.get("actions") or "").split(",") if name.strip()]
    search = query.get("search") or ""
    found = [event for event in newest_first(state) if _matches(event, actions, search)]
    return Response(200, {"eventlogs": copy.deepcopy(paginate(query, found))})


def get_event(state, request):
    event = next((event for event in state.events if event["id"] == request.params["id"]), None)
    if event is None:
        raise ApiError(404, "No such event")
    event = copy.deepcopy(event)
    # wrapped as the 7.x dashboard reads it (facts 8); the spec shows the bare event
    return Response(200, {"event": event} if state.switches["event_shape"] == "wrapped" else event)


def register(router):
    router.add("GET", "/api/v1/eventlog", list_events, "admin")
    router.add("GET", "/api/v1/eventlog/:id", get_event, "admin")

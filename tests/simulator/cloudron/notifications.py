# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Notifications: /api/v1/notifications (facts 7.13). System-wide (8.x), newest first, ids decimal strings."""

import copy

from common.routing import Response

from .errors import ApiError
from .query import boolean, paginate


def add(state, title, message="", acknowledged=False, event_id=None, creation_time=None):
    """Store a notification; return it."""
    state.notification_seq += 1
    notification = {"id": str(state.notification_seq), "eventId": event_id, "title": title, "message": message,
                    "creationTime": creation_time or state.now_iso(), "acknowledged": bool(acknowledged)}
    state.notifications.append(notification)
    return notification


def newest_first(state):
    return sorted(state.notifications, key=lambda item: (item["creationTime"], int(item["id"])), reverse=True)


def _load(state, request):
    found = next((item for item in state.notifications if item["id"] == request.params["id"]), None)
    if found is None:
        raise ApiError(404, "No such notification")
    return found


def list_notifications(state, request):
    wanted = boolean(request.query, "acknowledged")
    found = [item for item in newest_first(state) if wanted is None or item["acknowledged"] is wanted]
    return Response(200, {"notifications": copy.deepcopy(paginate(request.query, found))})


def get_notification(state, request):
    notification = copy.deepcopy(_load(state, request))
    # unwrapped in 8.x (facts 8); 4.2 wrapped it
    wrapped = state.switches["notification_shape"] == "wrapped"
    return Response(200, {"notification": notification} if wrapped else notification)


def acknowledge(state, request):
    _load(state, request)["acknowledged"] = request.body["acknowledged"]
    return Response(204)


def register(router):
    router.add("GET", "/api/v1/notifications", list_notifications, "admin")
    router.add("GET", "/api/v1/notifications/:id", get_notification, "admin")
    router.add("POST", "/api/v1/notifications/:id", acknowledge, "admin")

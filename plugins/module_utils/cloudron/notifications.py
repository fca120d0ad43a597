# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Notifications (facts 7.13): listed newest first, filtered by ``acknowledged``, acknowledged one by one.

``GET /notifications/:id`` answers the bare object on 8.x and ``{notification}`` on 4.2 (facts 8); both are read.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.envelope import unwrap
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import ADMIN


def canonical(item):
    return {"id": str(item.get("id")), "event_id": item.get("eventId"), "title": item.get("title"),
            "message": item.get("message"), "creation_time": item.get("creationTime"),
            "acknowledged": bool(item.get("acknowledged"))}


def list_notifications(ctx, acknowledged=None):
    """Every notification (newest first, as the server lists them), only those in this state when not None."""
    params = None if acknowledged is None else {"acknowledged": "true" if acknowledged else "false"}
    return [canonical(item) for item in ctx.client.list_all("/notifications", "notifications", params=params)]


def one_notification(ctx, notification_id, required=False):
    """The notification with this id, or None (``required``: an error quoting the server instead)."""
    try:
        answer = ctx.client.call("GET", "/notifications/%s" % notification_id, role=ADMIN)
    except ApiError as exc:
        if not exc.missing:
            raise
        if required:
            raise ResourceError("id %s: %s" % (notification_id, exc.message))
        return None
    return canonical(unwrap(answer, "notification"))


def set_acknowledged(ctx, notification_id, acknowledged):
    ctx.client.call("POST", "/notifications/%s" % notification_id, body={"acknowledged": acknowledged}, role=ADMIN)


class AcknowledgeRun:
    """One run of cloudron_notification: the notifications not yet in the wanted state, then one write each."""

    def __init__(self, params, check_mode):
        self.params = params
        self.check_mode = check_mode
        self.written = []   # ids already sent

    def targets(self, ctx, pattern):
        wanted = self.params["acknowledged"]
        if self.params["id"]:
            found = one_notification(ctx, self.params["id"], required=True)
            return [found] if found["acknowledged"] != wanted else []
        # the server's filter is not trusted alone: an item already in the wanted state is never written
        return [item for item in list_notifications(ctx, not wanted)
                if item["acknowledged"] != wanted and pattern.search(item["title"] or "")]

    def run(self, ctx, pattern):
        wanted = self.params["acknowledged"]
        targets = self.targets(ctx, pattern)
        after = [dict(item, acknowledged=wanted) for item in targets]
        result = {"changed": bool(targets), "notifications": after,
                  "diff": {"before": [{"id": item["id"], "title": item["title"], "acknowledged": item["acknowledged"]} for item in targets],
                           "after": [{"id": item["id"], "title": item["title"], "acknowledged": wanted} for item in targets]}}
        if not targets:
            return result
        # before check mode returns, so it fails where the real run would
        ctx.client.require_supported()
        if self.check_mode:
            return result
        for item in targets:
            set_acknowledged(ctx, item["id"], wanted)
            self.written.append(item["id"])
        return result

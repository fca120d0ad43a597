# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The event log (facts 7.12): filtered, newest first, read in bounded pages.

The server filters by ``actions`` (comma-separated) and ``search`` (a substring of the event's data); ``since`` is
applied here: the list is newest first, so paging stops at the first event older than it.
"""

from __future__ import annotations

import re

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.envelope import unwrap
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.times import parse_time
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import ADMIN

MAX_PAGE = 1000
# the vendor spec's list of actions (facts 7.12); newer servers may know more, so others are warned about, not refused
KNOWN_ACTIONS = frozenset("""
app.clone app.configure app.repair app.install app.restore app.import app.uninstall app.update app.update.finish
app.backup app.backup.finish app.login app.oom app.up app.down app.start app.stop app.restart backup.finish backup.start
backup.cleanup.finish certificate.new certificate.cleanup cloudron.activate cloudron.provision cloudron.install.finish
cloudron.start dashboard.domain.update domain.add domain.update domain.remove dyndns.update mail.location mail.enabled
mail.disabled mail.box.add mail.box.remove mail.box.update mail.list.add mail.list.remove mail.list.update
service.configure service.rebuild service.restart cloudron.update cloudron.update.finish user.add user.login
user.login.ghost user.logout user.remove user.update volume.add volume.update volume.remount volume.remove
support.ticket support.ssh
""".split())
ACTION_PATTERN = re.compile(r"^[a-z0-9_-]+(\.[a-z0-9_-]+)+$")


def event_time(text):
    """An event's creationTime in epoch seconds, or None when it is not an ISO 8601 time (the order is then unknown)."""
    try:
        return parse_time(text)
    except ValueError:
        return None


def since_seconds(params):
    """The since option in epoch seconds, or None when not set; ValueError naming the option."""
    return None if params.get("since") is None else parse_time(params["since"], "since")


def check_options(params):
    """Problems with the filter options (each names its option), and warnings for unknown action names."""
    problems, warnings = [], []
    for action in params.get("actions") or []:
        if not ACTION_PATTERN.match(action):
            problems.append("actions: %r is not an action name such as user.add" % action)
        elif action not in KNOWN_ACTIONS:
            warnings.append("actions: %r is not an action the vendor spec lists; the server may know it" % action)
    try:
        since_seconds(params)
    except ValueError as exc:
        problems.append(str(exc))
    return problems, warnings


def canonical(event):
    return {"id": event.get("id"), "action": event.get("action"), "creation_time": event.get("creationTime"),
            "source": event.get("source") or {}, "data": event.get("data") or {}}


def one_event(ctx, event_id):
    """The event with this id as a list of one, or an empty list when the server has none."""
    try:
        answer = ctx.client.call("GET", "/eventlog/%s" % event_id, role=ADMIN)
    except ApiError as exc:
        if exc.missing:
            return []
        raise
    return [canonical(unwrap(answer, "event"))]


def read_events(ctx, actions=None, search=None, since=None, limit=100):
    """(events newest first, truncated): at most ``limit`` events not older than ``since`` (epoch seconds).

    Pages hold ``limit + 1`` events (at most ``MAX_PAGE``), so one event past the limit tells whether more exist."""
    query = {}
    if actions:
        query["actions"] = ",".join(actions)
    if search:
        query["search"] = search
    per_page = min(limit + 1, MAX_PAGE)
    events, seen, previous, warned = [], set(), None, False
    page = 0
    while True:
        page += 1
        batch = ctx.client.call("GET", "/eventlog", params=dict(query, page=page, per_page=per_page), role=ADMIN).get("eventlogs") or []
        fresh = [event for event in batch if isinstance(event, dict) and event.get("id") not in seen]
        for event in fresh:
            seen.add(event.get("id"))
            moment = event_time(event.get("creationTime"))
            # the order matters only to since; one warning is enough
            if since is not None and not warned and previous is not None and moment is not None and moment > previous:
                ctx.warn("the event log is not newest first (event %s); since may have stopped paging early" % event.get("id"))
                warned = True
            previous = moment or previous
            if since is not None and moment is not None and moment < since:
                return events, False
            if len(events) == limit:
                return events, True
            events.append(canonical(event))
        # a server ignoring page would repeat itself: nothing new ends the paging too
        if len(batch) < per_page or not fresh:
            return events, False

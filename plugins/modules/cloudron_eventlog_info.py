#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_eventlog_info
short_description: Read a Cloudron server's event log
version_added: 0.1.0
description:
  - Returns events newest first (C(GET /eventlog)), filtered by the server by action (O(actions)) and text
    (O(search)), and here by time (O(since)). At most O(limit) events are returned; RV(truncated) says when there
    were more.
  - The list is read in pages of O(limit) + 1 events, and paging stops at the first event older than O(since), so a
    long log is never read whole.
  - With O(id), reads that one event (C(GET /eventlog/:id)). The 7.x dashboard reads it wrapped as C({event}), the
    vendor spec shows it bare; both are understood.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  id:
    description:
      - One event by its id; the other options are then not used. An id the server does not know gives an empty
        RV(events).
    type: str
  actions:
    description:
      - Only events of these actions, for example V(user.add), V(app.install) or V(backup.finish).
      - Names are checked for their form (dotted lower-case words) before anything is sent; a name the vendor spec
        does not list is a warning, since newer servers may know more actions.
    type: list
    elements: str
  search:
    description: Only events whose data contains this text (the server's substring filter).
    type: str
  since:
    description:
      - Only events at or after this time, an ISO 8601 time such as V(2026-01-31T12:00:00Z) or V(2026-01-31T14:00+02:00),
        or a date such as V(2026-01-31) (its midnight). A time without a zone is UTC; fractions of a second count.
    type: str
  limit:
    description: The most events to return.
    type: int
    default: 100
notes:
  - Needs the C(admin) role or higher; a read-only token is enough.
seealso:
  - module: selfhosted.platforms.cloudron_notification_info
"""

EXAMPLES = r"""
- name: Users added or removed since the start of the year
  selfhosted.platforms.cloudron_eventlog_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    actions: [user.add, user.remove]
    since: "2026-01-01"
  register: user_events

- name: The last ten events that mention a domain
  selfhosted.platforms.cloudron_eventlog_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    search: example.org
    limit: 10
"""

RETURN = r"""
events:
  description: The events, newest first.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The event id.
      type: str
      sample: 7f32f714-ad40-4bea-b5e5-e71562679f0c
    action:
      description: What happened.
      type: str
      sample: user.add
    creation_time:
      description: When (ISO-8601).
      type: str
      sample: "2026-01-31T12:00:00.000Z"
    source:
      description: Who caused it, as the server records it (for example C(ip), C(username), C(userId)).
      type: dict
    data:
      description: The event's details as the server records them; their keys depend on the action.
      type: dict
truncated:
  description: Whether more events matched than O(limit) allowed to return.
  returned: success
  type: bool
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.eventlog import (
    check_options, one_event, read_events, since_seconds,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON


def main():
    run = CLOUDRON.module({
        "id": {"type": "str"},
        "actions": {"type": "list", "elements": "str"},
        "search": {"type": "str"},
        "since": {"type": "str"},
        "limit": {"type": "int", "default": 100},
    }, limits={"limit": (1, None)})
    params = run.params
    problems, warnings = check_options(params)
    if problems:
        run.module.fail_json(msg="; ".join(problems))
    for warning in warnings:
        run.module.warn(warning)

    def body(ctx):
        if params["id"]:
            return {"changed": False, "events": one_event(ctx, params["id"]), "truncated": False}
        events, truncated = read_events(ctx, actions=params["actions"], search=params["search"],
                                        since=since_seconds(params), limit=params["limit"])
        return {"changed": False, "events": events, "truncated": truncated}

    run.execute(body)


if __name__ == "__main__":
    main()

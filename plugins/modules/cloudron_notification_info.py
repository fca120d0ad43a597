#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_notification_info
short_description: Read a Cloudron server's notifications
version_added: 0.1.0
description:
  - Returns the server's notifications newest first (C(GET /notifications)), all of them or only the acknowledged
    or unacknowledged ones (O(acknowledged)), or one by O(id).
  - Notifications are what the dashboard shows in its bell menu, for example that a reboot is required or that a
    backup failed.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  id:
    description: One notification by its id; an id the server does not know gives an empty RV(notifications).
    type: str
  acknowledged:
    description: Without O(id), only the acknowledged (V(true)) or unacknowledged (V(false)) ones; all when not set.
    type: bool
notes:
  - Needs the C(admin) role or higher; a read-only token is enough.
seealso:
  - module: selfhosted.platforms.cloudron_notification
  - module: selfhosted.platforms.cloudron_eventlog_info
"""

EXAMPLES = r"""
- name: What has nobody looked at yet?
  selfhosted.platforms.cloudron_notification_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    acknowledged: false
  register: unread
"""

RETURN = r"""
notifications:
  description: The notifications, newest first.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The notification id.
      type: str
      sample: "50"
    event_id:
      description: The event in the event log it comes from, if any.
      type: str
    title:
      description: Its subject.
      type: str
      sample: Reboot Required
    message:
      description: Its text, in Markdown.
      type: str
    creation_time:
      description: When it was made (ISO-8601).
      type: str
    acknowledged:
      description: Whether someone acknowledged it.
      type: bool
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.notifications import list_notifications, one_notification
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON


def main():
    run = CLOUDRON.module({"id": {"type": "str"}, "acknowledged": {"type": "bool"}}, mutually_exclusive=[("id", "acknowledged")])
    params = run.params

    def body(ctx):
        if params["id"]:
            found = one_notification(ctx, params["id"])
            return {"changed": False, "notifications": [found] if found else []}
        return {"changed": False, "notifications": list_notifications(ctx, params["acknowledged"])}

    run.execute(body)


if __name__ == "__main__":
    main()

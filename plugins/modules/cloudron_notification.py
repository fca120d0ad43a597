#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_notification
short_description: Acknowledge Cloudron notifications
version_added: 0.1.0
description:
  - Acknowledges one notification by O(id), or every unacknowledged notification whose title matches O(title).
  - With O(acknowledged=false) it marks them unacknowledged again instead (by O(title), the acknowledged ones that
    match).
  - Idempotent; notifications already in the wanted state are left alone and nothing changes when none is left.
    Each change is one C(POST /notifications/:id).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  id:
    description: The notification to change. An id the server does not know is an error quoting the server.
    type: str
  title:
    description:
      - A Python regular expression searched for in the titles (C(re.search), case-sensitive; prefix C((?i)) to
        ignore case). Every notification not yet in the wanted state whose title matches is changed.
      - Checked before anything is sent.
    type: str
  acknowledged:
    description: The state to put the notifications in.
    type: bool
    default: true
notes:
  - Needs the C(admin) role or higher and a read-and-write token.
  - Exactly one of O(id) and O(title) is needed.
seealso:
  - module: selfhosted.platforms.cloudron_notification_info
"""

EXAMPLES = r"""
- name: Acknowledge every notice of a finished update
  selfhosted.platforms.cloudron_notification:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    title: "^Cloudron updated"

- name: Acknowledge one notification
  selfhosted.platforms.cloudron_notification:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    id: "50"
"""

RETURN = r"""
notifications:
  description:
    - The notifications the run changed (or would change, in check mode), in their new state, newest first.
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
      description: Its state after the run.
      type: bool
acknowledged_ids:
  description:
    - When the run failed, the ids of the notifications already changed before the failure (a retry leaves them
      alone); empty when it failed before any write.
  returned: on failure
  type: list
  elements: str
  sample: ["50"]
"""

import re

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.notifications import AcknowledgeRun
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON


def main():
    run = CLOUDRON.module({"id": {"type": "str"}, "title": {"type": "str"}, "acknowledged": {"type": "bool", "default": True}},
                          mutually_exclusive=[("id", "title")], required_one_of=[("id", "title")])
    pattern = None
    if run.params["title"] is not None:
        try:
            pattern = re.compile(run.params["title"])
        except re.error as exc:
            run.module.fail_json(msg="title: %r is not a valid regular expression: %s" % (run.params["title"], exc))
    acknowledge = AcknowledgeRun(run.params, run.check_mode)

    def body(ctx):
        result = acknowledge.run(ctx, pattern)
        if not run.module._diff:
            result.pop("diff")
        return result

    # a failure part-way keeps what was already sent
    run.execute(body, on_failure=lambda exc: {"changed": bool(acknowledge.written), "acknowledged_ids": acknowledge.written})


if __name__ == "__main__":
    main()

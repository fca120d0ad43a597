#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_certificates
short_description: Renew the certificates of a Cloudron server now
version_added: 0.1.0
description:
  - Asks the server to renew its Let's Encrypt certificates now (it renews them by itself a month before they
    expire), and with O(rebuild=true) to write the configuration of its reverse proxy anew.
  - That is an action, so it always reports a change. The renewal is a task on the server; the module waits for it
    by default, showing its progress, and fails with the task's own error when it fails.
  - A renewal already running (the server's own, or one an earlier run left behind after O(wait_timeout)) is waited
    for first, and then the renewal asked for is started, so O(rebuild) is never skipped.
  - In check mode nothing is written and nothing is waited on; RV(msg) says what would be done. Check mode fails
    like the real run on a server older than Cloudron 8.0.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
attributes:
  check_mode:
    support: full
    description: Reports the change, says what would be done, and writes nothing.
  diff_mode:
    support: none
    description: An action has no before and after.
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.cloudron) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudron
options:
  rebuild:
    description: Also regenerate the reverse proxy configuration of the dashboard and every app.
    type: bool
    default: false
  wait:
    description:
      - Wait for the renewal task. With V(false) the module returns with RV(task_id) right after starting it; a
        renewal already running is still waited for first (within O(wait_timeout)), since the new one starts after it.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait in all, including time queued behind other tasks. The wait for a renewal already running and
        the wait for the new one share this one deadline. On timeout the task keeps running on the server.
    type: int
    default: 900
notes:
  - Renewing certificates needs the C(admin) role or higher.
seealso:
  - module: selfhosted.platforms.cloudron_task_info
  - module: selfhosted.platforms.cloudron_network
"""

EXAMPLES = r"""
- name: Renew the certificates now
  selfhosted.platforms.cloudron_certificates:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"

- name: Renew them and rebuild the reverse proxy configuration, without waiting
  selfhosted.platforms.cloudron_certificates:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    rebuild: true
    wait: false
  register: renewal
"""

RETURN = r"""
task_id:
  description:
    - The renewal task this run started; V(null) in check mode.
  returned: success
  type: str
  sample: "2745"
previous_task_id:
  description: The renewal that was running when the run began and was waited for first; V(null) when none was.
  returned: success
  type: str
  sample: "2744"
rebuild:
  description: Whether the reverse proxy configuration was (in check mode, would be) rebuilt.
  returned: success
  type: bool
  sample: false
msg:
  description: What was done, or in check mode what would be done.
  returned: success
  type: str
  sample: renewed the certificates (task 2745)
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.certificates import Renewal
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import wait_argspec


def main():
    run = CLOUDRON.module(dict(rebuild={"type": "bool", "default": False}, **wait_argspec(900)))
    renewal = Renewal(run.params, run.check_mode)
    # a failure after the renewal was started (the wait) still reports it, as a change
    run.execute(renewal.run, on_failure=lambda exc: {"changed": True, "task_id": renewal.started()} if renewal.started() else None)


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_reboot
short_description: Reboot a Cloudron server, optionally only when it asks for it
version_added: 0.1.0
description:
  - Asks the server to reboot (C(POST /system/reboot)) and, by default, waits until it answers again.
  - With O(when_required=true) the server is rebooted only when it says a reboot is required (for example after
    security updates of the operating system); otherwise nothing is done and nothing changes.
  - The wait ends when C(GET /system/info) answers with an uptime shorter than the time since the reboot was asked
    for, so an answer from the server before it went down does not end it.
  - An action module; it reports a change whenever it reboots.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
attributes:
  check_mode:
    support: full
    description: Reads whether a reboot is required and reports whether the module would reboot; sends nothing.
  diff_mode:
    support: none
    description: A reboot has no before and after to show.
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.cloudron) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudron
options:
  when_required:
    description: Reboot only when the server says a reboot is required.
    type: bool
    default: false
  wait:
    description: Wait until the server is back. With V(false) the module returns right after the server accepted the reboot.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for the server to come back. On timeout the module fails, reporting the reboot as a change.
    type: int
    default: 600
notes:
  - Needs the C(admin) role or higher and a read-and-write token.
  - Every app on the server is unavailable while it reboots.
  - While the server is down, the wait's reads of C(GET /system/info) fail; each failure only means it is not back
    yet, and the wait reads again until O(wait_timeout). Of these, only a connection that could not be made is also
    retried by the transport (it shows in C(http_retries)); an error status or a broken connection is not.
seealso:
  - module: selfhosted.platforms.cloudron_system_info
"""

EXAMPLES = r"""
- name: Reboot when the server asks for it, and wait until it is back
  selfhosted.platforms.cloudron_reboot:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    when_required: true
    wait_timeout: 900
"""

RETURN = r"""
rebooted:
  description: Whether the server was asked to reboot (V(false) in check mode).
  returned: success
  type: bool
reboot_required:
  description: Whether the server said a reboot was required, before the run.
  returned: success
  type: bool
uptime_secs:
  description: The server's uptime when it answered again; V(null) unless the module rebooted and waited.
  returned: success
  type: int
  sample: 12
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.system import Reboot
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import wait_argspec


def main():
    run = CLOUDRON.module(dict(when_required={"type": "bool", "default": False}, **wait_argspec(600)))
    reboot = Reboot(run.params, run.check_mode)
    # a failure after the reboot was sent (the wait) still reports it
    run.execute(reboot.run, on_failure=lambda exc: {"changed": True, "rebooted": True} if reboot.rebooted else None)


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_update
short_description: Check for Cloudron updates and update the platform
version_added: 0.1.0
description:
  - Returns the updates the server offers for the platform and for its apps (RV(updates)), and the platform's
    version. That alone only reads, changes nothing and runs the same in check mode.
  - With O(refresh=true) the server first asks its update server for news; otherwise it answers with what it found
    at its last check.
  - With O(apply=true) the platform is updated to the release offered, with or without a backup first
    (O(skip_backup)). The update is a task on the server; the module waits for it by default, showing its
    progress. An update already running (one an earlier run left behind after O(wait_timeout), or the server's
    automatic one) is waited on instead of starting a second, so a run that timed out is resumed by running it
    again. Nothing offered means nothing to do, and no change.
  - Apps are updated one by one with M(selfhosted.platforms.cloudron_app_action) (O(selfhosted.platforms.cloudron_app_action#module:action=update)).
  - The automatic update schedule is a setting kept by M(selfhosted.platforms.cloudron_settings)
    (O(selfhosted.platforms.cloudron_settings#module:autoupdate_pattern)), not by this module.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
attributes:
  check_mode:
    support: full
    description:
      - Reads the updates offered and reports whether O(apply=true) would update; writes nothing.
      - O(refresh=true) is not sent in check mode (it is a POST); the module warns and shows the updates the server
        found at its last check.
  diff_mode:
    support: none
    description: An update has no before and after to show beyond RV(previous_version) and RV(version).
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.cloudron) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudron
options:
  refresh:
    description: Ask the server to check for updates now (C(POST /updater/check_for_updates)) before reading them.
    type: bool
    default: false
  apply:
    description: Update the platform to the release the server offers, when it offers one.
    type: bool
    default: false
  skip_backup:
    description: With O(apply=true), do not make the full backup the server otherwise makes before updating.
    type: bool
    default: false
  wait:
    description:
      - With O(apply=true), wait for the update task. With V(false) the module returns with RV(task_id) right after
        starting it.
      - The server restarts during an update; while it does, reading the task may fail for a moment and is retried.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait, including time queued behind other tasks. On timeout the update keeps running on the server;
        running the module again waits for it instead of starting another.
    type: int
    default: 3600
notes:
  - Reading and applying updates needs the C(admin) role or higher. O(refresh=true) is a write request, so a
    read-only token cannot send it.
  - The server runs one backup, cleanup or platform update at a time; while another one runs it refuses the update
    with a conflict (HTTP 409), which the module reports with the server's message. When the server answers that it
    is up to date (HTTP 422) although an update was offered when the module read the offers, the module reads them
    again; if nothing is offered any more it is not an error.
seealso:
  - module: selfhosted.platforms.cloudron_settings
  - module: selfhosted.platforms.cloudron_app_action
  - module: selfhosted.platforms.cloudron_backup
  - module: selfhosted.platforms.cloudron_task_info
"""

EXAMPLES = r"""
- name: What do the platform and the apps have to update to?
  selfhosted.platforms.cloudron_update:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    refresh: true
  register: offered

- name: Update the platform (the server backs up first)
  selfhosted.platforms.cloudron_update:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    apply: true
  when: offered.updates.box is not none
"""

RETURN = r"""
version:
  description: The platform's version after the run (before it in check mode).
  returned: success
  type: str
  sample: 9.0.15
previous_version:
  description: The platform's version before the update.
  returned: when an update was applied and waited on
  type: str
  sample: 9.0.14
updates:
  description: The updates the server offers (after an applied update, those it offers then).
  returned: success
  type: dict
  contains:
    box:
      description: The platform release offered; V(null) when the platform is up to date.
      type: dict
      contains:
        version:
          description: The version.
          type: str
          sample: 9.1.0
        changelog:
          description: What changed, one line per entry.
          type: list
          elements: str
        unstable:
          description: Whether the release is not yet considered stable.
          type: bool
    apps:
      description: One entry per app with an update, sorted by location.
      type: list
      elements: dict
      contains:
        app_id:
          description: The app's id.
          type: str
        fqdn:
          description: The app's location; V(null) when no installed app has the id.
          type: str
        app_store_id:
          description: The App Store id of the app.
          type: str
        version:
          description: The version offered.
          type: str
        unstable:
          description: Whether the version is not yet considered stable.
          type: bool
task_id:
  description:
    - The update task waited on (or started, with O(wait=false)); V(null) when nothing was updated.
    - In check mode V(null) unless a running update would be resumed.
  returned: success
  type: str
  sample: "2751"
resumed:
  description: Whether the update task was one already running (not started by this run).
  returned: success
  type: bool
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.updates import UpdateRun
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import CORE_ERRORS
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import wait_argspec

DEFAULT_TIMEOUT = 3600


def main():
    run = CLOUDRON.module(dict(
        refresh={"type": "bool", "default": False},
        apply={"type": "bool", "default": False},
        skip_backup={"type": "bool", "default": False},
        **wait_argspec(DEFAULT_TIMEOUT)
    ))
    update_run = UpdateRun(run.params, run.check_mode)

    def body(ctx):
        try:
            return update_run.run(ctx)
        except CORE_ERRORS as exc:
            task = update_run.task
            if task is None or task.task_id is None or run.check_mode:
                raise
            # the update was started or resumed: a change, whatever became of it
            return run.fail(exc, changed=True, task_id=task.task_id, resumed=task.resumed)

    run.execute(body)


if __name__ == "__main__":
    main()

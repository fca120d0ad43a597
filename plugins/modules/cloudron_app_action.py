#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_app_action
short_description: Back up, update, restore, clone or repair a Cloudron app
version_added: 0.1.0
description:
  - Runs one operation on an app. These are actions, not state, so the module always reports a change.
  - In check mode it sends no write but checks everything the real run would check before its first write; that the
    app exists and is not in an error state (except for V(repair)), that the backup to restore or clone from exists,
    that the clone's location is free and that the App Store names a version to update to.
  - Each operation is a task on the server; the module waits for it by default, like M(selfhosted.platforms.cloudron_app).
  - An app busy with another task (a nightly backup, say) is waited on first.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
attributes:
  check_mode:
    support: full
    description: Reports a change and writes nothing, after the same checks as a real run.
  diff_mode:
    support: none
    description: Actions have no before and after to show.
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.cloudron) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudron
options:
  fqdn:
    description: The app, by its location.
    type: str
  app_id:
    description: The app, by its id.
    type: str
  action:
    description:
      - V(backup) backs the app up now.
      - V(update) updates it to O(version) (default the newest in the App Store).
      - V(restore) restores it from O(backup_id) (default its newest backup), replacing its current data.
      - V(clone) installs a copy from O(backup_id) (default its newest backup) at O(clone_subdomain)/O(clone_domain).
      - V(repair) re-runs the operation that left the app in an error state.
    type: str
    required: true
    choices: [backup, update, restore, clone, repair]
  version:
    description: With O(action=update), the App Store version to update to.
    type: str
  skip_backup:
    description: With O(action=update), skip the backup the server otherwise makes first.
    type: bool
    default: false
  backup_id:
    description: With O(action=restore) or O(action=clone), the backup to use.
    type: str
  clone_subdomain:
    description: With O(action=clone), the subdomain of the copy; empty for the domain itself.
    type: str
    default: ""
  clone_domain:
    description: With O(action=clone), the domain of the copy.
    type: str
  wait:
    description: Wait for the task. With V(false) the module returns with RV(task_id) right after starting it.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait, including time queued behind other tasks. On timeout the task keeps running.
    type: int
    default: 900
seealso:
  - module: selfhosted.platforms.cloudron_app
  - module: selfhosted.platforms.cloudron_task_info
"""

EXAMPLES = r"""
- name: Back up the blog before a risky change
  selfhosted.platforms.cloudron_app_action:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    fqdn: blog.example.com
    action: backup
  register: backup

- name: Copy the blog to a staging location from that backup
  selfhosted.platforms.cloudron_app_action:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    fqdn: blog.example.com
    action: clone
    backup_id: "{{ backup.backup_id }}"
    clone_subdomain: blog-staging
    clone_domain: example.com

- name: Repair an app a failed update left in an error state
  selfhosted.platforms.cloudron_app_action:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    fqdn: shop.example.com
    action: repair
"""

RETURN = r"""
app:
  description:
    - The app after the action, in the form of RV(selfhosted.platforms.cloudron_app#module:app) (environment values masked).
    - In check mode, the app as it is before the action.
  returned: success
  type: dict
  sample: {fqdn: blog.example.com, installation_state: installed, run_state: running}
task_id:
  description: The task the action ran as; V(null) in check mode.
  returned: success
  type: str
  sample: "2742"
backup_id:
  description:
    - With O(action=backup), the new backup (V(null) with O(wait=false)); with O(action=restore) or O(action=clone), the
      backup used. Never an older backup than the one the action made.
  returned: when O(action) is V(backup) (except in check mode), V(restore) or V(clone)
  type: str
  sample: app_9f9f78b2-6c5b-41df-9a21-5fa20dee3d6a_v3.6.0_0a1b2c3d
clone:
  description: With O(action=clone), the new app.
  returned: when O(action=clone), except in check mode
  type: dict
  sample: {fqdn: blog-staging.example.com, installation_state: installed}
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_actions import run_action
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import DEFAULT_TIMEOUT
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import wait_argspec


def main():
    run = CLOUDRON.module(
        dict(
            fqdn={"type": "str"},
            app_id={"type": "str"},
            action={"type": "str", "required": True, "choices": ["backup", "update", "restore", "clone", "repair"]},
            version={"type": "str"},
            skip_backup={"type": "bool", "default": False},
            backup_id={"type": "str"},
            clone_subdomain={"type": "str", "default": ""},
            clone_domain={"type": "str"},
            **wait_argspec(DEFAULT_TIMEOUT)
        ),
        required_one_of=[("fqdn", "app_id")],
        required_if=[("action", "clone", ("clone_domain",))],
    )
    run.execute(lambda ctx: dict(run_action(ctx, run.params, run.check_mode), changed=True))


if __name__ == "__main__":
    main()

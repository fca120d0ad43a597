#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_backup
short_description: Back up a Cloudron server, clean up old backups, or label and preserve a backup
version_added: 0.1.0
description:
  - Without O(backup_id) and O(cleanup), makes a full backup of the server (one backup of the platform plus one of
    each installed app) and returns it. That is an action, so it always reports a change.
  - The backup is a task on the server; the module waits for it by default, showing its progress. When a backup is
    already running (one an earlier run left behind after O(wait_timeout), or the server's scheduled one), the module
    waits for that one instead of starting a second; so a run that timed out is resumed by running it again.
  - With O(cleanup=true), runs the server's cleanup, which removes the backups the retention policy of
    M(selfhosted.platforms.cloudron_backup_config) no longer keeps, except preserved ones. Also a task, waited on and
    resumed the same way; always a change.
  - With O(backup_id), sets the O(label) and O(preserve) of that backup; an idempotent update that reports a change
    only when a value differs.
  - In check mode nothing is written and nothing is waited on; the module reads what it needs to say whether a
    running task would be resumed.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
attributes:
  check_mode:
    support: full
    description: Reports the change and writes nothing.
  diff_mode:
    support: partial
    description: With O(backup_id), shows the label and preservation before and after; the other uses have no before and after.
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.cloudron) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudron
options:
  state:
    description:
      - V(present) is the only state. Backups are removed by the retention policy (O(cleanup)), never one by one.
    type: str
    choices: [present]
    default: present
  backup_id:
    description:
      - An existing backup (of the platform or of an app) whose O(label) and O(preserve) to set; no backup is made.
    type: str
  cleanup:
    description: Run the retention cleanup instead of making a backup.
    type: bool
    default: false
  label:
    description:
      - The backup's label. With O(backup_id) that backup's; otherwise the new backup's, set once it is made.
    type: str
  preserve:
    description:
      - Whether the cleanup leaves the backup alone. V(true) keeps it until this is set to V(false) (or V(0)); a number
        keeps it that many seconds from its creation.
      - The API calls this C(preserveSecs). V(true) is sent as V(-1), the value the server is recalled to use for
        "keep forever" (unverified); it is returned as V(-1) in RV(backup.preserve_secs), and V(-1) given means
        V(true).
    type: raw
  wait:
    description:
      - Wait for the backup or cleanup task. With V(false) the module returns with RV(task_id) right after starting it
        (RV(backup) is then V(null)); it does not apply O(label) or O(preserve) to the new backup.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait, including time queued behind other tasks. On timeout the task keeps running on the server;
        running the module again waits for it instead of starting another.
    type: int
    default: 3600
notes:
  - Making, cleaning up and editing backups needs the C(admin) role or higher.
  - The server runs one backup, cleanup or platform update at a time. A backup or cleanup is resumed when one of
    its own kind runs; when the server is busy with the other kinds it refuses with a conflict (HTTP 409), which the
    module reports with the server's message.
seealso:
  - module: selfhosted.platforms.cloudron_backup_info
  - module: selfhosted.platforms.cloudron_backup_config
  - module: selfhosted.platforms.cloudron_app_action
  - module: selfhosted.platforms.cloudron_task_info
"""

EXAMPLES = r"""
- name: Back up the whole server before an upgrade, and keep that backup
  selfhosted.platforms.cloudron_backup:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    label: before the upgrade
    preserve: true
  register: backup

- name: Let the cleanup remove it again later
  selfhosted.platforms.cloudron_backup:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    backup_id: "{{ backup.backup.id }}"
    preserve: false

- name: Remove the backups the retention policy no longer keeps
  selfhosted.platforms.cloudron_backup:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    cleanup: true
"""

RETURN = r"""
backup:
  description:
    - The new backup of the platform (the one of each app is in RV(app_backups)), or with O(backup_id) that backup
      after the run (in check mode, as it would be).
    - V(null) with O(cleanup=true), with O(wait=false), and in check mode without O(backup_id).
  returned: success
  type: dict
  contains:
    id:
      description: The backup's id.
      type: str
      sample: box_v9.0.15_1a2b3c4d
    type:
      description: V(box) (the platform; it depends on the app backups made with it) or V(app).
      type: str
      sample: box
    app_id:
      description: The app an app backup is of; V(null) for a platform backup.
      type: str
    app_store_id:
      description: The App Store id of the app an app backup is of; V(null) for a platform backup.
      type: str
    label:
      description: The label; V("") without one.
      type: str
    preserve_secs:
      description: Seconds the cleanup leaves it alone from its creation; V(0) for none, negative for always.
      type: int
      sample: 0
    creation_time:
      description: When it was made.
      type: str
      sample: "2026-11-30T03:00:00.000Z"
    package_version:
      description: The platform's version, or the app's, when it was made.
      type: str
      sample: 9.0.15
    format:
      description: V(tgz) or V(rsync).
      type: str
    state:
      description: The server's state of the backup, such as V(normal).
      type: str
    remote_path:
      description: Where it is in the backup storage.
      type: str
    encryption_version:
      description: The encryption scheme; V(null) for an unencrypted backup.
      type: int
    depends_on:
      description: Ids of the app backups a platform backup depends on.
      type: list
      elements: str
    stats:
      description: The server's statistics of the backup, as it returns them (may be V(null)); their keys are the server's.
      type: raw
app_backups:
  description: The app backups made with the new backup, in the form of RV(backup).
  returned: when a backup was made and waited on
  type: list
  elements: dict
  contains:
    id:
      description: The backup's id.
      type: str
      sample: app_9f9f78b2-6c5b-41df-9a21-5fa20dee3d6a_v3.6.0_0a1b2c3d
    type:
      description: V(box) (the platform; it depends on the app backups made with it) or V(app).
      type: str
      sample: app
    app_id:
      description: The app an app backup is of; V(null) for a platform backup.
      type: str
    app_store_id:
      description: The App Store id of the app an app backup is of; V(null) for a platform backup.
      type: str
    label:
      description: The label; V("") without one.
      type: str
    preserve_secs:
      description: Seconds the cleanup leaves it alone from its creation; V(0) for none, negative for always.
      type: int
      sample: 0
    creation_time:
      description: When it was made.
      type: str
      sample: "2026-11-30T03:00:00.000Z"
    package_version:
      description: The platform's version, or the app's, when it was made.
      type: str
      sample: 3.6.0
    format:
      description: V(tgz) or V(rsync).
      type: str
    state:
      description: The server's state of the backup, such as V(normal).
      type: str
    remote_path:
      description: Where it is in the backup storage.
      type: str
    encryption_version:
      description: The encryption scheme; V(null) for an unencrypted backup.
      type: int
    depends_on:
      description: Ids of the app backups a platform backup depends on.
      type: list
      elements: str
    stats:
      description: The server's statistics of the backup, as it returns them (may be V(null)); their keys are the server's.
      type: raw
task_id:
  description:
    - The task waited on (or started, with O(wait=false)); V(null) with O(backup_id).
    - In check mode V(null) unless a running task would be resumed.
  returned: success
  type: str
  sample: "2742"
resumed:
  description: Whether the task was one already running (not started by this run).
  returned: unless O(backup_id) is given
  type: bool
changed_settings:
  description: Which of V(label) and V(preserve_secs) were (in check mode, would be) written.
  returned: success
  type: list
  elements: str
  sample: [label]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.backups import BackupRun, preserve_secs
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import CORE_ERRORS
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import wait_argspec

DEFAULT_TIMEOUT = 3600


def main():
    spec = dict(
        state={"type": "str", "choices": ["present"], "default": "present"},
        backup_id={"type": "str"},
        cleanup={"type": "bool", "default": False},
        label={"type": "str"},
        preserve={"type": "raw"},
        **wait_argspec(DEFAULT_TIMEOUT)
    )
    run = CLOUDRON.module(spec, mutually_exclusive=[("backup_id", "cleanup")])
    params = run.params
    if params["cleanup"] and (params["label"] is not None or params["preserve"] is not None):
        run.module.fail_json(msg="label and preserve name a backup: give them with backup_id, or for a new backup, not with cleanup")
    if params["backup_id"] and params["label"] is None and params["preserve"] is None:
        run.module.fail_json(msg="backup_id needs label, preserve or both: what to set on that backup")
    if params["preserve"] is not None:
        try:
            preserve_secs(params["preserve"])
        except ValueError as exc:
            run.module.fail_json(msg=str(exc))
    backup_run = BackupRun(params, run.check_mode)

    def body(ctx):
        try:
            result = backup_run.run(ctx)
        except CORE_ERRORS as exc:
            task = backup_run.task
            if task is None or task.task_id is None or run.check_mode:
                raise
            # the task was started or resumed: a change, whatever became of it
            return run.fail(exc, changed=True, task_id=task.task_id, resumed=task.resumed)
        if not run.module._diff:
            result.pop("diff", None)
        return result

    run.execute(body)


if __name__ == "__main__":
    main()

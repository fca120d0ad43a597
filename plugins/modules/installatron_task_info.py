#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: installatron_task_info
short_description: Read Installatron Server's background tasks
version_added: 0.1.0
description:
  - Lists the background tasks (installs, updates, backups, clones, uninstalls) the server runs or ran recently, of one
    customer (O(user), else O(acting_user)) or of every customer.
  - With O(task_id), returns that task only. The server keeps finished tasks listed only for a while; a task no longer
    listed is returned as V(null).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.installatron
  - selfhosted.platforms.installatron.info_attributes
options:
  user:
    description: Only the tasks of this customer. Defaults to O(acting_user); without either, the tasks of every customer.
    type: str
  task_id:
    description: Only this task, as RV(selfhosted.platforms.installatron_install#module:task_id) returns it.
    type: str
seealso:
  - module: selfhosted.platforms.installatron_install
  - module: selfhosted.platforms.installatron_install_action
"""

EXAMPLES = r"""
- name: Read the task an install started with wait=false
  selfhosted.platforms.installatron_task_info:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    user: alice
    task_id: "{{ install.task_id }}"
  register: task

- name: List every task on the server
  selfhosted.platforms.installatron_task_info:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
  register: tasks
"""

RETURN = r"""
task:
  description: The task; V(null) when the server no longer lists it.
  returned: when O(task_id) is given
  type: dict
  contains:
    id:
      description: The task id.
      type: str
      sample: "1712345678_4b8f"
    user:
      description: The customer it runs for.
      type: str
      sample: alice
    url:
      description: The URL of the install it concerns.
      type: str
      sample: https://alice.example.com/blog
    cmd:
      description: What it does, such as V(browser/install), V(installs/update), V(installs/backup) or V(installs/uninstall).
      type: str
      sample: browser/install
    install:
      description: The id of the install it concerns, once there is one.
      type: str
      sample: "4b8f0f7d8a5c"
    status:
      description: Its status as the server words it.
      type: str
      sample: running
    message:
      description: The current progress message, or the error of a failed task.
      type: str
      sample: Copying files
    percent:
      description: Progress, 0 to 100 (the upper end of the range the server reports); V(null) when not reported.
      type: int
      sample: 40
    time:
      description: When it was queued, as the server reports it (a Unix timestamp).
      type: raw
      sample: 1712345678
tasks:
  description: The tasks, in the order the server lists them, each in the form of RV(task).
  returned: when O(task_id) is not given
  type: list
  elements: dict
  contains:
    id:
      description: The task id.
      type: str
      sample: "1712345678_4b8f"
    user:
      description: The customer it runs for.
      type: str
      sample: alice
    url:
      description: The URL of the install it concerns.
      type: str
      sample: https://alice.example.com/blog
    cmd:
      description: What it does, such as V(browser/install), V(installs/update), V(installs/backup) or V(installs/uninstall).
      type: str
      sample: browser/install
    install:
      description: The id of the install it concerns, once there is one.
      type: str
      sample: "4b8f0f7d8a5c"
    status:
      description: Its status as the server words it.
      type: str
      sample: running
    message:
      description: The current progress message, or the error of a failed task.
      type: str
      sample: Copying files
    percent:
      description: Progress, 0 to 100 (the upper end of the range the server reports); V(null) when not reported.
      type: int
      sample: 40
    time:
      description: When it was queued, as the server reports it (a Unix timestamp).
      type: raw
      sample: 1712345678
  sample: [{id: "1712345678_4b8f", user: alice, url: https://alice.example.com/blog, cmd: browser/install,
            install: null, status: running, message: Copying files, percent: 40, time: 1712345678}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.platform import INSTALLATRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.tasks import InstallatronTasks


def text(value):
    return None if value is None else str(value)


def percent_of(task):
    """The upper end of the progress range the server reports, as a whole number."""
    value = task.get("percentMax", task.get("percentMin"))
    try:
        return None if value is None else int(float(value))
    except (TypeError, ValueError):
        return None


def canonical(task):
    return {
        "id": text(task.get("id")),
        "user": task.get("user"),
        "url": task.get("url"),
        "cmd": task.get("cmd"),
        "install": text(task.get("install")),
        "status": task.get("status"),
        "message": task.get("message"),
        "percent": percent_of(task),
        "time": task.get("time"),
    }


def lookup(ctx, params):
    tasks = [canonical(task) for task in InstallatronTasks(ctx.client, params["user"]).listed()]
    if params["task_id"] is not None:
        return {"changed": False, "task": next((task for task in tasks if task["id"] == str(params["task_id"])), None)}
    return {"changed": False, "tasks": tasks}


def main():
    run = INSTALLATRON.module({"user": {"type": "str"}, "task_id": {"type": "str"}})
    run.execute(lambda ctx: lookup(ctx, run.params))


if __name__ == "__main__":
    main()

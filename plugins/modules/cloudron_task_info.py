#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_task_info
short_description: Read Cloudron tasks, their state and the tail of their logs
version_added: 0.1.0
description:
  - With O(task_id), reads one task (installs, updates, backups and every other long operation are tasks) and the
    last lines of its log.
  - Without it, lists the most recent tasks, newest first, optionally of one O(type).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  task_id:
    description: The task to read, as returned by the modules that start tasks.
    type: str
  type:
    description: Without O(task_id), only tasks of this type, for example V(app), V(backup) or V(update).
    type: str
  limit:
    description: Without O(task_id), how many recent tasks to return.
    type: int
    default: 10
  log_lines:
    description: With O(task_id), how many of the last log lines to return; V(0) for none.
    type: int
    default: 20
seealso:
  - module: selfhosted.platforms.cloudron_app
  - module: selfhosted.platforms.cloudron_app_action
"""

EXAMPLES = r"""
- name: Read the task an install started with wait=false
  selfhosted.platforms.cloudron_task_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    task_id: "{{ install.task_id }}"
  register: task

- name: The last three backups
  selfhosted.platforms.cloudron_task_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    type: backup
    limit: 3
  register: backups
"""

RETURN = r"""
task:
  description: The task, with its log tail.
  returned: when O(task_id) is given
  type: dict
  contains:
    id:
      description: The task id.
      type: str
    type:
      description: The task type.
      type: str
    percent:
      description: Progress, 0 to 100.
      type: int
    message:
      description: The current progress message.
      type: str
    active:
      description: A worker runs it now.
      type: bool
    pending:
      description: Queued, not started yet.
      type: bool
    finished:
      description: Neither active nor pending.
      type: bool
    success:
      description: Finished without error.
      type: bool
    error:
      description: The error message of a failed task, else V(null).
      type: str
    result:
      description: What the task produced (for example a backup id).
      type: raw
    creation_time:
      description: When it was created.
      type: str
    log_tail:
      description: The last O(log_lines) lines of its log.
      type: list
      elements: str
  sample: {id: "2737", type: app, percent: 100, message: Done, active: false, pending: false, finished: true,
           success: true, error: null, result: null, creation_time: "2026-11-23T10:00:00.000Z", log_tail: []}
tasks:
  description: The most recent tasks, newest first, in the form of RV(task) without the log tail.
  returned: when O(task_id) is not given
  type: list
  elements: dict
  contains:
    id:
      description: The task id.
      type: str
      sample: "2742"
    type:
      description: The task type, such as V(backup) or V(app).
      type: str
      sample: backup
    percent:
      description: Progress, 0 to 100.
      type: int
      sample: 100
    message:
      description: The last progress message.
      type: str
      sample: Done
    active:
      description: A worker runs it now.
      type: bool
      sample: false
    pending:
      description: Queued, not started yet.
      type: bool
      sample: false
    finished:
      description: Neither active nor pending.
      type: bool
      sample: true
    success:
      description: Finished without error.
      type: bool
      sample: true
    error:
      description: The error message of a failed task, else V(null).
      type: str
      sample: null
    result:
      description: What the task produced (for example a backup id), as the server reports it; V(null) for nothing.
      type: raw
      sample: null
    creation_time:
      description: When it was created.
      type: str
      sample: "2026-11-23T10:00:00.000Z"
  sample: [{id: "2742", type: backup, percent: 100, finished: true, success: true}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.tasks import task_error_message, task_finished


def canonical(task):
    finished = task_finished(task)
    return {
        "id": str(task.get("id")),
        "type": task.get("type"),
        "percent": task.get("percent"),
        "message": task.get("message"),
        "active": bool(task.get("active")),
        "pending": bool(task.get("pending")),
        "finished": finished,
        "success": bool(task.get("success")),
        "error": task_error_message(task) if finished and not task.get("success") else None,
        "result": task.get("result"),
        "creation_time": task.get("creationTime"),
    }


def lookup(ctx, params):
    """One task with its log tail, or the recent tasks (of a type)."""
    if params["task_id"]:
        task = canonical(ctx.tasks.read(params["task_id"]))
        task["log_tail"] = ctx.tasks.log_tail(params["task_id"], params["log_lines"]) if params["log_lines"] > 0 else []
        return {"changed": False, "task": task}
    query = {"page": 1, "per_page": max(1, params["limit"])}
    if params["type"]:
        query["type"] = params["type"]
    tasks = ctx.client.call("GET", "/tasks", params=query).get("tasks") or []
    return {"changed": False, "tasks": [canonical(task) for task in tasks[:params["limit"]]]}


def main():
    run = CLOUDRON.module({
        "task_id": {"type": "str"},
        "type": {"type": "str"},
        "limit": {"type": "int", "default": 10},
        "log_lines": {"type": "int", "default": 20},
    }, limits={"limit": (1, None), "log_lines": (0, None)})
    run.execute(lambda ctx: lookup(ctx, run.params))


if __name__ == "__main__":
    main()

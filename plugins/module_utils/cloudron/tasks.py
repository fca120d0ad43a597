# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudron's task model for the waiter: ``GET /tasks/:id`` with ``active``/``pending``/``success``,
its error object and its NDJSON log."""

from __future__ import annotations

import json

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import TaskModel


def task_finished(task):
    """Neither running nor queued."""
    return not task.get("active") and not task.get("pending")


def task_error_message(task):
    """The task's error text; the error is an object ``{message, code}`` but older servers send a string."""
    error = task.get("error")
    if isinstance(error, dict):
        message = error.get("message") or error.get("code") or "unknown error"
        return "%s (%s)" % (message, error["code"]) if error.get("code") and error.get("message") else message
    if error:
        return str(error)
    return task.get("errorMessage") or "the task ended without success and without an error message"


class CloudronTasks(TaskModel):
    """Tasks of one Cloudron server, read through its client."""

    def __init__(self, client):
        self.client = client

    def read(self, task_id):
        return self.client.call("GET", "/tasks/%s" % task_id)

    def finished(self, task):
        return task_finished(task)

    def failed(self, task):
        return task_finished(task) and not task.get("success")

    def error(self, task):
        return task_error_message(task)

    def progress(self, task):
        return "%s%% %s" % (task.get("percent", "?"), task.get("message") or "no message")

    def log_tail(self, task_id, lines=10):
        """The last log lines of a task as plain messages; empty when the logs cannot be read."""
        try:
            text = self.client.call_text("GET", "/tasks/%s/logs" % task_id, params={"lines": lines})
        except ApiError:
            return []
        messages = []
        for line in text.splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                messages.append(line)
                continue
            messages.append(str(entry.get("message", line)) if isinstance(entry, dict) else line)
        return messages[-lines:]

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One poller for every asynchronous operation: a monotonic deadline, a growing interval,
any terminal state ends the wait, and failures carry the task id, its error and its log tail."""

from __future__ import annotations

import time

FIRST_INTERVAL = 0.5
MAX_INTERVAL = 5.0
GROWTH = 1.5


class WaitError(Exception):
    """Base class: the operation did not reach the wanted state."""

    def __init__(self, message, task_id=None, last=None, logs=None):
        super().__init__(message)
        self.task_id = task_id
        self.last = last
        self.logs = logs or []

    def as_dict(self):
        return {"task_id": self.task_id, "last_state": self.last, "log_tail": self.logs}


class TaskFailed(WaitError):
    """The task ended without success."""


class WaitTimeout(WaitError):
    """The deadline passed; the operation may still finish on the server."""


def poll(read, is_done, timeout, clock=time.monotonic, sleep=time.sleep,
         first_interval=FIRST_INTERVAL, max_interval=MAX_INTERVAL):
    """Call ``read()`` until ``is_done(state)`` or the deadline; return ``(state, polls)``.

    ``timeout`` counts from the start, including time queued behind other tasks.
    Raises ``WaitTimeout`` carrying the last state seen.
    """
    deadline = clock() + timeout
    interval = first_interval
    polls = 0
    while True:
        state = read()
        polls += 1
        if is_done(state):
            return state, polls
        remaining = deadline - clock()
        if remaining <= 0:
            raise WaitTimeout("timed out after %ss" % timeout, last=state)
        sleep(min(interval, remaining))
        interval = min(interval * GROWTH, max_interval)


def task_finished(task):
    """Cloudron's terminal test: neither running nor queued."""
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


def wait_for_task(client, task_id, timeout, clock=time.monotonic, sleep=time.sleep):
    """Wait for a Cloudron task to finish; return the finished task object.

    Raises ``TaskFailed`` with the error and log tail, or ``WaitTimeout`` saying a re-run resumes.
    """
    try:
        task, _polls = poll(lambda: client.task(task_id), task_finished, timeout, clock=clock, sleep=sleep)
    except WaitTimeout as exc:
        last = exc.last or {}
        raise WaitTimeout(
            "task %s did not finish within %ss (last: %s%% %s); it keeps running on the server and a re-run resumes waiting"
            % (task_id, timeout, last.get("percent", "?"), last.get("message") or "no message"),
            task_id=task_id, last=last,
        )
    if not task.get("success"):
        logs = client.task_log_tail(task_id)
        raise TaskFailed("task %s failed: %s" % (task_id, task_error_message(task)), task_id=task_id, last=task, logs=logs)
    return task

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One poller for every asynchronous operation: a monotonic deadline, a growing interval, any
terminal state ends the wait, and failures carry the task id, its error and its log tail.

The waiter knows no platform: a ``TaskModel`` from the adapter says how to read a task, when it is
finished, whether it failed and what progress it shows.
"""

from __future__ import annotations

import time

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import TaskFailed, WaitTimeout

FIRST_INTERVAL = 0.5
MAX_INTERVAL = 5.0
GROWTH = 1.5
# Waits shorter than this stay quiet; longer ones report progress at most this often.
PROGRESS_EVERY = 5.0


class TaskModel:
    """A platform's asynchronous tasks, as the waiter needs them. Adapters override every method."""

    def read(self, task_id):
        """The task object, fresh from the server."""
        raise NotImplementedError

    def finished(self, task):
        """Whether the task reached a terminal state (success or not)."""
        raise NotImplementedError

    def failed(self, task):
        """Whether a finished task ended without success."""
        raise NotImplementedError

    def error(self, task):
        """The failure of a finished task as text."""
        raise NotImplementedError

    def progress(self, task):
        """One short line: how far the task is (percent and message where the platform has them)."""
        raise NotImplementedError

    def log_tail(self, task_id):
        """The last lines of the task's log (empty when the platform has none or they cannot be read)."""
        return []


class Waited:
    """The outcome of a wait: the last state read, the number of polls and the seconds it took."""

    def __init__(self, state, polls, elapsed):
        self.state = state
        self.polls = polls
        self.elapsed = elapsed


def poll(read, is_done, timeout, clock=time.monotonic, sleep=time.sleep, progress=None, describe=None,
         first_interval=FIRST_INTERVAL, max_interval=MAX_INTERVAL):
    """Call ``read()`` until ``is_done(state)`` or the deadline; return a ``Waited``.

    ``timeout`` counts from the start, including time queued behind other tasks. ``progress`` (a
    callable taking one line) hears ``describe(state)`` every few seconds once a wait lasts.
    Raises ``WaitTimeout`` carrying the last state seen.
    """
    start = clock()
    deadline = start + timeout
    interval = first_interval
    polls = 0
    reported = start
    while True:
        state = read()
        polls += 1
        now = clock()
        if is_done(state):
            return Waited(state, polls, now - start)
        remaining = deadline - now
        if remaining <= 0:
            raise WaitTimeout("timed out after %ss" % timeout, last=state)
        if progress is not None and describe is not None and now - reported >= PROGRESS_EVERY:
            progress("%s (%ds)" % (describe(state), now - start))
            reported = now
        sleep(min(interval, remaining))
        interval = min(interval * GROWTH, max_interval)


def wait_for_task(model, task_id, timeout, check_mode=False, progress=None, clock=time.monotonic, sleep=time.sleep):
    """Wait for a task to finish; return the ``Waited`` outcome (nothing waits in check mode).

    Raises ``TaskFailed`` with the error and log tail, or ``WaitTimeout`` saying a re-run resumes.
    """
    if check_mode:
        return Waited(None, 0, 0.0)
    try:
        waited = poll(lambda: model.read(task_id), model.finished, timeout, clock=clock, sleep=sleep,
                      progress=progress and (lambda line: progress("task %s: %s" % (task_id, line))),
                      describe=model.progress)
    except WaitTimeout as exc:
        raise WaitTimeout("task %s did not finish within %ss (last: %s); it keeps running on the server and a re-run "
                          "resumes waiting" % (task_id, timeout, model.progress(exc.last or {})), task_id=task_id, last=exc.last)
    if model.failed(waited.state):
        raise TaskFailed("task %s failed: %s" % (task_id, model.error(waited.state)), task_id=task_id,
                         last=waited.state, logs=model.log_tail(task_id))
    return waited

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Task clock: tasks move pending -> active -> finished as time passes.

Nothing runs in the background: a task's state is computed from the clock whenever it is read,
and ``settle()`` (called before every request) runs the completion callbacks of tasks that have
finished since, so resources changed by a task look changed as soon as the task is done.

How a task looks to clients (its object, log lines, error format) is each platform's business:
platforms subclass ``TaskEngine`` and read ``events()``.
"""

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

DEFAULT_STEPS = ((10, "Starting"), (50, "Working"), (90, "Finishing"))


@dataclass
class Task:
    id: str
    type: str
    args: list
    created: float          # engine clock
    created_wall: float     # epoch seconds
    pending: float          # real seconds queued
    duration: float         # real seconds active
    steps: tuple            # ((percent, message), ...) spread evenly over the active time
    fail: Optional[str]
    fail_code: Optional[str]
    result: Any
    on_success: Optional[Callable]
    on_failure: Optional[Callable] = None
    stopped_at: Optional[float] = None
    settled: bool = False
    info: dict = field(default_factory=dict)    # whatever the platform wants to show with the task


@dataclass(frozen=True)
class Event:
    at: float
    percent: int
    message: str
    final: bool = False


class TaskEngine:
    """Creates tasks and answers what state they are in now."""

    def __init__(self, scale, clock=time.monotonic, wallclock=time.time):
        self._scale = scale          # callable: real seconds per nominal second
        self._clock = clock
        self._wallclock = wallclock
        self._tasks = {}
        self._last_id = 0

    def start(self, task_type, args=(), pending_seconds=0.5, seconds=2.0, steps=DEFAULT_STEPS,
              fail=None, fail_code=None, result=None, on_success=None, on_failure=None, info=None):
        """Start a task and return it.

        Durations are nominal seconds, multiplied by the scale. ``fail`` (a message) makes the task
        end in failure; otherwise it succeeds with ``result`` and ``on_success(task)`` is called once.
        ``on_failure(task)`` is called once when it fails or is stopped.
        """
        if not steps:
            raise ValueError("a task needs at least one step")
        self._last_id += 1
        scale = self._scale()
        task = Task(
            id=str(self._last_id), type=task_type, args=list(args),
            created=self._clock(), created_wall=self._wallclock(),
            pending=max(0.0, pending_seconds) * scale, duration=max(0.0, seconds) * scale,
            steps=tuple((int(p), str(m)) for p, m in steps),
            fail=fail, fail_code=fail_code, result=result, on_success=on_success, on_failure=on_failure,
            info=dict(info or {}),
        )
        self._tasks[task.id] = task
        return task

    def get(self, task_id):
        return self._tasks.get(str(task_id))

    def all(self, task_type=None):
        """Tasks newest first, optionally of one type."""
        tasks = [t for t in self._tasks.values() if task_type is None or t.type == task_type]
        return sorted(tasks, key=lambda t: int(t.id), reverse=True)

    def now(self):
        """The engine clock (seconds), for callers that schedule things relative to tasks."""
        return self._clock()

    def end(self, task):
        """Engine clock time at which the task ends or ended."""
        return self._end(task)

    def finished(self, task):
        """Whether the task has ended (succeeded, failed or stopped)."""
        return self._finished(task, self._clock())

    def succeeded(self, task):
        """Whether the task ends (or ended) well: not stopped and not made to fail."""
        return self._succeeded(task)

    def stop(self, task):
        """Stop a pending or active task; False when it has already finished."""
        if self._finished(task, self._clock()):
            return False
        task.stopped_at = self._clock()
        return True

    def settle(self):
        """Run the success or failure callback of every task that finished since the last call."""
        now = self._clock()
        for task in list(self._tasks.values()):
            if task.settled or not self._finished(task, now):
                continue
            task.settled = True
            callback = task.on_success if self._succeeded(task) else task.on_failure
            if callback:
                callback(task)

    def reached(self, task):
        """The events that have happened so far (the last one ``final`` once the task has ended)."""
        now = self._clock()
        return [e for e in self._events(task) if e.at <= now]

    def events(self, task):
        """All events of the task, past and future: its steps, then the final event."""
        return self._events(task)

    def wall(self, task, at):
        """Epoch seconds of an engine clock time of the task."""
        return self._wall(task, at)

    def final_message(self, task):
        """The message of the final event: "Done", the failure message, or "Stopped"."""
        if self._succeeded(task):
            return "Done"
        return task.fail if task.stopped_at is None else "Stopped"

    def _wall(self, task, at):
        return task.created_wall + (at - task.created)

    def _end(self, task):
        end = task.created + task.pending + task.duration
        if task.stopped_at is not None and task.stopped_at < end:
            return task.stopped_at
        return end

    def _finished(self, task, now):
        return now >= self._end(task)

    def _succeeded(self, task):
        return task.stopped_at is None and task.fail is None

    def _events(self, task):
        """Progress steps spread evenly over the active time, then the final event."""
        end = self._end(task)
        start = task.created + task.pending
        count = len(task.steps)
        events = [
            Event(start + index * task.duration / count, percent, message)
            for index, (percent, message) in enumerate(task.steps)
        ]
        events = [e for e in events if e.at < end]
        events.append(Event(end, 100, self.final_message(task), final=True))
        return events

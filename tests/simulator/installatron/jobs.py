# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Long operations (install, update, backup, clone, uninstall, user delete) run as tasks.

Without ``background`` the call answers when its task has ended (the application waits without holding the state
lock, so other requests see the task in GET /tasks meanwhile); with ``background=true`` it answers at once. The
change is applied when the task succeeds; a task made to fail (``POST /_control/task_faults``) applies nothing.
"""

from dataclasses import dataclass
from typing import Any, Callable

from . import envelope
from .errors import ApiError

# cmd: (nominal active seconds, steps)
OPERATIONS = {
    "browser/install": (3, ((5, "Checking requirements"), (20, "Copying files"), (50, "Creating the database"),
                            (80, "Configuring the application"), (95, "Finishing"))),
    "installs/update": (2, ((10, "Backing up"), (40, "Downloading the new version"), (70, "Upgrading files"),
                            (90, "Upgrading the database"))),
    "installs/backup": (2, ((10, "Archiving files"), (60, "Dumping the database"), (90, "Storing the backup"))),
    "installs/clone": (3, ((10, "Copying files"), (50, "Copying the database"), (90, "Configuring the clone"))),
    "installs/uninstall": (1, ((20, "Removing files"), (70, "Dropping tables"))),
    "users/delete": (1, ((50, "Forgetting the user's installs and backups"),)),
}
PENDING_SECONDS = 0.5


@dataclass
class Pending:
    """A synchronous call waiting for its task: the application answers ``finish()`` once the task has ended."""

    task: Any
    finish: Callable


def take_fault(state, cmd, user):
    """The first task fault rule for this cmd (and user), using up one of its ``times``; None when none applies."""
    for rule in state.task_faults:
        if rule["cmd"] not in (None, cmd) or rule["user"] not in (None, user):
            continue
        if rule["times"]:
            rule["times"] -= 1
            if rule["times"] == 0:
                state.task_faults.remove(rule)
        return dict(rule)
    return None


def start(state, background, cmd, info, apply, planned=None, result=None, message="The operation completed."):
    """Run ``cmd`` as a task: the background answer now (data ``planned``), or ``Pending``.

    ``apply()`` makes the change when the task succeeds; ``result()`` is the data of a synchronous answer.
    ``info`` is what the task shows (user, ws_label, url, title, label, install) plus ``location`` for URL checks.
    """
    seconds, steps = OPERATIONS[cmd]
    fault = take_fault(state, cmd, info.get("user"))
    generation = state.generation

    def on_success(task):
        if state.generation == generation:
            apply()

    task = state.tasks.start(cmd, pending_seconds=PENDING_SECONDS, seconds=seconds, steps=steps,
                             fail=fault["message"] if fault else None, on_success=on_success, info=info)
    if background:
        extra = {"task": state.tasks.view(task)} if state.switches["background_answer"] == "task" else {}
        return envelope.ok(state, planned, "The task was started in the background.", **extra)

    def finish():
        if state.generation != generation:
            return envelope.error(state, ApiError(500, None, "The simulator was reset while the task ran."))
        if state.tasks.succeeded(task):
            return envelope.ok(state, result() if result else None, message)
        return envelope.error(state, ApiError(fault["status"], fault["errcode"], fault["message"]))

    return Pending(task, finish)

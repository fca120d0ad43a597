# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The server-wide lock of backups, backup cleanup and platform updates: one such task at a time."""

from .errors import ApiError

BACKUP_TASK = "backup"
CLEANUP_TASK = "cleanBackups"   # the type facts 4.2 name
UPDATE_TASK = "update"
LOCKING = (BACKUP_TASK, CLEANUP_TASK, UPDATE_TASK)


def check_idle(state):
    """409 while a backup, cleanup or update task is pending or active (the wording is the simulator's)."""
    for task in state.tasks.all():
        if task.type in LOCKING and not state.tasks.finished(task):
            raise ApiError(409, "%s task %s is already running" % (task.type, task.id))

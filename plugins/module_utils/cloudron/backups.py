# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Backups of the whole server: make one (a task), run the retention cleanup (a task), label or preserve one,
and list them.

A full backup is one ``box`` backup that depends on one ``app`` backup per installed app. The list has no
route for one backup, so a backup is found in the whole list (read with large pages).
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.box_tasks import BoxTask
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError

ADMIN = "admin"
BACKUP_TASK = "backup"
CLEANUP_TASK = "cleanBackups"
TYPES = ("box", "app")
# preserveSecs of a backup kept until its preservation is lifted (the dashboard's "keep forever"). Unverified:
# no reference gives the value; see the open points of cloudron_backup.
FOREVER = -1


def canonical(raw):
    """A backup in the form the modules return: snake_case, the app id of an app backup named."""
    backup_type = raw.get("type")
    return {
        "id": raw.get("id"),
        "type": backup_type,
        "app_id": raw.get("identifier") if backup_type == "app" else None,
        "label": raw.get("label") or "",
        "preserve_secs": raw.get("preserveSecs") or 0,
        "creation_time": raw.get("creationTime"),
        "package_version": raw.get("packageVersion"),
        "format": raw.get("format"),
        "state": raw.get("state"),
        "remote_path": raw.get("remotePath"),
        "encryption_version": raw.get("encryptionVersion"),
        "depends_on": list(raw.get("dependsOn") or []),
        "app_store_id": (raw.get("manifest") or {}).get("id") if backup_type == "app" else None,
        "stats": raw.get("stats"),
    }


def list_backups(ctx):
    """Every backup, newest first, as the server orders them."""
    return [canonical(raw) for raw in ctx.client.list_all("/backups", "backups")]


def preserve_secs(value):
    """The option ``preserve`` as ``preserveSecs``: true (or -1) keeps the backup until told otherwise, false (or 0)
    lifts the preservation, a number keeps it that many seconds. Raises ValueError for anything else."""
    if isinstance(value, bool):
        return FOREVER if value else 0
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("true", "yes", "forever"):
            return FOREVER
        if text in ("false", "no"):
            return 0
        value = text
    try:
        number = int(value)
        if isinstance(value, float) and value != number:
            raise ValueError(value)
    except (TypeError, ValueError):
        raise ValueError("preserve: %r is neither true, false nor a number of seconds" % (value,))
    if number == FOREVER:  # as results show it: fed back, it means the same
        return FOREVER
    if number < 0:
        raise ValueError("preserve: %s is negative; give a number of seconds, or true (or -1) to keep the backup" % number)
    return number


def busy(exc, what):
    """The server's 409 while a backup or an update runs, explained."""
    return ResourceError("cannot %s: the server is busy (POST %s returned %s: %s): another backup, a cleanup or a "
                         "platform update is running. Wait for it (cloudron_task_info lists the tasks) and run again"
                         % (what, exc.url, exc.status, exc.message))


def start(ctx, path, what):
    """POST a task route; a 409 is explained."""
    try:
        return ctx.client.call("POST", path, role=ADMIN)
    except ApiError as exc:
        if exc.status == 409:
            raise busy(exc, what)
        raise


def find_backup(backups, backup_id):
    found = next((backup for backup in backups if backup["id"] == backup_id), None)
    if found is None:
        raise ResourceError("backup_id: the server has no backup %r" % backup_id)
    return found


def edits(backup, label, preserve):
    """What differs: ``{option: value}`` for label and preserve_secs."""
    wanted = {}
    if label is not None and label != backup["label"]:
        wanted["label"] = label
    if preserve is not None and preserve != backup["preserve_secs"]:
        wanted["preserve_secs"] = preserve
    return wanted


def write_edits(ctx, backup, wanted):
    """Both values go every time (the dashboard sends both); the one not changed as the server has it."""
    body = {"label": wanted.get("label", backup["label"]), "preserveSecs": wanted.get("preserve_secs", backup["preserve_secs"])}
    try:
        ctx.client.call("POST", "/backups/%s" % backup["id"], body=body, role=ADMIN)
    except ApiError as exc:
        if exc.missing:
            raise ResourceError("backup_id: the server has no backup %r (%s)" % (backup["id"], exc.message))
        raise


class BackupRun:
    """One run of cloudron_backup. ``task`` is the task waited on (None when editing a backup)."""

    def __init__(self, params, check_mode):
        self.params = params
        self.check_mode = check_mode
        self.task = None
        self.label = params.get("label")
        self.preserve = None if params.get("preserve") is None else preserve_secs(params["preserve"])

    def run(self, ctx):
        if self.params.get("backup_id"):
            return self.edit(ctx)
        if self.params.get("cleanup"):
            return self.cleanup(ctx)
        return self.backup(ctx)

    def edit(self, ctx):
        """Label or preserve an existing backup: an idempotent update."""
        backup = find_backup(list_backups(ctx), self.params["backup_id"])
        wanted = edits(backup, self.label, self.preserve)
        after = dict(backup, **wanted)
        if wanted and not self.check_mode:
            ctx.client.require_supported()
            write_edits(ctx, backup, wanted)
        result = {"changed": bool(wanted), "backup": after, "changed_settings": sorted(wanted), "task_id": None}
        result["diff"] = {"before": dict((key, backup[key]) for key in ("label", "preserve_secs")),
                          "after": dict((key, after[key]) for key in ("label", "preserve_secs"))}
        return result

    def cleanup(self, ctx):
        """The retention cleanup: always a change (the server decides what goes)."""
        self.task = BoxTask(CLEANUP_TASK, self.params["wait"], self.params["wait_timeout"])
        self.task.find(ctx)
        result = {"changed": True, "backup": None, "changed_settings": [], "resumed": self.task.resumed}
        if self.check_mode:
            return dict(result, task_id=self.task.task_id)
        ctx.client.require_supported()
        self.task.run(ctx, lambda: start(ctx, "/backups/cleanup", "run the backup cleanup"))
        return dict(result, task_id=self.task.task_id)

    def backup(self, ctx):
        """A full backup, or the one already running; then the new box backup, labelled or preserved if asked."""
        self.task = BoxTask(BACKUP_TASK, self.params["wait"], self.params["wait_timeout"])
        known = set(backup["id"] for backup in list_backups(ctx))
        self.task.find(ctx)
        result = {"changed": True, "backup": None, "app_backups": [], "changed_settings": [], "resumed": self.task.resumed}
        if self.check_mode:
            return dict(result, task_id=self.task.task_id)
        ctx.client.require_supported()
        self.task.run(ctx, lambda: start(ctx, "/backups/create", "start a backup"))
        result["task_id"] = self.task.task_id
        if not self.task.wait:
            return result
        backups = list_backups(ctx)
        backup = self.new_box_backup(backups, known)
        wanted = edits(backup, self.label, self.preserve)
        if wanted:
            write_edits(ctx, backup, wanted)
            backup = dict(backup, **wanted)
            result["changed_settings"] = sorted(wanted)
        result["backup"] = backup
        result["app_backups"] = [found for found in backups if found["id"] in backup["depends_on"]]
        return result

    def new_box_backup(self, backups, known):
        """The box backup the task made: the one its result names, else the newest one this run had not seen."""
        result = (self.task.state or {}).get("result")
        named = next((backup for backup in backups if result and backup["id"] == result and backup["type"] == "box"), None)
        if named is not None:
            return named
        fresh = [backup for backup in backups if backup["type"] == "box" and backup["id"] not in known]
        if not fresh:
            raise ResourceError("task %s finished but no new backup is listed" % self.task.task_id)
        return max(fresh, key=lambda backup: backup["creation_time"] or "")

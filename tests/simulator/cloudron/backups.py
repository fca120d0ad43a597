# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-wide backups: the list, a full backup, the cleanup, and a backup's label and preservation."""

import copy
import time

from common.routing import Response

from . import backup_policy, backup_storage, busy
from .app_ops import new_backup, store_backup
from .app_json import now_iso
from .errors import ApiError
from .query import paginate

_BACKUP_STEPS = ((10, "Backing up apps"), (60, "Uploading box backup"), (90, "Cleaning up snapshots"))
_CLEANUP_STEPS = ((20, "Removing old backups"), (80, "Removing snapshots"))


def new_box_backup(state, version):
    """A box backup record of the server at ``version`` (dependsOn is filled when the app backups are made)."""
    config = state.backup_config
    return {
        "id": "box_v%s_%08x" % (version, state.rng.getrandbits(32)),
        "remotePath": "%s/box_v%s" % (time.strftime("%Y-%m-%d-%H%M%S-000", time.gmtime()), version),
        "label": "",
        "identifier": "box",
        "creationTime": now_iso(),
        "packageVersion": version,
        "type": "box",
        "state": "normal",
        "format": config["format"],
        "preserveSecs": 0,
        "encryptionVersion": backup_storage.encryption_version(config),
        "dependsOn": [],
        "manifest": None,
        "stats": None,
    }


def full_backup(state, box):
    """Make the app backups of every installed app, then store ``box`` depending on them."""
    for app in list(state.apps.values()):
        if app.fields["installationState"] == "installed":
            record = new_backup(state, app)
            store_backup(state, record)
            box["dependsOn"].append(record["id"])
    store_backup(state, box)


def list_backups(state, request):
    records = list(reversed(list(state.backups.values())))
    return Response(200, {"backups": copy.deepcopy(paginate(request.query, records))})


def create(state, request):
    busy.check_idle(state)
    box = new_box_backup(state, state.version)
    task = state.tasks.start(busy.BACKUP_TASK, [], seconds=3, steps=_BACKUP_STEPS, result=box["id"],
                             fail=state.take_task_fault(busy.BACKUP_TASK), on_success=lambda task: full_backup(state, box))
    return Response(202, {"taskId": task.id})


def cleanup(state, request):
    busy.check_idle(state)
    # what goes is decided when the cleanup starts
    doomed = backup_policy.to_remove(list(state.backups.values()), state.backup_policy["retention"])

    def remove(task):
        for backup_id in doomed:
            state.backups.pop(backup_id, None)

    task = state.tasks.start(busy.CLEANUP_TASK, [], steps=_CLEANUP_STEPS, result=list(doomed),
                             fail=state.take_task_fault(busy.CLEANUP_TASK), on_success=remove)
    return Response(202, {"taskId": task.id})


def update_backup(state, request):
    record = state.backups.get(request.params["backupId"])
    if record is None:
        raise ApiError(404, "Backup not found")
    for name in ("label", "preserveSecs"):
        if name in request.body:
            record[name] = request.body[name]
    return Response(200, {})


def register(router):
    router.add("GET", "/api/v1/backups", list_backups, "admin")
    router.add("POST", "/api/v1/backups/create", create, "admin")
    router.add("POST", "/api/v1/backups/cleanup", cleanup, "admin")
    router.add("POST", "/api/v1/backups/:backupId", update_backup, "admin")

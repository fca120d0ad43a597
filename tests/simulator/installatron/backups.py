# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Backups: GET /backups/{id} and DELETE /backups/{id}; they are made by POST /installs/{id}/backup."""

from . import envelope, params
from .errors import not_found
from .install_build import owner_of
from .state import ADMIN

FIELDS = ("id", "backup_filename", "backup_install", "backup_location", "backup_note", "backup_time")


def backup_json(record):
    return {k: record[k] for k in FIELDS}


def _visible(state, p, backup_id):
    owner = owner_of(state, p)
    record = state.backups.get(backup_id)
    if record is None or (owner != ADMIN and record["owner"] != owner):
        raise not_found("backup_not_found", "Backup", backup_id)
    return record


def view_backup(state, request):
    p = request.body
    params.check_known(state, p, ("user",))
    return envelope.ok(state, backup_json(_visible(state, p, request.params["id"])))


def delete_backup(state, request):
    p = request.body
    record = _visible(state, p, request.params["id"])
    params.check_known(state, p, ("user", "background", "dryrun"))
    params.background(p)
    if params.dryrun(p) != "none":
        return envelope.dryrun(state)
    del state.backups[record["id"]]
    return envelope.ok(state, None, "The backup was deleted.")


def register(router):
    router.add("GET", "/backups/:id", view_backup)
    router.add("DELETE", "/backups/:id", delete_backup)

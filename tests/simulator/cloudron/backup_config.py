# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Backup storage config, policy, and the storage's mount status (routes)."""

from common.routing import Response

from . import backup_policy, backup_storage
from .errors import ApiError


def get_config(state, request):
    return Response(200, backup_storage.view(state.backup_config, state.switches["backup_secret_read"],
                                             state.switches["backup_config_filenames"]))


def set_storage(state, request):
    config = backup_storage.check(request.body, state.backup_config)
    # the server tries the storage last, after every field is known to be good
    if not state.switches["backup_storage_reachable"]:
        raise ApiError(424, backup_storage.unreachable_message(config))
    state.backup_config = config
    return Response(200, {})


def get_policy(state, request):
    return Response(200, {"policy": dict(state.backup_policy)})


def set_policy(state, request):
    state.backup_policy = backup_policy.check(request.body, state.backup_policy)
    return Response(200, {})


def mount_status(state, request):
    if state.switches["backup_storage_reachable"]:
        return Response(200, {"state": "active", "message": "mounted"})
    return Response(200, {"state": "inactive", "message": backup_storage.unreachable_message(state.backup_config)})


def remount(state, request):
    return Response(202, {})


def register(router):
    # registered before backups.register so that /backups/config is no backup id
    router.add("GET", "/api/v1/backups/config", get_config, "admin")
    router.add("POST", "/api/v1/backups/config/storage", set_storage, "admin")
    router.add("GET", "/api/v1/backups/policy", get_policy, "admin")
    router.add("POST", "/api/v1/backups/policy", set_policy, "admin")
    router.add("GET", "/api/v1/backups/mount_status", mount_status, "admin")
    router.add("POST", "/api/v1/backups/remount", remount, "admin")

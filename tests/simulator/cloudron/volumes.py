# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Volumes: storage that apps use for their data or mount (routes, and the checks app settings make)."""

import copy

from common.routing import Response

from . import mount_options
from .errors import ApiError

# only network mounts can change their options in place (facts 7.15)
_CHANGEABLE = ("cifs", "nfs", "sshfs")


def volume_json(volume, mode=None):
    """The Volume object; secrets masked or left out by ``mode`` (switch ``volume_secret_read``), as stored for None."""
    options = volume.mount_options if mode is None else mount_options.masked(volume.mount_options, mode)
    host_path = volume.mount_options.get("hostPath") if volume.mount_type in ("filesystem", "mountpoint") else None
    return {
        "id": volume.id,
        "name": volume.name,
        "hostPath": host_path or "/mnt/volumes/%s" % volume.id,
        "creationTime": volume.creation_time,
        "mountType": volume.mount_type,
        "mountOptions": copy.deepcopy(options),
    }


def check_new(state, body):
    """(name, mountType, stored mountOptions) of a new volume, or 400/409."""
    mount_type = body.get("mountType")
    if mount_type not in mount_options.MOUNT_TYPES:
        raise ApiError(400, "mountType must be one of %s" % ", ".join(mount_options.MOUNT_TYPES))
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ApiError(400, "name must be a non-empty string")
    options = mount_options.check(mount_type, body.get("mountOptions"))
    if state.volume_by_name(name):
        raise ApiError(409, "Volume with name %s already exists" % name)
    return name, mount_type, options


def load(state, volume_id):
    volume = state.volumes.get(volume_id)
    if volume is None:
        raise ApiError(404, "No such volume")
    return volume


def check_exists(state, volume_id):
    """400 when an app setting names a volume that does not exist."""
    if volume_id not in state.volumes:
        raise ApiError(400, "No such volume %s" % volume_id)


def users_of(state, volume_id):
    """Fqdns of the apps that store their data on the volume or mount it."""
    return [app.fqdn for app in state.apps.values()
            if app.fields.get("storageVolumeId") == volume_id
            or any(m.get("volumeId") == volume_id for m in app.fields.get("mounts") or [])]


def list_volumes(state, request):
    mode = state.switches["volume_secret_read"]
    return Response(200, {"volumes": [volume_json(v, mode) for v in state.volumes.values()]})


def add(state, request):
    volume = state.add_volume(*check_new(state, request.body))
    return Response(201, {"id": volume.id})


def get(state, request):
    return Response(200, volume_json(load(state, request.params["id"]), state.switches["volume_secret_read"]))


def update(state, request):
    volume = load(state, request.params["id"])
    if volume.mount_type not in _CHANGEABLE:
        raise ApiError(400, "Cannot change mount options of a %s volume" % volume.mount_type)
    volume.mount_options = mount_options.check(volume.mount_type, request.body.get("mountOptions"), volume.mount_options)
    status = state.switches["volume_update_status"]
    return Response(status, {} if status == 200 else None)


def delete(state, request):
    volume = load(state, request.params["id"])
    users = users_of(state, volume.id)
    if users:
        raise ApiError(409, "Volume is in use by %s" % ", ".join(users))
    del state.volumes[volume.id]
    return Response(204)


def status(state, request):
    return Response(200, dict(load(state, request.params["id"]).status))


def remount(state, request):
    load(state, request.params["id"])
    return Response(202, {})


def register(router):
    router.add("GET", "/api/v1/volumes", list_volumes, "admin")
    router.add("POST", "/api/v1/volumes", add, "admin")
    router.add("GET", "/api/v1/volumes/:id", get, "admin")
    router.add("POST", "/api/v1/volumes/:id", update, "admin")
    router.add("DELETE", "/api/v1/volumes/:id", delete, "admin")
    router.add("GET", "/api/v1/volumes/:id/status", status, "admin")
    router.add("POST", "/api/v1/volumes/:id/remount", remount, "admin")

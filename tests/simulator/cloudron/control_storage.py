# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Control interface for storage: seeding volumes, backup config, policy, backups and offered updates; their part of
GET /_control/state; POST /_control/updates (offer a box update and app updates)."""

import copy
import time

from common.control import need as _need
from common.routing import Response

from . import backup_policy, backup_storage, backups, updater, versions, volumes
from .app_ops import new_backup
from .errors import ApiError

SEEDED = ("volumes", "backups", "backup_config", "backup_policy", "updates")


def _iso(text, where):
    try:
        time.strptime(text[:19], "%Y-%m-%dT%H:%M:%S")
    except (TypeError, ValueError) as error:
        raise ApiError(400, "%s: creationTime must look like 2024-05-11T21:35:48.000Z" % where) from error
    return text[:19] + ".000Z"


def _seed_volume(state, spec):
    if not isinstance(spec, dict):
        raise ApiError(400, "each volume must be an object")
    where = "volume %s" % spec.get("name")
    try:
        volume = state.add_volume(*volumes.check_new(state, spec))
    except ApiError as error:
        raise ApiError(400, "%s: %s" % (where, error.message)) from error
    status = _need(spec, "status", dict)
    if status is not None:
        volume.status = {"state": str(status.get("state", "active")), "message": str(status.get("message", ""))}
    return volume.name, volume.id


def _seed_backup(state, index, spec):
    where = "backups[%d]" % index
    if not isinstance(spec, dict):
        raise ApiError(400, "%s must be an object" % where)
    kind = spec.get("type")
    if kind == "box":
        record = backups.new_box_backup(state, _need(spec, "version", str) or state.version)
    elif kind == "app":
        app = state.app_by_fqdn(_need(spec, "app", str, required=True))
        if app is None:
            raise ApiError(400, "%s: no app %s" % (where, spec["app"]))
        record = new_backup(state, app)
        if _need(spec, "version", str):
            record["packageVersion"] = spec["version"]
            record["id"] = "app_%s_v%s_%s" % (app.id, spec["version"], record["id"].rsplit("_", 1)[1])
            record["manifest"]["version"] = spec["version"]
    else:
        raise ApiError(400, '%s: type must be "box" or "app"' % where)
    if _need(spec, "creationTime", str):
        record["creationTime"] = _iso(spec["creationTime"], where)
    record["label"] = _need(spec, "label", str) or ""
    record["preserveSecs"] = _need(spec, "preserveSecs", (int, float)) or 0
    if _need(spec, "format", str):
        if spec["format"] not in backup_storage.FORMATS:
            raise ApiError(400, "%s: format must be tgz or rsync" % where)
        record["format"] = spec["format"]
    for backup_id in _need(spec, "dependsOn", list) or []:
        if backup_id not in state.backups:
            raise ApiError(400, "%s: no backup %s" % (where, backup_id))
    record["dependsOn"] = list(spec.get("dependsOn") or [])
    state.backups[record["id"]] = record
    return record["id"]


def offer(state, body):
    """Offer ``{box, apps}``; 400 naming the entry."""
    if "box" in body:
        box = body["box"]
        if box is None:
            state.updates["box"] = None
        else:
            if not isinstance(box, dict):
                raise ApiError(400, "box must be an object or null")
            version = _need(box, "version", str, required=True)
            try:
                versions.parse(version)
            except ValueError as error:
                raise ApiError(400, "box: %s" % error) from error
            state.updates["box"] = updater.box_offer(version, _need(box, "changelog", list), _need(box, "unstable", bool))
    for spec in _need(body, "apps", list) or []:
        if not isinstance(spec, dict):
            raise ApiError(400, "each app update must be an object")
        fqdn = _need(spec, "fqdn", str, required=True)
        app = state.app_by_fqdn(fqdn)
        if app is None:
            raise ApiError(400, "app update %s: no app %s" % (fqdn, fqdn))
        info = updater.app_offer(app, _need(spec, "version", str, required=True))
        if info is None:
            raise ApiError(400, "app update %s: the App Store has no version %s of %s" % (fqdn, spec["version"], app.fields["appStoreId"]))
        state.updates["apps"][app.id] = info


def app_spec(state, spec):
    """A seeded app's fields with volumes named by name (``storageVolume``, ``mounts[].volume``) turned into ids."""
    if not isinstance(spec, dict) or ("storageVolume" not in spec and not any(isinstance(m, dict) and "volume" in m
                                                                              for m in spec.get("mounts") or [])):
        return spec
    spec = copy.deepcopy(spec)
    where = "app %s.%s" % (spec.get("subdomain"), spec.get("domain"))

    def volume_id(name):
        volume = state.volume_by_name(name)
        if volume is None:
            raise ApiError(400, "%s: no volume %s" % (where, name))
        return volume.id

    if "storageVolume" in spec:
        name = spec.pop("storageVolume")
        spec["storageVolumeId"] = None if name is None else volume_id(name)
    spec["mounts"] = [dict({k: v for k, v in m.items() if k != "volume"}, volumeId=volume_id(m["volume"])) if "volume" in m else m
                      for m in spec.get("mounts") or []]
    return spec


def seed_before_apps(state, body):
    """Volumes, backup config and policy (apps may use the volumes); the answer's part."""
    seeded = dict(_seed_volume(state, spec) for spec in _need(body, "volumes", list) or [])
    config = _need(body, "backup_config", dict)
    if config is not None:
        try:
            state.backup_config = backup_storage.check(config, {})
        except ApiError as error:
            raise ApiError(400, "backup_config: %s" % error.message) from error
    policy = _need(body, "backup_policy", dict)
    if policy is not None:
        try:
            state.backup_policy = backup_policy.check(policy, backup_policy.DEFAULT)
        except ApiError as error:
            raise ApiError(400, "backup_policy: %s" % error.message) from error
    return {"volumes": seeded} if seeded else {}


def seed_after_apps(state, body):
    """Backups and offered updates (of apps seeded before); the answer's part."""
    ids = [_seed_backup(state, i, spec) for i, spec in enumerate(_need(body, "backups", list) or [])]
    updates = _need(body, "updates", dict)
    if updates is not None:
        offer(state, updates)
    return {"backups": ids} if ids else {}


def kept(state):
    """What a failed seed restores."""
    return {name: copy.deepcopy(getattr(state, name)) for name in SEEDED}


def dump(state):
    """The storage part of GET /_control/state."""
    return {
        "backup_config": copy.deepcopy(state.backup_config),
        "backup_policy": copy.deepcopy(state.backup_policy),
        "volumes": [dict(volumes.volume_json(v), status=dict(v.status)) for v in state.volumes.values()],
        "updates": updater.offered(state),
    }


def offer_updates(state, request):
    saved = copy.deepcopy(state.updates)
    try:
        offer(state, request.body)
    except ApiError:
        state.updates = saved
        raise
    return Response(200, {"updates": updater.offered(state)})


def register(table):
    table.add("POST", "/_control/updates", offer_updates, role=None)

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""App operations: start, stop, restart, update, backup (and the app's backups), restore, clone, repair."""

import copy
import time

from common.routing import Response

from . import app_rules as rules
from . import app_tasks, appstore
from .backup_storage import encryption_version
from .app_json import defaults, mailbox_name, now_iso, restart_health
from .apps import load, load_operable, normalized, port_field
from .errors import ApiError
from .query import paginate

# settings a clone takes over from the app it is cloned from
_CLONED = ("accessRestriction", "memoryLimit", "cpuQuota", "sso", "enableBackup", "enableAutomaticUpdate", "reverseProxyConfig", "env",
           "enableTurn", "enableRedis", "enableMailbox", "upstreamUri", "crontab", "label", "tags")


def _accepted(task):
    return Response(202, {"taskId": task.id})


def _stopped(app):
    app.fields.update(runState="stopped", health=None)
    app.healthy_at = None


def start(state, request):
    app = load_operable(state, request)
    app_tasks.check_can_run(state, app, "start")
    return _accepted(app_tasks.run(state, app, "start", "pending_start", apply=app_tasks.started(state)))


def stop(state, request):
    app = load_operable(state, request)
    app_tasks.check_can_run(state, app, "stop")
    return _accepted(app_tasks.run(state, app, "stop", "pending_stop", apply=_stopped))


def restart(state, request):
    app = load_operable(state, request)
    app_tasks.check_can_run(state, app, "restart")
    return _accepted(app_tasks.run(state, app, "restart", "pending_restart", apply=app_tasks.started(state)))


def new_backup(state, app):
    """A backup record of the app as it is now (stored by the caller once the backup has been made)."""
    version = app.fields["manifest"].get("version", "0.0.0")
    return {
        "id": "app_%s_v%s_%08x" % (app.id, version, state.rng.getrandbits(32)),
        "remotePath": "%s/app_%s_v%s" % (time.strftime("%Y-%m-%d-%H%M%S-000", time.gmtime()), app.fqdn, version),
        "label": "",
        "identifier": app.id,
        "creationTime": now_iso(),
        "packageVersion": version,
        "type": "app",
        "state": "normal",
        "format": state.backup_config["format"],
        "preserveSecs": 0,
        "encryptionVersion": encryption_version(state.backup_config),
        "dependsOn": [],
        "manifest": copy.deepcopy(app.fields["manifest"]),
        "stats": None,
    }


def store_backup(state, record):
    record["creationTime"] = now_iso()
    state.backups[record["id"]] = record


def start_backup(state, app, seconds=None):
    """Start a backup task of the app (also what a nightly backup does)."""
    record = new_backup(state, app)
    options = {} if seconds is None else {"seconds": seconds}
    return app_tasks.run(state, app, "backup", "pending_backup", apply=lambda app: store_backup(state, record), result=record["id"], **options)


def backup(state, request):
    app = load(state, request)
    app_tasks.check_can_run(state, app, "backup")
    task = start_backup(state, app)
    # either way the app's taskId names the task while it runs
    return _accepted(task) if state.switches["backup_answer"] == "task" else Response(202, {})


def _backup_of(state, app, backup_id):
    record = state.backups.get(backup_id)
    if record is None or record["identifier"] != app.id:
        raise ApiError(404, "Backup not found")
    return record


def list_backups(state, request):
    app = load(state, request)
    records = [b for b in reversed(list(state.backups.values())) if b["identifier"] == app.id]
    return Response(200, {"backups": copy.deepcopy(paginate(request.query, records))})


def update_backup(state, request):
    record = _backup_of(state, load(state, request), request.params["backupId"])
    for name in ("label", "preserveSecs"):
        if name in request.body:
            record[name] = request.body[name]
    return Response(200, {})


def start_update(state, app, manifest, store_id, *, skip_backup=False, seconds=None):
    """Start an update task to ``manifest`` (also what an automatic update does)."""
    memory = app.fields["memoryLimit"]
    if 0 < memory < (manifest.get("memoryLimit") or 0):
        memory = manifest["memoryLimit"]

    def apply(app):
        if not skip_backup:
            store_backup(state, new_backup(state, app))
        app.fields.update(manifest=copy.deepcopy(manifest), appStoreId=store_id, memoryLimit=memory, updateTime=now_iso())
        if app.fields["runState"] == "running":
            restart_health(state, app)

    options = {} if seconds is None else {"seconds": seconds}
    args = {"updateConfig": {"appStoreId": store_id, "version": manifest["version"], "skipBackup": skip_backup}}
    return app_tasks.run(state, app, "update", "pending_update", apply=apply, args=args, **options)


def update(state, request):
    app = load(state, request)
    body = request.body
    app_tasks.check_can_run(state, app, "update")
    force = bool(body.get("force"))
    if body.get("appStoreId"):
        store_id, manifest = appstore.download_manifest(state, body["appStoreId"])
    else:
        store_id, manifest = app.fields["appStoreId"], copy.deepcopy(body["manifest"])
    rules.check_manifest(manifest, state.version)
    current = app.fields["manifest"]
    if manifest["id"] != current.get("id"):
        if not force:
            raise ApiError(400, "manifest id does not match. force to override")
        store_id = ""
    if app.fields["appStoreId"] and rules.version_key(manifest["version"]) <= rules.version_key(current.get("version")) and not force:
        raise ApiError(400, "Downgrades are not permitted for apps installed from AppStore. force to override")
    if app.fields["debugMode"] and not force:
        raise ApiError(409, "debug mode enabled. force to override")
    if body.get("appStoreId"):
        appstore.check_registered(state)
    return _accepted(start_update(state, app, manifest, store_id, skip_backup=bool(body.get("skipBackup"))))


def restore(state, request):
    app = load(state, request)
    app_tasks.check_can_run(state, app, "restore")
    record = _backup_of(state, app, request.body["backupId"])

    def apply(app):
        app.fields["manifest"] = copy.deepcopy(record["manifest"])
        app_tasks.started(state)(app)

    args = {"restoreConfig": {"backupId": record["id"], "backupFormat": record["format"]}}
    return _accepted(app_tasks.run(state, app, "restore", "pending_restore", apply=apply, args=args))


def clone(state, request):
    source = load(state, request)
    body = normalized(state, request.body)
    record = _backup_of(state, source, body["backupId"])
    manifest = copy.deepcopy(record["manifest"])
    subdomain, domain, lists = rules.check_locations(state, body["subdomain"], body["domain"],
                                                     {"secondaryDomains": body.get("secondaryDomains") or []})
    ports = rules.check_ports(state, body.get("ports") or {}, manifest, port_field(state))
    if source.fields["appStoreId"]:
        appstore.check_registered(state)
    fields = defaults(manifest, source.fields["appStoreId"], subdomain, domain)
    fields.update({name: copy.deepcopy(source.fields[name]) for name in _CLONED}, ports=ports, **lists)
    if fields["enableMailbox"]:
        fields.update(mailboxName=mailbox_name(subdomain, manifest), mailboxDomain=domain)
    app = state.add_app(fields)
    app.icon = source.icon
    args = {"restoreConfig": {"backupId": record["id"], "backupFormat": record["format"]},
            "overwriteDns": bool(body.get("overwriteDns")), "skipDnsSetup": bool(body.get("skipDnsSetup"))}
    task = app_tasks.run(state, app, "clone", "pending_clone", apply=app_tasks.started(state), args=args)
    return Response(201, {"id": app.id, "taskId": task.id})


def repair(state, request):
    app = load(state, request)
    app_tasks.check_idle(state, app)
    return _accepted(app_tasks.repair(state, app))


def register(router):
    for name, handler in (("start", start), ("stop", stop), ("restart", restart)):
        router.add("POST", "/api/v1/apps/:id/" + name, handler)
    for name, handler in (("update", update), ("backup", backup), ("restore", restore), ("clone", clone), ("repair", repair)):
        router.add("POST", "/api/v1/apps/:id/" + name, handler, "admin")
    router.add("GET", "/api/v1/apps/:id/backups", list_backups, "admin")
    router.add("POST", "/api/v1/apps/:id/backups/:backupId", update_backup, "admin")

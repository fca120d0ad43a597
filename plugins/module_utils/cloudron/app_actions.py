# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One-off operations on an app (backup, update, restore, clone, repair): always a change, each a task."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_fields import fqdn
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import ADMIN, Apps, mask_env, store_error
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.versions import location_names
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError


def newest_backup(ctx, app):
    backups = ctx.client.call("GET", "/apps/%s/backups" % app["id"], role=ADMIN).get("backups") or []
    if not backups:
        raise ResourceError("app %s has no backup yet; run action=backup first or give backup_id" % app["fqdn"])
    return max(backups, key=lambda backup: backup.get("creationTime") or "")["id"]


def latest_version(ctx, app):
    try:
        entry = ctx.client.call("GET", "/appstore/apps/%s" % app["app_store_id"])
    except ApiError as exc:
        raise store_error(exc)
    return (entry.get("manifest") or {}).get("version")


def find_app(ctx, apps, params):
    lookup = {"app_id": params["app_id"]} if params.get("app_id") else {"fqdn": params["fqdn"].strip().lower()}
    app = apps.find(apps.read(ctx, [lookup], complete=False), lookup)
    if app is None:
        raise ResourceError("no app %s" % (("with id %r" % params["app_id"]) if params.get("app_id") else "at %s" % lookup["fqdn"]))
    return app


def run_action(ctx, params):
    """Run ``params['action']`` on the app; return what the module reports."""
    apps = Apps(wait=params["wait"], wait_timeout=params["wait_timeout"])
    app = find_app(ctx, apps, params)
    ctx.client.require_supported()
    action, result = params["action"], {}
    if action == "backup":
        answer = apps.action(ctx, app, "backup", None, "backup")
        if apps.wait:
            result["backup_id"] = newest_backup(ctx, app)
    elif action == "update":
        version = params.get("version") or latest_version(ctx, app)
        body = {"appStoreId": "%s@%s" % (app["app_store_id"], version), "skipBackup": params["skip_backup"]}
        answer = apps.action(ctx, app, "update", body, "update to %s" % version)
    elif action == "restore":
        result["backup_id"] = params.get("backup_id") or newest_backup(ctx, app)
        answer = apps.action(ctx, app, "restore", {"backupId": result["backup_id"]}, "restore")
    elif action == "clone":
        result["backup_id"] = params.get("backup_id") or newest_backup(ctx, app)
        subdomain_name = location_names(ctx.client.version())[0]
        target = (params.get("clone_subdomain") or "").strip().lower(), params["clone_domain"].strip().lower()
        body = {"backupId": result["backup_id"], subdomain_name: target[0], "domain": target[1]}
        answer = ctx.client.call("POST", "/apps/%s/clone" % app["id"], body=body, role=ADMIN)
        clone = {"id": answer["id"], "fqdn": fqdn(*target)}
        apps.await_task(ctx, clone, answer.get("taskId"), "clone from %s" % app["fqdn"])
        found = apps.get(ctx, clone["id"])
        result["clone"] = mask_env(found) if found else clone
    else:
        answer = apps.action(ctx, app, "repair", {}, "repair")
    result["task_id"] = answer.get("taskId")
    fresh = apps.get(ctx, app["id"])
    result["app"] = mask_env(fresh) if fresh else None
    return result

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One-off operations on an app (backup, update, restore, clone, repair): always a change, each a task."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_fields import fqdn
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import ADMIN, Apps, mask_env, returned, store_error
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError


def backups(ctx, app):
    return ctx.client.call("GET", "/apps/%s/backups" % app["id"], role=ADMIN).get("backups") or []


def newest_backup(ctx, app, known=()):
    """The id of the app's newest backup (of those not in ``known``)."""
    found = [backup for backup in backups(ctx, app) if backup.get("id") not in known]
    if not found:
        if known:
            raise ResourceError("app %s: the backup finished but no new backup is listed" % app["fqdn"])
        raise ResourceError("app %s has no backup yet; run action=backup first or give backup_id" % app["fqdn"])
    return max(found, key=lambda backup: backup.get("creationTime") or "")["id"]


def existing_backup(ctx, app, backup_id):
    """``backup_id`` when the app has that backup, else its newest one."""
    if not backup_id:
        return newest_backup(ctx, app)
    if not any(backup.get("id") == backup_id for backup in backups(ctx, app)):
        raise ResourceError("app %s has no backup %r" % (app["fqdn"], backup_id))
    return backup_id


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
    if app["installation_state"] == "error" and params["action"] != "repair":
        raise ResourceError("app %s is in an error state: %s; repair it first (action=repair)" % (app["fqdn"], app["error"]))
    return app


def clone_target(params):
    return (params.get("clone_subdomain") or "").strip().lower(), params["clone_domain"].strip().lower()


def plan_action(ctx, apps, params):
    """Everything the action needs that can be checked without a write: the app, the backup, the version.

    Check mode stops here, so it fails wherever the real run would before its first write."""
    app = find_app(ctx, apps, params)
    ctx.client.require_supported()
    action, plan = params["action"], {"app": app}
    if action == "backup":
        plan["known_backups"] = [backup.get("id") for backup in backups(ctx, app)]
    elif action == "update":
        plan["version"] = params.get("version") or latest_version(ctx, app)
    elif action in ("restore", "clone"):
        plan["backup_id"] = existing_backup(ctx, app, params.get("backup_id"))
    if action == "clone":
        target = clone_target(params)
        if apps.find(apps.read(ctx, [], complete=True), {"fqdn": fqdn(*target)}) is not None:
            raise ResourceError("cannot clone %s to %s: an app is already there" % (app["fqdn"], fqdn(*target)))
    return plan


def run_action(ctx, params, check_mode=False):
    """Run ``params['action']`` on the app (in check mode only plan it); return what the module reports."""
    apps = Apps(wait=params["wait"], wait_timeout=params["wait_timeout"])
    plan = plan_action(ctx, apps, params)
    app, action = plan["app"], params["action"]
    result = dict((key, plan[key]) for key in ("backup_id",) if key in plan)
    if check_mode:
        return dict(result, app=returned(ctx, mask_env(app)), task_id=None)
    if action == "backup":
        answer = apps.action(ctx, app, "backup", None, "backup")
        # the new backup, never an older one (the answer may not say which task or backup it started)
        result["backup_id"] = newest_backup(ctx, app, plan["known_backups"]) if apps.wait else None
    elif action == "update":
        body = {"appStoreId": "%s@%s" % (app["app_store_id"], plan["version"]), "skipBackup": params["skip_backup"]}
        answer = apps.action(ctx, app, "update", body, "update to %s" % plan["version"])
    elif action == "restore":
        answer = apps.action(ctx, app, "restore", {"backupId": plan["backup_id"]}, "restore")
    elif action == "clone":
        target = clone_target(params)
        body = {"backupId": plan["backup_id"], "subdomain": target[0], "domain": target[1]}
        answer = ctx.client.call("POST", "/apps/%s/clone" % app["id"], body=body, role=ADMIN)
        clone = {"id": answer["id"], "fqdn": fqdn(*target)}
        apps.await_task(ctx, clone, answer.get("taskId"), "clone from %s" % app["fqdn"])
        found = apps.get(ctx, clone["id"])
        result["clone"] = returned(ctx, mask_env(found)) if found else clone
    else:
        answer = apps.action(ctx, app, "repair", {}, "repair")
    result["task_id"] = answer.get("taskId")
    fresh = apps.get(ctx, app["id"])
    result["app"] = returned(ctx, mask_env(fresh)) if fresh else None
    return result

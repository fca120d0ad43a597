# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The platform's updates: what the server offers (the platform and its apps), asking it to check now, and
applying the platform update as a task, resumed when one already runs.

The automatic update schedule is a setting (``autoupdate_pattern`` of cloudron_settings); updating an app is
cloudron_app_action's.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_fields import fqdn
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.backups import busy
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.box_tasks import BoxTask
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import STATUS_PATH
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError

ADMIN = "admin"
UPDATE_TASK = "update"


def box_update(info):
    """The platform release offered, or None."""
    if not isinstance(info, dict) or not info.get("version"):
        return None
    return {"version": info.get("version"), "changelog": list(info.get("changelog") or []), "unstable": bool(info.get("unstable"))}


def app_update(app_id, info, locations):
    manifest = info.get("manifest") or {}
    return {"app_id": app_id, "fqdn": locations.get(app_id), "app_store_id": info.get("id") or manifest.get("id"),
            "version": manifest.get("version"), "unstable": bool(info.get("unstable"))}


def offered(ctx):
    """``{box, apps}``: the cached offers (``GET /updater/updates`` does not ask the update server)."""
    updates = ctx.client.call("GET", "/updater/updates", role=ADMIN).get("updates") or {}
    apps = dict((key, value) for key, value in updates.items() if key != "box" and isinstance(value, dict))
    locations = {}
    if apps:
        # only to name the apps by their location
        for app in ctx.client.call("GET", "/apps").get("apps") or []:
            locations[app.get("id")] = fqdn(app.get("subdomain") or app.get("location") or "", app.get("domain") or "")
    return {"box": box_update(updates.get("box")),
            "apps": sorted((app_update(app_id, info, locations) for app_id, info in apps.items()),
                           key=lambda entry: (entry["fqdn"] or "", entry["app_id"]))}


def server_version(ctx):
    """The version the server reports now (read afresh: it changes with an update)."""
    return ctx.client.call("GET", STATUS_PATH).get("version")


class UpdateRun:
    """One run of cloudron_update. ``task`` is the update task waited on (None when nothing was applied)."""

    def __init__(self, params, check_mode):
        self.params = params
        self.check_mode = check_mode
        self.task = None

    def run(self, ctx):
        if self.params["refresh"]:
            if self.check_mode:
                ctx.warn("refresh: check mode does not ask the server to check for updates (a POST); "
                         "the updates shown are those the server found at its last check")
            else:
                ctx.client.call("POST", "/updater/check_for_updates", role=ADMIN)
        updates = offered(ctx)
        result = {"changed": False, "version": server_version(ctx), "updates": updates, "task_id": None, "resumed": False}
        if not self.params["apply"]:
            return result
        self.task = BoxTask(UPDATE_TASK, self.params["wait"], self.params["wait_timeout"])
        self.task.find(ctx)
        result["resumed"] = self.task.resumed
        if not self.task.resumed and updates["box"] is None:
            return result
        result["changed"] = True
        if self.check_mode:
            result["task_id"] = self.task.task_id
            return result
        ctx.client.require_supported()
        try:
            self.task.run(ctx, lambda: self.start(ctx))
        except ApiError as exc:
            if exc.status != 422:
                raise
            return self.up_to_date(ctx, result, exc)
        result["task_id"] = self.task.task_id
        if self.task.wait:
            result["previous_version"] = result["version"]
            result["version"] = server_version(ctx)
            result["updates"] = offered(ctx)
        return result

    def start(self, ctx):
        try:
            return ctx.client.call("POST", "/updater/update", body={"skipBackup": self.params["skip_backup"]}, role=ADMIN)
        except ApiError as exc:
            if exc.status == 409:
                raise busy(exc, "update the platform")
            raise

    @staticmethod
    def up_to_date(ctx, result, exc):
        """422: the server has nothing to update to. Not an error when it no longer offers a release either
        (the offer read before was stale); otherwise its message is the error."""
        updates = offered(ctx)
        if updates["box"] is not None:
            raise ResourceError("the server offers Cloudron %s but refuses to update to it: %s"
                                % (updates["box"]["version"], exc))
        ctx.warn("the server says it is up to date (%s); nothing was updated" % exc.message)
        return dict(result, changed=False, updates=updates)

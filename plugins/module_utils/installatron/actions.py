# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One-off operations on an install (update, backup, clone, a login URL): always a change, waited on."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.installs import Installs, canonical, task_id, url

# action -> (route under /installs/{id}, the task's cmd)
ROUTES = {"update": ("update", "installs/update"), "backup": ("backup", "installs/backup"), "clone": ("clone", "installs/clone")}


def find_install(ctx, user, at):
    for raw in ctx.installs(user):
        found = canonical(raw, user)
        if found["url"] == url(at):
            return found
    raise ResourceError("user %r has no install at %s" % (user, url(at)))


def action_body(params):
    """The request body of the action; an update of plugins or themes only keeps the app's version (``current``)."""
    action = params["action"]
    if action == "update":
        # "current" keeps the app's version and updates only plugins or themes
        body = {"version": params.get("version") or "current"}
        for name in ("plugins", "themes"):
            if params.get(name) is not None:
                body[name] = params[name]
        return body
    if action == "clone":
        return {"url": params["clone_url"]}
    return {}


def run_action(ctx, params, check_mode=False):
    """Run ``params['action']`` on the install (in check mode only find it); return what the module reports."""
    user = params.get("user") or ctx.client.acting_user
    if not user:
        raise ResourceError("user (the customer) is needed: give it, or acting_user")
    if params["action"] == "update" and not params.get("version") and params.get("plugins") is None and params.get("themes") is None:
        raise ResourceError("action=update needs version (the app's version to update to), or plugins or themes to update only those")
    install = find_install(ctx, user, params["url"])
    if params["action"] == "clone":
        taken = [raw for raw in ctx.installs(user) if canonical(raw, user)["url"] == url(params["clone_url"])]
        if taken:
            raise ResourceError("cannot clone %s to %s: an install is already there" % (install["url"], url(params["clone_url"])))
    result = {"install": install, "task_id": None}
    if check_mode:
        return result
    if params["action"] == "sso_url":
        data = ctx.client.data("POST", "/installs/%s/login" % install["id"], body={}, user=user)
        result["sso_url"] = data if isinstance(data, str) else (data or {}).get("url")
        return result
    route, cmd = ROUTES[params["action"]]
    body = dict(action_body(params), background=True)
    envelope = ctx.client.call("POST", "/installs/%s/%s" % (install["id"], route), body=body, user=user)
    installs = Installs(wait=params["wait"], wait_timeout=params["wait_timeout"])
    installs.await_task(ctx, user, task_id(envelope), {"install": install["id"], "cmd": cmd}, params["action"], install["url"])
    result["task_id"] = installs.started.get(install["url"]) or task_id(envelope)
    data = envelope.get("data") if isinstance(envelope.get("data"), dict) else {}
    if params["action"] == "backup":
        result["backup_id"] = data.get("id")
    ctx.forget()
    # the install as it is now; a clone not waited on may not be listed yet
    at = params["clone_url"] if params["action"] == "clone" and params["wait"] else params["url"]
    result["install"] = find_install(ctx, user, at)
    # a failed task may leave the task list before it is seen failing: the version tells
    wanted = params.get("version") if params["action"] == "update" and params["wait"] else None
    if wanted and result["install"].get("version") != wanted:
        raise ResourceError("update to %s at %s: the task ended but the install is at version %s"
                            % (wanted, install["url"], result["install"].get("version")))
    return result

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudron apps as a resource: install, configure through the right sub-route, wait on every task.

An app is identified by its FQDN (subdomain + domain), or by ``app_id`` / ``previous_fqdn`` to move
it. Changes that need a server task are applied one at a time, each waited on before the next; an
app found busy (a task started by an earlier run or by the server itself) is waited on first.
"""

from __future__ import annotations

import re

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_fields import (
    EVERYONE, FIELDS, LOCATION_EXTRAS, IconField, canonical, fqdn, name_volumes, to_api_locations, unnamed_volumes,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.versions import install_route, ports_name
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError, WaitError, WaitTimeout
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import REDACTED, public
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import poll, wait_for_task

ADMIN = "admin"
LABEL_PATTERN = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
ENV_PATTERN = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
DEFAULT_TIMEOUT = 900

# One configure sub-route per setting (Cloudron 5+); the body builders get the merged wanted state.
INSTANT_ROUTES = {
    "label": lambda ctx, app: {"label": app["label"]},
    "notes": lambda ctx, app: {"notes": app["notes"] or None},
    "tags": lambda ctx, app: {"tags": app["tags"]},
    "access_restriction": lambda ctx, app: {"accessRestriction": api_names(ctx, app["access_restriction"])},
    "operators": lambda ctx, app: {"operators": api_names(ctx, app["operators"])},
    "automatic_backup": lambda ctx, app: {"enable": app["enable_backup"]},
    "automatic_update": lambda ctx, app: {"enable": app["enable_automatic_update"]},
    "reverse_proxy": lambda ctx, app: {"robotsTxt": app["reverse_proxy_config"].get("robots_txt", ""),
                                       "csp": app["reverse_proxy_config"].get("csp", ""),
                                       "hstsPreload": bool(app["reverse_proxy_config"].get("hsts_preload"))},
    "crontab": lambda ctx, app: {"crontab": app["crontab"] or None},
    "upstream_uri": lambda ctx, app: {"upstreamUri": app["upstream_uri"]},
    "icon": lambda ctx, app: {"icon": IconField.encoded(app["icon"])},
}
TASK_ROUTES = {
    "memory_limit": lambda ctx, app: {"memoryLimit": app["memory_limit"]},
    "cpu_quota": lambda ctx, app: {"cpuQuota": app["cpu_quota"]},
    "mailbox": lambda ctx, app: {"enable": app["enable_mailbox"], "mailboxName": app["mailbox_name"],
                                 "mailboxDomain": app["mailbox_domain"], "mailboxDisplayName": app["mailbox_display_name"]},
    "turn": lambda ctx, app: {"enable": app["enable_turn"]},
    "redis": lambda ctx, app: {"enable": app["enable_redis"]},
    "storage": lambda ctx, app: {"storageVolumeId": volume_id(ctx, "storage_volume", app["storage_volume"]),
                                 "storageVolumePrefix": app["storage_volume_prefix"] or None},
    "mounts": lambda ctx, app: {"mounts": [{"volumeId": volume_id(ctx, "mounts", mount["volume"]), "readOnly": mount["read_only"]}
                                           for mount in app["mounts"]]},
}
# options that name volumes (or go with one): the volume list is read only for items that give them
VOLUME_OPTIONS = ("storage_volume", "storage_volume_prefix", "mounts")


def api_names(ctx, value):
    """{users, groups} of names -> ids; 'everyone' -> null."""
    if value == EVERYONE or value is None:
        return None
    return {"users": ctx.user_ids(value.get("users") or []), "groups": ctx.group_ids(value.get("groups") or [])}


def volume_id(ctx, option, name):
    """A volume name -> its id; '' (no volume) -> null."""
    if not name:
        return None
    found = ctx.volume_id(name)
    if found is None:
        raise ResourceError("%s: volume %r does not exist" % (option, name))
    return found


def wanted_volumes(item):
    """The volume names an item gives."""
    names = [mount["volume"] for mount in item.get("mounts") or []]
    return ([item["storage_volume"]] if item.get("storage_volume") else []) + names


def returned(ctx, app):
    """An app as the modules return it: its volumes by name, without the fields the run keeps for itself (its task,
    its volume ids)."""
    if unnamed_volumes(app):
        name_volumes(ctx, app)
    return public(FIELDS, app)


def mask_env(app):
    """Mask every environment value (for listings, where which variables are secret is unknown)."""
    app["env"] = dict((key, REDACTED) for key in app.get("env") or {})
    return app


def wait_for_health(ctx, apps, app):
    """Poll the app until it reports itself healthy; return it fresh."""
    try:
        fresh = poll(lambda: apps.get(ctx, app["id"]), lambda found: found is None or found["health"] == "healthy",
                     apps.wait_timeout, progress=ctx.progress, describe=lambda found: "health: %s" % found["health"]).state
    except WaitTimeout as exc:
        health = (exc.last or {}).get("health")
        raise WaitTimeout("app %s did not become healthy within %ss (health: %s)" % (app.get("fqdn"), apps.wait_timeout, health),
                          last=exc.last)
    if fresh is None:
        raise ResourceError("app %s disappeared while waiting for it to become healthy" % app.get("fqdn"))
    return Apps.masked(fresh, app)


def store_error(exc):
    """App Store failures (424) as something a user can act on."""
    if exc.status != 424:
        return exc
    if "not registered" in exc.message.lower():
        hint = "this Cloudron is not registered with the App Store: sign in to cloudron.io from the dashboard, then re-run"
    else:
        hint = "the server could not reach the App Store (api.cloudron.io): check its DNS and outbound network, then re-run"
    return exc.with_hint(hint)


class Apps(Resource):
    """The app resource for the engine; ``wait``/``wait_timeout`` govern every task it starts."""

    name = "app"
    plural = "apps"
    fields = FIELDS
    required_on_create = ("app_store_id",)
    supports_replaced = True

    def __init__(self, wait=True, wait_timeout=DEFAULT_TIMEOUT, purge=True, settle=True):
        self.settle = settle
        self.wait = wait
        self.wait_timeout = wait_timeout
        self.purge = purge
        self.started = {}

    # -- identity and validation -----------------------------------------------------------------

    @staticmethod
    def key(item):
        if item.get("domain") is None:
            return item.get("fqdn") or item.get("app_id")
        return fqdn(item.get("subdomain") or "", item["domain"])

    @staticmethod
    def validate(item):
        problems = []
        if not item.get("domain") and not item.get("app_id"):
            problems.append("an app needs a domain (and a subdomain, empty for the domain itself)")
        for label in (item.get("subdomain") or "").split(".") if item.get("subdomain") else []:
            if not LABEL_PATTERN.match(label):
                problems.append("subdomain %r: each label must be 1 to 63 letters, digits or -" % item["subdomain"])
                break
        for name, port in (item.get("ports") or {}).items():
            if not 1 <= port <= 65535:
                problems.append("ports: %s=%d is not a port number" % (name, port))
        bad_keys = [key for key in list(item.get("env") or {}) + list(item.get("secret_env") or {}) if not ENV_PATTERN.match(key)]
        if bad_keys:
            problems.append("env: %s not valid variable names" % ", ".join(repr(key) for key in sorted(bad_keys)))
        marked = sorted(key for key, value in (item.get("env") or {}).items() if value == REDACTED)
        if marked:
            problems.append("env: %s hold the masking marker %s instead of a value; give the value, or move them to secret_env"
                            % (", ".join(marked), REDACTED))
        if len(item.get("label") or "") > 128:
            problems.append("label is longer than 128 characters")
        if len(item.get("tags") or []) > 64:
            problems.append("tags: at most 64")
        if item.get("storage_volume_prefix") and not item.get("storage_volume"):
            problems.append("storage_volume_prefix %r needs storage_volume: it is a folder inside that volume"
                            % item["storage_volume_prefix"])
        return problems

    @staticmethod
    def find(current, item):
        """By app id; else by FQDN; else at ``previous_fqdn`` (to move it)."""
        if item.get("app_id"):
            return next((app for app in current if app["id"] == item["app_id"]), None)
        wanted = Apps.key(item)
        for name in (wanted, item.get("previous_fqdn")):
            found = next((app for app in current if name and app["fqdn"] == name), None)
            if found:
                return found
        return None

    # -- reading ---------------------------------------------------------------------------------

    def read(self, ctx, items, complete):
        apps = [canonical(ctx, raw) for raw in ctx.client.call("GET", "/apps").get("apps") or []]
        if not self.settle:
            return self._named(ctx, apps, items, complete)
        wanted = apps if complete else [app for app in (self.find(apps, item) for item in items) if app]
        settled = dict((app["id"], self._settle(ctx, app)) for app in wanted if app["installation_state"].startswith("pending_"))
        apps = [settled.get(app["id"], app) for app in apps if settled.get(app["id"], app) is not None]
        for item in items:
            found = self.find(apps, item) if "icon" in item else None
            if found is not None:
                found["icon"] = self._icon(ctx, found["id"])
        return self._named(ctx, apps, items, complete)

    def _named(self, ctx, apps, items, complete):
        """``apps`` with the volumes of those the run returns named (all of them for a listing): one more request,
        only when one of them uses a volume."""
        returned_apps = apps if complete or not items else [app for app in (self.find(apps, item) for item in items) if app]
        for app in returned_apps:
            if unnamed_volumes(app):
                name_volumes(ctx, app)
        return apps

    @staticmethod
    def _icon(ctx, app_id):
        """The digest of the icon the app shows (its own, else the App Store's); None without any."""
        try:
            return IconField.digest(ctx.client.call_bytes("GET", "/apps/%s/icon" % app_id))
        except ApiError as exc:
            if exc.missing:
                return None
            raise

    def _settle(self, ctx, app):
        """An app busy with a task (ours from an earlier run, or the server's own) is waited on, not collided with."""
        task_id = app.get("task_id")
        if ctx.check_mode or not task_id:
            ctx.warn("app %s is busy (%s, task %s); the plan assumes it finishes" % (app["fqdn"], app["installation_state"], task_id))
            return app
        if not self.wait:
            raise ResourceError("app %s is busy (%s, task %s); re-run later, or with wait=true to wait for it"
                                % (app["fqdn"], app["installation_state"], task_id))
        try:
            wait_for_task(ctx.tasks, task_id, self.wait_timeout, progress=ctx.progress)
        except WaitError as exc:
            if not isinstance(exc.last, dict) or exc.last.get("active") or exc.last.get("pending"):
                raise
        return self.get(ctx, app["id"])

    @staticmethod
    def get(ctx, app_id):
        """One app, fresh; None when it is gone."""
        try:
            return canonical(ctx, ctx.client.call("GET", "/apps/%s" % app_id, role=ADMIN))
        except ApiError as exc:
            if exc.missing:
                return None
            raise

    def refresh(self, ctx, obj):
        """The app as the server has it after the run (also mid-task when ``wait`` is false)."""
        fresh = self.get(ctx, obj["id"]) if obj.get("id") else None
        return obj if fresh is None else self.masked(fresh, obj)

    @staticmethod
    def masked(fresh, like):
        """``fresh`` with the secret variables masked as they are in ``like``, and its icon digest
        (which an app object does not carry)."""
        hidden = [key for key, value in (like.get("env") or {}).items() if value == REDACTED]
        fresh["env"].update((key, REDACTED) for key in hidden if key in fresh["env"])
        if "icon" in like:
            fresh["icon"] = like["icon"]
        return fresh

    # -- planning --------------------------------------------------------------------------------

    @staticmethod
    def resolve(ctx, item, current):
        if item.get("domain") and "subdomain" not in item:
            item["subdomain"] = ""
        if item.get("app_id") and current is None:
            raise ResourceError("no app has id %r" % item["app_id"])
        if current is not None and current["installation_state"] == "error":
            raise ResourceError("app %s is in an error state: %s; repair it with selfhosted.platforms.cloudron_app_action "
                                "(action=repair), or remove it with state=absent" % (current["fqdn"], current["error"]))
        for option in ("access_restriction", "operators"):
            value = item.get(option)
            if isinstance(value, dict):
                ctx.require_existing(option + ".users", "user", value.get("users") or [], ctx.known_user_labels())
                ctx.require_existing(option + ".groups", "group", value.get("groups") or [],
                                     [group["name"].lower() for group in ctx.groups()])
                if "users" in value:
                    value["users"] = ctx.canonical_user_labels(value["users"])
        if any(option in item for option in VOLUME_OPTIONS):
            if current is not None and unnamed_volumes(current):
                name_volumes(ctx, current)
            names = wanted_volumes(item)
            if names:
                ctx.require_existing("%s: storage_volume/mounts" % Apps.key(item), "volume", names, ctx.known_volume_names())
        if "secret_env" in item:
            # Secret variables are compared by presence only, and shown masked on both sides.
            if current is not None:
                current["env"].update((key, REDACTED) for key in item["secret_env"] if key in current["env"])
            env = dict(item["env"] if "env" in item else (current or {}).get("env") or {})
            env.update((key, REDACTED) for key in item["secret_env"])
            item["env"] = env

    def check_deletions(self, ctx, deletions, force):
        if not self.purge:
            raise ResourceError("uninstalling %s would delete their data; set purge=true to let overridden uninstall apps"
                                % ", ".join(app["fqdn"] for app in deletions))

    # -- writing ---------------------------------------------------------------------------------

    @staticmethod
    def _env(app, item):
        secrets = item.get("secret_env") or {}
        env = dict((key, secrets.get(key, value)) for key, value in (app.get("env") or {}).items())
        env.update(secrets)
        return env

    def create(self, ctx, item):
        """Install; the body carries what the server requires plus the options given, nothing else."""
        store_id = item["app_store_id"] + ("@%s" % item["version"] if item.get("version") else "")
        body = {
            "appStoreId": store_id, "subdomain": item.get("subdomain") or "", "domain": item["domain"],
            "accessRestriction": api_names(ctx, item.get("access_restriction", EVERYONE)),
        }
        body.update((field.api, item[field.name]) for field in FIELDS
                    if field.api and field.create and field.name in item and field.name not in ("app_store_id", "domain"))
        if "ports" in item:
            body[ports_name(ctx.client.version())] = item["ports"]
        if "icon" in item:
            body["icon"] = IconField.encoded(item["icon"])
        if "env" in item or "secret_env" in item:
            body["env"] = self._env(item, item)
        body.update((api, to_api_locations(item[option])) for option, api in LOCATION_EXTRAS.items() if option in item)
        body.update((api, True) for option, api in (("overwrite_dns", "overwriteDns"), ("skip_dns_setup", "skipDnsSetup"))
                    if item.get(option))
        route = install_route(ctx.client.version())
        try:
            answer = ctx.client.call("POST", route, body=body, role=ADMIN)
        except ApiError as exc:
            raise store_error(exc)
        return {"id": answer["id"], "task_id": answer.get("taskId"), "fqdn": fqdn(item.get("subdomain") or "", item["domain"])}

    def after_create(self, ctx, created, item):
        self.await_task(ctx, created, created.get("task_id"), "install")

    def write(self, ctx, current, route, values, item):
        if current["id"] in self.started:
            ctx.warn("app %s: %s left for a later run (wait=false, a task is already running)" % (current.get("fqdn"), route))
            return False
        app = dict(current)
        app.update(values)
        path = "/apps/%s" % current["id"]
        if route in INSTANT_ROUTES:
            ctx.client.call("POST", "%s/configure/%s" % (path, route), body=INSTANT_ROUTES[route](ctx, app), role=ADMIN)
            return
        if route in TASK_ROUTES:
            self._task(ctx, current, "POST", "%s/configure/%s" % (path, route), TASK_ROUTES[route](ctx, app), route)
        elif route == "env":
            self._task(ctx, current, "POST", path + "/configure/env", {"env": self._env(app, item)}, "env")
        elif route == "location":
            body = {"subdomain": app["subdomain"], "domain": app["domain"], ports_name(ctx.client.version()): app["ports"],
                    "overwriteDns": bool(item.get("overwrite_dns")), "skipDnsSetup": bool(item.get("skip_dns_setup"))}
            body.update((api, to_api_locations(app[option])) for option, api in LOCATION_EXTRAS.items())
            self._task(ctx, current, "POST", path + "/configure/location", body, "location change")
        elif route == "update":
            body = {"appStoreId": "%s@%s" % (app["app_store_id"], app["version"])}
            self._task(ctx, current, "POST", path + "/update", body, "update to %s" % app["version"])
        elif route == "run_state":
            action = "start" if app["run_state"] == "running" else "stop"
            self._task(ctx, current, "POST", "%s/%s" % (path, action), None, action)
        else:  # pragma: no cover - the field table and this dispatch are kept together
            raise ValueError(route)

    def delete(self, ctx, current):
        self._task(ctx, current, "POST", "/apps/%s/uninstall" % current["id"], None, "uninstall", gone=True)

    def action(self, ctx, current, path, body, what, gone=False):
        """Run one operation (backup, restore, repair, restart, ...) and wait for it like any other task."""
        return self._task(ctx, current, "POST", "/apps/%s/%s" % (current["id"], path), body, what, gone=gone)

    # -- tasks -----------------------------------------------------------------------------------

    def _task(self, ctx, current, method, path, body, what, gone=False):
        try:
            answer = ctx.client.call(method, path, body=body, role=ADMIN)
        except ApiError as exc:
            raise store_error(exc)
        task_id = answer.get("taskId")
        if not task_id:
            # some operations answer {} (a backup on older servers); the app names the task it runs
            fresh = self.get(ctx, current["id"])
            task_id = fresh.get("task_id") if fresh else None
        self.await_task(ctx, current, task_id, what, gone=gone)
        return dict(answer, taskId=task_id)

    def await_task(self, ctx, app, task_id, what, gone=False):
        """Wait for the task, then check the app reached a good state (installed, or gone)."""
        if not task_id:
            return
        if not self.wait:
            self.started[app["id"]] = task_id
            return
        label = app.get("fqdn") or app["id"]
        try:
            wait_for_task(ctx.tasks, task_id, self.wait_timeout, progress=ctx.progress)
        except WaitError as exc:
            exc.args = ("app %s: %s: %s" % (label, what, exc),)
            raise
        fresh = self.get(ctx, app["id"])
        if gone:
            if fresh is not None:
                raise ResourceError("app %s: %s finished but the app is still there (%s)" % (label, what, fresh["installation_state"]))
        elif fresh is None or fresh["installation_state"] != "installed":
            state = fresh["installation_state"] if fresh else "gone"
            error = (": %s" % fresh["error"]) if fresh and fresh.get("error") else ""
            raise ResourceError("app %s: after %s the app is %s%s" % (label, what, state, error))

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The app object: stored fields, defaults after an install, what GET /apps and GET /apps/:id show."""

import copy
import time

from . import auth
from .dns_providers import mask_secrets
from .tasks import iso

# The 8.x/9.x app object, in this order. Computed: id, health (partly), taskId, fqdn, certificate, iconUrl, accessLevel.
FIELDS = ("id", "appStoreId", "installationState", "error", "runState", "health", "taskId", "subdomain", "domain", "fqdn",
          "certificate", "crontab", "upstreamUri", "accessRestriction", "manifest", "ports", "iconUrl", "memoryLimit",
          "cpuQuota", "operators", "sso", "debugMode", "reverseProxyConfig", "enableBackup", "creationTime", "updateTime", "ts",
          "tags", "label", "notes", "secondaryDomains", "redirectDomains", "aliasDomains", "env", "enableAutomaticUpdate",
          "storageVolumeId", "storageVolumePrefix", "mounts", "enableTurn", "enableRedis", "checklist", "enableMailbox",
          "mailboxDisplayName", "mailboxName", "mailboxDomain", "enableInbox", "inboxName", "inboxDomain", "accessLevel")
COMPUTED = ("id", "taskId", "fqdn", "certificate", "iconUrl", "accessLevel")
STORED = tuple(name for name in FIELDS if name not in COMPUTED)
# what users who are neither admins nor operators of an app see of it
RESTRICTED = ("id", "appStoreId", "installationState", "error", "runState", "health", "taskId", "subdomain", "domain", "fqdn",
              "manifest", "ports", "iconUrl", "sso", "upstreamUri", "creationTime", "ts", "tags", "label", "secondaryDomains",
              "redirectDomains", "aliasDomains", "accessLevel")
INSTALLATION_STATES = ("pending_install", "pending_clone", "pending_configure", "pending_uninstall", "pending_restore",
                       "pending_import", "pending_update", "pending_backup", "pending_recreate_container", "pending_location_change",
                       "pending_data_dir_migration", "pending_resize", "pending_debug", "pending_start", "pending_stop",
                       "pending_restart", "error", "installed")


def now_iso():
    return iso(time.time())


def mailbox_name(subdomain, manifest):
    """The app's default mailbox: ``<subdomain>.app``, or the title's letters and digits for an app at the apex."""
    base = subdomain or "".join(c for c in manifest.get("title", "").lower() if c.isalnum()) or "noreply"
    return base + ".app"


def default_sso(manifest):
    addons = manifest.get("addons") or {}
    return any(name in addons for name in ("ldap", "oidc", "proxyAuth", "oauth"))


def defaults(manifest, app_store_id, subdomain, domain):
    """Stored fields of a freshly installed app (before the install task ran)."""
    now = now_iso()
    return {
        "appStoreId": app_store_id,
        "installationState": "pending_install",
        "error": None,
        "runState": "running",
        "health": None,
        "subdomain": subdomain,
        "domain": domain,
        "crontab": None,
        "upstreamUri": "",
        "accessRestriction": None,
        "manifest": manifest,
        "ports": {},
        "memoryLimit": 0,
        "cpuQuota": 100,
        "operators": None,
        "sso": default_sso(manifest),
        "debugMode": None,
        "reverseProxyConfig": {"robotsTxt": "", "csp": "", "hstsPreload": False},
        "enableBackup": True,
        "creationTime": now,
        "updateTime": now,
        "ts": now,
        "tags": [],
        "label": "",
        "notes": None,
        "secondaryDomains": [],
        "redirectDomains": [],
        "aliasDomains": [],
        "env": {},
        "enableAutomaticUpdate": True,
        "storageVolumeId": None,
        "storageVolumePrefix": None,
        "mounts": [],
        "enableTurn": True,
        "enableRedis": True,
        "checklist": {},
        "enableMailbox": True,
        "mailboxDisplayName": "",
        "mailboxName": mailbox_name(subdomain, manifest),
        "mailboxDomain": domain,
        "enableInbox": False,
        "inboxName": None,
        "inboxDomain": None,
    }


def touch(app):
    app.fields["ts"] = now_iso()


def current_health(state, app):
    """The stored health, which turns "healthy" once the app has been running for ``health_seconds``."""
    fields = app.fields
    if app.healthy_at is not None and state.tasks.now() >= app.healthy_at:
        app.healthy_at = None
        if fields["runState"] == "running" and fields["installationState"] == "installed":
            fields["health"] = "healthy"
    return fields["health"]


def restart_health(state, app):
    """The app was (re)started: no health until it has been running for a moment."""
    app.fields["health"] = None
    app.healthy_at = state.tasks.now() + state.switches["health_seconds"] * state.switches["task_seconds"]


def current_task(state, app):
    """The app's task while it runs; afterwards too when switch ``app_keeps_last_task`` is on; else None."""
    task = state.tasks.get(app.task_id) if app.task_id else None
    if task is not None and state.tasks.finished(task) and not state.switches["app_keeps_last_task"]:
        return None
    return task


def is_operator(state, app, user):
    operators = app.fields["operators"] or {}
    return user.id in (operators.get("users") or []) or any(g in (operators.get("groups") or []) for g in state.group_ids_of(user))


def access_level(state, app, user):
    if auth.rank(user.role) >= auth.rank("admin"):
        return "admin"
    return "operator" if is_operator(state, app, user) else "user"


def can_see(state, app, user):
    """Admins and operators see an app, other users when its access restriction lets them in."""
    if access_level(state, app, user) != "user":
        return True
    restriction = app.fields["accessRestriction"]
    if restriction is None:
        return True
    return user.id in (restriction.get("users") or []) or any(g in (restriction.get("groups") or []) for g in state.group_ids_of(user))


def _with_fqdns(locations):
    return [dict(location, fqdn=("%s.%s" % (location["subdomain"], location["domain"]) if location["subdomain"] else location["domain"]))
            for location in locations]


def app_json(state, app, user=None):
    """The app object as ``user`` sees it (everything when ``user`` is None); port bindings under ``state.ports_field()``."""
    fields = app.fields
    task = current_task(state, app)
    certificate = app.certificates.get(app.fqdn)
    if certificate is not None and state.switches["secret_placeholder"]:
        certificate = mask_secrets(certificate, ("key",))
    computed = {
        "id": app.id,
        "health": current_health(state, app),
        "taskId": task.id if task else None,
        "fqdn": app.fqdn,
        "certificate": copy.deepcopy(certificate),
        "iconUrl": "/api/v1/apps/%s/icon" % app.id if fields["appStoreId"] or app.icon else None,
        "accessLevel": access_level(state, app, user) if user is not None else "admin",
        "secondaryDomains": _with_fqdns(fields["secondaryDomains"]),
        "redirectDomains": _with_fqdns(fields["redirectDomains"]),
        "aliasDomains": _with_fqdns(fields["aliasDomains"]),
    }
    names = RESTRICTED if computed["accessLevel"] == "user" else FIELDS
    result = {name: computed[name] if name in computed else copy.deepcopy(fields[name]) for name in names}
    ports_name = state.ports_field()
    if ports_name != "ports":
        result = {ports_name if name == "ports" else name: value for name, value in result.items()}
    return result

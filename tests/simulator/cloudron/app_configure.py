# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""App configuration: POST /api/v1/apps/:id/configure/<setting>.

Instant settings answer 200 ``{}`` and change the app at once. The others answer 202 ``{taskId}``
and change it when their task succeeds (``pending_resize``, ``pending_recreate_container``, ...).
"""

import copy

from common.routing import Response

from . import app_rules as rules
from . import app_tasks, auth, volumes
from .app_json import mailbox_name, touch
from .apps import load_operable, normalized, port_field
from .domains import load as load_domain
from .errors import ApiError
from .state import fqdn_of

# progress steps of the configure tasks, by the installationState they run in
_STEPS = {
    "pending_resize": ((30, "Updating container resources"), (80, "Restarting container")),
    "pending_location_change": ((10, "Registering subdomains"), (40, "Waiting for DNS propagation"), (70, "Configuring reverse proxy"),
                                (90, "Unregistering old subdomains")),
    "pending_debug": ((20, "Stopping app"), (60, "Creating container in debug mode")),
    "pending_recreate_container": ((20, "Stopping app"), (50, "Recreating container"), (80, "Starting app")),
    "pending_data_dir_migration": ((20, "Stopping app"), (50, "Moving app data"), (80, "Starting app")),
    "pending_configure": ((10, "Configuring"), (50, "Updating certificates"), (80, "Configuring reverse proxy")),
}


def _set(**changes):
    """``apply`` storing field values."""
    def apply(app):
        app.fields.update(copy.deepcopy(changes))
    return apply


# instant settings: route -> function(state, app, body) changing the app
def _icon(state, app, body):
    app.icon = rules.check_icon(body["icon"]) if body["icon"] else None


def _reverse_proxy(state, app, body):
    config = app.fields["reverseProxyConfig"]
    if "robotsTxt" in body:
        config["robotsTxt"] = rules.check_robots_txt(body["robotsTxt"]) or ""
    if "csp" in body:
        config["csp"] = body["csp"] or ""
    if "hstsPreload" in body:
        config["hstsPreload"] = body["hstsPreload"]


INSTANT = {
    "access_restriction": lambda state, app, body: _set(accessRestriction=body["accessRestriction"])(app),
    "operators": lambda state, app, body: _set(operators=body["operators"])(app),
    "label": lambda state, app, body: _set(label=rules.check_label(body["label"]))(app),
    "tags": lambda state, app, body: _set(tags=rules.check_tags(body["tags"]))(app),
    "icon": _icon,
    "notes": lambda state, app, body: _set(notes=body["notes"])(app),
    "automatic_backup": lambda state, app, body: _set(enableBackup=body["enable"])(app),
    "automatic_update": lambda state, app, body: _set(enableAutomaticUpdate=body["enable"])(app),
    "reverse_proxy": _reverse_proxy,
    "crontab": lambda state, app, body: _set(crontab=body["crontab"])(app),
    "upstream_uri": lambda state, app, body: _set(upstreamUri=body["upstreamUri"])(app),
}


# task settings: route -> (installationState, function(state, app, body) -> apply), validated before the task starts
def _cert(state, app, body):
    domain = load_domain(state, body["domain"]).domain
    hostname = fqdn_of((body.get("subdomain") or "").lower(), domain)
    locations = [app.fqdn] + [fqdn_of(loc["subdomain"], loc["domain"]) for key in rules.LOCATION_LISTS for loc in app.fields[key]]
    if hostname not in locations:
        raise ApiError(400, "No such location: %s" % hostname)
    cert, key = body.get("cert"), body.get("key")
    if cert and not key:
        raise ApiError(400, "key must be provided")
    if key and not cert:
        raise ApiError(400, "cert must be provided")

    def apply(app):
        if cert:
            app.certificates[hostname] = {"cert": cert, "key": key}
        else:
            app.certificates.pop(hostname, None)
    return apply


def _mailbox(state, app, body):
    if not body["enable"]:
        return _set(enableMailbox=False, mailboxName=None, mailboxDomain=None)
    name = rules.check_mailbox_name(body["mailboxName"]) if body.get("mailboxName") else mailbox_name(
        app.fields["subdomain"], app.fields["manifest"])
    domain = load_domain(state, body.get("mailboxDomain") or app.fields["domain"]).domain
    changes = {"enableMailbox": True, "mailboxName": name, "mailboxDomain": domain}
    if "mailboxDisplayName" in body:
        changes["mailboxDisplayName"] = body["mailboxDisplayName"]
    return _set(**changes)


def _inbox(state, app, body):
    if not body["enable"]:
        return _set(enableInbox=False, inboxName=None, inboxDomain=None)
    for name in ("inboxName", "inboxDomain"):
        if not body.get(name):
            raise ApiError(400, "%s is required" % name)
    name = rules.check_mailbox_name(body["inboxName"], "inboxName")
    return _set(enableInbox=True, inboxName=name, inboxDomain=load_domain(state, body["inboxDomain"]).domain)


def _location(state, app, body):
    body = normalized(state, body)
    fields = app.fields
    others = {key: body[key] if key in body else fields[key] for key in rules.LOCATION_LISTS}
    subdomain, domain, lists = rules.check_locations(state, body["subdomain"], body["domain"], others, exclude=app)
    ports = fields["ports"]
    if "ports" in body:
        ports = rules.check_ports(state, body["ports"] or {}, fields["manifest"], port_field(state), exclude=app)
    changes = dict(lists, subdomain=subdomain, domain=domain, ports=ports)
    # a generated mailbox name follows the app's location
    if fields["enableMailbox"] and (fields["mailboxName"] or "").endswith(".app"):
        changes.update(mailboxName=mailbox_name(subdomain, fields["manifest"]), mailboxDomain=domain)
    return _set(**changes)


def _storage(state, app, body):
    if body.get("storageVolumeId") is not None:
        volumes.check_exists(state, body["storageVolumeId"])
    return _set(storageVolumeId=body.get("storageVolumeId"), storageVolumePrefix=body.get("storageVolumePrefix"))


def _mounts(state, app, body):
    for mount in body["mounts"]:
        volumes.check_exists(state, mount.get("volumeId"))
    return _set(mounts=copy.deepcopy(body["mounts"]))


TASKS = {
    "memory_limit": ("pending_resize", lambda state, app, body: _set(
        memoryLimit=rules.check_memory_limit(app.fields["manifest"], body["memoryLimit"]))),
    "cpu_quota": ("pending_resize", lambda state, app, body: _set(cpuQuota=rules.check_cpu_quota(body["cpuQuota"]))),
    "cert": ("pending_configure", _cert),
    "debug_mode": ("pending_debug", lambda state, app, body: _set(debugMode=body["debugMode"])),
    "mailbox": ("pending_recreate_container", _mailbox),
    "inbox": ("pending_recreate_container", _inbox),
    "turn": ("pending_recreate_container", lambda state, app, body: _set(enableTurn=body["enable"])),
    "redis": ("pending_recreate_container", lambda state, app, body: _set(enableRedis=body["enable"])),
    "env": ("pending_recreate_container", lambda state, app, body: _set(env=rules.check_env(body["env"]))),
    "storage": ("pending_data_dir_migration", _storage),
    "location": ("pending_location_change", _location),
    "mounts": ("pending_recreate_container", _mounts),
}
# only admins may name an app's operators; the rest is open to the app's operators too
ADMIN_ONLY = ("operators",)


def _load(state, request, setting):
    if setting in ADMIN_ONLY:
        auth.require_role(request.user, "admin")
    return load_operable(state, request)


def _instant_handler(setting):
    def handler(state, request):
        app = _load(state, request, setting)
        if state.switches["busy_blocks_instant_configure"]:
            app_tasks.check_idle(state, app)
        INSTANT[setting](state, app, request.body)
        touch(app)
        return Response(200, {})
    return handler


def _task_handler(setting):
    pending_state, prepare = TASKS[setting]

    def handler(state, request):
        app = _load(state, request, setting)
        app_tasks.check_can_run(state, app, "configure")
        apply = prepare(state, app, request.body)
        task = app_tasks.run(state, app, "configure", pending_state, apply=apply, steps=_STEPS[pending_state], args={"setting": setting})
        return Response(202, {"taskId": task.id})
    return handler


def register(router):
    for setting in INSTANT:
        router.add("POST", "/api/v1/apps/:id/configure/" + setting, _instant_handler(setting))
    for setting in TASKS:
        router.add("POST", "/api/v1/apps/:id/configure/" + setting, _task_handler(setting))

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Apps: list, read, install, uninstall, the app's task, logs and icon.

Up to 8.1 (mode "8.1") apps are installed with ``POST /apps/install``, from 8.2 on with ``POST /apps``.
Bodies and objects say ``subdomain`` in every supported version; port bindings are ``ports`` or
``portBindings`` (``state.ports_field()``). Handlers work with ``ports``: ``normalized()`` renames.
"""

import base64
import copy
import json

from common.routing import Response

from . import app_rules as rules
from . import app_tasks, appstore, auth, eventlog
from .app_json import app_json, can_see, current_task, access_level, defaults
from .errors import ApiError
from .query import parse_int
from .task_routes import LOGS_TYPE

# a 1x1 transparent PNG, the icon of apps without a custom one
_DEFAULT_ICON = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
_PORT_NAMES = ("ports", "portBindings")


def normalized(state, body):
    """A request body with its port bindings as ``ports``; the name not in use is ignored, as unknown fields are."""
    name = port_field(state)
    result = {key: value for key, value in body.items() if key not in _PORT_NAMES}
    if name in body:
        result["ports"] = body[name]
    return result


def port_field(state):
    """What the port bindings are called in request bodies and app objects."""
    return state.ports_field()


def load(state, request):
    app = state.apps.get(request.params["id"])
    if app is None:
        raise ApiError(404, "App not found")
    return app


def load_operable(state, request):
    """The app, for routes open to admins and the app's operators (403 for others)."""
    app = load(state, request)
    if access_level(state, app, request.user) == "user":
        auth.require_role(request.user, "admin")
    return app


def list_apps(state, request):
    apps = [app for app in state.apps.values() if can_see(state, app, request.user)]
    return Response(200, {"apps": [app_json(state, app, request.user) for app in apps]})


def get_app(state, request):
    app = load_operable(state, request)
    return Response(200, app_json(state, app, request.user))


def _settings(state, body, manifest):
    """The stored fields an install body sets besides the location (validated)."""
    fields = {"accessRestriction": body["accessRestriction"]}
    if "memoryLimit" in body:
        fields["memoryLimit"] = rules.check_memory_limit(manifest, body["memoryLimit"])
    if "cpuQuota" in body:
        fields["cpuQuota"] = rules.check_cpu_quota(body["cpuQuota"])
    if "label" in body:
        fields["label"] = rules.check_label(body["label"]) or ""
    if "tags" in body:
        fields["tags"] = rules.check_tags(body["tags"])
    sso = rules.check_sso(body, manifest)
    if sso is not None:
        fields["sso"] = sso
    if "env" in body:
        fields["env"] = rules.check_env(body["env"])
    for name in ("enableBackup", "enableAutomaticUpdate", "debugMode", "enableTurn", "enableRedis", "upstreamUri"):
        if name in body:
            fields[name] = copy.deepcopy(body[name])
    if body.get("enableMailbox") is False:
        fields.update(enableMailbox=False, mailboxName=None, mailboxDomain=None)
    if "icon" in body:
        rules.check_icon(body["icon"])
    return fields


def install(state, request):
    body = normalized(state, request.body)
    if body.get("appStoreId"):
        store_id, manifest = appstore.download_manifest(state, body["appStoreId"])
    else:
        store_id, manifest = "", copy.deepcopy(body["manifest"])
    rules.check_manifest(manifest, state.version)
    settings = _settings(state, body, manifest)
    subdomain, domain, lists = rules.check_locations(state, body["subdomain"], body["domain"],
                                                     {key: body.get(key) or [] for key in rules.LOCATION_LISTS})
    ports = rules.check_ports(state, body.get("ports") or {}, manifest, port_field(state))
    if store_id:
        appstore.check_registered(state)
    fields = defaults(manifest, store_id, subdomain, domain)
    fields.update(settings, ports=ports, **lists)
    app = state.add_app(fields)
    app.icon = body.get("icon") or None
    args = {"overwriteDns": bool(body.get("overwriteDns")), "skipDnsSetup": bool(body.get("skipDnsSetup"))}
    task = app_tasks.run(state, app, "install", "pending_install", apply=app_tasks.started(state), args=args)
    record = {"id": app.id, "subdomain": subdomain, "domain": domain, "appStoreId": store_id}
    eventlog.record_request(state, request, "app.install", {"appId": app.id, "app": record})
    return Response(202, {"id": app.id, "taskId": task.id})


def uninstall(state, request):
    app = load(state, request)
    app_tasks.check_can_run(state, app, "uninstall")

    def remove(app):
        del state.apps[app.id]

    task = app_tasks.run(state, app, "uninstall", "pending_uninstall", apply=remove)
    return Response(202, {"taskId": task.id})


def get_task(state, request):
    task = current_task(state, load_operable(state, request))
    if task is None:
        raise ApiError(400, "No active task")
    return Response(200, state.tasks.view(task))


def _log_lines(state, app):
    """What the app's log holds: its tasks' progress, then (while it runs) the app's own lines."""
    lines = []
    for task in reversed(state.tasks.all("app")):
        if task.args and task.args[0] == app.id:
            lines += [dict(line, source=app.id) for line in state.tasks.logs(task)]
    fields = app.fields
    if fields["installationState"] == "installed" and fields["runState"] == "running":
        manifest = fields["manifest"]
        stamp = lines[-1]["realtimeTimestamp"] if lines else 0
        for index, message in enumerate((
                "==> Starting %s %s" % (manifest.get("title", "app"), manifest.get("version", "")),
                "Server listening on port %s" % manifest.get("httpPort", 8000),
                '172.18.0.1 - - "GET %s HTTP/1.1" 200 - "-" "Mozilla (CloudronHealth)"' % manifest.get("healthCheckPath", "/"))):
            lines.append({"realtimeTimestamp": stamp + (index + 1) * 1000000, "message": message, "source": app.id})
    return lines


def get_logs(state, request):
    app = load_operable(state, request)
    lines = parse_int(request.query.get("lines", "10"))
    if lines is None:
        raise ApiError(400, "lines must be a number")
    entries = _log_lines(state, app)
    if lines >= 0:
        entries = entries[max(0, len(entries) - lines):]
    text = "".join(json.dumps(entry, separators=(",", ":")) + "\n" for entry in entries)
    return Response(200, text.encode("utf-8"), content_type=LOGS_TYPE, headers={"Content-Disposition": 'attachment; filename="log.txt"'})


def get_icon(state, request):
    app = load(state, request)
    if app.icon:
        return Response(200, base64.b64decode(app.icon), content_type="image/png")
    if not app.fields["appStoreId"]:
        raise ApiError(404, "No such icon")
    return Response(200, _DEFAULT_ICON, content_type="image/png")


def register(router):
    router.add("GET", "/api/v1/apps", list_apps)
    router.add("POST", "/api/v1/apps", install, "admin", modes=("9",))
    router.add("POST", "/api/v1/apps/install", install, "admin", modes=("8.1",))
    router.add("GET", "/api/v1/apps/:id", get_app)
    router.add("GET", "/api/v1/apps/:id/icon", get_icon)
    router.add("POST", "/api/v1/apps/:id/uninstall", uninstall, "admin")
    router.add("GET", "/api/v1/apps/:id/task", get_task)
    router.add("GET", "/api/v1/apps/:id/logs", get_logs)

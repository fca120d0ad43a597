# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Control interface for apps: seeding apps, failing app tasks, tasks the server starts by itself."""

import copy

from common.routing import Response

from . import app_ops, app_tasks
from . import appstore_catalog as catalog
from .app_json import INSTALLATION_STATES, STORED, app_json, defaults
from .app_rules import version_key
from .errors import ApiError
from .state import fqdn_of

OPERATIONS = ("install", "uninstall", "update", "backup", "restore", "clone", "configure", "start", "stop", "restart", "repair")


def _text(spec, name, where, required=False):
    value = spec.get(name)
    if value is None:
        if required:
            raise ApiError(400, "%s%s is required" % (where, name))
        return None
    if not isinstance(value, str):
        raise ApiError(400, "%s%s must be a string" % (where, name))
    return value


def _manifest(spec, where):
    store_id = _text(spec, "appStoreId", where)
    if store_id:
        version = _text(spec, "version", where)
        found = catalog.entry(store_id, version)
        if found is None:
            raise ApiError(400, "%sunknown App Store app %s%s" % (where, store_id, "@" + version if version else ""))
        return store_id, found["manifest"]
    if isinstance(spec.get("manifest"), dict):
        return "", copy.deepcopy(spec["manifest"])
    raise ApiError(400, "%sappStoreId or manifest is required" % where)


def seed_app(state, spec):
    """Create an installed, running, healthy app (unless the spec says otherwise) at once; answers its fqdn."""
    if not isinstance(spec, dict):
        raise ApiError(400, "each app must be an object")
    # port bindings under either name, whichever the server uses
    spec = {"ports" if name == "portBindings" else name: value for name, value in spec.items()}
    subdomain = (_text(spec, "subdomain", "app: ", required=True)).lower()
    domain = (_text(spec, "domain", "app: ", required=True)).lower()
    fqdn = fqdn_of(subdomain, domain)
    where = "app %s: " % fqdn
    if domain not in state.domains:
        raise ApiError(400, "%sno domain %s" % (where, domain))
    if state.app_by_fqdn(fqdn):
        raise ApiError(400, "duplicate app %s" % fqdn)
    store_id, manifest = _manifest(spec, where)
    fields = defaults(manifest, store_id, subdomain, domain)
    fields.update(installationState="installed", health="healthy")
    for name, value in spec.items():
        if name in ("appStoreId", "version", "manifest", "subdomain", "domain"):
            continue
        if name not in STORED:
            raise ApiError(400, "%sunknown field %s" % (where, name))
        fields[name] = copy.deepcopy(value)
    if fields["installationState"] not in INSTALLATION_STATES:
        raise ApiError(400, "%sinstallationState must be one of %s" % (where, ", ".join(INSTALLATION_STATES)))
    if fields["runState"] not in ("running", "stopped"):
        raise ApiError(400, '%srunState must be "running" or "stopped"' % where)
    if "health" not in spec and (fields["runState"] != "running" or fields["installationState"] != "installed"):
        fields["health"] = None
    if fields["installationState"] == "error" and not fields["error"]:
        fields["error"] = {"reason": "Internal Error", "message": "Internal error", "installationState": "pending_configure"}
    state.add_app(fields)
    return fqdn


def _app(state, body):
    fqdn = _text(body, "fqdn", "", required=True).lower()
    app = state.app_by_fqdn(fqdn)
    if app is None:
        raise ApiError(400, "no app %s" % fqdn)
    return app


def add_app_fault(state, request):
    body = request.body
    operation = body.get("operation")
    if operation not in OPERATIONS:
        raise ApiError(400, "operation must be one of %s" % ", ".join(OPERATIONS))
    times = body.get("times", 1)
    if not isinstance(times, int) or isinstance(times, bool) or times < 0:
        raise ApiError(400, "times must be an integer >= 0 (0 = forever)")
    fqdn = _text(body, "fqdn", "")
    rule = {"operation": operation, "fqdn": fqdn.lower() if fqdn else None, "message": _text(body, "message", "", required=True),
            "reason": _text(body, "reason", "") or app_tasks.DEFAULT_REASON, "times": times}
    unknown = sorted(set(body) - set(rule))
    if unknown:
        raise ApiError(400, "unknown fields: %s" % ", ".join(unknown))
    state.app_faults.append(rule)
    return Response(200, dict(rule))


def list_app_faults(state, request):
    return Response(200, {"app_faults": copy.deepcopy(state.app_faults)})


def clear_app_faults(state, request):
    state.app_faults.clear()
    return Response(200, {})


def start_app_task(state, request):
    """A task the server starts by itself on an app: a nightly backup or an automatic update."""
    body = request.body
    app = _app(state, body)
    seconds = body.get("seconds")
    if seconds is not None and (not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or seconds < 0):
        raise ApiError(400, "seconds must be a number >= 0")
    if app_tasks.active_task(state, app) is not None:
        raise ApiError(409, "app %s is busy" % app.fqdn)
    operation = body.get("operation")
    if operation == "backup":
        task = app_ops.start_backup(state, app, seconds)
    elif operation == "update":
        store_id = app.fields["appStoreId"]
        latest = catalog.entry(store_id) if store_id else None
        if latest is None or version_key(latest["manifest"]["version"]) <= version_key(app.fields["manifest"].get("version")):
            raise ApiError(400, "app %s has no update in the App Store" % app.fqdn)
        task = app_ops.start_update(state, app, latest["manifest"], store_id, seconds=seconds)
    else:
        raise ApiError(400, 'operation must be "backup" or "update"')
    return Response(200, {"taskId": task.id})


def dump(state):
    """The apps part of GET /_control/state."""
    return {
        "apps": [app_json(state, app) for app in state.apps.values()],
        "backups": copy.deepcopy(list(state.backups.values())),
        "app_faults": copy.deepcopy(state.app_faults),
    }


def register(table):
    table.add("POST", "/_control/app_faults", add_app_fault, role=None)
    table.add("GET", "/_control/app_faults", list_app_faults, role=None)
    table.add("DELETE", "/_control/app_faults", clear_app_faults, role=None)
    table.add("POST", "/_control/app_task", start_app_task, role=None)

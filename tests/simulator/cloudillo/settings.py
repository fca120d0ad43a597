# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Settings routes: the registry, levels (tenant rows override global rows, which override the default),
permissions, and clearing a stored value (src: settings/handler.rs)."""

from . import bodies
from .envelope import env
from .errors import invalid, no_permission, not_found, ApiError
from .settings_registry import definition, permitted, valid, REGISTRY

QUERY = ("prefix", "level", "tenant")


def _meta(state, word):
    return word if state.switches["settings_meta_case"] == "lower" else word.capitalize()


def item(state, key, value, spec):
    return {"key": key, "value": value, "scope": _meta(state, spec[2]), "permission": _meta(state, spec[3]),
            "description": spec[4]}


def _target(state, request):
    """The tenant a request acts on: ``?tenant=`` (SADM only; 404 unknown) or the addressed one."""
    name = request.query.get("tenant")
    if name is None:
        return request.user
    if "SADM" not in request.token.roles:
        raise no_permission()
    if name not in state.tenants:
        raise not_found()
    return state.tenants[name]


def resolved(state, tenant, key, spec):
    """The value in effect, or None (tenant row, else global row, else default)."""
    if key in tenant["settings"]:
        return tenant["settings"][key]
    if key in state.global_settings:
        return state.global_settings[key]
    return spec[1]


def _spec(key):
    spec = definition(key)
    if spec is None:
        raise not_found()
    return spec


def _level(request):
    level = request.query.get("level")
    if level not in (None, "tenant", "global"):
        raise invalid("unknown level: %s" % level)
    return level


def list_settings(state, request):
    bodies.list_query(state, request, "settings", QUERY)
    level = _level(request)
    if level is not None and "prefix" not in request.query:
        raise invalid("level requires prefix")
    rows = []
    if "prefix" in request.query:
        prefix = request.query["prefix"]
        # one prefix (the facts); a comma list only with the switch settings_prefix_list
        prefixes = [p.strip() for p in prefix.split(",") if p.strip()] if state.switches["settings_prefix_list"] else [prefix]
        if level == "global" and "tenant" in request.query:
            raise invalid("tenant= is not allowed with level=global")
        tenant = _target(state, request)
        if level == "global":
            if "SADM" not in request.token.roles:
                raise no_permission()
            stored = dict(state.global_settings)
        elif level == "tenant":
            stored = dict(tenant["settings"])
        else:
            stored = dict(state.global_settings)
            stored.update(tenant["settings"])
            stored.update({k: spec[1] for k, spec in REGISTRY.items() if spec[1] is not None and k not in stored})
        for key in sorted(stored):
            if any(key.startswith(p + ".") for p in prefixes):
                rows.append(item(state, key, stored[key], definition(key)))
    else:
        tenant = request.user
        for key, spec in REGISTRY.items():
            value = resolved(state, tenant, key, spec)
            if value is not None:
                rows.append(item(state, key, value, spec))
    return env(request, state, rows, pagination={"offset": 0, "limit": 100, "total": len(rows)})


def get_setting(state, request):
    key = request.params["name"]
    spec = _spec(key)
    tenant = _target(state, request)
    level = _level(request)
    if level == "global":
        if spec[2] == "global" and "SADM" not in request.token.roles:
            raise no_permission()
        value = state.global_settings.get(key)
    elif level == "tenant":
        value = tenant["settings"].get(key)
    else:
        value = resolved(state, tenant, key, spec)
        if value is None and key in REGISTRY:
            raise ApiError(404, "E-SET-NOTFOUND", "Setting not found: %s" % key)
    if value is None:
        raise not_found()
    return env(request, state, item(state, key, value, spec))


def put_setting(state, request):
    key = request.params["name"]
    spec = _spec(key)
    if not permitted(spec[3], request.token.roles):
        raise no_permission()
    body = bodies.fields(request, {"value": (object, True, False)})
    if not valid(spec[0], body["value"]):
        raise invalid("invalid value for %s" % key)
    level = _level(request)
    if level == "global":
        if "SADM" not in request.token.roles:
            raise no_permission()
        state.global_settings[key] = body["value"]
        value = state.global_settings[key]
    else:
        tenant = _target(state, request)
        if level == "tenant" and spec[2] == "global":
            raise invalid("level=tenant is not valid for Global-scoped setting; use level=global")
        tenant["settings"][key] = body["value"]
        value = resolved(state, tenant, key, spec)
    return env(request, state, item(state, key, value, spec))


def delete_setting(state, request):
    key = request.params["name"]
    spec = _spec(key)
    level = _level(request)
    if level is None:
        raise invalid("level query parameter is required")
    if level == "tenant":
        if spec[2] == "global":
            raise invalid("level=tenant is not valid for Global-scoped setting; use level=global")
        rows = _target(state, request)["settings"]
    else:
        if "SADM" not in request.token.roles:
            raise no_permission()
        rows = state.global_settings
    if not permitted(spec[3], request.token.roles):
        raise no_permission()
    rows.pop(key, None)
    return env(request, state, None, status=204)


def register(router):
    router.add("GET", "/api/settings", list_settings, role="auth")
    router.add("GET", "/api/settings/:name", get_setting, role="auth")
    router.add("PUT", "/api/settings/:name", put_setting, role="auth")
    router.add("DELETE", "/api/settings/:name", delete_setting, role="auth")

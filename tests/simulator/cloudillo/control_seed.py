# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""``POST /_control/seed``: tenants (with keys, settings, installed apps, known profiles), global settings, APKG
packages, proxy sites, DNS names and community invites, created directly; all or nothing."""

import copy

from common.control import need
from common.errors import HttpError
from common.routing import Response

from . import admin, apps, proxy_sites
from .errors import ApiError
from .profiles import STATUS_WORDS, new_profile
from .settings_registry import definition, valid
from .state import COMMUNITY_ROLES

SAVED = ("tenants", "global_settings", "packages", "proxy_sites", "dns", "invites", "last")
TENANT_FIELDS = {"idTag", "type", "name", "email", "password", "status", "owner", "keys", "settings", "apps",
                 "profiles"}


def _fail(where, message):
    raise HttpError(400, "%s: %s" % (where, message))


def _settings(where, values):
    for key, value in values.items():
        spec = definition(key)
        if spec is None:
            _fail(where, "unknown setting %s" % key)
        if not valid(spec[0], value):
            _fail(where, "%s has the wrong type" % key)


def _package(state, index, body):
    where = "packages[%d]" % index
    for name in ("publisher", "name", "version"):
        if not isinstance(body.get(name), str) or not body[name]:
            _fail(where, "%s is required" % name)
    action_id = need(body, "actionId", str) or "a1~" + state.random_text(18)
    state.packages[action_id] = {"actionId": action_id, "type": "APKG", "publisher": body["publisher"],
                                 "name": body["name"], "version": body["version"],
                                 "fileId": need(body, "fileId", str) or "f1~" + state.random_text(18),
                                 "capabilities": need(body, "capabilities", list), "createdAt": state.now() + index}
    return "%s/%s" % (body["publisher"], body["name"]), action_id


def _tenant(state, index, body, answer):
    where = "tenants[%d]" % index
    if not isinstance(body, dict) or not isinstance(body.get("idTag"), str) or not body["idTag"]:
        _fail(where, "idTag is required")
    unknown = sorted(set(body) - TENANT_FIELDS)
    if unknown:
        _fail(where, "unknown fields: %s" % ", ".join(unknown))
    id_tag = body["idTag"].lower()
    tenant = state.tenants.get(id_tag)
    if tenant is None:
        kind = body.get("type", "person")
        if kind not in ("person", "community"):
            _fail(where, "type must be person or community")
        tenant = state.add_tenant(id_tag, kind, need(body, "name", str), need(body, "email", str),
                                  need(body, "password", str), need(body, "owner", str), body.get("status", "A"))
    elif body.get("password") is not None:
        tenant["password"] = need(body, "password", str)
    keys = answer["keys"].setdefault(id_tag, {})
    for number, key in enumerate(body.get("keys") or []):
        if not isinstance(key, dict):
            _fail("%s.keys[%d]" % (where, number), "must be an object")
        plaintext = need(key, "key", str)
        if plaintext is not None and (not plaintext.startswith("cl_") or len(plaintext) < 11
                                      or state.find_key(plaintext)[1] is not None):
            _fail("%s.keys[%d]" % (where, number), "key must be a new cl_ key of 11 characters or more")
        made = state.add_key(tenant, need(key, "name", str), need(key, "scopes", str), need(key, "expiresAt", int),
                             plaintext=plaintext)
        keys[made["name"] or str(made["keyId"])] = made["plaintext"]
    settings = need(body, "settings", dict) or {}
    _settings(where + ".settings", settings)
    tenant["settings"].update(settings)
    for number, app in enumerate(body.get("apps") or []):
        found = [a for a in state.packages.values()
                 if a["publisher"] == app.get("publisher") and a["name"] == app.get("name")]
        if not found:
            _fail("%s.apps[%d]" % (where, number), "no seeded package %s/%s" % (app.get("publisher"), app.get("name")))
        apps.install_package(tenant, found[0], need(app, "autoUpdate", bool) or False)
    for number, profile in enumerate(body.get("profiles") or []):
        spot = "%s.profiles[%d]" % (where, number)
        if not isinstance(profile, dict) or not isinstance(profile.get("idTag"), str):
            _fail(spot, "idTag is required")
        roles = need(profile, "roles", list)
        if roles is not None and any(r not in COMMUNITY_ROLES for r in roles):
            _fail(spot, "roles must be of %s" % ", ".join(COMMUNITY_ROLES))
        status = profile.get("status", "A")
        if status not in STATUS_WORDS:
            _fail(spot, "status must be one of %s" % ", ".join(STATUS_WORDS))
        tenant["profiles"][profile["idTag"]] = new_profile(state, profile["idTag"], need(profile, "name", str),
                                                           need(profile, "type", str) or "person", roles, status)
    return id_tag


def _apply(state, body, answer):
    for index, package in enumerate(need(body, "packages", list) or []):
        if not isinstance(package, dict):
            _fail("packages[%d]" % index, "must be an object")
        name, action_id = _package(state, index, package)
        answer["packages"][name] = action_id
    settings = need(body, "global_settings", dict) or {}
    _settings("global_settings", settings)
    state.global_settings.update(settings)
    for name in need(body, "dns", list) or []:
        if not isinstance(name, str):
            _fail("dns", "must be a list of idTags")
        state.dns.add(name.lower())
    created = [_tenant(state, i, t, answer) for i, t in enumerate(need(body, "tenants", list) or [])]
    for index, site in enumerate(need(body, "proxy_sites", list) or []):
        try:
            made = proxy_sites.add_site(state, str(site.get("domain", "")).lower(), str(site.get("backendUrl", "")),
                                        site.get("type", "basic"), site.get("config"), site.get("status", "A"))
        except (ApiError, AttributeError) as error:
            _fail("proxy_sites[%d]" % index, getattr(error, "message", "must be an object"))
        answer["proxy_sites"][made["domain"]] = made["siteId"]
    for index, invite in enumerate(need(body, "invites", list) or []):
        if not isinstance(invite, dict):
            _fail("invites[%d]" % index, "must be an object")
        ref = admin.add_invite(state, need(invite, "targetIdTag", str), need(invite, "expiresInDays", int) or 7,
                               need(invite, "refId", str))
        answer["invites"].append(ref["refId"])
    return created


def seed(state, request):
    saved = {name: copy.deepcopy(getattr(state, name)) for name in SAVED}
    rng = state.rng.getstate()
    answer = {"tenants": {}, "keys": {}, "packages": {}, "proxy_sites": {}, "invites": []}
    try:
        created = _apply(state, request.body, answer)
    except HttpError:
        for name, value in saved.items():
            setattr(state, name, value)
        state.rng.setstate(rng)
        raise
    answer["tenants"] = {id_tag: state.listener_url(id_tag) for id_tag in created}
    return Response(200, answer)

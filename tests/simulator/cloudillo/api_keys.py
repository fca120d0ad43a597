# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tenant API keys: names are not unique, the plaintext is only in the create answer, times are Unix seconds."""

from . import bodies
from .envelope import env
from .errors import invalid, not_found

SPEC = {"name": (str, False, True), "scopes": (str, False, True), "expiresAt": (int, False, True)}


def view(key):
    return {k: key[k] for k in ("keyId", "keyPrefix", "name", "scopes", "expiresAt", "lastUsedAt", "createdAt")}


def _key(request):
    try:
        key = request.user["keys"].get(int(request.params["keyId"]))
    except ValueError:
        key = None
    if key is None:
        raise not_found("API key not found")
    return key


def _check(state, body):
    if body.get("expiresAt") is not None and body["expiresAt"] <= state.now():
        raise invalid("expiresAt must be in the future")


def list_keys(state, request):
    return env(request, state, [view(k) for k in request.user["keys"].values()])


def create(state, request):
    body = bodies.fields(request, SPEC)
    _check(state, body)
    key = state.add_key(request.user, body.get("name"), body.get("scopes") or None, body.get("expiresAt"))
    return env(request, state, dict(view(key), plaintextKey=key["plaintext"]), status=201)


def get(state, request):
    return env(request, state, view(_key(request)))


def patch(state, request):
    key = _key(request)
    body = bodies.fields(request, SPEC)
    _check(state, body)
    for name in SPEC:
        if name in body:
            key[name] = body[name] if name != "scopes" else (body[name] or None)
    return env(request, state, view(key))


def delete(state, request):
    key = _key(request)
    del request.user["keys"][key["keyId"]]
    return env(request, state, None)


def register(router):
    router.add("GET", "/api/auth/api-keys", list_keys, role="owner")
    router.add("POST", "/api/auth/api-keys", create, role="owner")
    router.add("GET", "/api/auth/api-keys/:keyId", get, role="owner")
    router.add("PATCH", "/api/auth/api-keys/:keyId", patch, role="owner")
    router.add("DELETE", "/api/auth/api-keys/:keyId", delete, role="owner")

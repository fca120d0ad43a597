# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""``/keys``: only the list is documented; reading, creating, renaming and deleting one key follow DO (inferred).
A key is addressed by its id or its fingerprint (in the form switch ``fingerprint`` selects)."""

from common.routing import Response

from . import bodies
from .envelope import many, one
from .errors import not_found, unprocessable
from .keys import blob_of, fingerprint

BAD_KEY = "Key invalid, key should be of the format `type key [comment]`"
IN_USE = "SSH Key is already in use on your account"


def view(state, key):
    return {"id": key["id"], "fingerprint": fingerprint(key["blob"], state.switches["fingerprint"]),
            "public_key": key["public_key"], "name": key["name"]}


def find(state, ref):
    """The key an id (a number, or its digits) or a fingerprint names, or None."""
    if isinstance(ref, int) and not isinstance(ref, bool):
        return state.keys.get(ref)
    if not isinstance(ref, str):
        return None
    if ref.isdigit():
        return state.keys.get(int(ref))
    form = state.switches["fingerprint"]
    return next((k for k in state.keys.values() if fingerprint(k["blob"], form) == ref), None)


def add_key(state, body):
    """Check a new key's fields as the API does and add it."""
    name = bodies.text(body, "name")
    public_key = body.get("public_key")
    if public_key is None:
        raise unprocessable("public_key must be a non-empty string")
    blob = blob_of(public_key)
    if blob is None:
        raise unprocessable(BAD_KEY)
    if any(k["blob"] == blob for k in state.keys.values()):
        raise unprocessable(IN_USE)
    ident = state.next_id("key")
    state.keys[ident] = {"id": ident, "name": name, "public_key": public_key.strip(), "blob": blob}
    return state.keys[ident]


def _key(state, request):
    key = find(state, request.params["key"])
    if key is None:
        raise not_found()
    return key


def list_keys(state, request):
    return many(state, request, "ssh_keys", list(state.keys.values()), lambda k: view(state, k))


def create(state, request):
    return one("ssh_key", view(state, add_key(state, request.body)), status=201)


def get(state, request):
    return one("ssh_key", view(state, _key(state, request)))


def rename(state, request):
    key = _key(state, request)
    # the public part cannot change (a public_key in the body is ignored, as DO does)
    key["name"] = bodies.text(request.body, "name")
    return one("ssh_key", view(state, key))


def delete(state, request):
    del state.keys[_key(state, request)["id"]]
    return Response(204)


def register(router):
    router.add("GET", "/api/v1/keys", list_keys)
    router.add("POST", "/api/v1/keys", create)
    router.add("GET", "/api/v1/keys/:key", get)
    router.add("PUT", "/api/v1/keys/:key", rename)
    router.add("DELETE", "/api/v1/keys/:key", delete)

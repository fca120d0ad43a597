# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""OpenID Connect clients: /api/v1/oidc/clients (facts 7.15; shapes from the vendor spec).

A client has a name, a login redirect URI and a token signature algorithm; the server makes its id (``cid-`` and 32
hexadecimal digits, as the spec's example) and secret. The spec shows the secret in every read, so the simulator does
too: a client must not rely on reads to hide it. Names are not unique (nothing says they are). No source names the
role these routes need: admin (chosen). Statuses: create 201 (facts 8: every creation; the spec says 200, switch
``oidc_create_status``), update 201 (the spec; 200 with switch ``oidc_update_status``), delete 204.

The clients the server makes for an app's login (``appId`` set, per the spec's schema) come only from the control
interface (``POST /_control/oidc_clients``); the API serves them like any other client.
"""

from common.control import need
from common.routing import Response

from .errors import ApiError

ALGORITHMS = ("RS256", "EdDSA")


def client_json(client):
    """The spec's clients-items object, the secret included."""
    return dict(client)


def _load(state, request):
    found = state.oidc_clients.get(request.params["id"])
    if found is None:
        raise ApiError(404, "No such client")  # (chosen)
    return found


def _checked(body):
    """The client's settings from a create or update body, or 400 (messages chosen)."""
    for name in ("name", "loginRedirectUri"):
        if not isinstance(body.get(name), str) or not body[name].strip():
            raise ApiError(400, "%s must be a non-empty string" % name)
    if body.get("tokenSignatureAlgorithm") not in ALGORITHMS:
        raise ApiError(400, "tokenSignatureAlgorithm must be RS256 or EdDSA")
    return {"name": body["name"], "loginRedirectUri": body["loginRedirectUri"],
            "tokenSignatureAlgorithm": body["tokenSignatureAlgorithm"]}


def list_clients(state, request):
    return Response(200, {"clients": [client_json(c) for c in state.oidc_clients.values()]})


def add_client(state, request):
    settings = _checked(request.body)
    client = dict(id="cid-%032x" % state.rng.getrandbits(128), secret=state.new_secret(64), appId="", **settings)
    state.oidc_clients[client["id"]] = client
    return Response(state.switches["oidc_create_status"], client_json(client))


def get_client(state, request):
    return Response(200, client_json(_load(state, request)))


def update_client(state, request):
    client = _load(state, request)
    client.update(_checked(request.body))
    return Response(state.switches["oidc_update_status"], {})


def delete_client(state, request):
    del state.oidc_clients[_load(state, request)["id"]]
    return Response(204)


def seed_app_clients(state, request):
    """``POST /_control/oidc_clients`` ``{clients: [{appId*, name*, loginRedirectUri*, tokenSignatureAlgorithm*}]}``:
    clients of apps (the app id is not checked against the apps), all or nothing. Answers ``{ids}``."""
    made = []
    for spec in need(request.body, "clients", list, required=True):
        if not isinstance(spec, dict) or not isinstance(spec.get("appId"), str) or not spec["appId"].strip():
            raise ApiError(400, "each client needs appId, a non-empty string")
        made.append(dict(appId=spec["appId"], **_checked(spec)))
    ids = []
    for settings in made:
        client = dict(id="cid-%032x" % state.rng.getrandbits(128), secret=state.new_secret(64), **settings)
        state.oidc_clients[client["id"]] = client
        ids.append(client["id"])
    return Response(200, {"ids": ids})


def dump(state):
    """For /_control/state: the clients as stored, secrets included."""
    return [dict(c) for c in state.oidc_clients.values()]


def register(router):
    router.add("GET", "/api/v1/oidc/clients", list_clients, "admin")
    router.add("POST", "/api/v1/oidc/clients", add_client, "admin")
    router.add("GET", "/api/v1/oidc/clients/:id", get_client, "admin")
    router.add("POST", "/api/v1/oidc/clients/:id", update_client, "admin")
    router.add("DELETE", "/api/v1/oidc/clients/:id", delete_client, "admin")

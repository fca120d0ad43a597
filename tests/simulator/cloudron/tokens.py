# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""API tokens: /api/v1/tokens. Every user sees and manages only their own."""

from common.routing import Response

from .errors import ApiError
from .query import paginate


def token_json(token, with_secret=False):
    result = {
        "id": token.id,
        "name": token.name,
        "identifier": token.user_id,
        "clientId": token.client_id,
        "expires": token.expires,
        "lastUsedAt": token.last_used_at,
        "scope": token.scope,
    }
    if with_secret:
        # the secret is only ever shown in the creation response
        result["accessToken"] = token.secret
    return result


def _own(state, request):
    for token in state.tokens.values():
        if token.id == request.params["id"] and token.user_id == request.user.id:
            return token
    raise ApiError(404, "No such token")


def list_tokens(state, request):
    tokens = [t for t in state.tokens.values() if t.user_id == request.user.id]
    return Response(200, {"tokens": [token_json(t) for t in paginate(request.query, tokens)]})


def create_token(state, request):
    body = request.body
    if not body["name"]:
        raise ApiError(400, "name must be atleast 1 char")
    scope = body.get("scope", {"*": "rw"})
    if not scope or any(value not in ("r", "rw") for value in scope.values()):
        raise ApiError(400, "Invalid scope")
    expires = body.get("expiresAt")
    token = state.add_token(request.user, body["name"], scope, expires=int(expires) if expires is not None else None)
    return Response(state.switches["credential_create_status"], token_json(token, with_secret=True))


def get_token(state, request):
    return Response(200, token_json(_own(state, request)))


def delete_token(state, request):
    del state.tokens[_own(state, request).secret]
    return Response(204)


def register(router):
    router.add("GET", "/api/v1/tokens", list_tokens)
    router.add("POST", "/api/v1/tokens", create_token)
    router.add("GET", "/api/v1/tokens/:id", get_token)
    router.add("DELETE", "/api/v1/tokens/:id", delete_token)

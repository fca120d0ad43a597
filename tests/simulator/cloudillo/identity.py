# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A tenant's public identity (``/.well-known/cloudillo/id-tag``, ``GET /api/me``) and the IDP routes, which the
open-source server answers with 503 (no identity provider adapter is installed)."""

from .envelope import bare, env
from .errors import ApiError


def id_tag(state, request):
    return bare({"idTag": request.user["idTag"]})


def me(state, request):
    tenant = request.user
    return env(request, state, {
        "idTag": tenant["idTag"], "name": tenant["name"], "type": tenant["type"], "profilePic": tenant["profilePic"],
        "keys": [{"keyId": "sim", "publicKey": tenant["signingKey"], "expiresAt": None}],
    })


def idp(state, request):
    raise ApiError(503, "E-SYS-UNAVAIL", "Identity provider not available")


def register(router):
    router.add("GET", "/.well-known/cloudillo/id-tag", id_tag, role="public")
    router.add("GET", "/api/me", me, role="public")
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        for template in ("/api/idp/:a", "/api/idp/:a/:b", "/api/idp/:a/:b/:c"):
            router.add(method, template, idp, role="public")

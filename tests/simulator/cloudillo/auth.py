# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Credentials: tenant API keys (``cl_...``, optionally scoped) and the JWTs password login issues.

Missing or malformed credentials and bad keys are 403 ``E-AUTH-NOPERM``; a bad or expired JWT is 401
``E-AUTH-UNAUTH`` (src: middleware.rs). Route roles: ``public``, ``auth`` (any valid credential), ``moderator``,
``owner`` (owner or community leader), ``admin`` (``SADM``); ``apkg`` marks routes an ``apkg:publish`` key may use.
"""

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any, Optional

from . import errors
from .state import COMMUNITY_ROLES, OWNER_ROLES

TOKEN_SECONDS = 3600
_SECRET = b"cloudillo-simulator"
LEVELS = {role: index for index, role in enumerate(COMMUNITY_ROLES)}  # public 0 ... leader 5
APKG_SCOPE = "apkg:publish"


@dataclass
class Caller:
    kind: Optional[str] = None          # None (no credential), "key", "jwt", "other"
    roles: list = field(default_factory=list)
    scopes: Optional[list] = None       # a scoped key's scopes
    key: Any = None
    problem: Optional[errors.ApiError] = None   # why the credential is not valid here


def presented(headers, query):
    """The credential text of a request: the Bearer token, else ``?token=``; ``""`` for a non-Bearer header."""
    header = headers.get("Authorization")
    if header is not None:
        return header[len("Bearer "):].strip() if header.startswith("Bearer ") else ""
    return query.get("token")


def owner_roles(tenant):
    return list(OWNER_ROLES) + list(tenant["roles"])


def _b64(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue_jwt(state, tenant):
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64(json.dumps({"iss": tenant["idTag"], "t": tenant["tnId"], "r": owner_roles(tenant),
                               "exp": int(state.now()) + TOKEN_SECONDS, "n": state.random_text(6)}).encode())
    signature = _b64(hmac.new(_SECRET, ("%s.%s" % (header, payload)).encode(), hashlib.sha256).digest())
    return "%s.%s.%s" % (header, payload, signature)


def _jwt_claims(state, token, tenant):
    try:
        header, payload, signature = token.split(".")
        expected = _b64(hmac.new(_SECRET, ("%s.%s" % (header, payload)).encode(), hashlib.sha256).digest())
        claims = json.loads(_unb64(payload))
    except (ValueError, TypeError):
        return None
    if not hmac.compare_digest(signature, expected) or claims.get("iss") != tenant["idTag"]:
        return None
    if claims.get("exp", 0) <= state.now() or claims.get("t") != tenant["tnId"]:
        return None
    return claims


def identify(state, tenant, token):
    """The ``Caller`` a credential makes on this tenant (``problem`` set when it is not valid)."""
    if token is None:
        return Caller(problem=errors.no_permission())
    if token.startswith("cl_"):
        owner, key = state.find_key(token)
        if key is None or owner is not tenant:
            return Caller("key", problem=errors.no_permission())
        if key["expiresAt"] is not None and key["expiresAt"] <= state.now():
            return Caller("key", key=key, problem=errors.no_permission())
        key["lastUsedAt"] = int(state.now())
        scopes = [s.strip() for s in key["scopes"].split(",") if s.strip()] if key["scopes"] else None
        return Caller("key", owner_roles(tenant), scopes, key)
    if token.count(".") == 2:
        claims = _jwt_claims(state, token, tenant)
        if claims is None:
            return Caller("jwt", problem=errors.unauthorized())
        return Caller("jwt", list(claims["r"]))
    return Caller("other", problem=errors.no_permission())


def level(roles):
    return max([LEVELS.get(role, 0) for role in roles] or [0])


def allowed(caller, role, apkg=False):
    """Raise unless ``caller`` may use a route needing ``role``."""
    if role == "public":
        return
    if caller.problem is not None:
        raise caller.problem
    if caller.scopes is not None and not (apkg and APKG_SCOPE in caller.scopes):
        raise errors.no_permission()
    if role == "admin" and "SADM" not in caller.roles:
        raise errors.no_permission()
    if role == "owner" and level(caller.roles) < LEVELS["leader"]:
        raise errors.no_permission()
    if role == "moderator" and level(caller.roles) < LEVELS["moderator"]:
        raise errors.no_permission()

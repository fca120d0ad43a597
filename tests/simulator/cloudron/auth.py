# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tokens and roles: who is calling and what they may do."""

from .errors import ApiError
from .state import WEBADMIN_CLIENT
from .tasks import iso

# Lowest to highest; each role can do everything the ones before it can.
ROLES = ("user", "usermanager", "mailmanager", "admin", "owner")


def rank(role):
    return ROLES.index(role)


def presented_token(headers, query):
    """The token a request carries: ``Authorization: Bearer <token>`` or ``?access_token=<token>``."""
    parts = (headers.get("Authorization") or "").split(None, 1)
    if len(parts) == 2 and parts[0].lower() == "bearer":
        return parts[1].strip()
    return query.get("access_token") or None


def authenticate(state, request):
    """Set ``request.user``/``request.token`` or raise 401."""
    secret = presented_token(request.headers, request.query)
    if secret is None:
        raise ApiError(401, "Token required")
    token = state.tokens.get(secret)
    user = state.users.get(token.user_id) if token else None
    # Unknown, deleted and deactivated all look the same to the client.
    if token is None or user is None or not user.active:
        raise ApiError(401, "No such token")
    if token.expires < state.now_ms():
        # an API token past its expiresAt is gone (R9); a dashboard token, such as the activation token, says why
        raise ApiError(401, "Token expired" if token.client_id == WEBADMIN_CLIENT else "No such token")
    token.last_used_at = iso(state.now_ms() / 1000)
    request.user = user
    request.token = token


def check_scope(state, request):
    """Read-only tokens may only read."""
    if request.method not in ("GET", "HEAD") and request.token.readonly:
        raise ApiError(state.switches["readonly_status"], "Read-only token")


def require_role(user, role):
    """403 unless ``user`` has at least ``role``."""
    if rank(user.role) < rank(role):
        raise ApiError(403, "role '%s' is required but user has only '%s'" % (role, user.role))

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The token user's own API tokens (facts 2.1, 7.11): a name, a scope and an expiry; the secret shown once.

The scope is a map of routes to ``r`` or ``rw``; the two the dashboard offers, ``{"*": "r"}`` and ``{"*": "rw"}``, are
named read-only and read-write, any other map is shown as the server has it. The expiry is sent as ``expiresAt`` and
read as ``expires``, both milliseconds since the epoch, and compared to the second. The dashboard's own session tokens
(client ``cid-webadmin``, such as the activation token) are not API tokens and are left alone.
"""

from __future__ import annotations

import math
import time

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.credentials import RECREATE, OwnCredentials
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import Field, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.times import parse_time

SCOPES = {"read-only": {"*": "r"}, "read-write": {"*": "rw"}}
DASHBOARD_CLIENT = "cid-webadmin"
# datetime's last second, in milliseconds
LATEST_MS = 253402300799999


def epoch_ms(value):
    """An expiry as the API takes it: milliseconds since the epoch, whole seconds, from milliseconds or ISO 8601 text
    (UTC unless it says). Raises ValueError."""
    if isinstance(value, bool):
        raise ValueError("%r is not a time" % value)
    if isinstance(value, (int, float)):
        ms = int(value)
    elif str(value).strip().isdigit():
        ms = int(str(value).strip())
    else:
        try:
            ms = math.floor(parse_time(value)) * 1000
        except ValueError:
            raise ValueError("%r is neither milliseconds since the epoch nor an ISO 8601 time such as 2027-01-31T00:00:00Z"
                             % value)
    if not 0 <= ms <= LATEST_MS:
        raise ValueError("%r is out of range (1970 to 9999)" % value)
    return ms - ms % 1000


def iso_time(value):
    """The shown and compared form of an expiry: ``2027-01-31T00:00:00Z``; a value that is no time stays as it is."""
    try:
        ms = epoch_ms(value)
    except ValueError:
        return value
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ms // 1000))


def scope_name(scope):
    """``{"*": "r"}`` -> read-only, ``{"*": "rw"}`` -> read-write; any other map as it is."""
    for name, value in SCOPES.items():
        if scope == value:
            return name
    return scope


FIELDS = (
    Field("id", read_only=True),
    Field("name", normalize=stripped),
    Field("scope", choices=tuple(SCOPES), route=RECREATE),
    Field("expires_at", type="raw", parse=epoch_ms, normalize=iso_time, route=RECREATE),
    Field("last_used_at", read_only=True),
)


class Tokens(OwnCredentials, Resource):
    """API tokens of the token's user."""

    name = "token"
    plural = "tokens"
    fields = FIELDS
    required_on_create = ("scope",)
    path = "/tokens"
    list_key = "tokens"
    secret_key = "accessToken"
    fresh_fields = ("last_used_at",)

    def listed(self, ctx):
        return [token for token in super().listed(ctx) if token.get("clientId") != DASHBOARD_CLIENT]

    def canonical(self, ctx, raw):
        return {
            "id": raw.get("id"),
            "name": raw.get("name"),
            "scope": scope_name(raw.get("scope")),
            "expires_at": raw.get("expires"),
            "last_used_at": raw.get("lastUsedAt"),
        }

    def check_new(self, ctx, item, wanted, current):
        """A new token must outlive its creation, also one that carries over the old one's expiry (recreate)."""
        expires = wanted.get("expires_at")
        if expires is None or epoch_ms(expires) > time.time() * 1000:
            return
        if current is not None and "expires_at" not in item:
            raise ResourceError("token %r: recreate would carry over expires_at %s, which is in the past, so the new token "
                                "would never work; give a later expires_at" % (wanted["name"], iso_time(expires)))
        raise ResourceError("token %r: expires_at %s is in the past; a new token would never work" % (wanted["name"], expires))

    def body(self, ctx, item):
        scope = item["scope"]
        body = {"name": item["name"], "scope": SCOPES.get(scope, scope) if isinstance(scope, str) else scope}
        if item.get("expires_at") is not None:
            body["expiresAt"] = epoch_ms(item["expires_at"])
        return body

    def created_object(self, ctx, answer, item):
        """The create answer is the whole token (with the secret, which is left out here)."""
        return self.canonical(ctx, answer)

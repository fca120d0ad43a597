# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Profiles the tenant knows (a community's members), changed by ``PATCH /api/admin/profiles/{idTag}`` (the server's
admin).

The status travels as a letter (``A`` active, ``B`` blocked, ``M`` muted, ``S`` suspended, ``X`` banned) and is
shown as the word the server answers with. Two things the references leave open are not relied on: whether
``GET /api/profiles/{idTag}`` carries the roles (without them, roles cannot be compared, and the module says so
instead of writing them on every run), and what the PATCH does for an idTag the tenant does not know (a 404 is
reported as such).
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.client import segment
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.status import PROFILE_STATUS, status_word
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import SET, Field, lower, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource


def every_profile(ctx, query=None):
    """Every profile the tenant knows that matches ``query`` (keyset pages by idTag)."""
    return ctx.client.list_keyset("/api/profiles", params=query)


STATUS_LETTERS = PROFILE_STATUS
ROLES = ("public", "follower", "supporter", "contributor", "moderator", "leader")
NO_ROLES = ("profile %r: the server's profile answer carries no roles, so they cannot be compared; leave roles out "
            "of this item (name and status are still managed)")
UNKNOWN = ("profile %r: the server does not know this idTag: a member must be known to the tenant (a follower, a "
           "connection) before its profile can be changed (%s)")


FIELDS = (
    Field("member", api="idTag", normalize=lower),
    Field("name", api="name", normalize=stripped, route="patch"),
    Field("roles", api="roles", type="list", elements="str", choices=ROLES, compare=SET, normalize=lower, route="patch",
          default=[]),
    Field("status", api="status", choices=tuple(PROFILE_STATUS), route="patch", default="active"),
    Field("type", read_only=True),
)


def canonical(raw):
    # roles None: the answer did not carry them (not the same as an empty list)
    roles = sorted(raw.get("roles") or []) if "roles" in raw else None
    return {"member": raw.get("idTag"), "name": raw.get("name"), "roles": roles,
            "status": status_word(raw.get("status"), PROFILE_STATUS), "type": raw.get("type"), "id": raw.get("idTag")}


def patch_body(values):
    body = {}
    if "name" in values:
        body["name"] = values["name"]
    if "roles" in values:
        body["roles"] = sorted(values["roles"])
    if "status" in values:
        body["status"] = PROFILE_STATUS[values["status"]]
    return body


class Profiles(Resource):
    """Member profiles of the connected tenant."""

    name = "profile"
    plural = "profiles"
    fields = FIELDS

    def __init__(self):
        self.answer = None

    @staticmethod
    def key(item):
        return item.get("member")

    def read(self, ctx, items, complete):
        found = []
        for item in items:
            raw = ctx.client.data("GET", "/api/profiles/%s" % segment(item["member"]))
            if isinstance(raw, dict):
                found.append(canonical(raw))
        return found

    @staticmethod
    def find(current, item):
        return next((found for found in current if found["member"] == item["member"]), None)

    @staticmethod
    def resolve(ctx, item, current):
        if current is not None and "roles" in item and current.get("roles") is None:
            raise ResourceError(NO_ROLES % item["member"])

    def create(self, ctx, item):
        self.write(ctx, None, "patch", dict((name, value) for name, value in item.items() if name != "member"), item)
        return {"id": None}

    def write(self, ctx, current, route, values, item):
        try:
            answer = ctx.client.data("PATCH", "/api/admin/profiles/%s" % segment(item["member"]), body=patch_body(values))
        except ApiError as exc:
            if current is None and exc.status == 404:
                raise ResourceError(UNKNOWN % (item["member"], exc))
            raise
        self.answer = (answer or {}).get("profile") if isinstance(answer, dict) else None

    def delete(self, ctx, current):
        raise NotImplementedError("profiles are never deleted by this module")

    def refresh(self, ctx, obj):
        if not isinstance(self.answer, dict):
            return obj
        found = canonical(self.answer)
        if "roles" not in self.answer:  # the answer carries roles only when the request changed them
            found["roles"] = obj.get("roles")
        return dict(obj, **dict((key, value) for key, value in found.items() if value is not None))

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Profiles the tenant knows (a community's members), changed by ``PATCH /api/admin/profiles/{idTag}``.

The status travels as a letter (``A`` active, ``B`` blocked, ``M`` muted, ``S`` suspended, ``X`` banned) and is
shown as the word the server answers with. The PATCH creates a profile row for an idTag the tenant does not know yet.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.client import PAGE_SIZE, segment
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import SET, Field, lower, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource


def every_profile(ctx, query=None):
    """Every profile the tenant knows that matches ``query``: keyset pages by idTag (``limit`` + ``afterIdTag``)
    until a page is short."""
    found, after = [], None
    while True:
        page = dict(query or {}, limit=PAGE_SIZE)
        if after:
            page["afterIdTag"] = after
        batch = ctx.client.list_whole("/api/profiles", params=page)
        found.extend(batch)
        if len(batch) < PAGE_SIZE or not batch[-1].get("idTag") or batch[-1].get("idTag") == after:
            return found
        after = batch[-1]["idTag"]


STATUS_LETTERS = {"active": "A", "blocked": "B", "muted": "M", "suspended": "S", "banned": "X"}
STATUS_WORDS = dict((letter, word) for word, letter in STATUS_LETTERS.items())
ROLES = ("public", "follower", "supporter", "contributor", "moderator", "leader")


def status_word(value):
    """The server's word (or, where it answers one, its letter) as the word."""
    if value is None:
        return None
    return STATUS_WORDS.get(value, lower(value))


FIELDS = (
    Field("member", api="idTag", normalize=lower),
    Field("name", api="name", normalize=stripped, route="patch"),
    Field("roles", api="roles", type="list", elements="str", choices=ROLES, compare=SET, normalize=lower, route="patch",
          default=[]),
    Field("status", api="status", choices=tuple(STATUS_LETTERS), route="patch", default="active"),
    Field("type", read_only=True),
)


def canonical(raw):
    return {"member": raw.get("idTag"), "name": raw.get("name"), "roles": sorted(raw.get("roles") or []),
            "status": status_word(raw.get("status")), "type": raw.get("type"), "id": raw.get("idTag")}


def patch_body(values):
    body = {}
    if "name" in values:
        body["name"] = values["name"]
    if "roles" in values:
        body["roles"] = sorted(values["roles"])
    if "status" in values:
        body["status"] = STATUS_LETTERS[values["status"]]
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

    def create(self, ctx, item):
        self.write(ctx, None, "patch", dict((name, value) for name, value in item.items() if name != "member"), item)
        return {"id": None}

    def write(self, ctx, current, route, values, item):
        answer = ctx.client.data("PATCH", "/api/admin/profiles/%s" % segment(item["member"]), body=patch_body(values))
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

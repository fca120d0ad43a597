# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Communities: ``PUT /api/profiles/{idTag}`` creates one, a new tenant led by the caller's tenant.

A community the caller leads is in the caller's profiles (``GET /api/profiles/{idTag}``, type ``community``), which is
how it is found again. The server has no route to change or delete one; an admin can purge its tenant, which removes
everything it holds, so ``absent`` does that only when asked to explicitly.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.client import segment
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import Field, lower, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

USED_HINT = "the idTag is taken: another tenant or community has it (a community someone else leads is not visible here)"

FIELDS = (
    Field("community", api="idTag", normalize=lower),
    Field("name", api="name", normalize=stripped),
    Field("profile_pic", api="profilePic", normalize=stripped),
    Field("app_domain", api="appDomain", normalize=lower),
    Field("invite_ref", api="inviteRef", transient=True),
    Field("type", read_only=True, default="community"),
    Field("created_at", read_only=True),
)


def canonical(raw):
    return {"community": raw.get("idTag"), "name": raw.get("name"), "profile_pic": raw.get("profilePic"),
            "type": raw.get("type"), "created_at": raw.get("createdAt"), "id": raw.get("idTag")}


class Communities(Resource):
    """Communities the connected tenant leads; ``purge`` lets ``absent`` purge one (admin)."""

    name = "community"
    plural = "communities"
    fields = FIELDS

    def __init__(self, purge=False):
        self.purge = purge
        self.answer = None

    @staticmethod
    def key(item):
        return item.get("community")

    def read(self, ctx, items, complete):
        if self.purge:
            # a purge concerns the tenant, which the admin list shows whoever leads it
            found = []
            for item in items:
                found.extend(canonical(raw) for raw in ctx.tenants({"q": item["community"]}) if raw.get("idTag") == item["community"])
            return found
        found = []
        for item in items:
            raw = ctx.client.data("GET", "/api/profiles/%s" % segment(item["community"]))
            if isinstance(raw, dict):
                found.append(canonical(raw))
        return found

    @staticmethod
    def find(current, item):
        return next((found for found in current if found["community"] == item["community"]), None)

    @staticmethod
    def resolve(ctx, item, current):
        if current is not None and current.get("type") not in (None, "community"):
            raise ResourceError("community %r: the tenant knows %r as a %s profile, not a community"
                                % (item["community"], item["community"], current.get("type")))
        if current is not None:
            # used only at creation: the profile answer has no app domain, and may have no picture to compare with
            unseen = [name for name in ("app_domain", "profile_pic") if item.get(name) is not None and current.get(name) is None]
            if unseen:
                ctx.warn("community %r exists: %s %s used only when a community is created, and the server does not show "
                         "%s, so the value given is not compared and nothing is changed"
                         % (item["community"], " and ".join(unseen), "are" if len(unseen) > 1 else "is",
                            "them" if len(unseen) > 1 else "it"))

    def check_deletions(self, ctx, deletions, force):
        people = [found["community"] for found in deletions if found.get("type") not in (None, "community")]
        if people:
            raise ResourceError("community %r: the server's tenant of that name is not a community (type %s); "
                                "this module never purges other tenants" % (people[0], deletions[0].get("type")))
        if not self.purge:
            raise ResourceError("community %r: the server has no route to delete a community; state=absent purges its "
                                "tenant and everything it holds, only with purge=true (needs the server's admin)"
                                % deletions[0]["community"])

    def create(self, ctx, item):
        body = {"type": "domain"}
        for field in FIELDS:
            if field.api and field.name in item and field.name != "community":
                body[field.api] = item[field.name]
        try:
            self.answer = ctx.client.data("PUT", "/api/profiles/%s" % segment(item["community"]), body=body)
        except ApiError as exc:
            if exc.code == "E-VAL-INVALID" and "used" in str(exc.message):
                raise exc.with_hint(USED_HINT)
            raise
        return {"id": None}

    def write(self, ctx, current, route, values, item):
        raise ResourceError("community %r cannot be changed through the API" % current["community"])

    @staticmethod
    def delete(ctx, current):
        ctx.client.call("POST", "/api/admin/tenants/%s/purge" % segment(current["community"]),
                        body={"confirmIdTag": current["community"]})

    def refresh(self, ctx, obj):
        return dict(obj, **canonical(self.answer)) if isinstance(self.answer, dict) else obj

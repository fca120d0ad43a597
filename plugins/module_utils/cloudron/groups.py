# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudron groups as a resource: name identity and members by username."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import USER_MANAGER
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.users import name_problem
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import SET, Field, lower
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

FIELDS = (
    Field("id", read_only=True),
    Field("name", api="name", normalize=lower),
    Field("members", type="list", elements="str", normalize=lower, compare=SET, create=False, route="members", default=[]),
    Field("source", read_only=True, default=""),
)


class Groups(Resource):
    """The group resource for the engine."""

    name = "group"
    plural = "groups"
    fields = FIELDS

    @staticmethod
    def key(item):
        return item.get("name")

    @staticmethod
    def validate(item):
        return [problem for problem in [name_problem("name", item.get("name"))] if problem]

    @staticmethod
    def canonical(ctx, raw):
        return {
            "id": raw.get("id"),
            "name": raw.get("name"),
            "members": ctx.members_of(raw.get("id")),
            "source": raw.get("source") or "",
        }

    def read(self, ctx, items, complete):
        return [self.canonical(ctx, group) for group in ctx.groups()]

    @staticmethod
    def find(current, item):
        for group in current:
            if group["name"] == item["name"]:
                return group
        return None

    @staticmethod
    def resolve(ctx, item, current):
        if "members" in item:
            ctx.require_existing("members", "user", item["members"], ctx.known_user_labels())
            item["members"] = ctx.canonical_user_labels(item["members"])

    @staticmethod
    def create(ctx, item):
        created = ctx.client.call("POST", "/groups", body={"name": item["name"]}, role=USER_MANAGER)
        return {"id": created["id"]}

    @staticmethod
    def write(ctx, current, route, values, item):
        if route != "members":  # pragma: no cover - the field table and this dispatch are kept together
            raise ValueError(route)
        ctx.client.call("PUT", "/groups/%s/members" % current["id"], body={"userIds": ctx.user_ids(values["members"])},
                        role=USER_MANAGER)

    @staticmethod
    def delete(ctx, current):
        ctx.client.call("DELETE", "/groups/%s" % current["id"], role=USER_MANAGER)

    @staticmethod
    def protected(ctx, current):
        """Groups of an external directory are never removed by ``overridden``."""
        return bool(current["source"])

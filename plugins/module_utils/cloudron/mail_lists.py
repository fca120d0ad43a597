# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudron mailing lists as a resource: ``name@domain`` with members as a set of addresses.

The update route needs the members and both flags at once; the unchanged ones come from the current state.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import MAIL_MANAGER
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_names import MailObjects, mail_addresses
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import SET, Field, lower
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

LIST = "list"

FIELDS = (
    Field("name", api="name", normalize=lower),
    Field("domain", api="domain", normalize=lower),
    Field("members", type="list", elements="str", parse=mail_addresses, normalize=lower, compare=SET, route=LIST, default=[]),
    Field("members_only", type="bool", route=LIST, default=False),
    Field("active", type="bool", route=LIST, default=True),
)


class MailLists(MailObjects, Resource):
    """The mailing list resource for the engine."""

    name = "list"
    plural = "lists"
    collection = "lists"
    fields = FIELDS
    required_on_create = ("members",)

    def validate(self, item):
        return self.identity_problems(item)

    @staticmethod
    def canonical(raw, domain):
        return {
            "name": raw.get("name"),
            "domain": raw.get("domain") or domain,
            "members": sorted(lower(member) for member in raw.get("members") or []),
            "members_only": bool(raw.get("membersOnly")),
            "active": raw.get("active", True),
        }

    def read(self, ctx, items, complete):
        search = items[0]["name"] if len(items) == 1 and not complete else None
        return [self.canonical(raw, domain) for domain in self.domains_to_read(ctx, items)
                for raw in self.list_domain(ctx, domain, search)]

    def create(self, ctx, item):
        body = {"name": item["name"], "members": item["members"]}
        if "members_only" in item:
            body["membersOnly"] = item["members_only"]
        if "active" in item:
            body["active"] = item["active"]
        ctx.client.call("POST", self.path(item["domain"]), body=body, role=MAIL_MANAGER)
        return {"id": None, "name": item["name"], "domain": item["domain"]}

    def write(self, ctx, current, route, values, item):
        if route != LIST:  # pragma: no cover - the field table and this dispatch are kept together
            raise ValueError(route)
        merged = dict(current)
        merged.update(values)
        body = {"members": merged["members"], "membersOnly": merged["members_only"], "active": merged["active"]}
        ctx.client.call("POST", self.path(current["domain"], current["name"]), body=body, role=MAIL_MANAGER)

    def delete(self, ctx, current):
        ctx.client.call("DELETE", self.path(current["domain"], current["name"]), role=MAIL_MANAGER)

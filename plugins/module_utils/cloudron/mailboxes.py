# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudron mailboxes as a resource: ``name@domain``, an owner by name, quotas as sizes, aliases as a set.

The owner, flags and quotas change through one route that needs all of them at once; aliases through
their own route, which replaces the whole list.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_fields import size_in_bytes
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import MAIL_MANAGER
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_names import (
    MailObjects, mail_key, mail_names, split_address,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import SET, Field, lower
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

OWNER_TYPES = ("user", "group")
MAILBOX = "mailbox"
ALIASES = "aliases"

FIELDS = (
    Field("name", api="name", normalize=lower),
    Field("domain", api="domain", normalize=lower),
    Field("owner", normalize=lower, route=MAILBOX),
    Field("owner_type", choices=OWNER_TYPES, route=MAILBOX, default="user"),
    Field("active", type="bool", route=MAILBOX, default=True),
    Field("enable_pop3", type="bool", route=MAILBOX, default=False),
    Field("storage_quota", type="raw", normalize=size_in_bytes, minimum=0, route=MAILBOX, default=0),
    Field("messages_quota", type="raw", normalize=size_in_bytes, minimum=0, route=MAILBOX, default=0),
    Field("aliases", type="list", elements="str", parse=mail_names, normalize=lower, compare=SET, create=False,
          route=ALIASES, default=[]),
)


def alias_addresses(raw, domain):
    return sorted("%s@%s" % (lower(alias.get("name")), lower(alias.get("domain") or domain)) for alias in raw or [])


class Mailboxes(MailObjects, Resource):
    """The mailbox resource for the engine.

    ``delete_mails`` is sent with every deletion; ``read_aliases`` reads every mailbox's aliases even when no
    item manages them (info modules), where the server's list does not carry them.
    """

    name = "mailbox"
    plural = "mailboxes"
    collection = "mailboxes"
    fields = FIELDS
    required_on_create = ("owner",)

    def __init__(self, delete_mails=False, domains=None, read_aliases=False):
        super().__init__(domains)
        self.delete_mails = bool(delete_mails)
        self.read_aliases = read_aliases

    def validate(self, item):
        problems = self.identity_problems(item)
        if mail_key(item) in (item.get("aliases") or []):
            problems.append("aliases: %r is the mailbox's own address" % mail_key(item))
        return problems

    @staticmethod
    def canonical(ctx, raw, domain, aliases):
        owner_type = raw.get("ownerType") or "user"
        mailbox = {
            "name": raw.get("name"),
            "domain": raw.get("domain") or domain,
            "owner": ctx.owner_label(raw.get("ownerId"), owner_type),
            "owner_type": owner_type,
            "active": raw.get("active", True),
            "enable_pop3": bool(raw.get("enablePop3")),
            "storage_quota": raw.get("storageQuota") or 0,
            "messages_quota": raw.get("messagesQuota") or 0,
            # not an option: the id the update route needs when the owner does not change
            "owner_id": raw.get("ownerId"),
        }
        if aliases is not None:
            mailbox["aliases"] = aliases
        return mailbox

    def read(self, ctx, items, complete):
        """One paged list per domain; aliases from the list when it carries them, else one read per mailbox
        whose item manages them (every mailbox without items, or with ``read_aliases``)."""
        self.check_claims(items)
        search = items[0]["name"] if len(items) == 1 and not complete else None
        declared = set(mail_key(item) for item in items if "aliases" in item)
        result = []
        for domain in self.domains_to_read(ctx, items):
            listed = self.list_domain(ctx, domain, search)
            carried = all("aliases" in mailbox for mailbox in listed)
            for mailbox in listed:
                address = "%s@%s" % (lower(mailbox.get("name")), domain)
                if carried:
                    aliases = alias_addresses(mailbox["aliases"], domain)
                elif self.read_aliases or not items or address in declared:
                    answer = ctx.client.call("GET", self.path(domain, mailbox.get("name")) + "/aliases", role=MAIL_MANAGER)
                    aliases = alias_addresses(answer.get("aliases"), domain)
                else:
                    aliases = None  # not managed here: not worth a request per mailbox
                result.append(self.canonical(ctx, mailbox, domain, aliases))
        return result

    @staticmethod
    def check_claims(items):
        """An address claimed twice in the input (as an alias of two mailboxes, or as a mailbox and an alias)
        would fail on the server part-way; refuse it before anything is written."""
        owners = dict((mail_key(item), "mailbox %s" % mail_key(item)) for item in items)
        problems = []
        for item in items:
            for alias in item.get("aliases") or []:
                claimed = owners.get(alias)
                if claimed and claimed != "alias of %s" % mail_key(item):
                    problems.append("%s: aliases: %r is already %s" % (mail_key(item), alias, claimed))
                owners.setdefault(alias, "alias of %s" % mail_key(item))
        if problems:
            raise ResourceError("; ".join(problems))

    @staticmethod
    def resolve(ctx, item, current):
        key = mail_key(item)
        if "owner" in item:
            item.setdefault("owner_type", "user")  # an owner given alone is a user
        owner = item.get("owner", (current or {}).get("owner"))
        if "owner_type" in item and owner is not None:
            if item["owner_type"] == "group":
                ctx.require_existing("%s: owner" % key, "group", [owner], ctx.known_group_names())
            else:
                ctx.require_existing("%s: owner" % key, "user", [owner], ctx.known_user_labels())
                if "owner" in item:  # an owner given by email is shown by username, as the server's answers are
                    item["owner"] = ctx.canonical_user_labels([owner])[0]
        if item.get("aliases"):
            # domains of aliases the mailbox already has are mail domains; only new ones need the domain list
            known = set([item["domain"]] + [alias.split("@")[1] for alias in (current or {}).get("aliases") or []])
            new = set(alias.split("@")[1] for alias in item["aliases"]) - known
            if new:
                ctx.require_existing("%s: aliases" % key, "mail domain", new, ctx.domain_names())

    def create(self, ctx, item):
        owner_type = item.get("owner_type", "user")
        owner_id = ctx.owner_id(item["owner"], owner_type)
        if owner_id is None:
            raise ResourceError("%s: owner: %s %r does not exist" % (mail_key(item), owner_type, item["owner"]))
        body = {"name": item["name"], "ownerId": owner_id, "ownerType": owner_type, "active": item.get("active", True)}
        for option, api in (("enable_pop3", "enablePop3"), ("storage_quota", "storageQuota"), ("messages_quota", "messagesQuota")):
            if option in item:
                body[api] = item[option]
        ctx.client.call("POST", self.path(item["domain"]), body=body, role=MAIL_MANAGER)
        return {"id": None, "name": item["name"], "domain": item["domain"]}

    def write(self, ctx, current, route, values, item):
        path = self.path(current["domain"], current["name"])
        if route == ALIASES:
            body = {"aliases": [split_address(alias) for alias in values["aliases"]]}
            ctx.client.call("PUT", path + "/aliases", body=body, role=MAIL_MANAGER)
            return
        if route != MAILBOX:  # pragma: no cover - the field table and this dispatch are kept together
            raise ValueError(route)
        # the server needs the owner, the flags and the quotas together: the unchanged ones come from the current state
        merged = dict(current)
        merged.update(values)
        if "owner" in values or "owner_type" in values or not current.get("owner_id"):
            owner_id = ctx.owner_id(merged["owner"], merged["owner_type"])
            if owner_id is None:
                raise ResourceError("%s: owner: %s %r does not exist" % (mail_key(current), merged["owner_type"], merged["owner"]))
        else:
            owner_id = current["owner_id"]
        body = {"ownerId": owner_id, "ownerType": merged["owner_type"], "active": merged["active"],
                "enablePop3": merged["enable_pop3"], "storageQuota": merged["storage_quota"],
                "messagesQuota": merged["messages_quota"]}
        ctx.client.call("POST", path, body=body, role=MAIL_MANAGER)

    def delete(self, ctx, current):
        ctx.client.call("DELETE", self.path(current["domain"], current["name"]), body={"deleteMails": self.delete_mails},
                        role=MAIL_MANAGER)

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What mailboxes and mailing lists share: the ``name`` + ``domain`` identity, address rules and the per-domain read.

Both live under ``/mail/:domain/<collection>/:name``, are keyed by ``name@domain`` and are read with one
paged list per domain (1000 per page, as the dashboard asks).
"""

from __future__ import annotations

import re

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.domains import DOMAIN_PATTERN
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.users import EMAIL_PATTERN
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import lower

MAIL_PAGE_SIZE = 1000
# Mailbox, list and alias names: a-zA-Z0-9.- and 1 to 199 characters, stored lower-case (compared after lower-casing).
MAIL_NAME_PATTERN = re.compile(r"^[a-z0-9.-]{1,199}$")


def mail_key(item):
    """``name@domain``, lower-case: how mailboxes and lists are named in options, plans and errors."""
    name, domain = lower(item.get("name")), lower(item.get("domain"))
    if not name or not domain or not isinstance(name, str) or not isinstance(domain, str):
        return name or None
    return "%s@%s" % (name, domain)


def name_problem(option, value):
    if value is None:
        return "%s is required" % option
    if "@" in value:
        return "%s %r must be the part before the @; give the domain in domain" % (option, value)
    if not MAIL_NAME_PATTERN.match(value):
        return "%s %r must be 1 to 199 letters, digits, dots and -" % (option, value)
    return None


def domain_problem(option, value):
    if value is None:
        return "%s is required" % option
    if not DOMAIN_PATTERN.match(value):
        return "%s %r is not a valid domain name" % (option, value)
    return None


def mail_addresses(value):
    """A list of email addresses, lower-case and each checked (list members and catch-all: any address, also elsewhere)."""
    result = []
    for entry in value:
        address = lower(entry)
        if not isinstance(address, str) or not EMAIL_PATTERN.match(address):
            raise ValueError("%r is not an email address" % (entry,))
        result.append(address)
    return result


def mail_names(value):
    """Addresses on this server (aliases): ``name@domain`` with a valid mail name and domain."""
    result = []
    for address in mail_addresses(value):
        name, domain = address.split("@")
        if not MAIL_NAME_PATTERN.match(name) or not DOMAIN_PATTERN.match(domain):
            raise ValueError("%r is not an address name@domain with a valid name (letters, digits, dots, -) "
                             "and domain" % address)
        result.append(address)
    return result


def split_address(address):
    name, domain = address.split("@")
    return {"name": name, "domain": domain}


class MailObjects:
    """Shared behaviour of mailboxes and mailing lists (mixed into a ``Resource``).

    ``collection`` is the path segment and the list key (``mailboxes``, ``lists``). ``domains`` limits
    reads without items (gathered, info) to these domains; otherwise they cover every Cloudron domain.
    """

    collection = None

    def __init__(self, domains=None):
        self.scope = sorted(set(lower(domain) for domain in domains)) if domains else None

    @staticmethod
    def key(item):
        return mail_key(item)

    @staticmethod
    def identity_problems(item, partial=False):
        """What is wrong with ``name`` and ``domain``; with ``partial`` only those given are checked (info filters)."""
        checks = (("name", name_problem), ("domain", domain_problem))
        problems = [check(option, item.get(option)) for option, check in checks if not partial or item.get(option) is not None]
        return [problem for problem in problems if problem]

    @staticmethod
    def find(current, item):
        key = mail_key(item)
        for obj in current:
            if mail_key(obj) == key:
                return obj
        return None

    def path(self, domain, name=None):
        path = "/mail/%s/%s" % (domain, self.collection)
        return path + "/" + name if name else path

    def domains_to_read(self, ctx, items):
        """The domains the items name; without items the resource's scope, else every Cloudron domain."""
        if items:
            return sorted(set(item["domain"] for item in items))
        return self.scope or ctx.domain_names()

    def list_domain(self, ctx, domain, search=None):
        """Every object of one domain (one page of 1000 in most cases). A domain that does not exist is a warning
        in check mode (an earlier task may add it) and an error otherwise."""
        try:
            return ctx.client.list_all(self.path(domain), self.collection, params={"search": search} if search else None,
                                       ident="name", per_page=MAIL_PAGE_SIZE)
        except ApiError as exc:
            if not exc.missing:
                raise
            text = "domain %r has no mail domain on the server (%s); add it as a Cloudron domain first" % (domain, exc.message)
            if ctx.check_mode:
                ctx.warn(text + "; assuming an earlier task adds it (check mode)")
                return []
            raise ResourceError(text)

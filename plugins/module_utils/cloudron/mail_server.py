# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The server-wide mail settings of Cloudron as a singleton resource.

Each setting has its own GET/POST route under ``/mailserver`` (the spam allow and block lists share
one), so only the routes of the settings given are read, and each route that differs is written
once. Moving the mail server (``location``) is a task, waited on like the other tasks.
"""

from __future__ import annotations

import re

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_fields import size_in_bytes
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import SET, DictField, Field, lower, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Singleton
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import wait_for_task

ADMIN = "admin"
LOCATION_OPTIONS = {"domain": {"type": "str", "required": True}, "subdomain": {"type": "str", "required": True}}
# A subdomain: dot-separated labels of letters, digits and -, none starting or ending with -.
SUBDOMAIN_PATTERN = re.compile(r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")


def location(value):
    return dict((key, lower(item)) for key, item in value.items())


def enabled(answer):
    """A switch's state; the mailbox sharing route has been seen answering ``enable`` as well as ``enabled``."""
    return answer.get("enabled", answer.get("enable"))


# route: the setting's own path under /mailserver, read with GET and written with POST.
# api: the key of the setting in both bodies (settings sharing a route are read from and written in one body).
FIELDS = (
    Field("max_email_size", api="size", type="raw", normalize=size_in_bytes, minimum=1, route="max_email_size"),
    Field("dnsbl_zones", api="zones", type="list", elements="str", normalize=lower, compare=SET, route="dnsbl_config"),
    Field("full_text_search", api="enabled", type="bool", route="solr_config"),
    Field("mailbox_sharing", api="enabled", type="bool", route="mailbox_sharing"),
    Field("virtual_all_mail", api="enabled", type="bool", route="virtual_all_mail"),
    Field("spam_allowlist", api="whitelist", type="list", elements="str", normalize=lower, compare=SET, route="spam_acl"),
    Field("spam_blocklist", api="blacklist", type="list", elements="str", normalize=lower, compare=SET, route="spam_acl"),
    Field("spam_custom_config", api="config", normalize=stripped, route="spam_custom_config"),
    # last: the only setting that runs a task
    DictField("location", LOCATION_OPTIONS, normalize=location, route="location"),
)
NAMES = tuple(field.name for field in FIELDS)


class MailServer(Singleton):
    """The mail server's settings; an item names the settings it manages.

    ``task_id`` is the location task this run started (None when the location did not change).
    """

    name = "mail_server"
    plural = "mail_servers"
    fields = FIELDS
    # Reading the settings routes already fails on a server without them; check mode adds no status read.
    check_server_in_check_mode = False

    def __init__(self, wait=True, wait_timeout=900):
        self.wait = wait
        self.wait_timeout = wait_timeout
        self.task_id = None

    @staticmethod
    def validate(item):
        wanted = item.get("location")
        if wanted is None:
            return []
        problems = []
        if not wanted.get("domain"):
            problems.append("location.domain must not be empty")
        subdomain = wanted.get("subdomain")
        if subdomain is None or subdomain and not SUBDOMAIN_PATTERN.match(subdomain):
            problems.append("location.subdomain %r is not a valid subdomain" % (subdomain,))
        return problems

    def read(self, ctx, items, complete):
        """The settings named by the item (every setting when it names none or ``complete``), one GET per route."""
        names = set(items[0]) if items and items[0] and not complete else set(NAMES)
        found, answers = {}, {}
        for field in FIELDS:
            if field.name not in names:
                continue
            if field.route not in answers:
                answers[field.route] = ctx.client.call("GET", "/mailserver/%s" % field.route, role=ADMIN)
            answer = answers[field.route]
            if field.route == "location":
                found[field.name] = {"domain": answer.get("domain"), "subdomain": answer.get("subdomain")}
            elif field.type == "bool":
                found[field.name] = enabled(answer)
            else:
                found[field.name] = answer.get(field.api)
        # kept out of results (not a field): the answers as read, so a route shared by two settings is written
        # with the stored value of the one not given
        found["stored_answers"] = answers
        return [found]

    @staticmethod
    def check_updates(ctx, updates):
        """A new location must be on a domain of this server: checked before anything is written (in check mode a
        warning, in case an earlier task adds the domain)."""
        for change in updates:
            wanted = change.writes.get("location")
            if wanted is not None:
                known = [lower(domain.get("domain")) for domain in ctx.client.call("GET", "/domains").get("domains") or []]
                ctx.require_existing("location.domain", "domain", [wanted["domain"]], known)

    def write(self, ctx, current, route, values, item):
        path = "/mailserver/%s" % route
        if route == "location":
            answer = ctx.client.call("POST", path, body=dict(values["location"]), role=ADMIN)
            self.task_id = answer.get("taskId")
            if self.wait and self.task_id is not None:
                wait_for_task(ctx.tasks, self.task_id, self.wait_timeout, progress=ctx.progress)
            return None
        stored = (current.get("stored_answers") or {}).get(route) or {}
        body = {}
        for field in FIELDS:
            if field.route == route:
                # a setting that shares the route but is not given goes back as the server answered it
                body[field.api] = values[field.name] if field.name in values else stored.get(field.api, [] if field.elements else None)
        if route == "mailbox_sharing":
            # the vendor's dashboard sends {enable}, its API document {enabled}: servers read one of them
            body["enable"] = body["enabled"]
        ctx.client.call("POST", path, body=body, role=ADMIN)
        return None

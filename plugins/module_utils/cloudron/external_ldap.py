# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The external directory Cloudron takes its users and groups from (``/external_ldap/config``, facts 7.14), and its
sync task (``POST /external_ldap/sync``, 202 ``{taskId}``, task type ``syncExternalLdap``, facts 4).

One GET gives the configuration; a change is written as the whole object. For the same provider that is what the
server answered (the bind password as it showed it, masked or not) with the settings given over it; a new provider
gets only the settings given, none of the old provider's. Provider ``noop`` turns the external directory off.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.box_tasks import BoxTask
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.write_only import add_given_secret
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import Field, lower, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Singleton

ADMIN = "admin"
ROUTE = "/external_ldap/config"
SYNC_ROUTE = "/external_ldap/sync"
SYNC_TASK = "syncExternalLdap"
CONFIG = "config"  # the one write route of every field
OFF = "noop"
PASSWORD = "bind_password"

FIELDS = (
    Field("provider", api="provider", normalize=lower, route=CONFIG),
    Field("url", api="url", normalize=stripped, route=CONFIG),
    Field("base_dn", api="baseDn", normalize=stripped, route=CONFIG),
    Field("username_field", api="usernameField", normalize=stripped, route=CONFIG),
    Field("filter", api="filter", normalize=stripped, route=CONFIG),
    Field("group_base_dn", api="groupBaseDn", normalize=stripped, route=CONFIG),
    Field("bind_dn", api="bindDn", normalize=stripped, route=CONFIG),
    Field(PASSWORD, api="bindPassword", secret=True, route=CONFIG),
)
SETTINGS = tuple(field for field in FIELDS if not field.secret)


class ExternalLdap(Singleton):
    """The external directory's configuration; with ``sync``, a sync is asked for after it converges."""

    name = "external_ldap"
    plural = "external_ldaps"
    fields = FIELDS
    # Reading the route already fails on a server without it; check mode adds no status read.
    check_server_in_check_mode = False

    def __init__(self, sync=False, wait=True, wait_timeout=900):
        self.sync = sync
        self.task = BoxTask(SYNC_TASK, wait=wait, wait_timeout=wait_timeout)

    def read(self, ctx, items, complete):
        answer = ctx.client.call("GET", ROUTE, role=ADMIN)
        found = dict((field.name, answer.get(field.api)) for field in SETTINGS)
        # kept out of results (not a field): the configuration as the server answered it, bind password included
        found["stored_answer"] = dict(answer)
        return [found]

    def resolve(self, ctx, item, current):
        provider = item.get("provider", current.get("provider") if current else None)
        if self.sync and provider in (None, OFF):
            raise ResourceError("sync needs an external directory to sync from, but provider is %s" % (provider or "not set"))

    @staticmethod
    def switches(change):
        return change.item.get("provider", change.current.get("provider")) != change.current.get("provider")

    def check_updates(self, ctx, updates):
        """A bind password the server does not show cannot be kept; a new provider with a bind DN needs its password."""
        for change in updates:
            if PASSWORD in change.item:
                continue
            stored = change.current.get("stored_answer") or {}
            provider = change.item.get("provider", change.current.get("provider"))
            if self.switches(change):
                if provider != OFF and change.item.get("bind_dn"):
                    raise ResourceError("bind_password is needed with bind_dn when the provider changes to %s: the old "
                                        "provider's settings are not kept" % provider)
            elif change.item.get("bind_dn", change.current.get("bind_dn")) and not stored.get("bindPassword"):
                raise ResourceError("bind_password is needed to change the external directory: the server does not show "
                                    "the stored bind password, so it cannot be kept")
        add_given_secret(updates, PASSWORD)

    def predict(self, current, item, after):
        """A provider switch leaves only the settings given."""
        if item.get("provider", current.get("provider")) != current.get("provider"):
            after = dict((field.name, item.get(field.name)) for field in SETTINGS)
        return after

    def write(self, ctx, current, route, values, item):
        stored = current.get("stored_answer") or {}
        provider = item.get("provider", current.get("provider"))
        body = dict(stored) if provider == current.get("provider") else {}
        body.update((field.api, item[field.name]) for field in FIELDS if field.name in item)
        body["provider"] = provider
        ctx.client.call("POST", ROUTE, body=body, role=ADMIN)

    def start_sync(self, ctx):
        """Resume a running sync or start one, and wait for it (per ``wait``); returns the task id."""
        self.task.find(ctx)
        return self.task.run(ctx, lambda: ctx.client.call("POST", SYNC_ROUTE, role=ADMIN))

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The LDAP server Cloudron exposes to other machines (``/directory_server/config``, facts 7.14) as a singleton.

One GET gives ``{enabled, secret, allowlist}``; a change is written as the whole object. The secret (the bind
password clients use) is write-only: it is never compared, and a write that does not set it sends the stored one
back as the server answered it (masked or not), the way the vendor's dashboard does for masked secrets. A server
that does not show it at all cannot have it kept, and an enabled directory server needs one, so such a write
without ``secret`` is refused before anything is sent.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.ip_entries import checked, lines, merged_text, spelling
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.write_only import add_given_secret
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import SET, Field
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Singleton

ADMIN = "admin"
ROUTE = "/directory_server/config"
CONFIG = "config"  # the one write route of every field
SECRET = "secret"

FIELDS = (
    Field("enabled", api="enabled", type="bool", route=CONFIG),
    Field("allowlist", api="allowlist", type="list", elements="str", parse=checked, normalize=spelling, compare=SET,
          route=CONFIG),
    Field(SECRET, api="secret", secret=True, route=CONFIG),
)


class DirectoryServer(Singleton):
    """The directory server's settings."""

    name = "directory_server"
    plural = "directory_servers"
    fields = FIELDS
    # Reading the route already fails on a server without it; check mode adds no status read.
    check_server_in_check_mode = False

    def read(self, ctx, items, complete):
        answer = ctx.client.call("GET", ROUTE, role=ADMIN)
        return [{
            "enabled": bool(answer.get("enabled")),
            "allowlist": lines(answer.get("allowlist") or ""),
            # kept out of results (not a field): the secret as the server answered it (masked, plain or absent)
            "stored_answer": dict(answer),
        }]

    @staticmethod
    def check_updates(ctx, updates):
        """An enabled directory server needs a secret: given, or one the server showed and so can be sent back."""
        for change in updates:
            stored = change.current.get("stored_answer") or {}
            enabled = change.writes.get("enabled", change.current.get("enabled"))
            if enabled and SECRET not in change.item and not stored.get("secret"):
                raise ResourceError("secret is needed to %s the directory server: the server shows no stored secret "
                                    "that could be kept" % ("enable" if "enabled" in change.writes else "change"))
        add_given_secret(updates, SECRET)

    def write(self, ctx, current, route, values, item):
        stored = current.get("stored_answer") or {}
        body = {
            "enabled": values.get("enabled", current.get("enabled")),
            # the server's comments stay (an allowlist not given goes back exactly as stored)
            "allowlist": merged_text(stored.get("allowlist") or "", values["allowlist"]) if "allowlist" in values
            else stored.get("allowlist") or "",
        }
        secret = item.get(SECRET, stored.get("secret"))
        if secret is not None:
            body["secret"] = secret
        ctx.client.call("POST", ROUTE, body=body, role=ADMIN)

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The token user's own app passwords (facts 7.11): a name and what they open, one app or mail; the password shown once.

The API names what a password opens by ``identifier``: an app id, or ``mail``. Here an app is named by its FQDN,
resolved through the apps the token's user can see; an id no listed app has is shown as the id.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.credentials import RECREATE, OwnCredentials
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import Field, lower, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

MAIL = "mail"

FIELDS = (
    Field("id", read_only=True),
    Field("name", normalize=stripped),
    Field("app", normalize=lower, route=RECREATE),
    Field("mail", type="bool", route=RECREATE, default=False),
    Field("creation_time", read_only=True),
)


class AppPasswords(OwnCredentials, Resource):
    """App passwords of the token's user."""

    name = "app_password"
    plural = "app_passwords"
    fields = FIELDS
    path = "/app_passwords"
    list_key = "appPasswords"
    secret_key = "password"
    fresh_fields = ("creation_time",)

    def __init__(self, recreate=False):
        super().__init__(recreate)
        self.app_ids = {}  # FQDN -> app id, for the apps items name

    def validate(self, item):
        problems = super().validate(item)
        if item.get("app") and item.get("mail"):
            problems.append("app and mail=true: an app password opens one app or mail, not both")
        if item.get("mail") is False and not item.get("app"):
            problems.append("mail=false names nothing to open; give app")
        return problems

    def canonical(self, ctx, raw):
        identifier = raw.get("identifier")
        return {
            "id": raw.get("id"),
            "name": raw.get("name"),
            "app": None if identifier == MAIL or identifier is None else ctx.app_fqdn(identifier),
            "mail": identifier == MAIL,
            "creation_time": raw.get("creationTime"),
        }

    def merged(self, current, item):
        """What it opens comes from the item whole: an app given means not mail, mail given means no app."""
        wanted = super().merged(current, item)
        if item.get("app"):
            wanted["mail"] = False
        elif item.get("mail"):
            wanted["app"] = None
        return wanted

    def resolve(self, ctx, item, current):
        if current is None and not item.get("app") and not item.get("mail"):
            raise ResourceError("app password %r does not exist; creating it needs app or mail=true" % item["name"])
        if item.get("app"):
            found = ctx.app_id(item["app"])
            # in check mode an app an earlier task installs is a warning; the run needs it
            ctx.require_existing("app", "app", [item["app"]], [item["app"]] if found else [])
            self.app_ids[item["app"]] = found
        super().resolve(ctx, item, current)

    def body(self, ctx, item):
        return {"name": item["name"], "identifier": MAIL if item.get("mail") else self.app_ids[item["app"]]}

    def created_object(self, ctx, answer, item):
        """The create answer has only the id and the password; the rest is what was asked for."""
        return {"id": answer["id"], "name": item["name"], "app": None if item.get("mail") else item["app"],
                "mail": bool(item.get("mail")), "creation_time": None}

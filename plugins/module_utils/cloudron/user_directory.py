# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The user directory's profile settings (locked user profiles, mandatory two-factor login) as a singleton.

The route is decided once, in the version table (``versions.USER_DIRECTORY_ROUTE``), never by trying one route and
falling back to another: a server without it fails the read with its own "No such route", naming the route.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.versions import USER_DIRECTORY_ROUTE
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import Field
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Singleton

ADMIN = "admin"
CONFIG = "profile_config"  # the one write route of every field: the server takes both settings in one body
NO_ROUTE_HINT = ("the server does not know this route; the module uses the vendor spec's %s for every supported "
                 "version (/user_directory/profile_config, in the spec's request samples, is unverified)" % USER_DIRECTORY_ROUTE)

FIELDS = (
    Field("lock_user_profiles", api="lockUserProfiles", type="bool", route=CONFIG),
    Field("mandatory_2fa", api="mandatory2FA", type="bool", route=CONFIG),
)


class UserDirectory(Singleton):
    """The profile settings."""

    name = "user_directory"
    plural = "user_directories"
    fields = FIELDS
    # Reading the route already fails on a server without it; check mode adds no status read.
    check_server_in_check_mode = False

    def read(self, ctx, items, complete):
        try:
            answer = ctx.client.call("GET", USER_DIRECTORY_ROUTE, role=ADMIN)
        except ApiError as exc:
            if exc.status == 404 and not exc.missing:
                raise exc.with_hint(NO_ROUTE_HINT) from None
            raise
        return [dict((field.name, answer.get(field.api)) for field in FIELDS)]

    def write(self, ctx, current, route, values, item):
        # both settings are required in the body: the one not given goes back as the server answered it
        body = dict((field.api, values.get(field.name, current.get(field.name))) for field in FIELDS)
        ctx.client.call("POST", USER_DIRECTORY_ROUTE, body=body, role=ADMIN)

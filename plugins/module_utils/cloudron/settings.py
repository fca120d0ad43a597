# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-wide Cloudron settings as a singleton resource. Each setting has its own GET/POST route
(8.0+, kept in this one table), so only the settings given are read, and only those that differ are
written, one request each, in table order.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import Field, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Singleton

ADMIN = "admin"


def cron_pattern(value):
    """Spacing in a cron pattern carries no meaning."""
    return " ".join(value.split())


# route: the setting's own path, read with GET and written with POST {api: value}
FIELDS = (
    Field("cloudron_name", api="name", normalize=stripped, route="/branding/cloudron_name"),
    Field("time_zone", api="timeZone", normalize=stripped, route="/cloudron/time_zone"),
    Field("language", api="language", normalize=stripped, route="/cloudron/language"),
    Field("footer", api="footer", route="/branding/footer"),
    Field("autoupdate_pattern", api="pattern", normalize=cron_pattern, route="/updater/autoupdate_pattern"),
    Field("dynamic_dns", api="enabled", type="bool", route="/network/dynamic_dns"),
)


class Settings(Singleton):
    """The settings of one server; an item names the settings it manages."""

    name = "settings"
    plural = "settings"
    fields = FIELDS
    # Reading the settings routes already fails on a server without them; check mode adds no status read.
    check_server_in_check_mode = False

    def read(self, ctx, items, complete):
        """The settings named by the item (every setting when it names none or ``complete``)."""
        names = set(items[0]) if items and items[0] and not complete else None
        found = dict((field.name, ctx.client.call("GET", field.route, role=ADMIN).get(field.api))
                     for field in FIELDS if names is None or field.name in names)
        return [found]

    def write(self, ctx, current, route, values, item):
        field = next(field for field in FIELDS if field.route == route)
        ctx.client.call("POST", route, body={field.api: values[field.name]}, role=ADMIN)

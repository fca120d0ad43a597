# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Server-wide Cloudron settings. Each has its own GET/POST route (8.0+), so only the settings
given are read, and only those that differ are written.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils._http import ApiError
from ansible_collections.selfhosted.platforms.plugins.module_utils._resource import Field, stripped, wanted

ADMIN = "admin"


def cron_pattern(value):
    """Spacing in a cron pattern carries no meaning."""
    return " ".join(value.split())


FIELDS = (
    Field("cloudron_name", api="name", normalize=stripped, route="/branding/cloudron_name"),
    Field("time_zone", api="timeZone", normalize=stripped, route="/cloudron/time_zone"),
    Field("language", api="language", normalize=stripped, route="/cloudron/language"),
    Field("footer", api="footer", route="/branding/footer"),
    Field("autoupdate_pattern", api="pattern", normalize=cron_pattern, route="/updater/autoupdate_pattern"),
    Field("dynamic_dns", api="enabled", type="bool", route="/network/dynamic_dns"),
)


class SettingError(Exception):
    """A setting the server refused; ``applied`` lists the settings written before it."""

    def __init__(self, name, error, applied):
        super().__init__("%s: %s" % (name, error))
        self.error = error
        self.applied = applied


def read(ctx, names=None):
    """The settings named, by option name; with ``names`` None, every setting this server has
    (a route it does not know is left out rather than failing a whole export)."""
    found = {}
    for field in FIELDS:
        if names is not None and field.name not in names:
            continue
        try:
            found[field.name] = ctx.client.call("GET", field.route, role=ADMIN).get(field.api)
        except ApiError as exc:
            if names is not None or exc.status != 404:
                raise
    return found


def converge(ctx, params):
    """Bring the settings given in ``params`` to their values; return ``(written, before, after)``.

    Nothing is written in check mode; ``written`` is what was (or would be) changed.
    """
    want = wanted(FIELDS, params)
    before = read(ctx, want)
    writes = dict((name, value) for name, value in want.items() if before.get(name) != value)
    if writes and not ctx.check_mode:
        ctx.client.require_supported()
        applied = []
        for field in FIELDS:
            if field.name not in writes:
                continue
            try:
                ctx.client.call("POST", field.route, body={field.api: writes[field.name]}, role=ADMIN)
            except ApiError as exc:
                raise SettingError(field.name, exc, applied)
            applied.append(field.name)
    after = dict(before)
    after.update(writes)
    return writes, before, after

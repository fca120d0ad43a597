# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-wide settings of 8.x/9.x, each its own GET/POST pair answering 200: time zone, language, name,
footer, automatic update schedule, dynamic DNS.

The real server's wording for a rejected value is not documented; the messages here are plausible ones.
"""

import re
import zoneinfo

from common.routing import Response

from .errors import ApiError

DEFAULTS = {
    "timeZone": "UTC",
    "language": "en",
    "cloudronName": "Cloudron",
    "footer": "&copy; %YEAR% [Cloudron](https://cloudron.io) %VERSION%",
    "autoupdatePattern": "00 00 1,3,5,23 * * *",
    "dynamicDns": False,
}
LANGUAGES = ("de", "en", "es", "fr", "it", "nl", "pl", "pt", "ru", "zh_Hans")
_ZONE_NAME = re.compile(r"^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Etc|Europe|Indian|Pacific)(/[A-Za-z0-9_+-]+)+$")
_CRON_FIELD = re.compile(r"^[0-9*,/-]+$")


def _time_zone(value):
    zones = zoneinfo.available_timezones()
    # Without a tz database on this machine, fall back to the shape of a zone name: Area/Location.
    known = value in zones if zones else bool(_ZONE_NAME.match(value))
    if not known and value != "UTC":
        raise ApiError(400, "Invalid timeZone")
    return value


def _language(value):
    if value not in LANGUAGES:
        raise ApiError(400, "Language %s not found" % value)
    return value


def _name(value):
    if not 1 <= len(value) <= 64:
        raise ApiError(400, "name must be 1 to 64 characters")
    return value


def _pattern(value):
    fields = value.split()
    if value != "never" and (len(fields) != 6 or not all(_CRON_FIELD.match(part) for part in fields)):
        raise ApiError(400, "pattern must be never or a cron pattern of 6 fields")
    return value


# route -> (body field, state key, type, check)
SETTINGS = {
    "/api/v1/cloudron/time_zone": ("timeZone", "timeZone", str, _time_zone),
    "/api/v1/cloudron/language": ("language", "language", str, _language),
    "/api/v1/branding/cloudron_name": ("name", "cloudronName", str, _name),
    "/api/v1/branding/footer": ("footer", "footer", str, lambda value: value),
    "/api/v1/updater/autoupdate_pattern": ("pattern", "autoupdatePattern", str, _pattern),
    "/api/v1/network/dynamic_dns": ("enabled", "dynamicDns", bool, lambda value: value),
}


def _getter(route):
    field, key, _kind, _check = SETTINGS[route]
    return lambda state, request: Response(200, {field: state.settings[key]})


def _setter(route):
    field, key, kind, check = SETTINGS[route]

    def handler(state, request):
        value = request.body.get(field)
        if value is None:
            raise ApiError(400, "%s is required" % field)
        if not isinstance(value, kind):
            raise ApiError(400, "%s must be a %s" % (field, "boolean" if kind is bool else "string"))
        state.settings[key] = check(value)
        return Response(200, {})
    return handler


def list_languages(state, request):
    return Response(200, {"languages": list(LANGUAGES)})


def register(router):
    for route in SETTINGS:
        router.add("GET", route, _getter(route), "admin")
        router.add("POST", route, _setter(route), "admin")
    router.add("GET", "/api/v1/cloudron/languages", list_languages, None)

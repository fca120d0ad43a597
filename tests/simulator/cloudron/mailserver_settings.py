# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The mail server's settings (``/mailserver/<setting>``): their defaults and how a POST body is checked.

Each setting is kept as the body its GET answers. The defaults are not documented; they are what a new server
plausibly has (no zones, no full text search, no sharing, 25 MiB). ``location`` None means the dashboard's own
location (``my.<domain>``), which is where a new server has its mail server.
"""

import copy

from .errors import ApiError

DEFAULTS = {
    "location": None,
    "max_email_size": {"size": 25 * 1024 * 1024},
    "dnsbl_config": {"zones": []},
    "solr_config": {"enabled": False},
    "mailbox_sharing": {"enabled": False},
    "virtual_all_mail": {"enabled": False},
    "spam_acl": {"whitelist": [], "blacklist": []},
    "spam_custom_config": {"config": ""},
}


def defaults():
    return copy.deepcopy(DEFAULTS)


def _size(body, switches):
    size = body["size"]
    if size <= 0:
        raise ApiError(400, "size must be a positive number")
    return {"size": size}


def _sharing(body, switches):
    # the 7.x dashboard sends {enable}, the spec {enabled}; switch mailbox_sharing_key says which one is read
    key = switches["mailbox_sharing_key"]
    if key not in body:
        raise ApiError(400, "%s is required" % key)
    if not isinstance(body[key], bool):
        raise ApiError(400, "%s must be boolean" % key)
    return {"enabled": body[key]}


def _copy(*names):
    """A check that keeps the named fields (the spec's schema, with the overlay, has checked their types)."""
    return lambda body, switches: {name: copy.deepcopy(body[name]) for name in names}


# setting -> function(body, switches) -> the new GET body, or 400
CHECKS = {
    "max_email_size": _size,
    "dnsbl_config": _copy("zones"),
    "solr_config": _copy("enabled"),
    "mailbox_sharing": _sharing,
    "virtual_all_mail": _copy("enabled"),
    "spam_acl": _copy("whitelist", "blacklist"),
    "spam_custom_config": _copy("config"),
}

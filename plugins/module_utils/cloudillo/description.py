# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A whole Cloudillo tenant (its stored settings, API keys, installed apps and communities, and, for the server's
admin, the proxy sites and the profiles it knows) as the description the bootstrap role takes.

Lists are sorted by identity, so the same tenant always gives the same description. Nothing secret is in it: an API
key is written as its name, scopes and expiry, and a secret setting (``settings.is_secret``) as its key alone, with a
placeholder for its value in the secrets skeleton beside the description.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.api_keys import ApiKeys
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.apps import Apps, app_key
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.communities import Communities
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.communities import canonical as community
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.profiles import Profiles, every_profile
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.profiles import canonical as profile
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.proxy_sites import ProxySites
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.settings import Settings, is_secret
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import PLACEHOLDER, described
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import canonical

# Always written, even when equal to a default, because they say what the entry is.
KEPT = ("key", "value", "name", "publisher", "domain", "backend_url", "community", "member")
COMMUNITY = "community"


def _described(resource, item, minimal):
    return described(resource.fields, canonical(resource.fields, item), minimal, KEPT)


def describe(ctx, minimal=False, admin=False):
    """``(description, secrets)`` of the tenant behind ``ctx``; ``admin`` adds the server's proxy sites and the member
    profiles (the admin's to read and to change)."""
    settings = Engine(Settings(), ctx).read([], complete=True)
    secret_settings = dict((item["key"], PLACEHOLDER) for item in settings if is_secret(item["key"]))
    keys = []
    for key in Engine(ApiKeys(), ctx).read([], complete=True):
        if key.get("name"):
            keys.append(_described(ApiKeys, key, minimal))
        else:
            # a key without a name cannot be told apart by the module that applies the description
            ctx.warn("API key %s has no name, so it is left out of the description" % key.get("key_prefix"))
    apps = Engine(Apps(), ctx).read([], complete=True)
    profiles = every_profile(ctx)
    description = {
        "settings": sorted(({"key": item["key"]} if item["key"] in secret_settings else {"key": item["key"], "value": item["value"]}
                            for item in settings), key=lambda item: item["key"]),
        "api_keys": sorted(keys, key=lambda item: item["name"]),
        "apps": sorted((_described(Apps, app, minimal) for app in apps), key=app_key),
    }
    if admin:
        sites = Engine(ProxySites(), ctx).read([], complete=True)
        description["proxy_sites"] = sorted((_described(ProxySites, site, minimal) for site in sites), key=lambda item: item["domain"])
    # a community the tenant created is among its profiles, as the community module finds it
    description["communities"] = sorted((_described(Communities, community(raw), minimal) for raw in profiles
                                         if raw.get("type") == COMMUNITY), key=lambda item: item["community"])
    if admin:
        description["profiles"] = sorted((_described(Profiles, profile(raw), minimal) for raw in profiles
                                          if raw.get("type") != COMMUNITY), key=lambda item: item["member"])
    return description, ({"settings": secret_settings} if secret_settings else {})

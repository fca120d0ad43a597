# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A whole server as the description the bootstrap role takes, and the skeleton of its secrets.

Lists are sorted by identity, so the same server always gives the same description, and a description
applied elsewhere reads back the same. Every managed value is written, defaults included, so a server
rebuilt from an export keeps noticing drift on them; ``minimal`` leaves values equal to the server's
defaults out (shorter, but drift back to a default is then no longer seen).
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import Apps
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.domains import DNS_CREDENTIALS, Domains
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.groups import Groups
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.settings import Settings
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.users import Users
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import PLACEHOLDER, described
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine

# Always written, even when equal to a default, because they say what the object is.
KEPT = ("domain", "provider", "name", "username", "email", "app_store_id", "subdomain", "access_restriction")
# Not part of a description: server-filled, per-run instructions, or pinned by updates rather than by description.
LEFT_OUT = ("version", "env")


def _described(fields, item, minimal):
    return described(fields, item, minimal, KEPT, LEFT_OUT)


def _all(resource, ctx):
    return Engine(resource, ctx).read([], complete=True)


def describe(ctx, minimal=False):
    """Return ``(description, secrets)`` of the server behind ``ctx``."""
    own_id = ctx.profile().get("id")
    credential_names = dict((api, option) for option, api in DNS_CREDENTIALS.items())
    domains, dns_credentials, certificate_keys = [], {}, {}
    for domain in _all(Domains(), ctx):
        domains.append(_described(Domains.fields, domain, minimal))
        stored = [api for api in domain.get("stored_config") or {} if api in credential_names]
        if stored:
            dns_credentials[domain["domain"]] = dict((credential_names[api], PLACEHOLDER) for api in stored)
        if domain.get("fallback_certificate"):
            certificate_keys[domain["domain"]] = PLACEHOLDER
    users = [_described(Users.fields, user, minimal) for user in _all(Users(), ctx)
             if user["id"] != own_id and not user["source"]]
    for user in users if minimal else ():
        if user.get("fallback_email") == user.get("email"):
            user.pop("fallback_email")
    groups = [{"name": group["name"]} for group in _all(Groups(), ctx) if not group["source"]]
    apps, secret_env = [], {}
    for app in _all(Apps(settle=False), ctx):
        apps.append(_described(Apps.fields, app, minimal))
        if app.get("env"):
            secret_env[app["fqdn"]] = dict((key, PLACEHOLDER) for key in app["env"])
    description = {
        # Every setting: their defaults differ between server versions, so none is left out.
        "settings": _all(Settings(), ctx)[0],
        "domains": sorted(domains, key=Domains.key),
        "groups": sorted(groups, key=Groups.key),
        "users": sorted(users, key=Users.key),
        "apps": sorted(apps, key=Apps.key),
    }
    secrets = {"passwords": {}, "dns_credentials": dns_credentials, "fallback_certificate_keys": certificate_keys,
               "app_secret_env": secret_env}
    return description, secrets

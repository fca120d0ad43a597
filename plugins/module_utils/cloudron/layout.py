# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The parts of a Cloudron description, the references between them and the secrets kept beside them,
for the platform-neutral description check."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_fields import EVERYONE
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import Apps
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.domains import Domains
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.groups import Groups
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.settings import Settings
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.users import Users
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import Layout, Reference


def _restricted(option, key):
    """The users or groups an access list names (none when it lets everyone in)."""
    def names(app):
        value = app.get(option)
        return (value.get(key) or []) if isinstance(value, dict) and value != EVERYONE else []
    return names


def _app_domains(app):
    domains = [app["domain"]] if app.get("domain") else []
    for option in ("secondary_domains", "alias_domains", "redirect_domains"):
        domains.extend(entry["domain"] for entry in app.get(option) or [])
    return domains


class CloudronLayout(Layout):
    # domains first: apps are installed on them; groups before users, who join them
    kinds = (("domains", Domains), ("groups", Groups), ("users", Users), ("apps", Apps))
    settings = Settings
    references = [
        Reference("users", "groups", "groups", lambda user: user.get("groups") or []),
        Reference("groups", "members", "users", lambda group: group.get("members") or []),
    ] + [Reference("apps", "%s.%s" % (option, key), key, _restricted(option, key))
         for option in ("access_restriction", "operators") for key in ("users", "groups")] + [
        Reference("apps", "domains", "domains", _app_domains),
    ]
    secret_keys = {"passwords": ("users", "user"), "dns_credentials": ("domains", "domain"),
                   "fallback_certificate_keys": ("domains", "domain"), "app_secret_env": ("apps", "app")}
    aliases = {"users": lambda user: [user.get("email")]}

    def probe(self, ctx):
        ctx.client.require_supported()

    def server_names(self, ctx, kind):
        if kind == "groups":
            return set(group["name"].lower() for group in ctx.groups())
        if kind == "users":
            return ctx.known_user_labels()
        return set(domain["domain"] for domain in ctx.client.call("GET", "/domains").get("domains") or [])


LAYOUT = CloudronLayout()

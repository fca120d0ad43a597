# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The parts of a Cloudillo tenant description (settings, API keys, apps, proxy sites, communities, member profiles)
and the relations between them, for the platform-neutral description check.

API keys are described by name, scopes and expiry (the server makes the key itself). The one secret part is the
values of secret settings (``settings.is_secret``): the description names the key, the value is in the secrets beside
it (``secrets.settings``, key -> value).
"""

from __future__ import annotations

import copy
import re

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.api_keys import ApiKeys
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.apps import Apps
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.communities import Communities
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.profiles import Profiles
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.proxy_sites import ProxySites
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.settings import Settings, is_secret
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import Layout, entry_options, part

# The options each entry must carry, as the module that applies it requires them.
REQUIRED = {"settings": ("key",), "api_keys": ("name",), "apps": ("publisher", "name"), "proxy_sites": ("domain",),
            "communities": ("community",), "profiles": ("member",)}
# The parts only the server's admin may read or write (profiles are changed through /api/admin/profiles).
ADMIN_PARTS = ("proxy_sites", "profiles")


def key_file_name(name):
    """The file name the bootstrap role gives a new key (beside the host's name): what its task computes."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def _short(label):
    """``communities[0]`` of ``communities[0] (team.example)``."""
    return label.split(" (")[0]


class CloudilloLayout(Layout):
    # communities before profiles: a new community's leader is among the profiles the tenant knows afterwards
    secret_keys = {"settings": ("settings", "setting")}
    kinds = (("settings", Settings), ("api_keys", ApiKeys), ("apps", Apps), ("proxy_sites", ProxySites),
             ("communities", Communities), ("profiles", Profiles))

    def __init__(self, described=()):
        # the parts a description to check has entries in, so the server is read only for what it needs
        self.described = tuple(described)

    def bound(self, description):
        """This layout for ``description``: the probe then also checks what its parts need (the admin's rights)."""
        parts = [kind for kind, _resource in self.kinds if isinstance(description, dict) and part(description, kind)]
        return CloudilloLayout(parts)

    def options(self, kind, resource):
        # an entry is the options of the module that applies it: server-filled fields (ids, times) are not options there
        spec = copy.deepcopy(entry_options(resource))
        for field in resource.fields:
            if field.read_only:
                del spec[field.name]
        for name in REQUIRED[kind]:
            spec[name]["required"] = True
        return spec

    def check(self, entries):
        """A proxy site cannot take a tenant's domain (the server answers 409), so one named like a community of the
        description could not be created. Two API keys whose names give one key file name would overwrite each
        other's file in the bootstrap role."""
        communities = dict((item["community"], _short(label)) for label, item in entries("communities"))
        problems = ["%s: domain %r is the community %s of the description; a proxy site cannot take a tenant's domain"
                    % (label, item["domain"], communities[item["domain"]])
                    for label, item in entries("proxy_sites") if item.get("domain") in communities]
        # a setting's value is in the description, but a secret setting's is in secrets.settings
        problems.extend("%s: missing required arguments: value" % label for label, item in entries("settings")
                        if not is_secret(item["key"]) and "value" not in item)
        files = {}
        for label, item in entries("api_keys"):
            if not isinstance(item.get("name"), str):
                continue
            name = key_file_name(item["name"])
            if name in files:
                problems.append("%s: name %r gives the key file name %r, as %s does; rename one of them"
                                % (label, item["name"], name, files[name]))
            else:
                files[name] = _short(label)
        return problems

    def probe(self, ctx):
        # the API key list needs the tenant's owner, as most of the bootstrap does: a scoped or wrong key fails here
        ctx.api_keys()
        if any(kind in ADMIN_PARTS for kind in self.described):
            # proxy sites and profile changes are the server admin's: reading the proxy sites (admin only) makes a
            # tenant's key fail here rather than after the first write
            ctx.proxy_sites()


LAYOUT = CloudilloLayout()

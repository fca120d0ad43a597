# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The parts of a Cloudillo tenant description (settings, API keys, apps, proxy sites, communities, member profiles)
and the relations between them, for the platform-neutral description check.

No part has a secret: API keys are described by name, scopes and expiry (the server makes the key itself), so the
description needs no secrets beside it.
"""

from __future__ import annotations

import copy

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.api_keys import ApiKeys
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.apps import Apps
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.communities import Communities
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.profiles import Profiles
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.proxy_sites import ProxySites
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.settings import Settings
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import Layout, entry_options, part

# The options each entry must carry, as the module that applies it requires them.
REQUIRED = {"settings": ("key", "value"), "api_keys": ("name",), "apps": ("publisher", "name"), "proxy_sites": ("domain",),
            "communities": ("community",), "profiles": ("member",)}
# The parts only the server's admin may read or write.
ADMIN_PARTS = ("proxy_sites",)


def _short(label):
    """``communities[0]`` of ``communities[0] (team.example)``."""
    return label.split(" (")[0]


class CloudilloLayout(Layout):
    # communities before profiles: a new community's leader is among the profiles the tenant knows afterwards
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
        description could not be created."""
        communities = dict((item["community"], _short(label)) for label, item in entries("communities"))
        return ["%s: domain %r is the community %s of the description; a proxy site cannot take a tenant's domain"
                % (label, item["domain"], communities[item["domain"]])
                for label, item in entries("proxy_sites") if item.get("domain") in communities]

    def probe(self, ctx):
        # the API key list needs the tenant's owner, as most of the bootstrap does: a scoped or wrong key fails here
        ctx.api_keys()
        if any(kind in ADMIN_PARTS for kind in self.described):
            # proxy sites are the server admin's: a tenant's key fails here rather than after the first write
            ctx.proxy_sites()


LAYOUT = CloudilloLayout()

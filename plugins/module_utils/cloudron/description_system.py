# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The server-wide parts of a description: ``directory``, ``network``, ``branding``, ``registry`` and ``services``.

Settings-type parts are written whole, like the server's settings: their values say how the server is configured,
whatever its defaults. A directory, external directory or registry that is off is only ``{provider: noop}`` (the
modules refuse further settings with it, or drop them). Write-only secrets become placeholders in the secrets, one
plain string each, where the server's configuration needs one. Branding images need somewhere to go (``files``);
without it the part is left out.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.branding import FIELDS as BRANDING_FIELDS
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import ADMIN
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.directory_server import DirectoryServer
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.docker_registry import NONE as NO_REGISTRY
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.docker_registry import DockerRegistry
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.external_ldap import OFF as NO_LDAP
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.external_ldap import ExternalLdap
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.network import Network
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.services import Services
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.user_directory import UserDirectory
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import PLACEHOLDER, described
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import SET


def read_all(resource, ctx):
    return Engine(resource, ctx).read([], complete=True)


def sets_sorted(fields, entry):
    """Values compared as sets, sorted and each once, so the same server always gives the same text."""
    for field in fields:
        if field.compare == SET and isinstance(entry.get(field.name), list):
            entry[field.name] = sorted(set(entry[field.name]))
    return entry


def _whole(resource, ctx):
    """A settings-type resource with every value it has, sets sorted."""
    return sets_sorted(resource.fields, described(resource.fields, read_all(resource, ctx)[0], False))


def describe_directory(ctx):
    """``(directory, secrets)``: the user directory's profile settings, the directory server and the external directory."""
    server, ldap = _whole(DirectoryServer(), ctx), _whole(ExternalLdap(), ctx)
    secrets = {}
    if server.get("enabled"):
        secrets["directory_server_secret"] = PLACEHOLDER
    if ldap.get("provider") in (None, NO_LDAP):
        ldap = {"provider": NO_LDAP}
    elif ldap.get("bind_dn"):
        secrets["external_ldap_bind_password"] = PLACEHOLDER
    return {"user_directory": _whole(UserDirectory(), ctx), "server": server, "external_ldap": ldap}, secrets


def describe_registry(ctx):
    """``(registry, secrets)``: the private container registry, its password a placeholder when it logs in."""
    registry = _whole(DockerRegistry(), ctx)
    if registry.get("provider") in (None, NO_REGISTRY):
        return {"provider": NO_REGISTRY}, {}
    return registry, {"registry_password": PLACEHOLDER} if registry.get("username") else {}


def describe_services(ctx, minimal=False):
    """Every service with its memory limit and recovery mode; ``minimal``: only what differs from the service's default
    limit and recovery off. A service without a limit of its own (the server shows 0) gets none: the module takes only
    positive limits."""
    services = []
    for service in read_all(Services(), ctx):
        entry = {"name": service["name"]}
        limit = service.get("memory_limit")
        if isinstance(limit, int) and limit > 0 and not (minimal and limit == service.get("default_memory_limit")):
            entry["memory_limit"] = limit
        if service.get("recovery_mode") or not minimal:
            entry["recovery_mode"] = bool(service.get("recovery_mode"))
        if len(entry) > 1 or not minimal:
            services.append(entry)
    return sorted(services, key=lambda entry: entry["name"])


def describe_branding(ctx, files):
    """The avatar and background the server serves, each kept by ``files`` and named by the path it gives."""
    branding = {}
    for field in BRANDING_FIELDS:
        data = ctx.client.image(field.route, role=ADMIN)
        if data:
            branding[field.name] = files.add(field.name, data)
    return branding


def describe_system(ctx, minimal=False, files=None):
    """``(parts, secrets)``: the parts of this file by name, and the placeholders of their secrets."""
    directory, secrets = describe_directory(ctx)
    registry, registry_secrets = describe_registry(ctx)
    secrets.update(registry_secrets)
    parts = {"directory": directory, "network": _whole(Network(), ctx), "registry": registry,
             "services": describe_services(ctx, minimal)}
    if files is not None:
        parts["branding"] = describe_branding(ctx, files)
    return parts, secrets

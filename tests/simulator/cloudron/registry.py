# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The private container registry: GET/POST /api/v1/docker/registry_config (facts 7.14), 200 ``{}`` on a write.

The providers are the spec's enum; ``noop`` means no registry and stores nothing else. How a read shows the stored
password is switch ``registry_password_read``: eight ``●`` (as domain configs show secrets) or not at all; either
way a write sending the eight ``●`` for the same provider keeps the stored password. A provider other than ``noop``
needs a server address (the simulator's rule and wording). "Invalid provider" is a real message (facts 3.2).
"""

import copy

from common.routing import Response

from .errors import ApiError

MASK = "\u25cf" * 8
PROVIDERS = ("aws", "digitalocean", "dockerhub", "google-cloud", "linode", "quay", "treescale", "other", "noop")
_FIELDS = ("serverAddress", "username", "email", "password")


def defaults():
    return {"provider": "noop"}


def dump(state):
    """The stored configuration, password as stored."""
    return {"registry": copy.deepcopy(state.registry)}


def get_config(state, request):
    config = dict(state.registry)
    if config.get("password"):
        if state.switches["registry_password_read"] == "masked":
            config["password"] = MASK
        else:
            del config["password"]
    return Response(200, config)


def set_config(state, request):
    body = request.body
    provider = body.get("provider")
    if provider not in PROVIDERS:
        raise ApiError(400, "Invalid provider")
    for name in _FIELDS:
        if name in body and not isinstance(body[name], str):
            raise ApiError(400, "%s must be a string" % name)
    if provider == "noop":
        state.registry = {"provider": "noop"}
        return Response(200, {})
    if not body.get("serverAddress"):
        raise ApiError(400, "serverAddress is required")
    config = dict((name, body[name]) for name in _FIELDS if name in body)
    config["provider"] = provider
    if config.get("password") == MASK:
        stored = state.registry.get("password") if state.registry.get("provider") == provider else None
        if stored is None:
            config.pop("password")
        else:
            config["password"] = stored
    state.registry = config
    return Response(200, {})


def register(router):
    router.add("GET", "/api/v1/docker/registry_config", get_config, "admin")
    router.add("POST", "/api/v1/docker/registry_config", set_config, "admin")

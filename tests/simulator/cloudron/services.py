# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Platform services: /api/v1/services (facts 7.13). The names and defaults are the spec's examples.

A configure, restart or rebuild answers 202 ``{}`` (no task; the server does it in the background) and records its
event (``service.configure``, ``service.restart``, ``service.rebuild``). The simulator changes the stored config at
once and keeps every service ``active``.
"""

import copy

from common.routing import Response

from . import eventlog
from .errors import ApiError

# name: (defaultMemoryLimit, memoryUsed, initial config) from the spec's examples of GET /services/:service
_DEFAULTS = {
    "turn": (268435456, 18948096, {}),
    "mail": (536870912, 755478528, {}),
    "mongodb": (805306368, 363716608, {}),
    "mysql": (805306368, 505319424, {}),
    "postgresql": (805306368, 178421760, {}),
    "docker": (0, None, {}),
    "unbound": (0, None, {}),
    "sftp": (268435456, 53608448, {"requireAdmin": True}),
    "graphite": (268435456, 193470464, {}),
    "nginx": (0, None, {}),
}
# the spec's order of GET /services
NAMES = ("turn", "mail", "mongodb", "mysql", "postgresql", "docker", "unbound", "sftp", "graphite", "nginx")
_MAIL_HEALTH = {"status": True, "haraka": {"status": True}, "dovecot": {"status": True}, "spamd": {"status": True},
                "redis": {"status": True}, "solr": {"status": True}}


def defaults():
    """Stored state per service: its config as configured (the spec's example config before any change)."""
    return {name: {"config": copy.deepcopy(_DEFAULTS[name][2])} for name in NAMES}


def service_json(state, name):
    default_limit, used = _DEFAULTS[name][:2]
    config = state.services[name]["config"]
    result = {"name": name, "status": "active", "error": None,
              "healthcheck": copy.deepcopy(_MAIL_HEALTH) if name == "mail" else ({"status": True} if used else None),
              "config": copy.deepcopy(config), "defaultMemoryLimit": default_limit}
    if used is not None:
        limit = config.get("memoryLimit") or default_limit
        result.update(memoryUsed=used, memoryPercent=int(used * 100 / limit) if limit else 0)
    return result


def _name(state, request):
    name = request.params["service"]
    if name not in state.services:
        raise ApiError(404, "No such service")
    return name


def list_services(state, request):
    return Response(200, {"services": list(NAMES)})


def get_service(state, request):
    service = service_json(state, _name(state, request))
    # wrapped as the 7.x dashboard reads it (facts 8); the spec shows the bare object
    return Response(200, {"service": service} if state.switches["service_shape"] == "wrapped" else service)


def configure(state, request):
    name = _name(state, request)
    body = request.body
    config = state.services[name]["config"]
    config.update(memoryLimit=body["memoryLimit"], recoveryMode=body["recoveryMode"])
    eventlog.record_request(state, request, "service.configure",
                            {"id": name, "data": {"memoryLimit": body["memoryLimit"], "recoveryMode": body["recoveryMode"]}})
    return Response(202, {})


def _action(action):
    def handler(state, request):
        name = _name(state, request)
        eventlog.record_request(state, request, "service.%s" % action, {"id": name})
        return Response(202, {})
    return handler


def register(router):
    router.add("GET", "/api/v1/services", list_services, "admin")
    router.add("GET", "/api/v1/services/:service", get_service, "admin")
    router.add("POST", "/api/v1/services/:service", configure, "admin")
    router.add("POST", "/api/v1/services/:service/restart", _action("restart"), "admin")
    router.add("POST", "/api/v1/services/:service/rebuild", _action("rebuild"), "admin")

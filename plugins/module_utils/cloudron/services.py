# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Platform services (facts 7.13): the databases, mail, TURN and the rest the apps share.

A service's memory limit (bytes) and recovery mode are set together: ``POST /services/:service`` needs both, so the
one not managed is sent as the server has it. The server answers 202 ``{}`` and applies the change in the background;
restart and rebuild answer the same. ``GET /services/:service`` wraps the object in ``{service}`` (the 7.x dashboard)
or not (the vendor spec); both are read.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_fields import size_in_bytes
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.envelope import unwrap
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import ADMIN

ACTIONS = ("restart", "rebuild")


def service_names(ctx):
    return [name for name in ctx.client.call("GET", "/services", role=ADMIN).get("services") or [] if isinstance(name, str)]


def canonical(service):
    config = service.get("config") if isinstance(service.get("config"), dict) else {}
    default_limit = service.get("defaultMemoryLimit")
    return {
        "name": service.get("name"),
        "status": service.get("status"),
        "error": service.get("error"),
        "memory_limit": config.get("memoryLimit") or default_limit,
        "default_memory_limit": default_limit,
        "recovery_mode": bool(config.get("recoveryMode")),
        "memory_used": service.get("memoryUsed"),
        "memory_percent": service.get("memoryPercent"),
        "healthcheck": service.get("healthcheck"),
    }


def read_service(ctx, name):
    return canonical(unwrap(ctx.client.call("GET", "/services/%s" % name, role=ADMIN), "service"))


def require_known(ctx, name):
    """Refuse a name the server does not list, before anything is written."""
    names = service_names(ctx)
    if name not in names:
        raise ResourceError("name: %r is not a service of this server (it has: %s)" % (name, ", ".join(names) or "none"))


def wanted_memory_limit(value):
    """The memory_limit option in bytes (a number or a size such as 1G), or ValueError naming the option."""
    if value is None:
        return None
    try:
        limit = size_in_bytes(value)
    except ValueError as exc:
        raise ValueError("memory_limit: %s" % exc)
    if limit <= 0:
        raise ValueError("memory_limit: must be a positive size such as 512M or 2G, not %r" % value)
    return limit


class ServiceRun:
    """One run of cloudron_service: configure when the settings differ, then the action."""

    def __init__(self, params, check_mode):
        self.params = params
        self.check_mode = check_mode
        self.written = []   # what was sent: "config", then the action

    def wanted(self):
        """The managed settings (raise ValueError before any request for a bad one)."""
        wanted = {}
        limit = wanted_memory_limit(self.params.get("memory_limit"))
        if limit is not None:
            wanted["memory_limit"] = limit
        if self.params.get("recovery_mode") is not None:
            wanted["recovery_mode"] = self.params["recovery_mode"]
        return wanted

    def run(self, ctx, wanted):
        name, action = self.params["name"], self.params.get("action")
        require_known(ctx, name)
        before = read_service(ctx, name)
        changes = dict((key, value) for key, value in wanted.items() if before.get(key) != value)
        after = dict(before, **changes)
        result = {"changed": bool(changes or action), "changed_settings": sorted(changes), "action": action,
                  "service": after}
        result["diff"] = {"before": dict((key, before[key]) for key in ("memory_limit", "recovery_mode")),
                          "after": dict((key, after[key]) for key in ("memory_limit", "recovery_mode"))}
        if changes and not (isinstance(after["memory_limit"], int) and after["memory_limit"] > 0):
            # the route needs both settings; without a limit to send back (docker, nginx... have none: their
            # default is 0) the write would set a limit of 0, so the user must choose one
            raise ResourceError("recovery_mode: %s has no memory limit of its own to send back with it (the route "
                                "needs both); set memory_limit too" % name)
        if not result["changed"]:
            return result
        # before check mode returns, so it fails where the real run would
        ctx.client.require_supported()
        if self.check_mode:
            return result
        if changes:
            ctx.client.call("POST", "/services/%s" % name, role=ADMIN,
                            body={"memoryLimit": after["memory_limit"], "recoveryMode": after["recovery_mode"]})
            self.written.append("config")
        if action:
            ctx.client.call("POST", "/services/%s/%s" % (name, action), role=ADMIN)
            self.written.append(action)
        result["service"] = read_service(ctx, name)
        return result

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Platform services (facts 7.13): the databases, mail, TURN and the rest the apps share.

A service is a resource identified by its name; the server has a fixed set of them, so one is never created or
deleted. Its memory limit (bytes) and recovery mode are set together: ``POST /services/:service`` needs both, so the
one not managed is sent as the server has it. The server answers 202 ``{}`` and applies the change in the background;
restart and rebuild answer the same and are actions run after the settings. ``GET /services/:service`` wraps the
object in ``{service}`` (the 7.x dashboard) or not (the vendor spec); both are read.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_fields import size_in_bytes
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import ADMIN
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.envelope import unwrap
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import Field
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

ACTIONS = ("restart", "rebuild")
SETTINGS = ("memory_limit", "recovery_mode")
CONFIG = "config"  # the one route both settings are written through


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


def memory_size(value):
    """The memory_limit option in bytes (a number or a size such as 1G); ValueError when it is no positive size."""
    limit = size_in_bytes(value)
    if limit <= 0:
        raise ValueError("must be a positive size such as 512M or 2G, not %r" % value)
    return limit


FIELDS = (
    Field("name"),
    Field("status", read_only=True),
    Field("error", read_only=True),
    Field("memory_limit", type="raw", parse=memory_size, route=CONFIG),
    Field("default_memory_limit", type="int", read_only=True),
    Field("recovery_mode", type="bool", route=CONFIG),
    Field("memory_used", type="int", read_only=True),
    Field("memory_percent", type="int", read_only=True),
    Field("healthcheck", type="dict", read_only=True),
)


class Services(Resource):
    """The platform services; ``written`` records what a run sent ("config", then the action), for its failure."""

    name = "service"
    plural = "services"
    fields = FIELDS

    def __init__(self):
        self.written = []

    def key(self, item):
        return item.get("name")

    @staticmethod
    def identity(name):
        return name  # the server's names, exactly

    def read(self, ctx, items, complete):
        """Every service when ``complete``; else the named ones, refusing a name the server does not list."""
        names = service_names(ctx)
        if complete:
            return [read_service(ctx, name) for name in names]
        for item in items:
            if item["name"] not in names:
                raise ResourceError("name: %r is not a service of this server (it has: %s)"
                                    % (item["name"], ", ".join(names) or "none"))
        return [read_service(ctx, item["name"]) for item in items]

    def find(self, current, item):
        return next((service for service in current if service["name"] == item["name"]), None)

    def create(self, ctx, item):
        raise ResourceError("service %r cannot be created; the server has a fixed set" % item["name"])

    def delete(self, ctx, current):
        raise ResourceError("service %r cannot be deleted" % current["name"])

    def check_updates(self, ctx, updates):
        # the route needs both settings; without a limit to send back (docker, nginx... have none: their default is 0)
        # the write would set a limit of 0, so the user must choose one
        for change in updates:
            limit = change.after["memory_limit"]
            if not (isinstance(limit, int) and limit > 0):
                raise ResourceError("recovery_mode: %s has no memory limit of its own to send back with it (the route "
                                    "needs both); set memory_limit too" % change.key)

    def write(self, ctx, current, route, values, item):
        settings = dict((name, values.get(name, current[name])) for name in SETTINGS)
        ctx.client.call("POST", "/services/%s" % current["name"], role=ADMIN,
                        body={"memoryLimit": settings["memory_limit"], "recoveryMode": settings["recovery_mode"]})
        self.written.append(CONFIG)

    def refresh(self, ctx, obj):
        return read_service(ctx, obj["name"])

    def finish(self, action):
        """What runs after the settings: the diff narrowed to the settings, then ``action`` (always a change)."""
        def finish(ctx, result):
            service = result["service"]
            if "diff" in result:
                result["diff"] = dict((side, dict((name, (result["diff"][side] or service).get(name)) for name in SETTINGS))
                                      for side in ("before", "after"))
            result["action"] = action
            if not action:
                return
            result["changed"] = True
            ctx.before_write()  # in check mode too, so the plan fails where the run would
            if ctx.check_mode:
                return
            ctx.client.call("POST", "/services/%s/%s" % (service["name"], action), role=ADMIN)
            self.written.append(action)
            result["service"] = read_service(ctx, service["name"])
        return finish

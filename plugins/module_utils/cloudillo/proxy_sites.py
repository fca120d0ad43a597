# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Proxy sites (admin): a domain the server terminates TLS for and forwards to a backend URL, identified by domain.

The status is sent as a wire letter (``A`` active, ``D`` disabled) and shown as a word. A site's ``config`` is
replaced whole by the server, so the managed keys are merged into the stored ones before they are sent.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.status import SITE_STATUS, status_word
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import DictField, Field, lower, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

# option -> API key of the site's config
CONFIG_KEYS = {
    "connect_timeout_secs": "connectTimeoutSecs",
    "read_timeout_secs": "readTimeoutSecs",
    "preserve_host": "preserveHost",
    "proxy_protocol": "proxyProtocol",
    "custom_headers": "customHeaders",
    "forward_headers": "forwardHeaders",
    "websocket": "websocket",
}
CONFIG_OPTIONS = {
    "connect_timeout_secs": {"type": "int"},
    "read_timeout_secs": {"type": "int"},
    "preserve_host": {"type": "bool"},
    "proxy_protocol": {"type": "bool"},
    "custom_headers": {"type": "dict"},
    "forward_headers": {"type": "bool"},
    "websocket": {"type": "bool"},
}
ADVANCED_ONLY = ("proxy_protocol", "custom_headers")


def config_from_api(raw):
    raw = raw if isinstance(raw, dict) else {}
    return dict((name, raw[api]) for name, api in CONFIG_KEYS.items() if raw.get(api) is not None)


def config_to_api(config):
    return dict((CONFIG_KEYS[name], value) for name, value in (config or {}).items() if value is not None)


def header_strings(config):
    """Header values are strings on the server."""
    if "custom_headers" in config:
        config = dict(config, custom_headers=dict((str(k), str(v)) for k, v in (config["custom_headers"] or {}).items()))
    return config


def advanced_options(item):
    return [name for name in ADVANCED_ONLY if (item.get("config") or {}).get(name) is not None]


FIELDS = (
    Field("domain", api="domain", normalize=lower),
    Field("backend_url", api="backendUrl", normalize=stripped, route="patch"),
    Field("type", api="type", choices=("basic", "advanced"), route="patch", default="basic"),
    Field("status", api="status", choices=tuple(SITE_STATUS), create=False, route="patch", default="active"),
    DictField("config", CONFIG_OPTIONS, normalize=header_strings, route="patch", default={}),
    Field("site_id", read_only=True),
    Field("cert_expires_at", read_only=True),
)


def canonical(raw):
    return {
        "domain": raw.get("domain"),
        "backend_url": raw.get("backendUrl"),
        "type": raw.get("type"),
        "status": status_word(raw.get("status"), SITE_STATUS),
        "config": config_from_api(raw.get("config")),
        "site_id": raw.get("siteId"),
        "cert_expires_at": raw.get("certExpiresAt"),
        "id": raw.get("siteId"),  # the engine names an adopted object by it
    }


class ProxySites(Resource):
    """The server's proxy sites (admin routes)."""

    name = "proxy_site"
    plural = "proxy_sites"
    fields = FIELDS
    required_on_create = ("backend_url",)

    def __init__(self):
        self.answers = {}  # domain -> the site as the last write answered it

    @staticmethod
    def key(item):
        return item.get("domain")

    @staticmethod
    def validate(item):
        problems = []
        if not item.get("domain"):
            problems.append("domain is required")
        advanced = advanced_options(item)
        if advanced and item.get("type") == "basic":
            problems.append("config: %s apply to type=advanced only" % ", ".join(advanced))
        return problems

    @staticmethod
    def resolve(ctx, item, current):
        """The advanced-only options against the type the site will have: the one given, else the current site's,
        else the server's default (basic)."""
        advanced = advanced_options(item)
        effective = item.get("type") or (current or {}).get("type") or "basic"
        if advanced and effective != "advanced":
            raise ResourceError("proxy site %r: config: %s apply to type=advanced only, and the site %s type %s; set "
                                "type=advanced" % (item["domain"], ", ".join(advanced),
                                                   "has" if current is not None and not item.get("type") else "would have",
                                                   effective))

    def read(self, ctx, items, complete):
        return [canonical(raw) for raw in ctx.proxy_sites()]

    @staticmethod
    def find(current, item):
        return next((site for site in current if site["domain"] == item["domain"]), None)

    def create(self, ctx, item):
        body = {"domain": item["domain"], "backendUrl": item["backend_url"]}
        if item.get("type"):
            body["type"] = item["type"]
        if item.get("config"):
            body["config"] = config_to_api(item["config"])
        site = ctx.client.data("POST", "/api/admin/proxy-sites", body=body)
        self.answers[item["domain"]] = site
        return {"id": site.get("siteId")}

    def write(self, ctx, current, route, values, item):
        body = {}
        if "backend_url" in values:
            body["backendUrl"] = values["backend_url"]
        if "type" in values:
            body["type"] = values["type"]
        if "status" in values:
            body["status"] = SITE_STATUS[values["status"]]
        if "config" in values:
            body["config"] = config_to_api(values["config"])  # already merged with the stored keys
        site_id = current.get("site_id") or current.get("id")
        site = ctx.client.data("PATCH", "/api/admin/proxy-sites/%s" % site_id, body=body)
        if isinstance(site, dict):
            self.answers[item["domain"]] = site

    @staticmethod
    def delete(ctx, current):
        ctx.client.call("DELETE", "/api/admin/proxy-sites/%s" % current["site_id"])

    def refresh(self, ctx, obj):
        answer = self.answers.get(obj.get("domain"))
        return canonical(answer) if isinstance(answer, dict) else obj

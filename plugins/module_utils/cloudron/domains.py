# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudron domains as a resource: DNS provider settings with their credentials kept apart, TLS settings."""

from __future__ import annotations

import re

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import DictField, Field, lower
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

ADMIN = "admin"
PROVIDERS = ("bunny", "cloudflare", "desec", "digitalocean", "dnsimple", "gandi", "gcdns", "godaddy", "hetzner", "linode",
             "manual", "namecheap", "namecom", "netcup", "noop", "ovh", "porkbun", "route53", "vultr", "wildcard")
TLS_PROVIDERS = ("letsencrypt-prod", "letsencrypt-staging", "fallback")
DOMAIN_PATTERN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")

# Provider settings that are not secret (compared with what the server stores) and credentials
# (write-only, never compared, never shown). Option name -> the API's name inside ``config``.
DNS_SETTINGS = {
    "email": "email", "token_type": "tokenType", "access_key_id": "accessKeyId", "project_id": "projectId",
    "username": "username", "customer_number": "customerNumber", "endpoint": "endpoint", "app_key": "appKey",
}
DNS_CREDENTIALS = {
    "token": "token", "secret_access_key": "secretAccessKey", "api_key": "apiKey", "api_secret": "apiSecret",
    "api_password": "apiPassword", "app_secret": "appSecret", "consumer_key": "consumerKey",
    "secret_api_key": "secretApiKey", "access_key": "accessKey", "access_token": "accessToken", "credentials": "credentials",
}


def _suboptions(names, secret):
    options = dict((name, {"type": "str", "no_log": secret}) for name in names)
    if "credentials" in options:
        options["credentials"] = {"type": "dict", "no_log": True}
    if "token_type" in options:
        options["token_type"]["choices"] = ["GlobalApiKey", "ApiToken"]
    return options


def pem(value):
    """Certificates compare by their lines, not by line endings or surrounding blanks."""
    return "\n".join(line.strip() for line in value.strip().splitlines())


FIELDS = (
    Field("domain", api="domain", normalize=lower),
    Field("zone_name", api="zoneName", normalize=lower, route="config", default=lambda item: item.get("domain")),
    Field("provider", api="provider", choices=PROVIDERS, route="config"),
    DictField("dns_config", _suboptions(DNS_SETTINGS, False), route="config", default={}),
    DictField("dns_credentials", _suboptions(DNS_CREDENTIALS, True), secret=True, route="config"),
    DictField("tls_config", {"provider": {"type": "str", "choices": list(TLS_PROVIDERS)}, "wildcard": {"type": "bool"}},
              route="config", default={"provider": "letsencrypt-prod", "wildcard": False}),
    Field("fallback_certificate", normalize=pem, route="config"),
    Field("fallback_certificate_key", secret=True, route="config"),
)


def _api_config(settings, credentials):
    config = dict((DNS_SETTINGS[key], value) for key, value in (settings or {}).items())
    config.update((DNS_CREDENTIALS[key], value) for key, value in (credentials or {}).items())
    return config


class Domains(Resource):
    """The domain resource for the engine."""

    name = "domain"
    plural = "domains"
    fields = FIELDS
    required_on_create = ("provider",)

    @staticmethod
    def key(item):
        return item.get("domain")

    @staticmethod
    def validate(item):
        domain = item.get("domain")
        if not domain or not DOMAIN_PATTERN.match(domain):
            return ["domain %r is not a valid domain name" % domain]
        return []

    @staticmethod
    def canonical(raw):
        config = raw.get("config") or {}
        tls = raw.get("tlsConfig") or {}
        certificate = raw.get("fallbackCertificate") or {}
        return {
            "domain": raw.get("domain"),
            "zone_name": raw.get("zoneName") or raw.get("domain"),
            "provider": raw.get("provider"),
            "dns_config": dict((option, config[api]) for option, api in DNS_SETTINGS.items() if api in config),
            "tls_config": {"provider": tls.get("provider"), "wildcard": bool(tls.get("wildcard"))},
            "fallback_certificate": pem(certificate["cert"]) if certificate.get("cert") else None,
            # kept out of results (not a field): the provider config as the server answers it (credentials
            # masked or not, and settings no option models), sent back unchanged for the same provider
            "stored_config": dict(config),
        }

    def read(self, ctx, items, complete):
        if complete:
            names = [domain["domain"] for domain in ctx.client.call("GET", "/domains").get("domains") or []]
        else:
            names = [items[0]["domain"]]
        found = []
        for name in names:
            try:
                found.append(self.canonical(ctx.client.call("GET", "/domains/%s" % name, role=ADMIN)))
            except ApiError as exc:
                if not exc.missing or complete:
                    raise
        return found

    @staticmethod
    def resolve(ctx, item, current):
        certificate = item.get("fallback_certificate")
        if certificate and not item.get("fallback_certificate_key") and certificate != (current or {}).get("fallback_certificate"):
            raise ResourceError("domain %r: fallback_certificate_key is needed to set fallback_certificate" % item["domain"])

    @staticmethod
    def find(current, item):
        for domain in current:
            if domain["domain"] == item["domain"]:
                return domain
        return None

    @staticmethod
    def body(current, item):
        """The full configuration the server wants on every write."""
        provider = item.get("provider", current.get("provider"))
        # The same provider keeps what the server has (credentials not given are sent back as it answered
        # them, so it keeps them); a switch sends the new provider's settings only.
        config = dict(current.get("stored_config") or {}) if provider == current.get("provider") else {}
        config.update(_api_config(item.get("dns_config"), item.get("dns_credentials")))
        tls = dict(current.get("tls_config") or {"provider": "letsencrypt-prod", "wildcard": False})
        tls.update(item.get("tls_config") or {})
        body = {
            "provider": provider,
            "zoneName": item.get("zone_name", current.get("zone_name")) or item["domain"],
            "config": config,
            "tlsConfig": tls,
        }
        # Left out, the server keeps the certificate it has.
        if item.get("fallback_certificate") and item.get("fallback_certificate_key"):
            # PEM files end with a newline; the compared form drops it
            body["fallbackCertificate"] = {"cert": item["fallback_certificate"] + "\n", "key": item["fallback_certificate_key"]}
        return body

    @staticmethod
    def predict(current, item, after):
        """A provider switch leaves only the settings given for the new provider."""
        if after.get("provider") != current.get("provider"):
            after["dns_config"] = dict(item.get("dns_config") or {})
        return after

    def create(self, ctx, item):
        body = self.body({}, item)
        body["domain"] = item["domain"]
        ctx.client.call("POST", "/domains", body=body, role=ADMIN)
        return {"id": item["domain"]}

    def write(self, ctx, current, route, values, item):
        if route != "config":  # pragma: no cover - the field table and this dispatch are kept together
            raise ValueError(route)
        # The body is built from the item, not the merged values: on a provider switch the old
        # provider's settings must not be sent along (body() merges only for the same provider).
        ctx.client.call("POST", "/domains/%s/config" % current["domain"], body=self.body(current, item), role=ADMIN)

    @staticmethod
    def delete(ctx, current):
        try:
            ctx.client.call("DELETE", "/domains/%s" % current["domain"], role=ADMIN)
        except ApiError as exc:
            if exc.status == 409:
                raise ResourceError("domain %r cannot be removed: %s" % (current["domain"], exc.message))
            raise

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The mail settings of a Cloudron domain as a resource.

Every Cloudron domain has a mail domain, created and removed with it, so this resource is only ever
updated. One read (``GET /mail/:domain``) gives every setting; each setting that differs is written
through its own route. The relay password is write-only: the server answers it masked or not at all.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import MAIL_MANAGER
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.domains import DOMAIN_PATTERN
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_names import mail_addresses
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import SET, DictField, Field, lower
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

# Relay settings that are compared: option -> the API's name. The password is kept apart (``relay.password``).
RELAY_SETTINGS = {
    "provider": "provider", "host": "host", "port": "port", "username": "username",
    "accept_self_signed_certs": "acceptSelfSignedCerts", "force_from_address": "forceFromAddress",
}
RELAY_OPTIONS = {
    "provider": {"type": "str"},
    "host": {"type": "str"},
    "port": {"type": "int"},
    "username": {"type": "str"},
    "password": {"type": "str", "no_log": True},
    "accept_self_signed_certs": {"type": "bool"},
    "force_from_address": {"type": "bool"},
}
PASSWORD = "relay.password"
BANNER_OPTIONS = {"text": {"type": "str"}, "html": {"type": "str"}}
# What a new domain's mail settings are (used to predict a domain an earlier task adds, in check mode).
NEW_DOMAIN = {"enabled": False, "mailFromValidation": True, "catchAll": [], "relay": {"provider": "cloudron-smtp"},
              "banner": {"text": "", "html": ""}}


def relay_settings(value):
    """The compared part of a relay: no password, the host lower-case."""
    found = dict((key, item) for key, item in value.items() if key in RELAY_SETTINGS and item is not None)
    if isinstance(found.get("host"), str):
        found["host"] = found["host"].strip().lower()
    return found


FIELDS = (
    Field("domain", api="domain", normalize=lower),
    Field("enabled", api="enabled", type="bool", route="enable"),
    Field("mail_from_validation", api="mailFromValidation", type="bool", route="mail_from_validation"),
    Field("catch_all", api="catchAll", type="list", elements="str", parse=mail_addresses, normalize=lower, compare=SET,
          route="catch_all"),
    DictField("relay", RELAY_OPTIONS, normalize=relay_settings, route="relay"),
    DictField("banner", BANNER_OPTIONS, route="banner"),
    # given inside ``relay`` and named by its option path; write-only, sent with the relay (see update_secrets)
    Field(PASSWORD, secret=True, route="relay"),
)


def relay_password(params):
    """The relay password given inside the ``relay`` option, for the engine's secret field ``relay.password``."""
    return (params.get("relay") or {}).get("password")


def unwrapped(answer, domain):
    """The mail config object, whether the server answers it bare or as ``{domain: [object]}``."""
    wrapped = answer.get("domain")
    if isinstance(wrapped, list):
        found = [entry for entry in wrapped if isinstance(entry, dict)]
        return next((entry for entry in found if lower(entry.get("domain")) == domain), found[0] if found else {})
    if isinstance(wrapped, dict):
        return wrapped
    return answer


class MailDomains(Resource):
    """The mail settings of one domain (or every domain) for the engine."""

    name = "mail_domain"
    plural = "mail_domains"
    fields = FIELDS

    def __init__(self, predict_missing=True):
        # whether check mode predicts a domain an earlier task would add (a warning) instead of failing
        self.predict_missing = predict_missing

    @staticmethod
    def key(item):
        return item.get("domain")

    @staticmethod
    def validate(item):
        domain = item.get("domain")
        if not domain or not DOMAIN_PATTERN.match(domain):
            return ["domain %r is not a valid domain name" % domain]
        port = (item.get("relay") or {}).get("port")
        if port is not None and not 1 <= port <= 65535:
            return ["relay.port %s is out of range (1 to 65535)" % port]
        return []

    @staticmethod
    def canonical(raw, domain):
        relay = raw.get("relay") or {}
        banner = raw.get("banner") or {}
        settings = dict((option, relay.get(api)) for option, api in RELAY_SETTINGS.items())
        if settings["port"] is not None:
            settings["port"] = int(settings["port"])
        return {
            "domain": lower(raw.get("domain")) or domain,
            "enabled": bool(raw.get("enabled")),
            "mail_from_validation": bool(raw.get("mailFromValidation")),
            "catch_all": list(raw.get("catchAll") or []),
            "relay": relay_settings(settings),
            "banner": {"text": banner.get("text") or "", "html": banner.get("html") or ""},
            # kept out of results (not a field): the relay as the server answers it, password masked or absent
            "stored_relay": dict(relay),
        }

    def read(self, ctx, items, complete):
        if complete:
            names = [lower(domain["domain"]) for domain in ctx.client.call("GET", "/domains").get("domains") or []]
        else:
            names = [items[0]["domain"]]
        return [self.read_one(ctx, name) for name in names]

    def read_one(self, ctx, domain):
        """One domain's mail settings; a domain the server does not have is an error naming it."""
        try:
            answer = ctx.client.call("GET", "/mail/%s" % domain, role=MAIL_MANAGER)
        except ApiError as exc:
            if not exc.missing:
                raise
            text = "domain %r is not a domain of this Cloudron (%s); add it first with cloudron_domain" % (domain, exc.message)
            if not (ctx.check_mode and self.predict_missing):
                raise ResourceError(text)
            ctx.warn(text + "; assuming an earlier task adds it (check mode)")
            return self.canonical(dict(NEW_DOMAIN, domain=domain), domain)
        return self.canonical(unwrapped(answer, domain), domain)

    @staticmethod
    def find(current, item):
        return next((found for found in current if found["domain"] == item["domain"]), None)

    @staticmethod
    def resolve(ctx, item, current):
        """A relay written for the same provider keeps the stored password only when the server showed it (masked)."""
        wanted = item.get("relay")
        if not wanted or PASSWORD in item or current is None:
            return
        stored = current.get("stored_relay") or {}
        same_provider = wanted.get("provider", stored.get("provider")) == stored.get("provider")
        username = wanted.get("username", stored.get("username"))
        changes = any(current["relay"].get(key) != value for key, value in wanted.items())
        if changes and same_provider and username and "password" not in stored:
            raise ResourceError("domain %r: relay.password is needed to change the relay: the server does not show the "
                                "stored password, so it cannot be kept" % item["domain"])

    @staticmethod
    def predict(current, item, after):
        """A provider switch leaves only the relay settings given."""
        wanted = item.get("relay") or {}
        if wanted.get("provider") not in (None, current["relay"].get("provider")):
            after["relay"] = dict(wanted)
        return after

    @staticmethod
    def relay_body(current, item):
        """The whole relay the server wants: for the same provider what it stores (the password as it answered it)
        with the settings given over it; for a new provider only the settings given."""
        wanted = item.get("relay") or {}
        stored = current.get("stored_relay") or {}
        provider = wanted.get("provider", stored.get("provider"))
        body = dict(stored) if provider == stored.get("provider") else {}
        body.update((RELAY_SETTINGS[key], value) for key, value in wanted.items())
        body["provider"] = provider
        if item.get(PASSWORD) is not None:
            body["password"] = item[PASSWORD]
        return body

    def create(self, ctx, item):
        raise ResourceError("domain %r is not a domain of this Cloudron; add it first with cloudron_domain" % item["domain"])

    def write(self, ctx, current, route, values, item):
        domain = current["domain"]
        if route in ("enable", "mail_from_validation"):
            body = {"enabled": values["enabled" if route == "enable" else "mail_from_validation"]}
        elif route == "catch_all":
            body = {"addresses": values["catch_all"]}
        elif route == "relay":
            body = self.relay_body(current, item)
        elif route == "banner":
            body = dict(current.get("banner") or {})
            body.update(values["banner"])
        else:  # pragma: no cover - the field table and this dispatch are kept together
            raise ValueError(route)
        ctx.client.call("POST", "/mail/%s/%s" % (domain, route), body=body, role=MAIL_MANAGER)

    def delete(self, ctx, current):
        raise ResourceError("the mail settings of domain %r go with the domain; remove it with cloudron_domain" % current["domain"])

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Domains: /api/v1/domains (list, read, add, change the config, delete)."""

import re

from common.routing import Response

from .dns_providers import PLACEHOLDER, PROVIDERS, WITHOUT_API, mask_secrets, stored_config
from .errors import ApiError
from .mail_names import on_domain
from .state import Domain

__all__ = ("PROVIDERS", "domain_json", "load", "new_domain", "register", "valid_hostname")

TLS_PROVIDERS = ("letsencrypt-prod", "letsencrypt-staging", "fallback")
IN_USE = "Domain is still in use. Remove all apps and mailboxes using this domain"
# a public hostname: dot-separated labels of letters, digits and inner hyphens, ending in a TLD that is not all digits
_HOSTNAME = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?=[a-z0-9-]*[a-z])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def valid_hostname(name):
    return bool(_HOSTNAME.match(name))


def domain_json(state, domain):
    """The full domain object (``GET /domains/:domain``); secrets masked unless switch ``secret_placeholder`` is off."""
    mask = state.switches["secret_placeholder"]
    result = {
        "domain": domain.domain,
        "zoneName": domain.zone_name,
        "provider": domain.provider,
        "config": mask_secrets(domain.config) if mask else dict(domain.config),
        "tlsConfig": dict(domain.tls_config),
        "wellKnown": None,
        "locked": False,
    }
    if domain.fallback_certificate is not None:
        result["fallbackCertificate"] = mask_secrets(domain.fallback_certificate, ("key",)) if mask else dict(domain.fallback_certificate)
    return result


def _list_item(domain):
    # the list leaves out config, tlsConfig and the other fields that may carry secrets
    return {"domain": domain.domain, "zoneName": domain.zone_name, "provider": domain.provider, "locked": False}


def load(state, name):
    """The domain called ``name`` (case-insensitive, as the database compares), or 404."""
    domain = state.domains.get(name.lower())
    if domain is None:
        raise ApiError(404, "No such domain")
    return domain


def in_use(state, name):
    """Whether an app (at any of its locations, or for its mail), a mailbox, a mailing list or an alias uses the domain.

    The domain's mail settings are no use: they go with it.
    """
    for app in state.apps.values():
        fields = app.fields
        used = [fields["domain"], fields["mailboxDomain"], fields["inboxDomain"]]
        used += [location["domain"] for key in ("secondaryDomains", "redirectDomains", "aliasDomains") for location in fields[key]]
        if name in used:
            return True
    return on_domain(state, name)


def _tls_config(tls, provider):
    if tls.get("provider") not in TLS_PROVIDERS:
        raise ApiError(400, "tlsConfig.provider must be fallback, letsencrypt-prod/staging")
    wildcard = bool(tls.get("wildcard", False))
    if wildcard and tls["provider"] == "fallback":
        raise ApiError(400, "wildcard can only be set with letsencrypt")
    if wildcard and provider in WITHOUT_API:
        raise ApiError(400, "wildcard cert requires a programmable DNS backend")
    return {"provider": tls["provider"], "wildcard": wildcard}


def _fallback_certificate(body, current):
    """The fallback certificate to store: the one sent (a placeholder key keeps the stored key), else ``current``."""
    sent = body.get("fallbackCertificate")
    if sent is None:
        return current
    certificate = {"cert": sent.get("cert"), "key": sent.get("key")}
    if certificate["key"] == PLACEHOLDER and current:
        certificate["key"] = current["key"]
    for name in ("cert", "key"):
        if not isinstance(certificate[name], str) or not certificate[name]:
            raise ApiError(400, "fallbackCertificate.%s must be a string" % name)
    return certificate


def _zone_name(body, default):
    zone = (body.get("zoneName") or default).lower()
    if not valid_hostname(zone):
        raise ApiError(400, "Invalid zoneName")
    return zone


def _provider(body):
    provider = body["provider"]
    if provider not in PROVIDERS:
        raise ApiError(400, "Invalid provider")
    return provider


def list_domains(state, request):
    domains = sorted(state.domains.values(), key=lambda d: d.domain)
    return Response(200, {"domains": [_list_item(d) for d in domains]})


def get_domain(state, request):
    return Response(200, domain_json(state, load(state, request.params["domain"])))


def new_domain(state, body):
    """The domain a ``POST /domains`` body (checked against its schema) describes, not stored yet; 400 or 409 with the server's messages."""
    name = body["domain"].lower()
    if not valid_hostname(name):
        raise ApiError(400, "Invalid domain")
    zone = _zone_name(body, name)
    provider = _provider(body)
    certificate = _fallback_certificate(body, None)
    tls = _tls_config(body["tlsConfig"], provider)
    config = stored_config(provider, body["config"])
    if name in state.domains:
        raise ApiError(409, "Domain already exists")
    return Domain(domain=name, zone_name=zone, provider=provider, config=config, tls_config=tls, fallback_certificate=certificate)


def add_domain(state, request):
    domain = new_domain(state, request.body)
    state.domains[domain.domain] = domain
    return Response(201, {})


def update_domain(state, request):
    domain = load(state, request.params["domain"])
    body = request.body
    zone = _zone_name(body, domain.zone_name)
    provider = _provider(body)
    certificate = _fallback_certificate(body, domain.fallback_certificate)
    tls = _tls_config(body["tlsConfig"], provider)
    # a placeholder only stands for a stored secret of the same provider
    config = stored_config(provider, body["config"], domain.config if provider == domain.provider else None)
    domain.zone_name, domain.provider, domain.config, domain.tls_config = zone, provider, config, tls
    domain.fallback_certificate = certificate
    return Response(204)


def delete_domain(state, request):
    domain = load(state, request.params["domain"])
    dashboard = state.dashboard_fqdn()
    if (dashboard is not None and domain.domain == dashboard.split(".", 1)[1]) or in_use(state, domain.domain):
        raise ApiError(409, IN_USE)
    del state.domains[domain.domain]
    return Response(204)


def register(router):
    router.add("GET", "/api/v1/domains", list_domains)
    router.add("POST", "/api/v1/domains", add_domain, "admin")
    router.add("GET", "/api/v1/domains/:domain", get_domain, "admin")
    router.add("POST", "/api/v1/domains/:domain/config", update_domain, "admin")
    router.add("DELETE", "/api/v1/domains/:domain", delete_domain, "admin")

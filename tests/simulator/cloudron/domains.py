"""Domains: /api/v1/domains. Domains exist only when seeded through the control interface."""

from .errors import ApiError
from .routing import Response

# DNS providers the server knows (the spec's list; older servers also had desec).
PROVIDERS = ("route53", "bunny", "cloudflare", "digitalocean", "dnsimple", "gandi", "godaddy", "gcdns", "hetzner",
             "linode", "namecom", "namecheap", "netcup", "ovh", "porkbun", "vultr", "wildcard", "manual", "noop", "desec")


def domain_json(domain):
    """The full domain object (``GET /domains/:domain``); the config is shown as stored."""
    return {
        "domain": domain.domain,
        "zoneName": domain.zone_name,
        "provider": domain.provider,
        "config": domain.config,
        "tlsConfig": domain.tls_config,
        "wellKnown": None,
        "locked": False,
    }


def _list_item(domain):
    # the list leaves out config, tlsConfig and the other fields that may carry secrets
    return {"domain": domain.domain, "zoneName": domain.zone_name, "provider": domain.provider, "locked": False}


def load(state, name):
    """The domain called ``name`` (case-insensitive, as the database compares), or 404."""
    domain = state.domains.get(name.lower())
    if domain is None:
        raise ApiError(404, "No such domain")
    return domain


def list_domains(state, request):
    domains = sorted(state.domains.values(), key=lambda d: d.domain)
    return Response(200, {"domains": [_list_item(d) for d in domains]})


def get_domain(state, request):
    return Response(200, domain_json(load(state, request.params["domain"])))


def register(router):
    router.add("GET", "/api/v1/domains", list_domains)
    router.add("GET", "/api/v1/domains/:domain", get_domain, "admin")

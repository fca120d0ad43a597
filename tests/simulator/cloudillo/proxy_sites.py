# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Admin proxy sites: identity ``domain`` (409 on a duplicate or a tenant's domain), a backend URL, type basic or
advanced (some config keys are advanced only), status A or D (src: proxy/admin.rs via §1.8)."""

from urllib.parse import urlsplit

from . import bodies
from .envelope import env, iso
from .errors import conflict, invalid, not_found

CONFIG = {"connectTimeoutSecs": int, "readTimeoutSecs": int, "preserveHost": bool, "forwardHeaders": bool,
          "websocket": bool, "proxyProtocol": bool, "customHeaders": dict}
ADVANCED_ONLY = ("proxyProtocol", "customHeaders")
SPEC = {"backendUrl": (str, False, False), "type": (str, False, True), "config": (dict, False, True)}


def view(site):
    return {k: site[k] for k in ("siteId", "domain", "backendUrl", "status", "type", "certExpiresAt", "config")} | {
        "createdAt": iso(site["createdAt"]), "updatedAt": iso(site["updatedAt"])}


def check(site):
    """400 for a backend URL, type, status or config the server refuses."""
    url = urlsplit(site["backendUrl"])
    if url.scheme not in ("http", "https") or not url.hostname:
        raise invalid("invalid backendUrl")
    if site["type"] not in ("basic", "advanced"):
        raise invalid("invalid type")
    if site["status"] not in ("A", "D"):
        raise invalid("invalid status")
    for name, value in site["config"].items():
        kind = CONFIG.get(name)
        if kind is None:
            raise invalid("unknown config field %s" % name)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise invalid("invalid config field %s" % name)
        if name in ADVANCED_ONLY and site["type"] != "advanced":
            raise invalid("%s needs type advanced" % name)


def taken(state, domain, site_id=None):
    if domain in state.tenants or any(s["domain"] == domain and s["siteId"] != site_id for s in state.proxy_sites.values()):
        raise conflict("Domain already in use")


def add_site(state, domain, backend_url, kind="basic", config=None, status="A"):
    site = {"siteId": state.last["site"] + 1, "domain": domain, "backendUrl": backend_url, "status": status,
            "type": kind or "basic", "certExpiresAt": None, "config": dict(config or {}),
            "createdAt": state.now(), "updatedAt": state.now()}
    check(site)
    taken(state, domain)
    state.last["site"] += 1
    state.proxy_sites[site["siteId"]] = site
    return site


def _site(state, request):
    try:
        site = state.proxy_sites.get(int(request.params["siteId"]))
    except ValueError:
        site = None
    if site is None:
        raise not_found("Proxy site not found")
    return site


def list_sites(state, request):
    items = [view(s) for s in state.proxy_sites.values()]
    return env(request, state, items, pagination={"offset": 0, "limit": len(items), "total": len(items)})


def create(state, request):
    body = bodies.fields(request, dict(SPEC, domain=(str, True, False), backendUrl=(str, True, False)))
    site = add_site(state, body["domain"].lower(), body["backendUrl"], body.get("type"), body.get("config"))
    return env(request, state, view(site), status=201)


def get(state, request):
    return env(request, state, view(_site(state, request)))


def patch(state, request):
    site = _site(state, request)
    body = bodies.fields(request, dict(SPEC, status=(str, False, False)))
    changed = dict(site)
    for name in ("backendUrl", "status", "type", "config"):
        if body.get(name) is not None:
            changed[name] = body[name]
    check(changed)
    changed["updatedAt"] = state.now()
    site.update(changed)
    return env(request, state, view(site))


def delete(state, request):
    site = _site(state, request)
    del state.proxy_sites[site["siteId"]]
    return env(request, state, None)


def register(router):
    router.add("GET", "/api/admin/proxy-sites", list_sites, role="admin")
    router.add("POST", "/api/admin/proxy-sites", create, role="admin")
    router.add("GET", "/api/admin/proxy-sites/:siteId", get, role="admin")
    router.add("PATCH", "/api/admin/proxy-sites/:siteId", patch, role="admin")
    router.add("DELETE", "/api/admin/proxy-sites/:siteId", delete, role="admin")

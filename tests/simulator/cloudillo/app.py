# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Cloudillo application: the tenant a request addresses, the request log and faults around the API pipeline,
per-tenant listeners, and the control interface.

API pipeline: the tenant (Host ``cl-o.<idTag>``, else the listener's tenant; none: the web app's page), the ban (switch
``ban_scope: all``), routing (404, 405), the auth bucket on login routes, the credential and the route's role, the
handler. Handlers get a ``Request`` whose ``user`` is the addressed tenant, ``token`` the ``auth.Caller`` and
``body`` the raw bytes (``bodies`` parses them as the server's extractors do).
"""

import threading
import traceback

from common import control as common_control
from common.errors import HttpError
from common.gateway import guarded, to_reply
from common.http import make_server, url_of
from common.routing import Request, Response, Router

from . import (actions, admin, api_keys, apps, auth, communities, control, identity, login, profiles, proxy_sites,
               ratelimit, requestlog, settings)
from .errors import PLAIN, ApiError, PlainError, internal

SPA = b"<!doctype html><html><head><title>Cloudillo</title></head><body><div id=\"app\"></div></body></html>\n"


def api_router():
    router = Router()
    for module in (identity, login, api_keys, settings, apps, actions, profiles, communities, admin, proxy_sites):
        module.register(router)
    return router


def host_tenant(host):
    """The idTag a ``Host`` header names (``cl-o.<idTag>``, port and trailing dot tolerated), or None."""
    if not host:
        return None
    name = host.strip().lower()
    if name.startswith("["):
        return None
    name = name.rsplit(":", 1)[0] if ":" in name else name
    name = name.rstrip(".")
    return name[len("cl-o."):] if name.startswith("cl-o.") and len(name) > len("cl-o.") else None


def _fault_body(status):
    """The error body of an injected fault, whatever its status."""
    return {"error": {"code": "E-CORE-INTERNAL", "message": "Injected fault"}}


class CloudilloApp:
    """Everything behind the HTTP plumbing; opens one listener per tenant on ``host`` when it has a server."""

    def __init__(self, state, host="127.0.0.1", verbose=False, listen=True):
        self.state = state
        self.api = api_router()
        self.control = control.router()
        self.host = host
        self.verbose = verbose
        if listen:
            state.open_listener = self._open_listener

    def _open_listener(self, id_tag):
        server = make_server(self, self.host, 0, self.verbose, listener=id_tag)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return url_of(server)

    def open_startup_listeners(self):
        """A listener for every tenant there is now; (idTag, URL) pairs."""
        with self.state.lock:
            return [(id_tag, self.state.listener_url(id_tag)) for id_tag in self.state.tenants]

    def tenant_of(self, raw):
        named = host_tenant(raw.headers.get("Host"))
        if named is not None:
            return named
        return raw.listener if raw.listener != "main" else None

    def handle(self, raw):
        state = self.state
        with state.lock:
            if common_control.is_control(raw.path):
                return to_reply(self._control(raw))
            id_tag = self.tenant_of(raw)
            entry = state.request_log.open(**requestlog.fields(state, raw, id_tag))
            return guarded(raw, entry, state.faults, lambda r: to_reply(self._pipeline(r, id_tag)), _fault_body)

    def _control(self, raw):
        try:
            return common_control.dispatch(self.control, self.state, raw)
        except HttpError as error:
            return Response(error.status, error.body())
        except Exception:  # pylint: disable=broad-exception-caught
            traceback.print_exc()
            return Response(500, {"status": "Internal Server Error", "message": "Internal error"})

    def _pipeline(self, raw, id_tag):
        try:
            return self._route(raw, id_tag)
        except (ApiError, PlainError) as error:
            return error.response()
        except Exception:  # pylint: disable=broad-exception-caught
            traceback.print_exc()
            return internal().response()

    def _route(self, raw, id_tag):
        state = self.state
        if id_tag is None:
            # not an API host: the server answers the web app, whatever the path
            return Response(200, SPA, content_type="text/html; charset=utf-8")
        tenant = state.tenants.get(id_tag)
        if tenant is None:
            raise ApiError(404, "E-CORE-NOTFOUND", "Tenant not found")
        if state.switches["ban_scope"] == "all":
            ban = ratelimit.banned(state, raw.client)
            if ban is not None:
                raise ban
        found = self.api.match(raw.method, raw.path)
        if found is None:
            allowed = self.api.methods(raw.path)
            if allowed:
                return Response(405, b"", content_type=PLAIN, headers={"Allow": ", ".join(allowed)})
            raise ApiError(404, "E-CORE-NOTFOUND", "Not found")
        route, params = found
        if (raw.method, route.template) in login.RATE_LIMITED:
            ratelimit.check(state, raw.client)
        caller = auth.identify(state, tenant, auth.presented(raw.headers, raw.query))
        role, extra = route.role.partition("+")[::2]
        auth.allowed(caller, role, apkg=extra == "apkg")
        request = Request(raw.method, raw.path, dict(raw.query), raw.headers, raw.body, params, user=tenant,
                          token=caller)
        request.client = raw.client
        return route.handler(state, request)

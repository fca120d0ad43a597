# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The CloudsFor application: the request log and faults around the API pipeline, and the control interface.

API pipeline: the rate limit window (429 when an armed window is used up), Basic authentication (401), routing under
``/api/v1`` (404, or 405 for a path served with other methods; HEAD is answered as GET, headers only), the JSON body,
the handler. ``RateLimit-*`` headers are added with switch ``ratelimit_headers`` (always on a 429).
"""

import traceback

from common import control as common_control
from common.errors import HttpError
from common.gateway import guarded, to_reply
from common.routing import Request, Response, Router

from . import account, action_routes, auth, bodies, control, key_routes, ratelimit, requestlog, vms
from .errors import ApiError, fault_body, internal, not_found

WITH_BODY = ("POST", "PUT", "PATCH")


def api_router():
    router = Router()
    for module in (account, key_routes, vms, action_routes):
        module.register(router)
    return router


class CloudsForApp:
    """Everything behind the HTTP plumbing; ``scheme`` is what the main listener speaks (for absolute links)."""

    def __init__(self, state, scheme="http"):
        self.state = state
        self.scheme = scheme
        self.api = api_router()
        self.control = control.router()

    def handle(self, raw):
        state = self.state
        with state.lock:
            state.settle()
            if common_control.is_control(raw.path):
                return to_reply(self._control(raw))
            entry = state.request_log.open(**requestlog.fields(raw))
            return guarded(raw, entry, state.faults, self._pipeline, fault_body)

    def _control(self, raw):
        try:
            return common_control.dispatch(self.control, self.state, raw)
        except HttpError as error:
            return Response(error.status, error.body())
        except Exception:  # pylint: disable=broad-exception-caught
            traceback.print_exc()
            return Response(500, {"status": "Internal Server Error", "message": "Internal error"})

    def _pipeline(self, raw):
        state = self.state
        try:
            ratelimit.take(state)
            response = self._route(raw)
        except ApiError as error:
            response = error.response()
        except Exception:  # pylint: disable=broad-exception-caught
            traceback.print_exc()
            response = internal().response()
        if state.switches["ratelimit_headers"] or response.status == 429:
            response.headers.update(ratelimit.headers(state.ratelimit))
        return to_reply(response)

    def _route(self, raw):
        state = self.state
        auth.check(state, raw.headers)
        method = "GET" if raw.method == "HEAD" else raw.method
        found = self.api.match(method, raw.path)
        if found is None:
            allowed = self.api.methods(raw.path)
            if allowed:
                allowed += ["HEAD"] if "GET" in allowed else []
                raise ApiError(405, "%s is not allowed on %s." % (raw.method, raw.path),
                               headers={"Allow": ", ".join(allowed)})
            raise not_found()
        route, params = found
        body = bodies.parse(raw.body) if method in WITH_BODY else {}
        request = Request(method, raw.path, dict(raw.query), raw.headers, body, params, user=state.startup["user"])
        request.base = "%s://%s" % (self.scheme, raw.headers.get("Host") or "127.0.0.1")
        return route.handler(state, request)

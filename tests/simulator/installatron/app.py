# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Installatron application: request log and faults around the API pipeline, and the control interface.

API pipeline: method override (``X-HTTP-Method-Override`` on a POST), the API key (403 ``invalid_api_key``), the
method (only GET, POST, DELETE: 405), the parameters (query for GET/DELETE, body for POST), routing (404, or 405 for
a path served with other methods), the handler. Long operations called without ``background`` answer when their
task has ended; the wait does not hold the state lock.
"""

import time
import traceback

from common import control as common_control
from common.errors import HttpError
from common.gateway import guarded, to_reply
from common.routing import Request, Response, Router

from . import backups, browser, control, envelope, forms, install_ops, installs, plugins, task_routes, users
from .errors import ApiError
from .jobs import Pending

METHODS = ("GET", "POST", "DELETE")


def api_router():
    router = Router()
    for module in (browser, installs, install_ops, plugins, backups, users, task_routes):
        module.register(router)
    return router


class InstallatronApp:
    """Everything behind the HTTP plumbing."""

    def __init__(self, state):
        self.state = state
        self.api = api_router()
        self.control = control.router()

    def handle(self, raw):
        state = self.state
        with state.lock:
            state.tasks.settle()
            if common_control.is_control(raw.path):
                return to_reply(self._control(raw))
            headers = raw.headers
            entry = state.request_log.open(
                method=raw.method, path=raw.path, query=dict(raw.query), status=None,
                body=forms.logged(headers, raw.body), key=state.key_kind(headers.get("X-API-Key")),
                api_version=headers.get("X-API-Version"), method_override=headers.get("X-HTTP-Method-Override"),
                content_type=headers.get("Content-Type"), accept=headers.get("Accept"), fault=None,
            )
            return guarded(raw, entry, state.faults, self._pipeline,
                           lambda status: envelope.body(state, status, message="Injected fault"))

    def _control(self, raw):
        try:
            return common_control.dispatch(self.control, self.state, raw)
        except HttpError as error:
            return Response(error.status, error.body())
        except Exception:  # pylint: disable=broad-exception-caught
            traceback.print_exc()
            return Response(500, {"status": "Internal Server Error", "message": "Internal error"})

    def _pipeline(self, raw):
        try:
            response = self._route(raw)
            if isinstance(response, Pending):
                response = self._wait(response)
        except ApiError as error:
            response = envelope.error(self.state, error)
        except Exception:  # pylint: disable=broad-exception-caught
            traceback.print_exc()
            response = envelope.error(self.state, ApiError(500, None, "Internal error"))
        return to_reply(response)

    def _route(self, raw):
        state = self.state
        method, tunneled = raw.method, False
        override = (raw.headers.get("X-HTTP-Method-Override") or "").strip().upper()
        if override and raw.method == "POST":
            method, tunneled = override, True
        if raw.headers.get("X-API-Key") not in (state.startup["key"], state.startup["key2"]):
            raise ApiError(403, "invalid_api_key", "The API key is invalid.")
        if method not in METHODS:
            raise ApiError(405, None, "The method %s is not allowed." % method, headers={"Allow": ", ".join(METHODS)})
        found = self.api.match(method, raw.path)
        if found is None:
            allowed = self.api.methods(raw.path)
            if allowed:
                raise ApiError(405, None, "%s does not take %s." % (raw.path, method), headers={"Allow": ", ".join(allowed)})
            raise ApiError(404, None, "There is no API at %s." % raw.path)
        route, path_params = found
        request = Request(method, raw.path, raw.query, raw.headers, self._params(raw, method, tunneled), path_params)
        return route.handler(state, request)

    def _params(self, raw, method, tunneled):
        """POST: the body. GET/DELETE: the query, plus the body when tunneled or with ``get_delete_body_params``."""
        if method == "POST":
            return self._body(raw)
        result = dict(raw.query)
        if tunneled or self.state.switches["get_delete_body_params"]:
            result.update(self._body(raw))
        return result

    @staticmethod
    def _body(raw):
        try:
            return forms.parse_body(raw.headers, raw.body)
        except forms.BodyError as error:
            raise ApiError(400, None, str(error)) from error

    def _wait(self, pending):
        """Wait, without the state lock, until the task has ended; then its answer."""
        state, engine = self.state, self.state.tasks
        while True:
            remaining = engine.end(pending.task) - engine.now()
            if remaining <= 0:
                break
            state.lock.release()
            try:
                time.sleep(min(remaining, 0.5) + 0.001)
            finally:
                state.lock.acquire()
        engine.settle()
        return pending.finish()

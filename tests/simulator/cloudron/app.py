"""The Cloudron application: request log and faults around the API pipeline, and the control interface.

API pipeline: the dashboard host's readiness (main listener), then in the real server's order: JSON
body parsing (before routing, so a malformed body is a 400 even on an unknown route), routing (the
setup listener serves only provisioning until activation), token, read-only scope, role, the gate
closing setup and activation once activated, body validation, handler.
"""

import json
import traceback

from . import (app_configure, app_ops, apps, appstore, auth, control, domains, groups, mail, profile, provision, settings,
               task_routes, tokens, users, versions)
from .errors import ApiError, error_body, reason
from .http import Reply
from .routing import JSON_TYPE, Request, Response, Router

API_PREFIX = "/api/v1"
CONTROL_PREFIX = "/_control"


def api_router(validator):
    router = Router()
    provision.register(router, validator)
    for module in (profile, users, groups, tokens, task_routes, domains, mail, appstore, apps, app_ops, app_configure, settings):
        module.register(router)
    return router


def _is_json(headers):
    """body-parser only parses bodies declared as JSON; others reach handlers as ``{}``."""
    content_type = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    return content_type == "application/json" or content_type.endswith("+json")


def _parse_json(data):
    """Parsed JSON, or ValueError; like body-parser's strict mode only objects and arrays are accepted."""
    value = json.loads(data.decode("utf-8"))
    if not isinstance(value, (dict, list)):
        raise ValueError("not an object or array")
    return value


def _logged_body(data):
    try:
        return json.loads(data.decode("utf-8")) if data else None
    except ValueError:
        return None


def _answer(handler, *args):
    """The handler's response, its ApiError as a response, or a 500 for a simulator bug (traceback on stderr)."""
    try:
        return handler(*args)
    except ApiError as error:
        return Response(error.status, error.body())
    except Exception:  # pylint: disable=broad-exception-caught
        traceback.print_exc()
        return Response(500, error_body(500, "Internal error"))


def _reply(response):
    headers = [] if response.status == 204 else [("Content-Type", response.content_type)]
    headers += list(response.headers.items())
    return Reply(response.status, reason(response.status), headers, response.payload())


class CloudronApp:
    """Everything behind the HTTP plumbing."""

    def __init__(self, state, validator):
        self.state = state
        self.validator = validator
        self.api = api_router(validator)
        self.control = control.router()

    def handle(self, raw):
        with self.state.lock:
            provision.settle(self.state)
            if raw.path == CONTROL_PREFIX or raw.path.startswith(CONTROL_PREFIX + "/"):
                return _reply(_answer(self._control, raw))
            return self._logged(raw)

    def _control(self, raw):
        self.state.tasks.settle()
        try:
            body = json.loads(raw.body.decode("utf-8")) if raw.body.strip() else {}
        except ValueError:
            return Response(400, error_body(400, "Failed to parse body"))
        if not isinstance(body, dict):
            return Response(400, error_body(400, "body must be an object"))
        found = self.control.match(raw.method, raw.path)
        if found is None:
            return Response(404, error_body(404, "No such control route"))
        route, params = found
        return route.handler(self.state, Request(raw.method, raw.path, raw.query, raw.headers, body, params))

    def _logged(self, raw):
        """Apply a matching fault and record the request in the log, exactly once."""
        state = self.state
        query = {k: ("***" if k == "access_token" else v) for k, v in raw.query.items()}
        entry = {
            "seq": state.next_request_seq(),
            "listener": raw.listener,
            "method": raw.method, "path": raw.path, "query": query, "status": None,
            "body": _logged_body(raw.body),
            "token": state.token_kind(auth.presented_token(raw.headers, raw.query)),
            "fault": None,
        }
        state.requests.append(entry)
        fault = state.faults.take(raw.method, raw.path)
        if fault is None:
            reply = _reply(_answer(self._pipeline, raw))
        elif fault.get("drop") == "before":
            entry["fault"] = "drop_before"
            reply = Reply(0, "", drop=True)
        elif fault.get("status") is not None:
            entry["fault"] = "status"
            reply = self._fault_reply(fault)
        else:
            reply = _reply(_answer(self._pipeline, raw))
            if fault.get("drop") == "after":
                entry["fault"] = "drop_after"
                reply.drop = True
        if not reply.drop or entry["fault"] == "drop_after":
            entry["status"] = reply.status
        reply.delay = fault["latency_ms"] / 1000.0 if fault else 0.0
        return reply

    @staticmethod
    def _fault_reply(fault):
        status = fault["status"]
        body = fault.get("body", error_body(status, "Injected fault"))
        if isinstance(body, str):
            payload, content_type = body.encode("utf-8"), "text/plain; charset=utf-8"
        else:
            payload, content_type = Response(status, body).payload(), JSON_TYPE
        headers = [] if status == 204 else [("Content-Type", fault.get("content_type") or content_type)]
        headers += list(fault["headers"].items())
        return Reply(status, reason(status), headers, b"" if status == 204 else payload)

    def _pipeline(self, raw):
        state = self.state
        if raw.listener == "main" and not provision.ready(state):
            # the dashboard host has no DNS record, certificate or proxy yet: nothing below is reached
            return provision.not_ready()
        # tasks that are due finish (and apply their changes) before anything is read
        state.tasks.settle()
        body = {}
        if raw.body and _is_json(raw.headers):
            try:
                body = _parse_json(raw.body)
            except ValueError as error:
                raise ApiError(400, "Failed to parse body") from error
        # Express routes HEAD like GET
        found = self.api.match("GET" if raw.method == "HEAD" else raw.method, raw.path, state.mode())
        if found is None or not provision.serves(state, raw.listener, found[0]):
            raise ApiError(404, "No such route")
        route, params = found
        request = Request(raw.method, raw.path, raw.query, raw.headers, body, params)
        if route.role is not None:
            auth.authenticate(state, request)
            auth.check_scope(state, request)
            auth.require_role(request.user, route.role)
        provision.check_open(state, route)
        path, renames = versions.schema_request(raw.path[len(API_PREFIX):].rstrip("/"), state.ports_field())
        self.validator.validate(raw.method, path, body, state.switches["strict_fields"], renames)
        return route.handler(state, request)

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Cloudron application: request log and faults around the API pipeline, and the control interface.

API pipeline: the dashboard host's readiness (main listener), then in the real server's order: JSON
body parsing (before routing, so a malformed body is a 400 even on an unknown route), routing (the
setup listener serves only provisioning until activation), token, read-only scope, role, the gate
closing setup and activation once activated, body validation, handler.
"""

import json
import traceback

from common import control as common_control
from common.errors import HttpError, error_body
from common.gateway import guarded, to_reply
from common.routing import Request, Response, Router

from . import (app_configure, app_ops, apps, appstore, auth, backup_config, backups, control, domains, groups, mail_domains,
               mail_lists, mailboxes, mailserver, profile, provision, settings, task_routes, tokens, updater, users, versions,
               volumes)
from . import eventlog, notifications, services, system
from . import app_passwords
from . import network, registry
from . import directory
from . import applinks, oidc
from . import branding, multipart
from .errors import ApiError

API_PREFIX = "/api/v1"


def api_router(validator):
    router = Router()
    provision.register(router, validator)
    for module in (profile, users, groups, tokens, task_routes, domains, mail_domains, mailboxes, mail_lists, mailserver, appstore,
                   apps, app_ops, app_configure, settings, backup_config, backups, volumes, updater):
        module.register(router)
    for module in (eventlog, notifications, services, system):
        module.register(router)
    app_passwords.register(router)
    network.register(router)
    registry.register(router)
    directory.register(router)
    oidc.register(router)
    applinks.register(router)
    branding.register(router)
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
    except HttpError as error:
        return Response(error.status, error.body())
    except Exception:  # pylint: disable=broad-exception-caught
        traceback.print_exc()
        return Response(500, error_body(500, "Internal error"))


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
            if common_control.is_control(raw.path):
                return to_reply(_answer(self._control, raw))
            return self._logged(raw)

    def _control(self, raw):
        self.state.tasks.settle()
        return common_control.dispatch(self.control, self.state, raw)

    def _logged(self, raw):
        """Apply a matching fault and record the request in the log, exactly once."""
        state = self.state
        query = {k: ("***" if k == "access_token" else v) for k, v in raw.query.items()}
        entry = state.request_log.open(
            listener=raw.listener, method=raw.method, path=raw.path, query=query, status=None,
            body=multipart.logged(raw.headers, raw.body) if multipart.is_multipart(raw.headers) else _logged_body(raw.body),
            token=state.token_kind(auth.presented_token(raw.headers, raw.query)),
            fault=None,
        )
        return guarded(raw, entry, state.faults, lambda raw: to_reply(_answer(self._pipeline, raw)),
                       lambda status: error_body(status, "Injected fault"))

    def _pipeline(self, raw):
        state = self.state
        if raw.listener == "main" and not provision.ready(state):
            # the dashboard host has no DNS record, certificate or proxy yet: nothing below is reached
            return provision.not_ready()
        if raw.listener == "main" and system.settle(state):
            # rebooting: nothing answers but the proxy in front
            return system.down()
        # tasks that are due finish (and apply their changes) before anything is read
        state.tasks.settle()
        body = {}
        if raw.body and _is_json(raw.headers):
            try:
                body = _parse_json(raw.body)
            except ValueError as error:
                raise ApiError(400, "Failed to parse body") from error
        elif raw.body and multipart.is_multipart(raw.headers):
            # uploads reach their handlers as {field: Part}; the spec gives them no JSON schema to validate
            try:
                body = multipart.parse(raw.headers, raw.body)
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

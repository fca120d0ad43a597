# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudron adapter: URLs, Bearer auth, error bodies and hints, pagination and version detection."""

from __future__ import annotations

import json

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.versions import (
    MINIMUM_VERSION, format_version, parse_version,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ServerDataError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import (
    HttpClient, connection_options, parse_base_url,
)

API_PREFIX = "/api/v1"
PAGE_SIZE = 5000
MAX_PAGES = 1000
DASHBOARD_HINT = "is api_url the dashboard host my.<domain>?"
STATUS_PATH = "/cloudron/status"
NO_ROUTE = "No such route"


def normalize_api_url(value, option="api_url"):
    """Accept a bare host or a full URL (with or without /api/v1); return the API base URL."""
    scheme, netloc, path = parse_base_url(value, option)
    if path.endswith(API_PREFIX):
        path = path[:-len(API_PREFIX)]
    return "%s://%s%s%s" % (scheme, netloc, path, API_PREFIX)


class CloudronClient:
    """Talks to one Cloudron server. Created once per module run."""

    def __init__(self, http, api_version=None):
        self.http = http
        self._version = parse_version(api_version) if api_version else None
        self._version_overridden = bool(api_version)
        self._status = None
        self._token_read_ok = False

    @classmethod
    def from_params(cls, params, url_option="api_url", token=None, **http_kwargs):
        """A client from module options (``token`` overrides ``api_token``, e.g. a fresh activation token)."""
        options = connection_options(params)
        options.update(http_kwargs)
        token = token or params.get("api_token")
        http = HttpClient(normalize_api_url(params.get(url_option), url_option), auth=BearerAuth(token) if token else None,
                          **options)
        return cls(http, api_version=params.get("api_version"))

    # -- requests -----------------------------------------------------------------------------

    def call(self, method, path, body=None, params=None, role=None, safe=None):
        """Send a request; return the decoded JSON body ({} when empty) or raise ``ApiError``.

        ``role`` names the role the operation needs, so a 403 can say which one; ``safe`` marks a
        request that may be repeated although its method is not idempotent.
        """
        return self._answer(self.http.request(method, path, body=body, params=params, safe=safe), path, role)

    def upload(self, path, field, filename, data, content_type, role=None):
        """POST one file as a multipart/form-data field (images); the answer is read as ``call`` reads it.

        Never repeated once it may have reached the server (the transport's rule for every POST)."""
        return self._answer(self.http.request("POST", path, files={field: (filename, data, content_type)}), path, role)

    def _answer(self, response, path, role):
        method = response.method
        if 200 <= response.status < 300:
            # A public route proves nothing about the token.
            self._token_read_ok = self._token_read_ok or (method == "GET" and path != STATUS_PATH)
            if response.text and response.text.strip() and not response.is_json:
                raise response.error("expected JSON but got %s" % response.summary(120), hint=DASHBOARD_HINT)
            if response.json is not None and not isinstance(response.json, dict):
                raise ServerDataError("%s %s answered %s where an object was expected" % (method, response.url, type(response.json).__name__))
            return response.json if response.json is not None else {}
        raise self._error(response, role)

    def call_text(self, method, path, params=None, role=None):
        """For routes that answer with text (logs as NDJSON)."""
        return self._call_raw(method, path, params, role).text or ""

    def call_bytes(self, method, path, params=None, role=None):
        """For routes that answer with binary data (images)."""
        return self._call_raw(method, path, params, role).content or b""

    def image(self, path, role=None):
        """The bytes an image route serves; None when the server says there is none (no such object, or nothing)."""
        try:
            data = self.call_bytes("GET", path, role=role)
        except ApiError as exc:
            if exc.missing:
                return None
            raise
        return data or None

    def _call_raw(self, method, path, params, role):
        response = self.http.request(method, path, params=params)
        if 200 <= response.status < 300:
            return response
        raise self._error(response, role)

    def list_all(self, path, key, params=None, ident="id", per_page=PAGE_SIZE):
        """Read a paged list with large pages until a short page.

        Stops when a page brings nothing new (a server ignoring ``page`` would otherwise loop forever).
        """
        items, seen = [], set()
        for page in range(1, MAX_PAGES + 1):
            query = dict(params or {})
            query.update(page=page, per_page=per_page)
            batch = self.call("GET", path, params=query).get(key) or []
            if not isinstance(batch, list):
                raise ServerDataError("GET %s: %r is not a list" % (self.http.url(path), key))
            fresh = [item for item in batch if item.get(ident) not in seen]
            for item in fresh:
                seen.add(item.get(ident))
                items.append(item)
            if len(batch) < per_page or not fresh:
                break
        return items

    def _error(self, response, role):
        body = response.json
        if isinstance(body, dict) and body.get("message"):
            message = str(body["message"])
        else:
            message = response.summary()
        # v9 answers an unknown route with a JSON 404 too; only other JSON 404s mean "no such object".
        missing = response.status == 404 and isinstance(body, dict) and message != NO_ROUTE
        return response.error(message, hint=self._hint(response, message, role), missing=missing)

    def _hint(self, response, message, role):
        status, write = response.status, response.method != "GET"
        if status == 401 and write and self._token_read_ok:
            return "the api_token was accepted for reading but not for this write: it is probably read-only"
        if status == 401:
            return "the api_token is wrong, expired or revoked"
        if status == 403:
            need = ("; this operation needs the %s role or higher" % role) if role else ""
            if write:
                return "the api_token is read-only or its user's role is too low%s" % need
            return "the api_token's user may not read this%s" % need
        if status == 404 and (message == NO_ROUTE or not response.is_json):
            return "the server does not know this route; %s Check api_version if set" % DASHBOARD_HINT
        return None

    # -- server version ------------------------------------------------------------------------

    def status(self):
        """GET /cloudron/status once per run (public route)."""
        if self._status is None:
            try:
                self._status = self.call("GET", STATUS_PATH)
            except ApiError as exc:
                if exc.status == 404 or not isinstance(exc.body, dict):
                    raise exc.with_hint("no Cloudron status here; " + DASHBOARD_HINT)
                raise
        return self._status

    def version(self):
        """The server version as a tuple, read lazily once (or taken from ``api_version``)."""
        if self._version is None:
            version = parse_version(self.status().get("version"))
            if version is None:
                raise ApiError("GET", self.http.url(STATUS_PATH), 200,
                               "the status answer carries no version: %s" % json.dumps(self._status)[:200],
                               hint=DASHBOARD_HINT)
            self._version = version
        return self._version

    def require_supported(self):
        """Fail fast below Cloudron 8.0; called before the first write of a run."""
        version = self.version()
        if version[:2] < MINIMUM_VERSION:
            source = "api_version" if self._version_overridden else "the server"
            raise ApiError("GET", self.http.url(STATUS_PATH), 200,
                           "Cloudron %s (from %s) is not supported; this collection needs Cloudron %s or later"
                           % (format_version(version), source, format_version(MINIMUM_VERSION)))
        return version

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cloudron adapter: URLs, error bodies, hints, pagination, version detection and tasks."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from ansible_collections.selfhosted.platforms.plugins.module_utils._http import ApiError, HttpClient

API_PREFIX = "/api/v1"
PAGE_SIZE = 5000
MAX_PAGES = 1000
MINIMUM_VERSION = (8, 0)
DASHBOARD_HINT = "is api_url the dashboard host my.<domain>?"
STATUS_PATH = "/cloudron/status"


class ConfigError(Exception):
    """Bad connection settings, found before any request is sent."""


def normalize_api_url(value):
    """Accept a bare host or a full URL (with or without /api/v1); return the API base URL."""
    value = (value or "").strip()
    if not value:
        raise ConfigError("api_url is required (or set CLOUDRON_API_URL / CLOUDRON_DOMAIN)")
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError("api_url %r is not an http(s) URL or host name" % value)
    if parts.username or parts.password:
        raise ConfigError("api_url must not contain credentials; pass the token in api_token")
    if parts.query or parts.fragment:
        raise ConfigError("api_url must not contain a query string or fragment")
    path = parts.path.rstrip("/")
    if path.endswith(API_PREFIX):
        path = path[:-len(API_PREFIX)]
    return "%s://%s%s%s" % (parts.scheme, parts.netloc, path, API_PREFIX)


def parse_version(text):
    """'9.0.15' -> (9, 0, 15); None when there is no leading number."""
    numbers = re.findall(r"\d+", str(text or ""))
    if not numbers:
        return None
    return tuple(int(n) for n in numbers[:3])


def format_version(version):
    return ".".join(str(n) for n in version)


class CloudronClient:
    """Talks to one Cloudron server. Created once per module run."""

    def __init__(self, http, api_version=None):
        self.http = http
        self._version = parse_version(api_version) if api_version else None
        self._version_overridden = bool(api_version)
        self._status = None
        self._token_read_ok = False

    @classmethod
    def from_params(cls, params, **http_kwargs):
        http = HttpClient(
            normalize_api_url(params.get("api_url")),
            token=params.get("api_token"),
            validate_certs=params.get("validate_certs", True),
            ca_path=params.get("ca_path"),
            timeout=params.get("request_timeout") or 30,
            **http_kwargs
        )
        return cls(http, api_version=params.get("api_version"))

    # -- requests -----------------------------------------------------------------------------

    def call(self, method, path, body=None, params=None, role=None):
        """Send a request; return the decoded JSON body ({} when empty) or raise ``ApiError``.

        ``role`` names the role the operation needs, so a 403 can say which one.
        """
        response = self.http.request(method, path, body=body, params=params)
        if 200 <= response.status < 300:
            # A public route proves nothing about the token.
            self._token_read_ok = self._token_read_ok or (method == "GET" and path != STATUS_PATH)
            if response.text and response.text.strip() and not response.is_json:
                raise ApiError(method, response.url, response.status,
                               "expected JSON but got %s" % response.summary(120), hint=DASHBOARD_HINT)
            return response.json if response.json is not None else {}
        raise self._error(response, role)

    def call_text(self, method, path, params=None, role=None):
        """For routes that answer with text (logs as NDJSON)."""
        return self._call_raw(method, path, params, role).text or ""

    def call_bytes(self, method, path, params=None, role=None):
        """For routes that answer with binary data (images)."""
        return self._call_raw(method, path, params, role).content or b""

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
            fresh = [item for item in batch if item.get(ident) not in seen]
            for item in fresh:
                seen.add(item.get(ident))
                items.append(item)
            if len(batch) < per_page or not fresh:
                break
        return items

    def _error(self, response, role):
        body = response.json if response.is_json else response.text
        if isinstance(response.json, dict) and response.json.get("message"):
            message = str(response.json["message"])
        elif 300 <= response.status < 400:
            message = "redirected; writes never follow redirects"
        else:
            message = response.summary()
        return ApiError(response.method, response.url, response.status, message, body=body,
                        hint=self._hint(response, message, role))

    def _hint(self, response, message, role):
        status, write = response.status, response.method != "GET"
        if 300 <= status < 400:
            location = response.headers.get("Location", "")
            return "the server redirects to %s; put the final URL (https://…) in api_url" % (location or "another URL")
        if status == 401 and write and self._token_read_ok:
            return "the api_token was accepted for reading but not for this write: it is probably read-only"
        if status == 401:
            return "the api_token is wrong, expired or revoked"
        if status == 403:
            need = ("; this operation needs the %s role or higher" % role) if role else ""
            if write:
                return "the api_token is read-only or its user's role is too low%s" % need
            return "the api_token's user may not read this%s" % need
        if status == 404 and (message == "No such route" or not response.is_json):
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
                    raise ApiError(exc.method, exc.url, exc.status, exc.message, exc.body,
                                   hint="no Cloudron status here; " + DASHBOARD_HINT)
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

    def at_least(self, *version):
        return self.version() >= tuple(version)

    # -- tasks -----------------------------------------------------------------------------------

    def task(self, task_id):
        return self.call("GET", "/tasks/%s" % task_id)

    def task_log_tail(self, task_id, lines=10):
        """The last log lines of a task as plain messages; empty when the logs cannot be read."""
        try:
            text = self.call_text("GET", "/tasks/%s/logs" % task_id, params={"lines": lines})
        except ApiError:
            return []
        messages = []
        for line in text.splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                messages.append(line)
                continue
            messages.append(str(entry.get("message", line)) if isinstance(entry, dict) else line)
        return messages[-lines:]

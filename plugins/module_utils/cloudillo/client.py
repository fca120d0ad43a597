# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudillo adapter: the tenant URL, Bearer credentials (a ``cl_`` API key, or a password login once per run),
answers with or without the ``{data, time, reqId, cursorPagination, pagination}`` envelope, both error shapes, and
cursor and offset pagination.

Each identity (``idTag``) is a tenant served at ``https://cl-o.<idTag>``; the server picks the tenant from the Host.
"""

from __future__ import annotations

from urllib.parse import quote

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ConfigError, ServerDataError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import (
    HttpClient, connection_options, parse_base_url,
)

HOST_PREFIX = "cl-o."
PAGE_SIZE = 100
MAX_PAGES = 1000
NOT_FOUND_CODES = frozenset(("E-CORE-NOTFOUND", "E-SET-NOTFOUND"))
# The query parameters each list route knows. Some routes reject any other (``deny_unknown_fields``), so a
# parameter outside this table is a programming error caught before anything is sent.
LIST_PARAMS = {
    "/api/settings": frozenset(("prefix", "level", "tenant")),
    "/api/auth/api-keys": frozenset(),
    "/api/apps": frozenset(("search",)),
    "/api/apps/installed": frozenset(),
    "/api/admin/tenants": frozenset(("status", "q", "limit", "offset")),
    "/api/admin/proxy-sites": frozenset(),
    "/api/profiles": frozenset(("type", "status", "connected", "following", "follower", "q", "idTag", "trustSet",
                                "hiddenInHome", "limit", "afterIdTag")),
    "/api/files": frozenset(("limit", "cursor", "fileId", "parentId", "notParentId", "rootId", "tag", "preset", "variant",
                             "status", "fileTp", "contentType", "includeFolders", "fileName", "ownerIdTag",
                             "notOwnerIdTag", "localOnly", "pinned", "starred", "sort", "sortDir", "withParent", "withPath")),
    "/api/actions": frozenset(("limit", "cursor", "sort", "sortDir", "type", "status", "tag", "search", "visibility",
                               "issuer", "audience", "audienceType", "involved", "actionId", "parentId", "rootId",
                               "subject", "createdAfter", "createdBefore", "subscribed", "includeTokens",
                               "includeSubject", "excludeOwnIssuer", "count")),
}

UNAUTH_HINT = ("the server did not accept the access token (E-AUTH-UNAUTH: invalid or expired); "
               "log in again, or use an API key (api_key)")
NOPERM_HINT = ("the credential is missing, wrong, belongs to another tenant (api_key must be a key of the tenant "
               "this URL serves), is a scoped key this route refuses, or its role is too low for this operation")
LOGIN_HINT = "the password or id_tag is wrong; 20 failed logins ban this address for an hour"


def tenant_url(id_tag):
    """The API root of a tenant: ``https://cl-o.<id_tag>``."""
    id_tag = (id_tag or "").strip().rstrip(".").lower()
    if not id_tag or "/" in id_tag or ":" in id_tag or " " in id_tag:
        raise ConfigError("id_tag %r is not an identity (a DNS name such as alice.example.com)" % id_tag)
    return "https://%s%s" % (HOST_PREFIX, id_tag)


def normalize_api_url(value, option="api_url"):
    """A bare host or a full URL of the tenant API (``/api`` is added by each path)."""
    scheme, netloc, path = parse_base_url(value, option)
    if path.endswith("/api"):
        path = path[:-len("/api")]
    return "%s://%s%s" % (scheme, netloc, path)


def base_url(params):
    """``api_url`` when given, else the URL ``id_tag`` names."""
    if params.get("api_url"):
        return normalize_api_url(params["api_url"])
    if params.get("id_tag"):
        return tenant_url(params["id_tag"])
    raise ConfigError("id_tag or api_url is required: set one of them, or CLOUDILLO_ID_TAG or CLOUDILLO_API_URL")


def segment(value):
    """A value as one path segment (an idTag, a setting key), never splitting the path."""
    return quote(str(value), safe="@.")


def _take_fresh(batch, items, seen, ident):
    """Append the items of ``batch`` not seen before to ``items``; return them (none means the paging went round)."""
    fresh = [item for item in batch if item.get(ident) not in seen]
    for item in fresh:
        seen.add(item.get(ident))
        items.append(item)
    return fresh


class Answer:
    """A successful answer: ``data`` (the envelope's, or the bare body) and its pagination blocks."""

    def __init__(self, status, body):
        self.status = status
        enveloped = isinstance(body, dict) and "data" in body
        self.data = body.get("data") if enveloped else body
        self.cursor = body.get("cursorPagination") if enveloped else None
        self.pagination = body.get("pagination") if enveloped else None


class CloudilloClient:
    """Talks to one tenant of a Cloudillo server. Created once per module run."""

    def __init__(self, http, id_tag=None, password=None):
        self.http = http
        self.id_tag = id_tag
        self._password = password
        self.logged_in = False
        self.logins = 0

    @classmethod
    def from_params(cls, params, **http_kwargs):
        options = connection_options(params)
        options.update(http_kwargs)
        key = params.get("api_key")
        http = HttpClient(base_url(params), auth=BearerAuth(key) if key else None, **options)
        id_tag = (params.get("id_tag") or "").strip().rstrip(".").lower() or None
        return cls(http, id_tag=id_tag, password=None if key else params.get("password"))

    # -- credentials ------------------------------------------------------------------------------

    def login(self):
        """Log in with the password once; every later request carries the access token (valid for an hour)."""
        if self.logged_in or self._password is None:
            return
        if not self.id_tag:
            raise ConfigError("password login needs id_tag (the identity to log in as)")
        self.logins += 1
        response = self.http.request("POST", "/api/auth/login", body={"idTag": self.id_tag, "password": self._password},
                                     safe=False)
        if not 200 <= response.status < 300:
            error = self._error(response)
            if error.code == "E-AUTH-NOPERM":
                error = error.with_hint(LOGIN_HINT)
            raise error
        data = self._answer(response).data
        token = data.get("token") if isinstance(data, dict) else None
        if not token:
            raise ServerDataError("POST %s answered without a token" % response.url)
        self.http.session.auth = BearerAuth(token)
        self.logged_in = True

    # -- requests ---------------------------------------------------------------------------------

    def call(self, method, path, params=None, body=None, safe=None, auth=True):
        """Send a request; return its ``Answer``; raise ``ApiError`` for an error answer.

        A GET of a list route may only carry the parameters that route knows (see ``LIST_PARAMS``).
        """
        if method == "GET" and path in LIST_PARAMS:
            unknown = sorted(set(params or {}) - LIST_PARAMS[path])
            if unknown:
                raise RuntimeError("GET %s does not take %s" % (path, ", ".join(unknown)))
        if auth:
            self.login()
        response = self.http.request(method, path, body=body, params=params or None, safe=safe)
        if not 200 <= response.status < 300:
            raise self._error(response)
        return self._answer(response)

    def data(self, method, path, **kwargs):
        return self.call(method, path, **kwargs).data

    @staticmethod
    def _answer(response):
        if response.status == 204 or not (response.text or "").strip():
            return Answer(response.status, None)
        if not response.is_json:
            raise ServerDataError("%s %s answered %s where JSON was expected; is this the API host cl-o.<id_tag>?"
                                  % (response.method, response.url, response.summary(120)))
        return Answer(response.status, response.json)

    @staticmethod
    def _error(response):
        """``{error: {code, message, details}}``, or the framework's plain-text answers (400/415/422)."""
        body = response.json if isinstance(response.json, dict) else None
        error = body.get("error") if body else None
        if isinstance(error, dict):
            code = error.get("code")
            message = "%s: %s" % (code, error.get("message")) if code else str(error.get("message"))
            details = error.get("details") if isinstance(error.get("details"), dict) else {}
        else:
            code, message, details = None, response.summary(), {}
        hint = None
        if code == "E-RATE-BANNED":
            remaining = details.get("remainingSecs")
            hint = ("this address is banned after too many failed logins%s; not retried"
                    % (" for %s more seconds" % remaining if remaining is not None else ""))
        elif response.status == 401:
            hint = UNAUTH_HINT
        elif response.status == 403:
            hint = NOPERM_HINT
        elif response.status == 429:
            retry = details.get("retryAfter")
            hint = "rate limited%s" % (" (retry after %s s)" % retry if retry is not None else "")
        return response.error(message, hint=hint, missing=response.status == 404 and code in NOT_FOUND_CODES, code=code)

    # -- lists ------------------------------------------------------------------------------------

    def list_cursor(self, path, params=None, limit=PAGE_SIZE, ident="id"):
        """Every item of a cursor-paginated list: the opaque ``nextCursor`` until ``hasMore`` is false."""
        items, seen, cursor = [], set(), None
        for _page in range(MAX_PAGES):
            query = dict(params or {})
            query["limit"] = limit
            if cursor:
                query["cursor"] = cursor
            answer = self.call("GET", path, params=query)
            batch = self._batch(answer, path)
            fresh = _take_fresh(batch, items, seen, ident)
            more = answer.cursor or {}
            cursor = more.get("nextCursor")
            if not more.get("hasMore") or not cursor or not fresh:
                break
        return items

    def list_offset(self, path, params=None, limit=PAGE_SIZE, ident="id"):
        """Every item of an offset-paginated list (the admin lists): ``offset``/``limit`` until the total is read or
        a page is short. Stops when a page brings nothing new, so a server that ignores ``offset`` cannot loop."""
        items, seen = [], set()
        for page in range(MAX_PAGES):
            query = dict(params or {})
            query.update(limit=limit, offset=page * limit)
            answer = self.call("GET", path, params=query)
            batch = self._batch(answer, path)
            fresh = _take_fresh(batch, items, seen, ident)
            total = (answer.pagination or {}).get("total")
            if not fresh or len(batch) < limit or (isinstance(total, int) and len(items) >= total):
                break
        return items

    def list_keyset(self, path, params=None, limit=PAGE_SIZE, key="idTag", after="afterIdTag"):
        """Every item of a keyset-paginated list (``GET /api/profiles``): ``limit`` and ``after`` = the last item's
        ``key`` until a page is short, or brings nothing past the last one."""
        items, last = [], None
        for _page in range(MAX_PAGES):
            query = dict(params or {}, limit=limit)
            if last:
                query[after] = last
            batch = self.list_whole(path, params=query)
            items.extend(batch)
            if len(batch) < limit or not batch[-1].get(key) or batch[-1].get(key) == last:
                break
            last = batch[-1][key]
        return items

    def list_whole(self, path, params=None):
        """A list the server answers whole (an array, enveloped or bare)."""
        return self._batch(self.call("GET", path, params=params), path)

    def _batch(self, answer, path):
        if answer.data is None:
            return []
        if not isinstance(answer.data, list):
            raise ServerDataError("GET %s: the answer is not a list" % self.http.url(path))
        return answer.data

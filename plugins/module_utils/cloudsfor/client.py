# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""CloudsFor adapter: HTTP Basic with the account e-mail and password, root-key envelopes, ``{id, message}`` errors,
204 deletes and page/per_page lists.

The vendor documents the envelope (one object under its singular root key, a collection under its plural key with
``meta.total``) and the error body. Pagination and the rate-limit headers are not documented; they follow the
DigitalOcean v2 API, of which the vendor's introduction is a renamed copy (marked ``inferred`` where used).

Stable for other plugins (the inventory plugin): ``CloudsForClient.from_params(params)``, ``CloudsForClient.call``,
``CloudsForClient.get`` and ``CloudsForClient.list_all(path, root)``.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qsl, urlsplit

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BasicAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ConfigError, ServerDataError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import (
    HttpClient, connection_options, parse_base_url,
)

DEFAULT_API_URL = "https://cloudsfor.com/api/v1"
API_PREFIX = "/api/v1"
PAGE_SIZE = 200
MAX_PAGES = 1000
# RateLimit-Reset counts whole seconds and the two clocks differ: never retry sooner than this.
MIN_RESET_WAIT = 1.0
# A RateLimit-Reset below this is a number of seconds (the IETF draft's form), not a point in time.
EPOCH_FLOOR = 1000000000
CREDENTIALS_HINT = "the account e-mail (api_user) or the account password (api_password) is wrong"
FORBIDDEN_HINT = "the account may not do this"
API_HINT = "is api_url the API base, such as %s?" % DEFAULT_API_URL


def normalize_api_url(value, option="api_url"):
    """A bare host or a full URL, with or without ``/api/v1``; return the API base URL (ending in ``/api/v1``)."""
    scheme, netloc, path = parse_base_url(value, option)
    if path.endswith(API_PREFIX):
        path = path[:-len(API_PREFIX)]
    return "%s://%s%s%s" % (scheme, netloc, path, API_PREFIX)


def rate_limit_wait(headers, now=None):
    """Seconds until ``RateLimit-Reset`` (epoch seconds), for a 429 that carries no Retry-After; None without it.

    inferred (DigitalOcean shape): the vendor only says the headers hold "useful information about your API access".
    """
    value = headers.get("RateLimit-Reset") if headers is not None else None
    try:
        reset = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    if reset < EPOCH_FLOOR:
        return max(MIN_RESET_WAIT, reset)
    return max(MIN_RESET_WAIT, reset - (time.time() if now is None else now))


def _error_body(response):
    body = response.json if isinstance(response.json, dict) else {}
    code = body.get("id") if isinstance(body.get("id"), str) else None
    message = body.get("message") if isinstance(body.get("message"), str) else None
    return code, message


class CloudsForClient:
    """Talks to the CloudsFor API of one account. Created once per module run (or inventory parse)."""

    def __init__(self, http):
        self.http = http

    @classmethod
    def from_params(cls, params, **http_kwargs):
        """A client from the connection options: ``api_url`` (default the vendor's), ``api_user``, ``api_password``,
        ``validate_certs``, ``ca_path``, ``request_timeout``. Raises ``ConfigError`` for a bad or missing one."""
        for name in ("api_user", "api_password"):
            if not params.get(name):
                raise ConfigError("%s is required: set it, or %s" % (name, "CLOUDSFOR_USER" if name == "api_user" else "CLOUDSFOR_PASSWORD"))
        options = connection_options(params)
        options.setdefault("rate_limit_wait", rate_limit_wait)
        options.update(http_kwargs)
        url = normalize_api_url(params.get("api_url") or DEFAULT_API_URL)
        return cls(HttpClient(url, auth=BasicAuth(params["api_user"], params["api_password"]), **options))

    # -- requests ---------------------------------------------------------------------------------

    def call(self, method, path, params=None, body=None, safe=None):
        """Send a request; return the decoded body (``{}`` for a 204 or an empty body); raise ``ApiError`` for an error."""
        response = self.http.request(method, path, body=body, params=params, safe=safe)
        if not 200 <= response.status < 300:
            raise self.error(response)
        if response.status == 204 or not (response.text or "").strip():
            return {}
        if not isinstance(response.json, dict):
            raise ServerDataError("%s %s answered %s where a JSON object was expected; %s"
                                  % (method, response.url, response.summary(120), API_HINT))
        return response.json

    @staticmethod
    def error(response):
        """``{"id": "<slug>", "message": "..."}`` -> ``ApiError`` quoting both; a 404 ``not_found`` is ``missing``."""
        code, message = _error_body(response)
        if message is None:
            text = response.summary()
            if response.status == 404:
                text += "; %s" % API_HINT  # a 404 without the error body is no answer of this API
        else:
            text = "%s (%s)" % (message, code) if code else message
        hint = None
        if response.status == 401:
            hint = CREDENTIALS_HINT
        elif response.status == 403:
            hint = FORBIDDEN_HINT
        return response.error(text, hint=hint, missing=response.status == 404 and code == "not_found", code=code)

    def get(self, path, root, params=None):
        """The object under the singular ``root`` key of a GET answer."""
        return self.root(self.call("GET", path, params=params), root, "GET", path)

    def root(self, body, root, method, path):
        """``body[root]`` as an object; a ``ServerDataError`` naming the route when the answer lacks it."""
        found = body.get(root) if isinstance(body, dict) else None
        if not isinstance(found, dict):
            raise ServerDataError("%s %s answered without the %r object" % (method, self.http.url(path), root))
        return found

    # -- lists ------------------------------------------------------------------------------------

    def list_all(self, path, root, params=None, ident="id"):
        """Every item of a collection under the plural ``root`` key, read with ``per_page=200``; ``ident`` (a key or a
        function of an item) tells items apart, so a page that repeats them ends the reading.

        inferred (DigitalOcean shape): follows ``links.pages.next`` while it is there (its query, on the same route:
        no request ever goes to another host); a server that sends no links is read page by page until ``meta.total``
        items are read or a page brings nothing new (a server that ignores ``page`` answers the same items again).
        More than 1000 pages is an error rather than a silently short list.
        """
        items, seen = [], set()
        query = dict(params or {}, page=1, per_page=PAGE_SIZE)
        for _page in range(MAX_PAGES):
            body = self.call("GET", path, params=query)
            batch = body.get(root)
            if batch is None:
                batch = []
            if not isinstance(batch, list) or not all(isinstance(item, dict) for item in batch):
                raise ServerDataError("GET %s: %r is not a list of objects" % (self.http.url(path), root))
            fresh = [item for item in batch if _ident(item, ident) not in seen]
            for item in fresh:
                seen.add(_ident(item, ident))
                items.append(item)
            links = body.get("links") if isinstance(body.get("links"), dict) else {}
            pages = links.get("pages") if isinstance(links.get("pages"), dict) else {}
            total = (body.get("meta") or {}).get("total") if isinstance(body.get("meta"), dict) else None
            if not fresh:
                return items
            if pages.get("next"):
                query = dict(params or {}, **dict(parse_qsl(urlsplit(pages["next"]).query)))
                continue
            if pages or (isinstance(total, int) and len(items) >= total):
                return items  # the last page of a paginated answer, or everything the total announced
            query = dict(query, page=int(query.get("page", 1)) + 1)
        raise ServerDataError("GET %s: more than %d pages of %d; stopped reading" % (self.http.url(path), MAX_PAGES, PAGE_SIZE))


def _ident(item, ident):
    """What tells items apart: ``ident`` (a key, or a function of the item); for objects without it, the name."""
    if callable(ident):
        return ident(item)
    value = item.get(ident)
    return value if value is not None else item.get("name")

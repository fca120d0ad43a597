# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installatron Server adapter: the X-API-Key header, v2 semantics, the result envelope, errcodes and offset pages.

Every answer is ``{result, status, errcode, errfield, message, data, total_count?, has_more?}``. Success is
decided by ``result``, the HTTP status and ``errcode``, never by ``message`` (the vendor says so).
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import HeaderKeyAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ServerDataError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import (
    HttpClient, connection_options, parse_base_url,
)

API_VERSION = "2.0"
PAGE_SIZE = 500
MAX_PAGES = 1000
DRY_RUN_DONE = "complete_dryrun"  # the errcode of a dry run whose checks all passed
KEY_HINT = "is api_key the key= or key2= value of /usr/local/installatron/etc/settings.ini?"


def normalize_api_url(value, option="api_url"):
    """A bare host or a full URL; resource paths hang directly off it."""
    scheme, netloc, path = parse_base_url(value, option)
    return "%s://%s%s" % (scheme, netloc, path)


def error_field(envelope):
    """The field an error refers to (``errfield`` on the live pages, ``field`` in older documents)."""
    return envelope.get("errfield") or envelope.get("field")


class InstallatronClient:
    """Talks to one Installatron Server. Created once per module run."""

    def __init__(self, http, acting_user=None):
        self.http = http
        self.acting_user = acting_user

    @classmethod
    def from_params(cls, params, **http_kwargs):
        options = connection_options(params)
        options.update(http_kwargs)
        http = HttpClient(normalize_api_url(params.get("api_url")), auth=HeaderKeyAuth("X-API-Key", params.get("api_key") or ""),
                          headers={"X-API-Version": API_VERSION}, **options)
        return cls(http, acting_user=params.get("acting_user"))

    def scoped(self, values, user=None):
        """``values`` with the ``user`` parameter that scopes a call to a customer (the acting user by default)."""
        values = dict(values or {})
        user = user or self.acting_user
        if user and "user" not in values:
            values["user"] = user
        return values

    def call(self, method, path, params=None, body=None, user=None, safe=None, dry_run=False, scope=True):
        """Send a request and return the whole envelope; raise ``ApiError`` for an error answer.

        GET and DELETE carry their parameters in the query, POST in a JSON body. ``dry_run`` accepts the
        ``complete_dryrun`` answer of a dry run as success. ``scope=False`` is for the routes that take no ``user``
        (``/users``): they are never scoped to the acting user.
        """
        if scope and method == "POST":
            body = self.scoped(body, user)
        elif scope:
            params = self.scoped(params, user)
        response = self.http.request(method, path, body=body, params=params, safe=safe)
        envelope = response.json if isinstance(response.json, dict) else None
        if envelope is None:
            if 200 <= response.status < 300:
                raise ServerDataError("%s %s answered %s where the JSON envelope was expected"
                                      % (method, response.url, response.summary(120)))
            raise response.error(response.summary(), hint=KEY_HINT if response.status in (401, 403) else None)
        errcode = envelope.get("errcode") or None
        if 200 <= response.status < 300 and envelope.get("result") and (errcode is None or (dry_run and errcode == DRY_RUN_DONE)):
            return envelope
        raise self._error(response, envelope, errcode)

    @staticmethod
    def _error(response, envelope, errcode):
        field = error_field(envelope)
        text = envelope.get("message") or "the call failed"
        message = "%s%s: %s" % (errcode or "error", " (%s)" % field if field else "", text)
        hint = KEY_HINT if errcode == "invalid_api_key" else None
        return response.error(message, hint=hint, missing=bool(errcode and errcode.endswith("_not_found")), code=errcode)

    def data(self, method, path, **kwargs):
        return self.call(method, path, **kwargs).get("data")

    def list_all(self, path, params=None, user=None, ident="id", scope=True):
        """Every item of a list, read with ``offset``/``limit`` until ``has_more`` is false.

        Stops when a page brings nothing new, so a server that ignores ``offset`` cannot loop forever.
        """
        items, seen = [], set()
        for page in range(MAX_PAGES):
            query = dict(params or {})
            query.update(offset=page * PAGE_SIZE, limit=PAGE_SIZE)
            envelope = self.call("GET", path, params=query, user=user, scope=scope)
            batch = envelope.get("data") or []
            if not isinstance(batch, list):
                raise ServerDataError("GET %s: data is not a list" % self.http.url(path))
            fresh = [item for item in batch if item.get(ident) not in seen]
            for item in fresh:
                seen.add(item.get(ident))
                items.append(item)
            if not envelope.get("has_more") or not fresh:
                break
        return items

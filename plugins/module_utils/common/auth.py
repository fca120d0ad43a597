# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ways a platform authenticates, as ``requests`` auth objects.

A credential is only ever set through ``session.auth``: a ``~/.netrc`` entry cannot replace it,
it never lands in a URL, and ``repr`` never shows it. Each platform adapter picks one.
"""

from __future__ import annotations

import base64

try:
    from requests.auth import AuthBase
except ImportError:  # pragma: no cover - the runner reports the missing library
    AuthBase = object


class _SecretAuth(AuthBase):
    def __repr__(self):
        return "%s(<redacted>)" % self.__class__.__name__


class BearerAuth(_SecretAuth):
    """``Authorization: Bearer <token>`` (Cloudron tokens, Cloudillo API keys)."""

    def __init__(self, token):
        self._token = token

    def __call__(self, request):
        request.headers["Authorization"] = "Bearer %s" % self._token
        return request


class HeaderKeyAuth(_SecretAuth):
    """An API key in a named header (Installatron's ``X-API-Key``)."""

    def __init__(self, header, key):
        self.header = header
        self._key = key

    def __call__(self, request):
        request.headers[self.header] = self._key
        return request


class BasicAuth(_SecretAuth):
    """HTTP Basic (CloudsFor): user and password, never placed in the URL."""

    def __init__(self, user, password):
        self._value = base64.b64encode(("%s:%s" % (user, password)).encode("utf-8")).decode("ascii")

    def __call__(self, request):
        request.headers["Authorization"] = "Basic %s" % self._value
        return request

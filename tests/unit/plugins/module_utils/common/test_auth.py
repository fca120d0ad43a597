# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The auth objects: the right header, a redacted repr, and no way around them through .netrc or the URL."""

from __future__ import annotations

import base64

import pytest
import requests

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BasicAuth, BearerAuth, HeaderKeyAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

BASE = "https://my.example.com/api/v1"
TOKEN = "tok-5f1e2d3c4b5a"
API_KEY = "key-0a9b8c7d6e5f"
USER = "admin"
PASSWORD = "pa:ss w\u00f6rd"


def prepared(auth):
    return requests.Request("GET", BASE + "/users", params={"search": "x"}, auth=auth).prepare()


def basic(user, password):
    return "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode("utf-8")).decode("ascii")


def test_bearer_auth_sets_the_authorization_header():
    request = prepared(BearerAuth(TOKEN))
    assert request.headers["Authorization"] == "Bearer " + TOKEN
    assert TOKEN not in request.url


def test_header_key_auth_sets_its_own_header_only():
    request = prepared(HeaderKeyAuth("X-API-Key", API_KEY))
    assert request.headers["X-API-Key"] == API_KEY
    assert "Authorization" not in request.headers
    assert API_KEY not in request.url


def test_basic_auth_sends_user_and_password_base64_encoded_as_utf8():
    request = prepared(BasicAuth(USER, PASSWORD))
    assert request.headers["Authorization"] == basic(USER, PASSWORD)
    assert request.headers["Authorization"] == "Basic YWRtaW46cGE6c3Mgd8O2cmQ="
    assert USER not in request.url and "@" not in request.url


@pytest.mark.parametrize("auth,secrets", [
    (BearerAuth(TOKEN), [TOKEN]),
    (HeaderKeyAuth("X-API-Key", API_KEY), [API_KEY]),
    (BasicAuth(USER, PASSWORD), [PASSWORD, basic(USER, PASSWORD)[len("Basic "):]]),
])
def test_repr_never_shows_the_secret(auth, secrets):
    assert repr(auth) == "%s(<redacted>)" % auth.__class__.__name__
    for secret in secrets:
        assert secret not in repr(auth)
        assert secret not in str(auth)


def use_netrc(tmp_path, monkeypatch):
    """A .netrc entry for the API host; returns the header it would produce."""
    path = tmp_path / "netrc"
    path.write_text("machine my.example.com login someone password from-netrc\n")
    monkeypatch.setenv("NETRC", str(path))
    return basic("someone", "from-netrc")


def send_through(auth):
    http = HttpClient(BASE, auth=auth, sleep=lambda seconds: None)
    server = mount(http, FakeServer())
    server.on("GET", "/users", (200, {"users": []}))
    http.request("GET", "/users", params={"search": "x"})
    _method, path, headers, _body, _verify = server.log[0]
    return path, headers


def test_without_auth_the_netrc_entry_would_be_used(tmp_path, monkeypatch):
    from_netrc = use_netrc(tmp_path, monkeypatch)
    _path, headers = send_through(None)
    assert headers["Authorization"] == from_netrc


@pytest.mark.parametrize("auth,header,value", [
    (BearerAuth(TOKEN), "Authorization", "Bearer " + TOKEN),
    (BasicAuth(USER, PASSWORD), "Authorization", basic(USER, PASSWORD)),
    (HeaderKeyAuth("X-API-Key", API_KEY), "X-API-Key", API_KEY),
])
def test_a_netrc_entry_does_not_replace_the_credential(tmp_path, monkeypatch, auth, header, value):
    from_netrc = use_netrc(tmp_path, monkeypatch)
    _path, headers = send_through(auth)
    assert headers[header] == value
    assert from_netrc not in headers.values()


@pytest.mark.parametrize("auth,secret", [
    (BearerAuth(TOKEN), TOKEN),
    (BasicAuth(USER, PASSWORD), PASSWORD),
    (HeaderKeyAuth("X-API-Key", API_KEY), API_KEY),
])
def test_the_credential_never_appears_in_the_url(auth, secret):
    path, _headers = send_through(auth)
    assert path == "/api/v1/users?search=x"
    assert secret not in path and USER not in path


def test_header_key_auth_gets_no_authorization_header_from_netrc(tmp_path, monkeypatch):
    use_netrc(tmp_path, monkeypatch)
    _path, headers = send_through(HeaderKeyAuth("X-API-Key", API_KEY))
    assert "Authorization" not in headers

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The transport: auth, verify, redirects, retries and what is never retried."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils import _http
from ansible_collections.selfhosted.platforms.plugins.module_utils._http import (
    HttpClient, TransportError, backoff_delay, parse_retry_after,
)

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, dropped, mount, refused

BASE = "https://my.example.com/api/v1"


def client(sleeps=None, **kwargs):
    http = HttpClient(BASE, token="s3cret-token", sleep=(sleeps.append if sleeps is not None else lambda s: None),
                      rand=lambda: 0.5, **kwargs)
    return http, mount(http, FakeServer())


def test_token_goes_in_the_authorization_header_only(tmp_path, monkeypatch):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine my.example.com login someone password other\n")
    monkeypatch.setenv("NETRC", str(netrc))
    http, server = client()
    server.on("GET", "/users", (200, {"users": []}))
    http.request("GET", "/users", params={"search": "x"})
    _method, path, headers, _body, _verify = server.log[0]
    assert headers["Authorization"] == "Bearer s3cret-token"
    assert "s3cret-token" not in path
    assert headers["User-Agent"].startswith("selfhosted.platforms/")
    assert "s3cret" not in repr(http.session.auth)


def test_verify_is_passed_on_every_request():
    http, server = client(ca_path="/etc/private-ca.pem")
    server.on("GET", "/a", (200, {}))
    http.request("GET", "/a")
    assert server.log[0][4] == "/etc/private-ca.pem"
    http, server = client(validate_certs=False)
    server.on("PUT", "/b", (200, {}))
    http.request("PUT", "/b", body={})
    assert server.log[0][4] is False


def test_writes_do_not_follow_redirects():
    http, server = client()
    server.on("POST", "/users", (301, "", {"Location": "https://elsewhere/api/v1/users"}))
    response = http.request("POST", "/users", body={"email": "a@b.c"})
    assert response.status == 301
    assert len(server.log) == 1


def test_idempotent_requests_retry_5xx_with_backoff():
    sleeps = []
    http, server = client(sleeps)
    server.on("GET", "/users", (503, "busy"), (502, "bad gateway"), (200, {"users": []}))
    response = http.request("GET", "/users")
    assert response.status == 200
    assert len(server.log) == 3
    assert sleeps == [backoff_delay(0, lambda: 0.5), backoff_delay(1, lambda: 0.5)]


def test_retries_stop_after_the_attempt_limit():
    http, server = client([])
    server.on("GET", "/users", (503, "busy"))
    assert http.request("GET", "/users").status == 503
    assert len(server.log) == _http.MAX_ATTEMPTS


def test_post_is_not_retried_on_5xx():
    http, server = client([])
    server.on("POST", "/users", (503, "busy"), (201, {"id": "uid-1"}))
    assert http.request("POST", "/users", body={}).status == 503
    assert len(server.log) == 1


def test_429_is_retried_for_post_honouring_capped_retry_after():
    sleeps = []
    http, server = client(sleeps)
    server.on("POST", "/users", (429, {"status": "Too Many Requests", "message": "slow down"}, {"Retry-After": "120"}),
              (201, {"id": "uid-1"}))
    assert http.request("POST", "/users", body={}).json == {"id": "uid-1"}
    assert sleeps == [_http.RETRY_AFTER_CAP]


def test_dropped_post_is_not_repeated_and_says_it_may_have_been_applied():
    http, server = client([])
    server.on("POST", "/users", dropped(), (201, {"id": "uid-1"}))
    with pytest.raises(TransportError) as info:
        http.request("POST", "/users", body={})
    assert info.value.maybe_applied is True
    assert len(server.log) == 1


def test_refused_connection_is_retried_for_any_method():
    http, server = client([])
    server.on("POST", "/users", refused(), (201, {"id": "uid-1"}))
    assert http.request("POST", "/users", body={}).status == 201
    assert len(server.log) == 2


def test_dropped_get_is_retried():
    http, server = client([])
    server.on("GET", "/users", dropped(), (200, {"users": []}))
    assert http.request("GET", "/users").status == 200


def test_non_json_bodies_are_summarised():
    http, server = client()
    server.on("GET", "/x", (502, "<html><body><h1>502 Bad Gateway</h1> nginx</body></html>"))
    response = http.request("GET", "/x")
    assert response.json is None
    assert response.summary() == "502 Bad Gateway nginx"


@pytest.mark.parametrize("value,expected", [
    ("5", 5.0), ("0", 0.0), ("999", _http.RETRY_AFTER_CAP), (None, None), ("soon", None),
    ("Wed, 21 Oct 2015 07:28:10 GMT", 10.0),
])
def test_parse_retry_after(value, expected):
    now = 1445412480.0  # 07:28:00 that day
    assert parse_retry_after(value, now=now) == expected


def test_backoff_is_capped_and_jittered():
    assert backoff_delay(0, lambda: 0.0) == _http.BACKOFF_BASE / 2
    assert backoff_delay(20, lambda: 1.0) == _http.BACKOFF_CAP

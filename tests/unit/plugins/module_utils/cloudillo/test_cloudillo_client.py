# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Cloudillo adapter: tenant URLs, credentials, the envelope, both error shapes, rate limits and both paginations."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.client import (
    NOPERM_HINT, UNAUTH_HINT, base_url, tenant_url,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ConfigError

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudillo.fake_cloudillo import (
    ID_TAG, KEY, env, error, make, paths,
)

PASSWORD = "pw-3f9a7c"


# -- connection ---------------------------------------------------------------------------------------


def test_id_tag_builds_the_tenant_host_and_api_url_wins():
    assert tenant_url(" Alice.Example. ") == "https://cl-o.alice.example"
    assert base_url({"id_tag": "alice.example"}) == "https://cl-o.alice.example"
    assert base_url({"id_tag": "alice.example", "api_url": "http://127.0.0.1:8080/api/"}) == "http://127.0.0.1:8080"
    with pytest.raises(ConfigError, match="id_tag or api_url is required"):
        base_url({})


@pytest.mark.parametrize("params,message", [
    ({"id_tag": "a.example"}, "api_key is required"),
    ({"id_tag": "a.example", "api_key": KEY, "password": PASSWORD}, "mutually exclusive"),
    ({"api_url": "https://h.example", "password": PASSWORD}, "password login needs id_tag"),
    ({"id_tag": "a.example", "api_key": "not-a-key"}, "start with cl_"),
])
def test_connection_options_are_checked_before_anything_is_sent(params, message):
    with pytest.raises(ConfigError, match=message):
        CLOUDILLO.check(dict({"validate_certs": True, "ca_path": None, "request_timeout": 30.0}, **params), True)


def test_the_api_key_travels_as_bearer_only():
    ctx, server = make()
    server.on("GET", "/api/auth/api-keys", env([]))
    ctx.client.list_whole("/api/auth/api-keys")
    method, path, headers, _body, _verify = server.log[0]
    assert headers["Authorization"] == "Bearer %s" % KEY
    assert KEY not in path


def test_password_login_happens_once_per_run_and_the_token_is_used_after():
    ctx, server = make(password=PASSWORD)
    server.on("POST", "/api/auth/login", env({"tnId": 2, "idTag": ID_TAG, "roles": [], "token": "jwt-1"}))
    server.on("GET", "/api/auth/api-keys", env([]))
    for _round in range(3):
        ctx.client.list_whole("/api/auth/api-keys")
    assert paths(server) == ["POST /api/auth/login"] + ["GET /api/auth/api-keys"] * 3
    assert server.log[0][3] == {"idTag": ID_TAG, "password": PASSWORD}
    assert "Authorization" not in server.log[0][2]
    assert all(entry[2]["Authorization"] == "Bearer jwt-1" for entry in server.log[1:])
    assert ctx.client.logins == 1


def test_a_failed_login_is_not_retried_and_says_what_to_check():
    ctx, server = make(password=PASSWORD)
    server.on("POST", "/api/auth/login", error(403, "E-AUTH-NOPERM", "Permission denied"))
    with pytest.raises(ApiError) as caught:
        ctx.client.list_whole("/api/auth/api-keys")
    assert "E-AUTH-NOPERM: Permission denied" in str(caught.value)
    assert "20 failed logins" in str(caught.value)
    assert PASSWORD not in str(caught.value)
    assert paths(server) == ["POST /api/auth/login"]


# -- answers --------------------------------------------------------------------------------------------


def test_enveloped_and_bare_answers_give_the_same_data():
    ctx, server = make()
    server.on("GET", "/api/auth/api-keys", env([{"keyId": 1}]))
    server.on("GET", "/api/apps/installed", (200, [{"appName": "notes"}]))
    server.on("DELETE", "/api/apps/@p.example/notes", (204, ""))
    assert ctx.client.list_whole("/api/auth/api-keys") == [{"keyId": 1}]
    assert ctx.client.list_whole("/api/apps/installed") == [{"appName": "notes"}]
    assert ctx.client.data("DELETE", "/api/apps/@p.example/notes") is None


@pytest.mark.parametrize("answer,status,text,hint", [
    (error(401, "E-AUTH-UNAUTH", "Unauthorized"), 401, "E-AUTH-UNAUTH: Unauthorized", UNAUTH_HINT),
    (error(403, "E-AUTH-NOPERM", "Permission denied"), 403, "E-AUTH-NOPERM: Permission denied", NOPERM_HINT),
    (error(400, "E-VAL-INVALID", "Request validation failed: used"), 400, "Request validation failed: used", None),
    ((422, "Failed to deserialize the JSON body into the target type: missing field `value`", {"Content-Type": "text/plain"}),
     422, "missing field `value`", None),
    ((415, "Expected request with `Content-Type: application/json`", {"Content-Type": "text/plain"}), 415,
     "Expected request with", None),
])
def test_both_error_shapes_are_quoted_with_a_hint_for_401_and_403(answer, status, text, hint):
    ctx, server = make()
    server.on("PUT", "/api/settings/ui.theme", answer)
    with pytest.raises(ApiError) as caught:
        ctx.client.call("PUT", "/api/settings/ui.theme", body={"value": 1})
    assert caught.value.status == status
    assert text in str(caught.value)
    assert caught.value.hint == hint
    assert len(server.log) == 1


def test_not_found_codes_mean_missing_and_an_unknown_route_body_does_not():
    ctx, server = make()
    server.on("DELETE", "/api/auth/api-keys/7", error(404, "E-CORE-NOTFOUND", "Not found"))
    with pytest.raises(ApiError) as caught:
        ctx.client.call("DELETE", "/api/auth/api-keys/7")
    assert caught.value.missing
    server.on("DELETE", "/api/auth/api-keys/8", (404, "", {"Content-Type": "text/plain"}))
    with pytest.raises(ApiError) as caught:
        ctx.client.call("DELETE", "/api/auth/api-keys/8")
    assert not caught.value.missing


def test_429_is_retried_after_retry_after():
    ctx, server = make()
    limited = error(429, "E-RATE-LIMITED", "Too many requests", level="ipv4_individual", retryAfter=2)
    server.on("GET", "/api/auth/api-keys", (limited[0], limited[1], {"Retry-After": "2"}), env([]))
    assert ctx.client.list_whole("/api/auth/api-keys") == []
    assert len(server.log) == 2
    assert ctx.http.retries[0]["delay"] == 2.0


def test_a_ban_is_not_retried_and_says_how_long():
    ctx, server = make(password=PASSWORD)
    server.on("POST", "/api/auth/login", error(403, "E-RATE-BANNED", "Access temporarily blocked due to repeated violations.",
                                               remainingSecs=3412))
    with pytest.raises(ApiError) as caught:
        ctx.client.list_whole("/api/auth/api-keys")
    assert "3412 more seconds" in str(caught.value)
    assert "not retried" in str(caught.value)
    assert len(server.log) == 1


# -- pagination -----------------------------------------------------------------------------------------


def test_cursor_pages_are_followed_until_has_more_is_false():
    ctx, server = make()
    server.on("GET", "/api/actions",
              env([{"actionId": "a1"}, {"actionId": "a2"}], cursorPagination={"nextCursor": "c1", "hasMore": True}),
              env([{"actionId": "a3"}], cursorPagination={"nextCursor": None, "hasMore": False}))
    found = ctx.client.list_cursor("/api/actions", params={"type": "POST"}, limit=2, ident="actionId")
    assert [item["actionId"] for item in found] == ["a1", "a2", "a3"]
    assert paths(server) == ["GET /api/actions?type=POST&limit=2", "GET /api/actions?type=POST&limit=2&cursor=c1"]


def test_offset_pages_stop_at_the_total():
    ctx, server = make()
    server.on("GET", "/api/admin/tenants",
              env([{"tnId": 1}, {"tnId": 2}], pagination={"offset": 0, "limit": 2, "total": 3}),
              env([{"tnId": 3}], pagination={"offset": 2, "limit": 2, "total": 3}))
    found = ctx.client.list_offset("/api/admin/tenants", limit=2, ident="tnId")
    assert [item["tnId"] for item in found] == [1, 2, 3]
    assert paths(server) == ["GET /api/admin/tenants?limit=2&offset=0", "GET /api/admin/tenants?limit=2&offset=2"]


def test_offset_pages_stop_when_the_server_ignores_offset():
    ctx, server = make()
    server.on("GET", "/api/admin/tenants", env([{"tnId": 1}, {"tnId": 2}]))
    assert len(ctx.client.list_offset("/api/admin/tenants", limit=2, ident="tnId")) == 2
    assert len(server.log) == 2


def test_a_list_route_never_gets_a_parameter_it_does_not_know():
    ctx, server = make()
    with pytest.raises(RuntimeError, match="does not take sort"):
        ctx.client.call("GET", "/api/auth/api-keys", params={"sort": "name"})
    with pytest.raises(RuntimeError, match="does not take offset"):
        ctx.client.list_cursor("/api/files", params={"offset": 3})
    assert server.log == []

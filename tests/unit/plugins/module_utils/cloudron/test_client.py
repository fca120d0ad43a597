# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Cloudron adapter: URLs, error hints, pagination, version detection, task logs."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient, normalize_api_url
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.tasks import CloudronTasks
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ConfigError, ServerDataError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount


def make(api_version=None):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    return CloudronClient(http, api_version=api_version), mount(http, FakeServer())


@pytest.mark.parametrize("given,expected", [
    ("my.example.com", "https://my.example.com/api/v1"),
    (" https://my.example.com/ ", "https://my.example.com/api/v1"),
    ("https://my.example.com/api/v1/", "https://my.example.com/api/v1"),
    ("http://127.0.0.1:8765", "http://127.0.0.1:8765/api/v1"),
    ("https://proxy.example.com/cloudron", "https://proxy.example.com/cloudron/api/v1"),
])
def test_api_url_forms(given, expected):
    assert normalize_api_url(given) == expected


@pytest.mark.parametrize("given,words", [
    ("", "required"), ("ftp://x", "http(s)"), ("https://user:pw@my.example.com", "credentials"),
    ("https://my.example.com/?access_token=x", "query"),
])
def test_bad_api_urls(given, words):
    with pytest.raises(ConfigError, match=words.replace("(", r"\(").replace(")", r"\)")):
        normalize_api_url(given)


@pytest.mark.parametrize("status,method,body,hint", [
    (401, "GET", {"status": "Unauthorized", "message": "No such token"}, "wrong, expired or revoked"),
    (403, "POST", {"status": "Forbidden", "message": "Read-only token"}, "read-only or its user's role is too low; this operation needs the usermanager role"),
    (404, "GET", {"status": "Not Found", "message": "No such route"}, "my.<domain>"),
    (404, "GET", "<html>Cannot GET</html>", "my.<domain>"),
])
def test_error_hints(status, method, body, hint):
    client, server = make()
    server.on(method, "/users", (status, body))
    with pytest.raises(ApiError) as info:
        client.call(method, "/users", body={} if method != "GET" else None, role="usermanager")
    assert hint in str(info.value)
    assert info.value.status == status


def test_a_401_on_a_write_after_reads_worked_points_at_a_read_only_token():
    client, server = make()
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/users", (200, {"users": []}))
    server.on("POST", "/users", (401, {"status": "Unauthorized", "message": "Unauthorized"}))
    client.version()
    with pytest.raises(ApiError, match="wrong, expired or revoked"):
        client.call("POST", "/users", body={})
    client.call("GET", "/users")
    with pytest.raises(ApiError, match="accepted for reading but not for this write: it is probably read-only"):
        client.call("POST", "/users", body={})


def test_a_404_for_a_missing_object_has_no_route_hint():
    client, server = make()
    server.on("GET", "/users/uid-x", (404, {"status": "Not Found", "message": "No such user"}))
    with pytest.raises(ApiError) as info:
        client.call("GET", "/users/uid-x")
    assert info.value.hint is None
    assert info.value.message == "No such user"
    assert info.value.missing is True


@pytest.mark.parametrize("body", [{"status": "Not Found", "message": "No such route"}, "<html>Cannot GET /api/v1/users</html>"])
def test_a_404_for_an_unknown_route_is_never_a_missing_object(body):
    client, server = make()
    server.on("DELETE", "/users/uid-x", (404, body))
    with pytest.raises(ApiError) as info:
        client.call("DELETE", "/users/uid-x")
    assert info.value.missing is False


def test_an_answer_that_is_not_an_object_is_a_clear_error():
    client, server = make()
    server.on("GET", "/users", (200, ["not", "an", "object"]))
    with pytest.raises(ServerDataError, match="GET https://my.example.com/api/v1/users answered list"):
        client.call("GET", "/users")
    server.on("GET", "/groups", (200, {"groups": {"id": "gid-1"}}))
    with pytest.raises(ServerDataError, match="'groups' is not a list"):
        client.list_all("/groups", "groups")


def test_html_success_means_the_wrong_host():
    client, server = make()
    server.on("GET", "/users", (200, "<html>dashboard</html>"))
    with pytest.raises(ApiError, match="my.<domain>"):
        client.call("GET", "/users")


def test_empty_success_body_is_an_empty_dict():
    client, server = make()
    server.on("DELETE", "/users/uid-1", (204, ""))
    assert client.call("DELETE", "/users/uid-1") == {}


def test_binary_answers_keep_their_bytes():
    client, server = make()
    image = b"\x89PNG\r\n\x1a\n\x00\xff"
    server.on("GET", "/apps/a1/icon", (200, image), (404, {"status": "Not Found", "message": "No such icon"}))
    assert client.call_bytes("GET", "/apps/a1/icon") == image
    with pytest.raises(ApiError, match="No such icon"):
        client.call_bytes("GET", "/apps/a1/icon")


def test_list_all_reads_pages_until_a_short_page():
    client, server = make()
    server.on("GET", "/users", (200, {"users": [{"id": "a"}, {"id": "b"}]}), (200, {"users": [{"id": "c"}]}))
    assert [u["id"] for u in client.list_all("/users", "users", per_page=2)] == ["a", "b", "c"]
    assert [entry[1] for entry in server.log] == ["/api/v1/users?page=1&per_page=2", "/api/v1/users?page=2&per_page=2"]


def test_list_all_stops_when_the_server_ignores_page():
    client, server = make()
    server.on("GET", "/users", (200, {"users": [{"id": "a"}, {"id": "b"}]}))
    assert [u["id"] for u in client.list_all("/users", "users", per_page=2)] == ["a", "b"]
    assert len(server.log) == 2


def test_version_is_read_once_and_lazily():
    client, server = make()
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    assert server.log == []
    assert client.version() == (9, 0, 15)
    assert client.require_supported() == (9, 0, 15)
    assert len(server.log) == 1


def test_api_version_override_sends_nothing():
    client, server = make(api_version="8.1")
    assert client.version() == (8, 1)
    assert server.log == []


def test_versions_below_8_fail_fast():
    client, server = make()
    server.on("GET", "/cloudron/status", (200, {"version": "7.6.2"}))
    with pytest.raises(ApiError, match="Cloudron 7.6.2 .* not supported; this collection needs Cloudron 8.0"):
        client.require_supported()


def test_status_not_found_asks_for_the_dashboard_host():
    client, server = make()
    server.on("GET", "/cloudron/status", (404, "<html>Not Found</html>"))
    with pytest.raises(ApiError, match="dashboard host"):
        client.version()


def test_task_log_tail_reads_ndjson():
    client, server = make()
    lines = "\n".join('{"realtimeTimestamp": %d, "message": "step %d", "source": "task"}' % (i, i) for i in range(15))
    server.on("GET", "/tasks/7/logs", (200, lines, {"Content-Type": "application/x-logs"}))
    assert CloudronTasks(client).log_tail("7", lines=3) == ["step 12", "step 13", "step 14"]

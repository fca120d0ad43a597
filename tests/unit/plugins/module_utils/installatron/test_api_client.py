# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Installatron adapter: its headers, the result envelope and errcodes, dry runs, offset pages and the ``user`` scope."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ServerDataError
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron import client as client_module
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.client import (
    KEY_HINT, InstallatronClient, normalize_api_url,
)

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.installatron.fake_installatron import BASE, envelope, ok

API_KEY = "key-7c1d9e2f4a6b"


def make(acting_user=None):
    """A client built as the modules build it (``from_params``), on a fake server."""
    params = {"api_url": "inst.example.com", "api_key": API_KEY, "validate_certs": True, "ca_path": None, "request_timeout": 30.0,
              "acting_user": acting_user}
    client = InstallatronClient.from_params(params, sleep=lambda seconds: None)
    return client, mount(client.http, FakeServer(BASE))


def failed(status, errcode, errfield=None, message="The operation failed.", field_key="errfield"):
    body = envelope(None, result=False, status=status, errcode=errcode, message=message)
    del body["errfield"]
    body[field_key] = errfield
    return (status, body)


def paths(server):
    return [entry[1] for entry in server.log]


# -- connection -------------------------------------------------------------------------------------


@pytest.mark.parametrize("given,expected", [
    ("inst.example.com", "https://inst.example.com"),
    (" https://inst.example.com/ ", "https://inst.example.com"),
    ("https://inst.example.com:2222", "https://inst.example.com:2222"),
    ("http://127.0.0.1:8765/installatron/", "http://127.0.0.1:8765/installatron"),
])
def test_api_url_forms(given, expected):
    assert normalize_api_url(given) == expected


def test_every_request_carries_the_api_key_and_the_v2_header_and_no_other_credential():
    client, server = make()
    server.on("GET", "/users", ok([], has_more=False))
    server.on("POST", "/users", ok({"id": "carol"}))
    server.on("DELETE", "/users/carol", ok())
    client.list_all("/users", scope=False)
    client.call("POST", "/users", body={"id": "carol"}, scope=False)
    client.call("DELETE", "/users/carol", scope=False)
    assert [entry[0] for entry in server.log] == ["GET", "POST", "DELETE"]
    for _method, path, headers, _body, _verify in server.log:
        assert headers["X-API-Key"] == API_KEY
        assert headers["X-API-Version"] == "2.0"
        assert headers["Accept"] == "application/json"
        assert "Authorization" not in headers
        assert API_KEY not in path


# -- the envelope -----------------------------------------------------------------------------------


def test_success_returns_the_whole_envelope():
    client, server = make()
    answer = envelope({"id": "alice"}, total_count=1)
    server.on("GET", "/users/alice", (200, answer))
    assert client.call("GET", "/users/alice", scope=False) == answer
    assert client.data("GET", "/users/alice", scope=False) == {"id": "alice"}


@pytest.mark.parametrize("message", ["", "Error: the operation failed!", None])
def test_a_2xx_with_result_true_and_no_errcode_succeeds_whatever_the_message_says(message):
    client, server = make()
    server.on("POST", "/users/alice", (200, envelope({"id": "alice"}, message=message)))
    assert client.data("POST", "/users/alice", body={}, scope=False) == {"id": "alice"}


def test_an_empty_errcode_is_no_errcode():
    client, server = make()
    server.on("GET", "/users/alice", (200, envelope({"id": "alice"}, errcode="")))
    assert client.data("GET", "/users/alice", scope=False) == {"id": "alice"}


@pytest.mark.parametrize("status,body,message", [
    (200, envelope(None, result=False, message="The operation completed."), "error: The operation completed."),
    (200, envelope(None, result=False, message=""), "error: the call failed"),
    (200, envelope({"id": "alice"}, errcode="failed_website_vhost", errfield="websites", message="The operation completed."),
     "failed_website_vhost (websites): The operation completed."),
    (201, envelope(None, result=False, errcode="invalid_argument_id", errfield="id", message="Bad id."), "invalid_argument_id (id): Bad id."),
    (400, envelope(None, result=True, message="The operation completed."), "error: The operation completed."),
    (500, envelope(None, result=True, errcode="failed_database_create", message="No database."), "failed_database_create: No database."),
], ids=["200-result-false", "200-result-false-no-message", "200-with-errcode", "201-result-false", "400-result-true",
        "500-result-true-errcode"])
def test_anything_but_2xx_result_true_and_no_errcode_is_an_error(status, body, message):
    client, server = make()
    server.on("POST", "/users/alice", (status, body))
    with pytest.raises(ApiError) as info:
        client.call("POST", "/users/alice", body={}, scope=False)
    assert info.value.status == status
    assert info.value.message == message
    assert info.value.code == body["errcode"]
    assert info.value.hint is None
    assert str(info.value).startswith("POST %s/users/alice returned %s: %s" % (BASE, status, message))


@pytest.mark.parametrize("field_key", ["errfield", "field"])
def test_an_error_names_its_errcode_and_the_field_under_either_key(field_key):
    client, server = make()
    server.on("POST", "/browser/wordpress/install",
              failed(400, "invalid_argument_url_alreadyexists", "url", "An application is already installed there.", field_key))
    with pytest.raises(ApiError) as info:
        client.call("POST", "/browser/wordpress/install", body={"url": "https://alice.example.com/blog"}, user="alice")
    assert info.value.code == "invalid_argument_url_alreadyexists"
    assert info.value.message == "invalid_argument_url_alreadyexists (url): An application is already installed there."
    assert info.value.missing is False
    assert info.value.as_dict()["code"] == "invalid_argument_url_alreadyexists"
    assert info.value.body["errcode"] == "invalid_argument_url_alreadyexists"


@pytest.mark.parametrize("status,errcode,missing", [
    (404, "user_not_found", True), (404, "install_not_found", True), (404, "plugin_not_found", True), (404, "backup_not_found", True),
    (403, "invalid_argument_user", False), (400, "invalid_argument_application", False), (404, None, False),
])
def test_only_a_not_found_errcode_marks_the_object_missing(status, errcode, missing):
    client, server = make()
    server.on("DELETE", "/installs/i-1", failed(status, errcode, message="No."))
    with pytest.raises(ApiError) as info:
        client.call("DELETE", "/installs/i-1", user="alice")
    assert info.value.missing is missing
    assert info.value.code == errcode


def test_an_invalid_api_key_gets_the_hint_where_the_key_is_found():
    client, server = make()
    server.on("GET", "/users", failed(403, "invalid_api_key", message="The API key is invalid."))
    with pytest.raises(ApiError) as info:
        client.list_all("/users", scope=False)
    assert info.value.hint == KEY_HINT
    assert info.value.code == "invalid_api_key"
    assert str(info.value).endswith("returned 403: invalid_api_key: The API key is invalid. (%s)" % KEY_HINT)
    assert "settings.ini" in KEY_HINT
    assert API_KEY not in str(info.value)


@pytest.mark.parametrize("status", [401, 403])
def test_a_refusal_that_is_not_json_gets_the_key_hint_too(status):
    client, server = make()
    server.on("GET", "/users", (status, "<html><body><h1>Forbidden</h1></body></html>"))
    with pytest.raises(ApiError) as info:
        client.call("GET", "/users", scope=False)
    assert info.value.hint == KEY_HINT
    assert info.value.message == "Forbidden"
    assert info.value.code is None


def test_another_error_that_is_not_json_has_no_hint():
    client, server = make()
    server.on("GET", "/users", (404, "<html><body>Not Found</body></html>"))
    with pytest.raises(ApiError) as info:
        client.call("GET", "/users", scope=False)
    assert (info.value.status, info.value.hint, info.value.missing) == (404, None, False)


@pytest.mark.parametrize("answer", [
    (200, "<html><body>Installatron login</body></html>"), (200, ""), (200, ["not", "an", "envelope"]), (204, ""),
], ids=["html", "empty", "json-list", "204"])
def test_a_2xx_that_is_not_a_json_envelope_is_server_data_error(answer):
    client, server = make()
    server.on("GET", "/users", answer)
    with pytest.raises(ServerDataError, match="GET %s/users answered .* where the JSON envelope was expected" % BASE):
        client.call("GET", "/users", scope=False)


# -- dry runs ---------------------------------------------------------------------------------------


def test_a_dry_run_accepts_complete_dryrun():
    client, server = make()
    answer = envelope(None, errcode="complete_dryrun", message="The dry run completed; nothing was changed.")
    server.on("DELETE", "/installs/i-1", (200, answer))
    assert client.call("DELETE", "/installs/i-1", params={"dryrun": "all"}, user="alice", dry_run=True) == answer


def test_complete_dryrun_is_an_error_when_no_dry_run_was_asked_for():
    client, server = make()
    server.on("DELETE", "/installs/i-1", (200, envelope(None, errcode="complete_dryrun")))
    with pytest.raises(ApiError) as info:
        client.call("DELETE", "/installs/i-1", user="alice")
    assert info.value.code == "complete_dryrun"


@pytest.mark.parametrize("body", [
    envelope(None, errcode="failed_filesystem_login", errfield="websites"),
    envelope(None, result=False, errcode="complete_dryrun"),
], ids=["another-errcode", "result-false"])
def test_a_dry_run_still_fails_on_other_errcodes_and_on_result_false(body):
    client, server = make()
    server.on("POST", "/browser/wordpress/install", (200, body))
    with pytest.raises(ApiError):
        client.call("POST", "/browser/wordpress/install", body={"dryrun": "all"}, user="alice", dry_run=True)


# -- pages ------------------------------------------------------------------------------------------


def items(*ids):
    return [{"id": name} for name in ids]


def test_list_all_follows_has_more_with_offset_and_limit(monkeypatch):
    monkeypatch.setattr(client_module, "PAGE_SIZE", 2)
    client, server = make()
    server.on("GET", "/tasks", ok(items("a", "b"), total_count=5, has_more=True), ok(items("c", "d"), total_count=5, has_more=True),
              ok(items("e"), total_count=5, has_more=False))
    assert [task["id"] for task in client.list_all("/tasks", scope=False)] == ["a", "b", "c", "d", "e"]
    assert paths(server) == ["/tasks?offset=0&limit=2", "/tasks?offset=2&limit=2", "/tasks?offset=4&limit=2"]


def test_list_all_reads_one_page_when_has_more_is_missing_or_false():
    client, server = make()
    server.on("GET", "/users", ok(items("alice", "bob")))
    assert len(client.list_all("/users", scope=False)) == 2
    assert paths(server) == ["/users?offset=0&limit=500"]


def test_list_all_stops_on_a_page_with_nothing_new(monkeypatch):
    monkeypatch.setattr(client_module, "PAGE_SIZE", 2)
    client, server = make()
    # a server that ignores offset answers the first page again and again
    server.on("GET", "/tasks", ok(items("a", "b"), has_more=True))
    assert [task["id"] for task in client.list_all("/tasks", scope=False)] == ["a", "b"]
    assert len(server.log) == 2


def test_list_all_stops_on_an_empty_page_that_claims_more():
    client, server = make()
    server.on("GET", "/tasks", ok(items("a"), has_more=True), ok([], has_more=True))
    assert [task["id"] for task in client.list_all("/tasks", scope=False)] == ["a"]
    assert len(server.log) == 2


def test_list_all_keeps_only_what_is_new_on_an_overlapping_page(monkeypatch):
    monkeypatch.setattr(client_module, "PAGE_SIZE", 2)
    client, server = make()
    server.on("GET", "/tasks", ok(items("a", "b"), has_more=True), ok(items("b", "c"), has_more=False))
    assert [task["id"] for task in client.list_all("/tasks", scope=False)] == ["a", "b", "c"]


def test_list_all_reads_at_most_max_pages(monkeypatch):
    monkeypatch.setattr(client_module, "PAGE_SIZE", 1)
    monkeypatch.setattr(client_module, "MAX_PAGES", 3)
    client, server = make()
    server.on("GET", "/tasks", *[ok(items("t%d" % number), has_more=True) for number in range(10)])
    assert [task["id"] for task in client.list_all("/tasks", scope=False)] == ["t0", "t1", "t2"]
    assert paths(server) == ["/tasks?offset=0&limit=1", "/tasks?offset=1&limit=1", "/tasks?offset=2&limit=1"]


def test_list_all_keeps_the_callers_parameters_and_scopes_the_pages():
    client, server = make(acting_user="admin")
    server.on("GET", "/installs", ok(items("i-1"), has_more=False))
    client.list_all("/installs", params={"q": "blog"}, user="bob")
    client.list_all("/installs")
    assert paths(server) == ["/installs?q=blog&offset=0&limit=500&user=bob", "/installs?offset=0&limit=500&user=admin"]


def test_data_that_is_not_a_list_is_server_data_error():
    client, server = make()
    server.on("GET", "/tasks", ok({"id": "t-1"}))
    with pytest.raises(ServerDataError, match="GET %s/tasks: data is not a list" % BASE):
        client.list_all("/tasks", scope=False)


# -- the user scope ---------------------------------------------------------------------------------


def test_the_acting_user_scopes_get_and_delete_in_the_query_and_post_in_the_body():
    client, server = make(acting_user="alice")
    server.on("GET", "/installs/i-1", ok({"id": "i-1"}))
    server.on("DELETE", "/installs/i-1", ok())
    server.on("POST", "/installs/i-1", ok({"id": "i-1"}))
    client.call("GET", "/installs/i-1")
    client.call("DELETE", "/installs/i-1", params={"background": "true"})
    client.call("POST", "/installs/i-1", body={"autoup": "all"})
    assert [(entry[0], entry[1], entry[3]) for entry in server.log] == [
        ("GET", "/installs/i-1?user=alice", None),
        ("DELETE", "/installs/i-1?background=true&user=alice", None),
        ("POST", "/installs/i-1", {"autoup": "all", "user": "alice"}),
    ]


def test_a_user_given_wins_over_the_acting_user_and_a_user_value_already_there_is_kept():
    client, server = make(acting_user="alice")
    server.on("GET", "/installs/i-1", ok({"id": "i-1"}))
    server.on("POST", "/installs/i-1", ok({"id": "i-1"}))
    client.call("GET", "/installs/i-1", user="bob")
    client.call("GET", "/installs/i-1", params={"user": "carol"}, user="bob")
    client.call("POST", "/installs/i-1", body={"user": "carol"})
    assert [(entry[1], entry[3]) for entry in server.log] == [
        ("/installs/i-1?user=bob", None), ("/installs/i-1?user=carol", None), ("/installs/i-1", {"user": "carol"})]


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
def test_scope_false_never_adds_a_user(method):
    client, server = make(acting_user="alice")
    server.on(method, "/users/carol", ok({"id": "carol"}))
    client.call(method, "/users/carol", body={"email": "carol@example.com"} if method == "POST" else None, user="bob", scope=False)
    _method, path, _headers, body, _verify = server.log[0]
    assert path == "/users/carol"
    assert body == ({"email": "carol@example.com"} if method == "POST" else None)


def test_without_an_acting_user_nothing_is_scoped():
    client, server = make()
    server.on("GET", "/installs", ok([], has_more=False))
    server.on("POST", "/installs/i-1", ok({"id": "i-1"}))
    client.list_all("/installs")
    client.call("POST", "/installs/i-1", body={})
    assert [(entry[1], entry[3]) for entry in server.log] == [("/installs?offset=0&limit=500", None), ("/installs/i-1", {})]

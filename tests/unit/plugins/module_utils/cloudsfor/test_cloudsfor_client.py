# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The CloudsFor adapter: Basic auth, the root-key envelope, ``{id, message}`` errors, 204 deletes, the pages of a list
(links, a server ignoring them, the total, the bound) and the wait a 429 asks for in ``RateLimit-Reset``."""

from __future__ import annotations

import base64

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor import client as client_module
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.client import (
    CREDENTIALS_HINT, DEFAULT_API_URL, CloudsForClient, normalize_api_url, rate_limit_wait,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ConfigError, ServerDataError

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudsfor.fake_cloudsfor import BASE, PASSWORD, USER
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

PARAMS = {"api_url": BASE, "api_user": USER, "api_password": PASSWORD, "validate_certs": True, "ca_path": None, "request_timeout": 30.0}


def make(sleeps=None, **params):
    client = CloudsForClient.from_params(dict(PARAMS, **params), sleep=(sleeps.append if sleeps is not None else lambda s: None))
    return client, mount(client.http, FakeServer(BASE))


def queries(server):
    return [entry[1].split("?", 1)[1] if "?" in entry[1] else "" for entry in server.log]


# -- connection -------------------------------------------------------------------------------------


@pytest.mark.parametrize("given,expected", [
    ("https://cloudsfor.com/api/v1", "https://cloudsfor.com/api/v1"),
    ("cloudsfor.com", "https://cloudsfor.com/api/v1"),
    ("https://cloudsfor.com/api/v1/", "https://cloudsfor.com/api/v1"),
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080/api/v1"),
    ("http://127.0.0.1:8080/api/v1", "http://127.0.0.1:8080/api/v1"),
])
def test_api_url_forms(given, expected):
    assert normalize_api_url(given) == expected


def test_the_default_api_url_is_the_vendors():
    client = CloudsForClient.from_params({"api_user": USER, "api_password": PASSWORD})
    assert client.http.base_url == DEFAULT_API_URL == "https://cloudsfor.com/api/v1"


@pytest.mark.parametrize("missing", ["api_user", "api_password"])
def test_a_missing_credential_is_refused_before_any_request(missing):
    with pytest.raises(ConfigError, match=missing):
        CloudsForClient.from_params(dict(PARAMS, **{missing: None}))


def test_the_credentials_travel_in_the_basic_authorization_header_only():
    client, server = make()
    server.on("GET", "/account", (200, {"account": {"email": USER}}))
    server.on("DELETE", "/vms/abc", (204, ""))
    client.get("/account", "account")
    client.call("DELETE", "/vms/abc")
    for _method, path, headers, _body, _verify in server.log:
        assert headers["Authorization"] == "Basic " + base64.b64encode(("%s:%s" % (USER, PASSWORD)).encode()).decode()
        assert PASSWORD not in path and USER not in path
    assert PASSWORD not in repr(client.http.session.auth)


# -- the envelope -----------------------------------------------------------------------------------


def test_one_object_is_read_under_its_singular_root_key():
    client, server = make()
    server.on("GET", "/vms/abc", (200, {"vm": {"id": "abc", "name": "web1"}}))
    assert client.get("/vms/abc", "vm") == {"id": "abc", "name": "web1"}


def test_an_answer_without_the_root_key_is_a_server_data_error_naming_it():
    client, server = make()
    server.on("GET", "/vms/abc", (200, {"droplet": {"id": "abc"}}))
    with pytest.raises(ServerDataError, match="without the 'vm' object"):
        client.get("/vms/abc", "vm")


def test_a_204_delete_answers_an_empty_dict():
    client, server = make()
    server.on("DELETE", "/keys/7", (204, ""))
    assert client.call("DELETE", "/keys/7") == {}


def test_a_success_that_is_not_json_points_at_api_url():
    client, server = make()
    server.on("GET", "/account", (200, "<html><body>Welcome to CloudsFor</body></html>"))
    with pytest.raises(ServerDataError, match="is api_url the API base"):
        client.get("/account", "account")


# -- errors -----------------------------------------------------------------------------------------


def test_an_error_quotes_the_servers_message_and_id():
    client, server = make()
    server.on("POST", "/vms", (422, {"id": "unprocessable_entity", "message": "Region is not available"}))
    with pytest.raises(ApiError) as info:
        client.call("POST", "/vms", body={"name": "web1"})
    error = info.value
    assert (error.status, error.code, error.message, error.missing) == (422, "unprocessable_entity",
                                                                        "Region is not available (unprocessable_entity)", False)
    assert "POST %s/vms returned 422: Region is not available (unprocessable_entity)" % BASE in str(error)


def test_a_404_not_found_is_missing():
    client, server = make()
    server.on("DELETE", "/vms/gone", (404, {"id": "not_found", "message": "The resource you were accessing could not be found."}))
    with pytest.raises(ApiError) as info:
        client.call("DELETE", "/vms/gone")
    assert info.value.missing and info.value.code == "not_found"


def test_a_404_without_the_error_body_is_not_missing_and_points_at_api_url():
    client, server = make()
    server.on("GET", "/vms/abc", (404, "<html><h1>Not Found</h1></html>"))
    with pytest.raises(ApiError) as info:
        client.call("GET", "/vms/abc")
    assert not info.value.missing
    assert "is api_url the API base" in str(info.value)


def test_a_401_says_which_credentials_to_check_and_never_shows_the_password():
    client, server = make()
    server.on("GET", "/account", (401, {"id": "unauthorized", "message": "Unable to authenticate you."}))
    with pytest.raises(ApiError) as info:
        client.get("/account", "account")
    assert CREDENTIALS_HINT in str(info.value) and "Unable to authenticate you. (unauthorized)" in str(info.value)
    assert PASSWORD not in str(info.value) and PASSWORD not in repr(info.value.as_dict())


def test_a_403_is_an_error_with_its_own_hint():
    client, server = make()
    server.on("GET", "/account", (403, {"id": "forbidden", "message": "You do not have access for the attempted action."}))
    with pytest.raises(ApiError, match="You do not have access for the attempted action. \\(forbidden\\) \\(the account may not"):
        client.get("/account", "account")


# -- pages ------------------------------------------------------------------------------------------


def page(ids, total, next_page=None, last=3):
    links = {}
    if next_page or total > len(ids):
        pages = {"first": BASE + "/vms?page=1&per_page=200", "last": BASE + "/vms?page=%d&per_page=200" % last}
        if next_page:
            pages["next"] = BASE + "/vms?page=%d&per_page=200" % next_page
        links = {"pages": pages}
    return (200, {"vms": [{"id": item} for item in ids], "meta": {"total": total}, "links": links})


def test_a_list_follows_links_next_with_large_pages_and_stops_on_the_last():
    client, server = make()
    server.on("GET", "/vms", page(["a", "b"], 5, next_page=2), page(["c", "d"], 5, next_page=3), page(["e"], 5))
    assert [item["id"] for item in client.list_all("/vms", "vms")] == ["a", "b", "c", "d", "e"]
    assert queries(server) == ["page=1&per_page=200", "page=2&per_page=200", "page=3&per_page=200"]


def test_a_next_link_to_another_host_only_lends_its_query():
    client, server = make()
    server.on("GET", "/vms", (200, {"vms": [{"id": "a"}], "meta": {"total": 2},
                                    "links": {"pages": {"next": "https://evil.example.net/x/vms?page=2&per_page=200"}}}),
              (200, {"vms": [{"id": "b"}], "meta": {"total": 2}, "links": {"pages": {"first": "x"}}}))
    assert [item["id"] for item in client.list_all("/vms", "vms")] == ["a", "b"]
    assert [entry[1].split("?")[0] for entry in server.log] == ["/api/v1/vms", "/api/v1/vms"]


def test_a_server_that_ignores_pages_is_read_once_when_the_total_is_reached():
    client, server = make()
    server.on("GET", "/vms", (200, {"vms": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "meta": {"total": 3}}))
    assert len(client.list_all("/vms", "vms")) == 3
    assert len(server.log) == 1


def test_without_links_or_total_reading_stops_when_a_page_brings_nothing_new():
    client, server = make()
    server.on("GET", "/vms", (200, {"vms": [{"id": "a"}, {"id": "b"}]}))
    assert [item["id"] for item in client.list_all("/vms", "vms")] == ["a", "b"]
    assert queries(server) == ["page=1&per_page=200", "page=2&per_page=200"]


def test_without_links_pages_are_counted_until_the_total():
    client, server = make()
    server.on("GET", "/vms", (200, {"vms": [{"id": "a"}], "meta": {"total": 2}}), (200, {"vms": [{"id": "b"}], "meta": {"total": 2}}))
    assert [item["id"] for item in client.list_all("/vms", "vms")] == ["a", "b"]
    assert queries(server) == ["page=1&per_page=200", "page=2&per_page=200"]


def test_an_empty_list_is_one_request():
    client, server = make()
    server.on("GET", "/keys", (200, {"ssh_keys": [], "meta": {"total": 0}, "links": {}}))
    assert client.list_all("/keys", "ssh_keys") == [] and len(server.log) == 1


def test_reading_is_bounded(monkeypatch):
    monkeypatch.setattr(client_module, "MAX_PAGES", 3)
    client, server = make()
    counter = iter(range(100))

    class Endless(FakeServer):
        def send(self, request, **kwargs):
            number = next(counter)
            self.on("GET", "/vms", (200, {"vms": [{"id": number}], "meta": {"total": 1000},
                                          "links": {"pages": {"next": BASE + "/vms?page=%d&per_page=200" % (number + 2)}}}))
            return super().send(request, **kwargs)

    server = mount(client.http, Endless(BASE))
    with pytest.raises(ServerDataError, match="more than 3 pages"):
        client.list_all("/vms", "vms")
    assert len(server.log) == 3


def test_a_list_that_is_not_a_list_is_a_server_data_error():
    client, server = make()
    server.on("GET", "/vms", (200, {"vms": {"id": "a"}, "meta": {"total": 1}}))
    with pytest.raises(ServerDataError, match="'vms' is not a list"):
        client.list_all("/vms", "vms")


def test_regions_without_ids_are_told_apart_by_name():
    client, server = make()
    server.on("GET", "/regions", (200, {"regions": [{"name": "moscow_02"}, {"name": "moscow_03"}], "meta": {"total": 2}}))
    assert [item["name"] for item in client.list_all("/regions", "regions", ident="name")] == ["moscow_02", "moscow_03"]


# -- rate limits ------------------------------------------------------------------------------------


def test_rate_limit_wait_counts_to_the_reset_time():
    assert rate_limit_wait({"RateLimit-Reset": "1700000012"}, now=1700000000.0) == 12.0


@pytest.mark.parametrize("headers", [{}, {"RateLimit-Reset": ""}, {"RateLimit-Reset": "soon"}, None])
def test_rate_limit_wait_without_a_readable_reset_is_none(headers):
    assert rate_limit_wait(headers, now=1700000000.0) is None


def test_rate_limit_wait_is_at_least_a_second_when_the_reset_has_passed():
    assert rate_limit_wait({"RateLimit-Reset": "1699999990"}, now=1700000000.0) == client_module.MIN_RESET_WAIT


def test_a_small_reset_value_is_read_as_seconds():
    assert rate_limit_wait({"RateLimit-Reset": "7"}, now=1700000000.0) == 7.0


def test_a_429_without_retry_after_waits_until_ratelimit_reset(monkeypatch):
    monkeypatch.setattr(client_module.time, "time", lambda: 1700000000.0)
    sleeps = []
    client, server = make(sleeps)
    limited = (429, {"id": "too_many_requests", "message": "API Rate limit exceeded."},
               {"RateLimit-Limit": "5000", "RateLimit-Remaining": "0", "RateLimit-Reset": "1700000004"})
    server.on("POST", "/keys", limited, (201, {"ssh_key": {"id": 1}}))
    assert client.call("POST", "/keys", body={"name": "a"}) == {"ssh_key": {"id": 1}}
    assert sleeps == [4.0] and len(server.log) == 2


def test_a_reset_beyond_the_cap_is_reported_not_waited_for(monkeypatch):
    monkeypatch.setattr(client_module.time, "time", lambda: 1700000000.0)
    sleeps = []
    client, server = make(sleeps)
    server.on("GET", "/vms", (429, {"id": "too_many_requests", "message": "API Rate limit exceeded."}, {"RateLimit-Reset": "1700003600"}))
    with pytest.raises(ApiError) as info:
        client.list_all("/vms", "vms")
    assert sleeps == [] and len(server.log) == 1
    assert info.value.code == "too_many_requests" and "longer than the 30s a module waits" in str(info.value)

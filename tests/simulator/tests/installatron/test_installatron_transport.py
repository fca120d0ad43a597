# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Transport: API key, methods and their override, parameters, the envelope, routing, the serve.py sub-command."""

import json
import os
import re
import signal
import subprocess
import sys

import pytest

pytest.register_assert_rewrite("isim")

from isim import KEY2, Client  # noqa: E402

pytest_plugins = ["isim"]  # the fixtures

SERVE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "serve.py")
ENVELOPE = ["result", "status", "errcode", "errfield", "message", "data"]


@pytest.mark.parametrize("key", [None, "", "wrong"])
def test_a_missing_or_wrong_key_is_403(isim, key):
    result = isim.call("GET", "/users", key=key)
    assert result.status == 403
    assert result.body == {"result": False, "status": 403, "errcode": "invalid_api_key", "errfield": None,
                           "message": result.body["message"], "data": None}


def test_both_keys_work_and_the_log_names_them(isim):
    assert isim.call("GET", "/users").status == 200
    assert isim.call("GET", "/users", key=KEY2).status == 200
    isim.call("GET", "/users", key="other")
    isim.call("GET", "/users", key=None)
    assert [r["key"] for r in isim.requests()] == ["key", "key2", "other", None]


def test_requests_without_the_version_header_are_answered_and_logged_so(isim):
    assert isim.raw("GET", "/users", headers={"X-API-Key": "sim-key"}).status == 200
    isim.call("GET", "/users")
    assert [r["api_version"] for r in isim.requests()] == [None, "2.0"]
    assert isim.requests()[1]["accept"] == "application/json"


def test_envelope_of_a_list_and_of_an_object(bob):
    listing = bob.call("GET", "/users").body
    assert list(listing) == ENVELOPE + ["total_count", "has_more"]
    assert (listing["result"], listing["status"], listing["errcode"], listing["total_count"]) == (True, 200, None, 1)
    single = bob.call("GET", "/users/bob")
    assert list(single.body) == ENVELOPE and single.response.getheader("Content-Type").startswith("application/json")


def test_error_field_name_switch(bob):
    assert bob.call("POST", "/browser/wordpress/install", {"user": "bob", "url": "https://bob.example", "email": "x"}).body["errfield"] == "email"
    bob.control("POST", "/switches", {"error_field_name": "field"})
    body = bob.call("POST", "/browser/wordpress/install", {"user": "bob", "url": "https://bob.example", "email": "x"}).body
    assert body["field"] == "email" and "errfield" not in body
    assert list(bob.call("GET", "/users").body)[:6] == ["result", "status", "errcode", "field", "message", "data"]


def test_only_get_post_delete(isim):
    for method in ("PUT", "PATCH", "HEAD", "OPTIONS"):
        result = isim.call(method, "/users")
        assert result.status == 405, method
        assert result.response.getheader("Allow") == "GET, POST, DELETE"
        if method != "HEAD":
            assert (result.body["status"], result.body["result"]) == (405, False)


def test_known_path_with_another_method_is_405_unknown_path_404(isim):
    result = isim.call("DELETE", "/browser")
    assert result.status == 405 and result.response.getheader("Allow") == "GET"
    result = isim.call("GET", "/nothing/here")
    assert (result.status, result.body["errcode"], result.body["result"]) == (404, None, False)
    # the key comes first
    assert isim.call("GET", "/nothing/here", key="bad").errcode == (403, "invalid_api_key")


def test_method_override_tunnels_get_and_delete_through_post(bob):
    result = bob.call("POST", "/users/bob", None, headers={"X-HTTP-Method-Override": "GET"})
    assert result.status == 200 and result.data["id"] == "bob"
    # a tunneled GET reads parameters from the body too
    result = bob.call("POST", "/users", {"limit": 1}, headers={"X-HTTP-Method-Override": "get"})
    assert result.status == 200 and result.body["total_count"] == 1
    result = bob.call("POST", "/users/bob", {"dryrun": "input"}, headers={"X-HTTP-Method-Override": "DELETE"})
    assert result.errcode == (200, "complete_dryrun")
    assert bob.call("POST", "/users/bob", None, headers={"X-HTTP-Method-Override": "PUT"}).status == 405
    assert [r["method_override"] for r in bob.requests()][-1] == "PUT"
    assert bob.requests()[-1]["method"] == "POST"
    # only a POST is overridden
    assert bob.call("GET", "/users/bob", headers={"X-HTTP-Method-Override": "DELETE"}).status == 200


def test_form_encoded_body_with_php_brackets(isim):
    form = {"id": "carol", "email": "carol@carol.example", "websites[0][path]": "/home/carol",
            "websites[0][vhosts][https://carol.example]": "www", "websites[0][uid]": "1001"}
    data = isim.ok("POST", "/users", form, form=True)
    assert data["websites"][0]["vhosts"] == {"https://carol.example": "www"} and data["websites"][0]["uid"] == 1001
    assert isim.requests()[-1]["body"]["websites"][0]["path"] == "/home/carol"
    assert isim.call("POST", "/browser/wordpress/install", {"user": "carol", "url": "https://carol.example",
                                                            "notification[]": "update"}, form=True).status == 200
    assert isim.state()["installs"][0]["notification"] == ["update"]


def test_a_body_without_content_type_is_read_as_json_or_form(isim):
    headers = {"X-API-Key": "sim-key"}
    assert isim.raw("POST", "/users", b'{"id": "dave"}', headers).status == 200
    assert isim.raw("POST", "/users", b"id=erin", headers).status == 200
    assert sorted(u["id"] for u in isim.state()["users"]) == ["dave", "erin"]


@pytest.mark.parametrize("data", [b"{bad", b"[1, 2]", b'"text"'])
def test_malformed_json_is_400(isim, data):
    result = isim.raw("POST", "/users", data, {"X-API-Key": "sim-key", "Content-Type": "application/json"})
    assert (result.status, result.body["result"], result.body["errcode"]) == (400, False, None)


def test_get_and_delete_read_the_query_only_unless_switched(bob):
    headers = {"X-API-Key": "sim-key", "Content-Type": "application/json"}
    result = bob.raw("GET", "/users", json.dumps({"limit": 0}).encode(), headers)
    assert result.status == 200
    bob.control("POST", "/switches", {"get_delete_body_params": True})
    result = bob.raw("GET", "/users", json.dumps({"limit": 0}).encode(), headers)
    assert result.errcode == (400, "invalid_argument_limit")
    result = bob.raw("DELETE", "/users/bob", json.dumps({"dryrun": "all"}).encode(), headers)
    assert result.errcode == (200, "complete_dryrun")


def test_post_parameters_come_from_the_body_not_the_query(isim):
    result = isim.call("POST", "/users?id=frank", {})
    assert result.errcode == (400, "empty_argument_id")


def test_strict_params_switch(bob):
    result = bob.call("POST", "/users/bob", {"emial": "x@bob.example"})
    assert result.errcode == (400, "invalid_argument_emial") and result.body["errfield"] == "emial"
    # the query form of the version header is accepted everywhere
    assert bob.call("GET", "/users", {"api_version": "2.0"}).status == 200
    bob.control("POST", "/switches", {"strict_params": False})
    assert bob.call("POST", "/users/bob", {"emial": "x@bob.example"}).status == 200


@pytest.mark.parametrize("value, expected", [(True, True), ("true", True), ("1", True), (1, True), ("no", False),
                                             (False, False), ("", False)])
def test_boolean_parameters(isim, value, expected):
    assert isim.ok("POST", "/users", {"id": "gina", "suspended": value})["suspended"] is expected


def test_a_bad_boolean_is_invalid(isim):
    assert isim.call("POST", "/users", {"id": "gina", "suspended": "maybe"}).errcode == (400, "invalid_argument_suspended")


def test_serve_starts_the_installatron_sub_command():
    process = subprocess.Popen([sys.executable, SERVE, "installatron", "--port", "0", "--api-key", "k1",
                                "--api-key2", "k2", "--task-seconds", "0.05"], stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        found = re.match(r"^listening on http://127\.0\.0\.1:(\d+)$", line)
        assert found, line
        client = Client(int(found.group(1)))
        assert client.call("GET", "/users", key="k2").status == 200
        assert client.call("GET", "/users", key="sim-key").status == 403
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=5) == 0


def test_bad_command_line():
    result = subprocess.run([sys.executable, SERVE, "installatron", "--task-seconds", "0"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 2 and "task-seconds" in result.stderr

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HTTP behaviour: format, routing, parsing, keep-alive speed, start and stop."""

import os
import re
import signal
import subprocess
import sys
import time

from common.routing import Response, Router
from conftest import Client

SERVE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "serve.py")


def test_status_is_public(client):
    status, response, payload = client.raw("GET", "/api/v1/cloudron/status")
    assert (status, payload) == (200, {"version": "9.0.15"})
    assert response.getheader("Content-Type") == "application/json; charset=utf-8"


def test_body_bytes():
    # 2-space indentation and raw UTF-8, as the real server sends
    assert Response(200, {"a": [1], "b": "\u00e9"}).payload() == '{\n  "a": [\n    1\n  ],\n  "b": "\u00e9"\n}'.encode()
    assert Response(204, {"ignored": True}).payload() == b""


def test_no_content_has_no_body_and_keeps_the_connection(client):
    user_id = client.call("POST", "/users", {"email": "a@example.com", "username": "a"}).body["id"]
    status, response, payload = client.call("DELETE", "/users/" + user_id)
    assert (status, payload) == (204, b"")
    assert response.getheader("Content-Type") is None
    assert client.call("GET", "/cloudron/status").status == 200


def test_unknown_route_and_method(client):
    status, payload = client.call("PATCH", "/users").outcome
    assert (status, payload["message"]) == (404, "No such route")
    status, payload = client.call("GET", "/nothing/here").outcome
    assert (status, payload) == (404, {"status": "Not Found", "message": "No such route"})
    # unknown routes need no token
    assert client.call("GET", "/nothing/here", token=None).status == 404


def test_malformed_json(client):
    headers = {"Authorization": "Bearer sim-rw-token", "Content-Type": "application/json"}
    status, payload = client.raw("POST", "/api/v1/users", b"{bad", headers).outcome
    assert (status, payload) == (400, {"status": "Bad Request", "message": "Failed to parse body"})
    status, payload = client.raw("POST", "/api/v1/users", b'"just a string"', headers).outcome
    assert (status, payload["message"]) == (400, "Failed to parse body")


def test_body_without_json_content_type_is_ignored(client):
    headers = {"Authorization": "Bearer sim-rw-token", "Content-Type": "text/plain"}
    status, payload = client.raw("POST", "/api/v1/users", b'{"email": "a@example.com"}', headers).outcome
    assert (status, payload["message"]) == (400, "email is required")


def test_trailing_slash_and_head(client):
    assert client.call("GET", "/users/").status == 200
    status, response, payload = client.raw("HEAD", "/api/v1/cloudron/status")
    assert status == 200 and payload == b"" and int(response.getheader("Content-Length")) > 0


def test_many_keep_alive_requests_are_fast(client):
    started = time.monotonic()
    statuses = [client.call("GET", "/profile").status for count in range(500)]
    assert statuses == [200] * 500
    assert time.monotonic() - started < 1.0


def test_serve_prints_port_and_stops_on_sigterm():
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, SERVE, "cloudron", "--port", "0", "--version", "8.1.2"],
                               stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        assert time.monotonic() - started < 1.0
        found = re.match(r"^listening on http://127\.0\.0\.1:(\d+)$", line)
        assert found, line
        port = int(found.group(1))
        assert port > 0
        assert Client(port).call("GET", "/cloudron/status").body == {"version": "8.1.2"}
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=5) == 0


def test_serve_with_a_setup_listener():
    process = subprocess.Popen([sys.executable, SERVE, "cloudron", "--port", "0", "--setup-port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        found = re.match(r"^listening on http://127\.0\.0\.1:(\d+) setup http://127\.0\.0\.1:(\d+)$", line)
        assert found, line
        main, setup = Client(int(found.group(1))), Client(int(found.group(2)))
        assert main.port != setup.port and 0 not in (main.port, setup.port)
        setup.control("POST", "/reset", {"provisioned": False})
        assert main.call("GET", "/cloudron/status").status == 503
        assert setup.call("GET", "/cloudron/status").body["activated"] is False
        assert [r["listener"] for r in main.control("GET", "/requests")["requests"]] == ["main", "setup"]
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=5) == 0


def test_bad_command_line():
    result = subprocess.run([sys.executable, SERVE, "cloudron", "--version", "nine"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 2 and "version" in result.stderr


def test_chunked_request_body(client):
    headers = {"Authorization": "Bearer sim-rw-token", "Content-Type": "application/json"}
    client.connection.request("POST", "/api/v1/groups", body=iter([b'{"name": ', b'"chunky"}']), headers=headers,
                              encode_chunked=True)
    response = client.connection.getresponse()
    assert response.status == 201 and b'"chunky"' in response.read()


def test_routes_per_version_mode():
    router = Router()
    router.add("POST", "/api/v1/apps", lambda state, request: "new", modes=("9",))
    router.add("POST", "/api/v1/apps/install", lambda state, request: "old", modes=("8.1",))
    router.add("GET", "/api/v1/apps", lambda state, request: "list")
    assert router.match("POST", "/api/v1/apps", "9")[0].template == "/api/v1/apps"
    assert router.match("POST", "/api/v1/apps", "8.1") is None
    assert router.match("POST", "/api/v1/apps/install", "9") is None
    assert router.match("POST", "/api/v1/apps/install", "8.1")[0].template == "/api/v1/apps/install"
    assert router.match("GET", "/api/v1/apps", "8.1") is not None

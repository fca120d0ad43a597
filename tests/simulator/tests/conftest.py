# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures: one in-process simulator per test session, reset before every test."""

import http.client
import json
import os
import sys
import threading
import time
from collections import namedtuple
from types import SimpleNamespace

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from cloudron import create_app  # noqa: E402
from common.http import make_server  # noqa: E402

RW = "sim-rw-token"
RO = "sim-ro-token"


class Result(namedtuple("Result", "status response body")):
    """What a request got back; ``body`` is parsed when it is JSON."""

    @property
    def outcome(self):
        return self.status, self.body


class Client:
    """Keep-alive client for the API and the control interface."""

    def __init__(self, port):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def raw(self, method, path, data=None, headers=None):
        try:
            self.connection.request(method, path, body=data, headers=headers or {})
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            raise
        payload = response.read()
        if payload and response.getheader("Content-Type", "").startswith("application/json"):
            payload = json.loads(payload)
        return Result(response.status, response, payload)

    def call(self, method, path, body=None, token=RW, headers=None):
        headers = dict(headers or {})
        data = None
        if token:
            headers["Authorization"] = "Bearer " + token
        if body is not None:
            data = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        return self.raw(method, "/api/v1" + path, data, headers)

    def wait(self, task_id, timeout=5.0):
        """The task once it has finished (polls GET /tasks/:id)."""
        deadline = time.monotonic() + timeout
        while True:
            view = self.call("GET", "/tasks/%s" % task_id).body
            if not view["active"] and not view["pending"]:
                return view
            assert time.monotonic() < deadline, view
            time.sleep(0.02)

    def control(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        result = self.raw(method, "/_control" + path, data, {"Content-Type": "application/json"})
        assert result.status == 200, result.body
        return result.body


@pytest.fixture(scope="session")
def server():
    args = SimpleNamespace(version="9.0.15", token=RW, readonly_token=RO, task_seconds=0.05)
    instance = make_server(create_app(args), "127.0.0.1", 0)
    thread = threading.Thread(target=instance.serve_forever, daemon=True)
    thread.start()
    yield instance
    instance.shutdown()
    instance.server_close()


@pytest.fixture(scope="session")
def setup_server(server):
    """The setup listener (the server's raw IP) of the same application."""
    instance = make_server(server.app, "127.0.0.1", 0, listener="setup")
    thread = threading.Thread(target=instance.serve_forever, daemon=True)
    thread.start()
    yield instance
    instance.shutdown()
    instance.server_close()


@pytest.fixture
def client(server):
    """A fresh connection to a freshly reset simulator."""
    sim = Client(server.server_address[1])
    sim.control("POST", "/reset", {})
    yield sim
    sim.connection.close()


@pytest.fixture
def setup_client(client, setup_server):
    """A connection to the setup listener of the freshly reset simulator."""
    sim = Client(setup_server.server_address[1])
    yield sim
    sim.connection.close()


@pytest.fixture
def owner_id(client):
    return client.call("GET", "/profile").body["id"]

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Client and fixtures of the Cloudillo self-tests; test modules load them with ``pytest_plugins = ["csim"]``
(not a conftest.py, which would shadow the Cloudron one)."""

import http.client
import json
import os
import sys
import threading
from collections import namedtuple
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from cloudillo import ADMIN_KEY, create_app  # noqa: E402
from common.http import make_server  # noqa: E402

ADMIN = "admin.example"
ALICE = "alice.example"
PASSWORD = "sim-password"
_SERVER = []


class Result(namedtuple("Result", "status response body")):
    """What a request got back; ``body`` is parsed when it is JSON."""

    @property
    def data(self):
        return self.body["data"]

    @property
    def code(self):
        return self.status, self.body["error"]["code"]


class Client:
    """Keep-alive client for one port; ``host`` (an idTag) sends ``Host: cl-o.<idTag>``."""

    def __init__(self, port, host=None):
        self.port = port
        self.host = host
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def raw(self, method, path, data=None, headers=None):
        headers = dict(headers or {})
        if self.host and "Host" not in headers:
            headers["Host"] = "cl-o." + self.host
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            raise
        payload = response.read()
        if payload and response.getheader("Content-Type", "").startswith("application/json"):
            payload = json.loads(payload)
        return Result(response.status, response, payload)

    def call(self, method, path, body=None, key=ADMIN_KEY, query=None, headers=None):
        headers = dict(headers or {})
        if key is not None:
            headers["Authorization"] = "Bearer " + key
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        if query:
            path += "?" + urlencode(query)
        return self.raw(method, path, data, headers)

    def control(self, method, path, body=None, status=200):
        data = json.dumps(body).encode() if body is not None else None
        result = self.raw(method, "/_control" + path, data, {"Content-Type": "application/json"})
        assert result.status == status, result.body
        return result.body

    def state(self):
        return self.control("GET", "/state")

    def requests(self):
        return self.control("GET", "/requests")["requests"]

    def login(self, id_tag=None, password=PASSWORD):
        return self.call("POST", "/api/auth/login", {"idTag": id_tag or self.tenant_tag(), "password": password}, key=None)

    def tenant_tag(self):
        return self.host or ADMIN


def server():
    """One in-process simulator for the whole run; its tenants' listeners are opened too."""
    if not _SERVER:
        args = SimpleNamespace(admin_id_tag=ADMIN, tenants=None, admin_key=ADMIN_KEY, password=PASSWORD,
                               host="127.0.0.1", verbose=False)
        app = create_app(args)
        instance = make_server(app, "127.0.0.1", 0)
        threading.Thread(target=instance.serve_forever, daemon=True).start()
        _SERVER.append((instance, app))
    return _SERVER[0]


def port_of(url):
    return int(url.rsplit(":", 1)[1])


@pytest.fixture
def csim():
    """The admin tenant (by Host header on the main listener) of a freshly reset simulator, failed logins answered
    at once."""
    instance = server()[0]
    sim = Client(instance.server_address[1], host=ADMIN)
    sim.control("POST", "/reset", {"switches": {"login_failure_delay_ms": 0}})
    yield sim
    sim.connection.close()


@pytest.fixture
def tenant_client(csim):
    """A factory: a client for an idTag's own listener (no Host header naming it)."""
    made = []

    def make(id_tag):
        url = csim.state()["tenants"]
        url = next(t["url"] for t in url if t["idTag"] == id_tag)
        client = Client(port_of(url))
        made.append(client)
        return client

    yield make
    for client in made:
        client.connection.close()

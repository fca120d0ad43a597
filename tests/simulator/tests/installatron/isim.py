# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Client and fixtures of the Installatron self-tests; test modules load them with ``pytest_plugins = ["isim"]``.

(The fixtures live here, loaded with ``pytest_plugins = ["isim"]``, not in a conftest.py: a second conftest module
would shadow the Cloudron one that ``from conftest import Client`` reads.)
"""

import http.client
import json
import os
import sys
import threading
import time
from collections import namedtuple
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from common.http import make_server  # noqa: E402
from installatron import create_app  # noqa: E402

KEY = "sim-key"
KEY2 = "sim-key2"
BOB_PATH = "sftp://bob:s3cr%40t@files.bob.example/home/bob"
BOB = {
    "id": "bob", "email": "bob@bob.example",
    "websites": [{"path": BOB_PATH, "label": "bob.example",
                  "vhosts": {"https://bob.example": "public_html", "http://bob.example": "public_html"}}],
}
_SERVER = []


class Result(namedtuple("Result", "status response body")):
    """What a request got back; ``body`` is parsed when it is JSON."""

    @property
    def data(self):
        return self.body["data"]

    @property
    def errcode(self):
        return self.status, self.body["errcode"]


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

    def call(self, method, path, params=None, key=KEY, headers=None, form=False):
        """GET/DELETE send ``params`` in the query, POST as a JSON (or form-encoded) body."""
        headers = dict({"X-API-Version": "2.0", "Accept": "application/json"}, **(headers or {}))
        if key is not None:
            headers["X-API-Key"] = key
        data = None
        if params is not None and method in ("GET", "DELETE"):
            path += "?" + urlencode(params)
        elif params is not None and form:
            data = urlencode(params).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        elif params is not None:
            data = json.dumps(params).encode()
            headers.setdefault("Content-Type", "application/json")
        return self.raw(method, path, data, headers)

    def ok(self, method, path, params=None, **options):
        """The ``data`` of a call that must succeed."""
        result = self.call(method, path, params, **options)
        assert result.status == 200 and result.body["result"] is True, result.body
        return result.body["data"]

    def control(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        result = self.raw(method, "/_control" + path, data, {"Content-Type": "application/json"})
        assert result.status == 200, result.body
        return result.body

    def state(self):
        return self.control("GET", "/state")

    def requests(self):
        return self.control("GET", "/requests")["requests"]

    def tasks(self, **params):
        return self.ok("GET", "/tasks", params or None)

    def wait_tasks(self, timeout=5.0):
        """Until no task is queued or running."""
        deadline = time.monotonic() + timeout
        while any(t["status"] in ("queued", "running") for t in self.state()["tasks"]):
            assert time.monotonic() < deadline
            time.sleep(0.02)

    def install(self, app="wordpress", url="https://bob.example/blog", user="bob", **params):
        return self.ok("POST", "/browser/%s/install" % app, dict(params, url=url, user=user))


def server():
    """One in-process simulator for the whole run (tasks 20 times faster)."""
    if not _SERVER:
        args = SimpleNamespace(api_key=KEY, api_key2=KEY2, task_seconds=0.05)
        instance = make_server(create_app(args), "127.0.0.1", 0)
        threading.Thread(target=instance.serve_forever, daemon=True).start()
        _SERVER.append(instance)
    return _SERVER[0]


@pytest.fixture
def isim():
    """A fresh connection to a freshly reset simulator."""
    sim = Client(server().server_address[1])
    sim.control("POST", "/reset", {})
    yield sim
    sim.connection.close()


@pytest.fixture
def bob(isim):
    """The simulator with user bob and his website bob.example (http and https)."""
    isim.control("POST", "/seed", {"users": [BOB]})
    return isim

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Client and fixtures of the CloudsFor self-tests; test modules load them with ``pytest_plugins = ["cfsim"]``
(not a conftest.py, which would shadow the Cloudron one)."""

import base64
import http.client
import json
import os
import socket
import sys
import threading
import time
from collections import namedtuple
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from cloudsfor import PASSWORD, USER, create_app  # noqa: E402
from common.http import make_server  # noqa: E402

API = "/api/v1"
# fast clocks for the tests; a test that must see something in progress sets longer ones
FAST = {"build_seconds": 0.05, "action_seconds": 0.05}
# ssh-keygen -l -E md5|sha256 of key(0): the fingerprints an independent tool gives for it
KEY0_MD5 = "0f:a2:0a:d7:38:3e:65:45:08:6b:63:84:1c:ff:dc:ba"
KEY0_SHA256 = "SHA256:ZkAslGjFiUHdGf/WUL8rQvkib4PTvQatUV0OUQSncCA"
VM = {"name": "web", "region": "moscow_02", "distro": "ubuntu-24.04", "memory": 2, "vcpus": 2, "disk": 20}
_SERVER = []


def key(seed, comment="me@host"):
    """A well-formed ssh-ed25519 public key line, different for every ``seed``."""
    blob = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + bytes((seed + i) % 256 for i in range(32))
    return "ssh-ed25519 %s %s" % (base64.b64encode(blob).decode(), comment)


def basic(user=USER, password=PASSWORD):
    """The Authorization header of a Basic credential."""
    return {"Authorization": "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()}


class Result(namedtuple("Result", "status response body")):
    """What a request got back; ``body`` is parsed when it is JSON."""

    @property
    def error(self):
        return self.status, self.body["id"]


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

    def call(self, method, path, body=None, auth=(USER, PASSWORD), query=None, headers=None):
        headers = dict(basic(*auth) if auth is not None else {}, **(headers or {}))
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        if query:
            path += "?" + urlencode(query)
        return self.raw(method, API + path, data, headers)

    def ok(self, method, path, body=None, status=200, **kwargs):
        result = self.call(method, path, body, **kwargs)
        assert result.status == status, result.body
        return result.body

    def control(self, method, path, body=None, status=200):
        data = json.dumps(body).encode() if body is not None else None
        result = self.raw(method, "/_control" + path, data, {"Content-Type": "application/json"})
        assert result.status == status, result.body
        return result.body

    def state(self):
        return self.control("GET", "/state")

    def switches(self, **values):
        return self.control("POST", "/switches", values)

    def requests(self):
        return self.control("GET", "/requests")["requests"]

    def seed(self, **body):
        return self.control("POST", "/seed", body)

    def seed_vm(self, **fields):
        """The id of a VM seeded already built (running unless ``status`` says otherwise)."""
        return self.seed(vms=[dict(VM, **fields)])["vms"][0]

    def stored_vm(self, vm_id):
        return next(v for v in self.state()["vms"] if v["id"] == vm_id)

    def wait(self, predicate, timeout=5.0):
        """The state once ``predicate(state)`` holds (polls the control interface)."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.state()
            if predicate(state):
                return state
            assert time.monotonic() < deadline, state
            time.sleep(0.01)

    def wait_unlocked(self, vm_id):
        return self.wait(lambda s: not next(v for v in s["vms"] if v["id"] == vm_id)["locked"])

    def wait_built(self, vm_id):
        return self.wait(lambda s: next(v for v in s["vms"] if v["id"] == vm_id)["status"] != "new")


def banner(address, port, timeout=2.0):
    """What a TCP client reads first from (address, port); None when nothing listens there."""
    try:
        with socket.create_connection((address, port), timeout=timeout) as connection:
            return connection.recv(100)
    except ConnectionRefusedError:
        return None


def server():
    """One in-process simulator for the whole run."""
    if not _SERVER:
        app = create_app(SimpleNamespace(user=USER, password=PASSWORD, ssh_port=0, tls_cert=None))
        instance = make_server(app, "127.0.0.1", 0)
        threading.Thread(target=instance.serve_forever, daemon=True).start()
        _SERVER.append((instance, app))
    return _SERVER[0]


@pytest.fixture
def cf():
    """A fresh connection to a freshly reset simulator with fast builds and actions."""
    instance = server()[0]
    sim = Client(instance.server_address[1])
    sim.control("POST", "/reset", {"switches": FAST})
    yield sim
    sim.connection.close()

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HTTPS on the main listener, with a throwaway CA made the way the suite makes it (tools/_tls.py)."""

import http.client
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
from types import SimpleNamespace

import pytest

from cloudron import create_app
from common.http import make_server, tls_context

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SERVE = os.path.join(ROOT, "tests", "simulator", "serve.py")
sys.path.insert(0, os.path.join(ROOT, "tools"))

import _simulator  # noqa: E402
import _tls  # noqa: E402


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    return _tls.make(str(tmp_path_factory.mktemp("tls")), python=sys.executable)


def _serve(files, name):
    args = SimpleNamespace(version="9.0.15", token="sim-rw-token", readonly_token="sim-ro-token", task_seconds=0.05)
    server = make_server(create_app(args), "127.0.0.1", 0, tls_context=tls_context(files.cert(name), files.key(name)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def good(certs):
    server = _serve(certs, "good")
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def wrong_host(certs):
    server = _serve(certs, "wrong-host")
    yield server
    server.shutdown()
    server.server_close()


def _connect(server, cafile=None, host="127.0.0.1"):
    context = ssl.create_default_context(cafile=cafile)
    return http.client.HTTPSConnection(host, server.server_address[1], context=context, timeout=5)


def _status(connection):
    connection.request("GET", "/api/v1/cloudron/status")
    response = connection.getresponse()
    return response.status, json.loads(response.read())


def test_the_ca_makes_the_certificate_trusted_by_ip_and_by_name(certs, good):
    for host in ("127.0.0.1", "localhost"):
        connection = _connect(good, certs.ca, host)
        # two requests on one connection: keep-alive works over TLS
        assert _status(connection) == (200, {"version": "9.0.15"})
        assert _status(connection) == (200, {"version": "9.0.15"})
        connection.close()


def test_without_the_ca_the_certificate_is_refused(good):
    with pytest.raises(ssl.SSLCertVerificationError) as info:
        _status(_connect(good))
    assert info.value.verify_code not in (62, 64)  # untrusted, not a name mismatch


def test_a_certificate_for_another_name_is_refused_as_such(certs, wrong_host):
    with pytest.raises(ssl.SSLCertVerificationError) as info:
        _status(_connect(wrong_host, certs.ca))
    assert info.value.verify_code in (62, 64)  # X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH


def test_a_silent_client_does_not_hold_up_the_others(certs, good):
    silent = socket.create_connection(good.server_address[:2])
    try:
        connection = _connect(good, certs.ca)
        assert _status(connection)[0] == 200
        connection.close()
    finally:
        silent.close()


def test_serve_prints_an_https_url_the_suite_reads(certs):
    command = [sys.executable, SERVE, "cloudron", "--port", "0", "--setup-port", "0"] + certs.server_args("good")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        found = _simulator.LISTENING.search(line)
        assert found and found.group(1).startswith("https://127.0.0.1:"), line
        assert found.group(2).startswith("http://127.0.0.1:"), line  # the setup listener stays plain HTTP
        port = int(found.group(1).rsplit(":", 1)[1])
        connection = http.client.HTTPSConnection("127.0.0.1", port, context=ssl.create_default_context(cafile=certs.ca), timeout=5)
        assert _status(connection)[0] == 200
        connection.close()
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=5) == 0


def test_a_certificate_needs_its_key():
    result = subprocess.run([sys.executable, SERVE, "cloudron", "--tls-cert", "x.pem"], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "--tls-cert and --tls-key go together" in result.stderr

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Transport: Basic auth, the error body, routing (404, 405, HEAD), bodies, the request log, faults, serve.py."""

import base64
import json
import os
import re
import signal
import subprocess
import sys

import pytest

pytest.register_assert_rewrite("cfsim")

from cfsim import API, PASSWORD, USER, VM, Client, basic, key  # noqa: E402

pytest_plugins = ["cfsim"]

SERVE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "serve.py")
UNAUTHORIZED = {"id": "unauthorized", "message": "Unable to authenticate you."}
NOT_FOUND = {"id": "not_found", "message": "The resource you were accessing could not be found."}


@pytest.mark.parametrize("auth, header", [
    (None, None),
    ((USER, "wrong"), None),
    (("other@example.com", PASSWORD), None),
    (None, "Bearer sim-password"),
    (None, "Basic not-base64!"),
    (None, "Basic " + base64.b64encode(b"no-colon").decode()),
])
def test_a_missing_or_wrong_credential_is_401(cf, auth, header):
    result = cf.call("GET", "/account", auth=auth, headers={"Authorization": header} if header else None)
    assert result.status == 401 and result.body == UNAUTHORIZED


def test_the_credential_is_checked_before_routing(cf):
    assert cf.call("GET", "/nothing", auth=None).error == (401, "unauthorized")
    assert cf.call("GET", "/nothing").body == NOT_FOUND


def test_not_found_bodies(cf):
    for path in ("/nothing", "/vms/0123456789abcdef0123456789abcdef", "/keys/99", "/keys/aa:bb",
                 "/vms/0123456789abcdef0123456789abcdef/actions", "/actions/7"):
        result = cf.call("GET", path)
        assert result.status == 404 and result.body == NOT_FOUND, path
    assert cf.raw("GET", "/elsewhere", headers=basic()).body == NOT_FOUND


def test_another_method_on_a_known_path_is_405_with_allow(cf):
    result = cf.call("PATCH", "/vms")
    assert result.error == (405, "method_not_allowed")
    assert result.response.getheader("Allow") == "GET, POST, HEAD"
    assert cf.call("PUT", "/account").response.getheader("Allow") == "GET, HEAD"


def test_bodies_must_be_json_objects(cf):
    result = cf.raw("POST", API + "/keys", b"{not json", basic())
    assert result.error == (400, "bad_request")
    assert cf.call("POST", "/keys", ["a", "b"]).error == (422, "unprocessable_entity")


def test_head_answers_the_headers_of_every_get_route(cf):
    key_id = cf.seed(ssh_keys=[{"name": "k", "public_key": key(0)}])["ssh_keys"][0]
    vm_id = cf.seed_vm()
    cf.ok("POST", "/vms/%s/actions" % vm_id, {"type": "reboot"}, status=201)
    paths = ["/account", "/regions", "/distros", "/keys", "/keys/%d" % key_id, "/vms", "/vms/" + vm_id,
             "/vms/%s/actions" % vm_id, "/vms/%s/actions/%s" % (vm_id, vm_id), "/actions", "/actions/" + vm_id]
    for path in paths:
        got = cf.call("GET", path)
        head = cf.call("HEAD", path)
        assert got.status == head.status == 200, path
        assert head.body == b"", path
        assert head.response.getheader("Content-Length") == got.response.getheader("Content-Length"), path
        assert head.response.getheader("Content-Type") == "application/json; charset=utf-8"
    assert cf.call("HEAD", "/vms/nope").status == 404


def test_the_request_log_names_the_user_and_never_the_password(cf):
    cf.control("DELETE", "/requests")
    cf.call("GET", "/account")
    cf.call("GET", "/account", auth=("intruder@example.com", "guess"))
    cf.call("POST", "/keys", {"name": "k", "public_key": key(0), "password": "oops"})
    cf.call("HEAD", "/keys", auth=None)
    log = cf.requests()
    assert [(e["method"], e["path"], e["status"], e["user"]) for e in log] == [
        ("GET", "/api/v1/account", 200, USER),
        ("GET", "/api/v1/account", 401, "intruder@example.com"),
        ("POST", "/api/v1/keys", 201, USER),
        ("HEAD", "/api/v1/keys", 401, None),
    ]
    assert log[2]["body"]["password"] == "***" and log[2]["content_type"] == "application/json"
    text = json.dumps(log) + json.dumps(cf.state())
    assert PASSWORD not in text and "guess" not in text and "oops" not in text


def test_control_requests_are_not_logged_and_the_log_clears(cf):
    cf.call("GET", "/regions")
    cf.state()
    assert [e["path"] for e in cf.requests()] == ["/api/v1/regions"]
    cf.control("DELETE", "/requests")
    cf.call("GET", "/distros")
    assert [e["path"] for e in cf.requests()] == ["/api/v1/distros"]


def test_fault_rules_answer_with_the_error_body(cf):
    cf.control("POST", "/faults", {"method": "GET", "path": "/api/v1/vms", "status": 503})
    result = cf.call("GET", "/vms")
    assert result.status == 503 and result.body == {"id": "server_error", "message": "Injected fault"}
    assert cf.call("GET", "/vms").status == 200
    cf.control("POST", "/faults", {"path": "/api/v1/vms/*", "status": 422, "times": 0})
    assert cf.call("DELETE", "/vms/x").body == {"id": "unprocessable_entity", "message": "Injected fault"}
    assert cf.requests()[-1]["fault"] == "status"
    cf.control("DELETE", "/faults")
    assert cf.call("DELETE", "/vms/x").status == 404


def test_a_dropped_connection(cf):
    cf.control("POST", "/faults", {"path": "/api/v1/account", "drop": "before"})
    with pytest.raises(Exception):
        cf.call("GET", "/account")
    again = Client(cf.port)
    assert again.call("GET", "/account").status == 200
    again.connection.close()


def test_serve_starts_the_cloudsfor_sub_command():
    process = subprocess.Popen([sys.executable, SERVE, "cloudsfor", "--port", "0", "--user", "ops@example.com",
                                "--password", "pw-1", "--ssh-port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        found = re.match(r"^listening on http://127\.0\.0\.1:(\d+)$", line)
        assert found, line
        client = Client(int(found.group(1)))
        assert client.ok("GET", "/account", auth=("ops@example.com", "pw-1"))["account"]["email"] == "ops@example.com"
        assert client.call("GET", "/account").status == 401
        state = client.state()
        assert isinstance(state["ssh_port"], int) and state["ssh_port"] > 0
        assert "pw-1" not in json.dumps(state)
        client.connection.close()
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=5) == 0


def test_create_answers_the_vm_under_its_root_key(cf):
    body = cf.ok("POST", "/vms", VM, status=202)
    assert list(body) == ["vm"] and body["vm"]["name"] == "web"

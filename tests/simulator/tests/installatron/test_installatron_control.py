# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The control interface: reset, seed, state, switches, faults and the request log."""

import http.client
import json
import time

import pytest

pytest.register_assert_rewrite("isim")

from isim import BOB  # noqa: E402

pytest_plugins = ["isim"]  # the fixtures


def test_reset_with_switches_and_task_seconds(bob):
    bob.install()
    answer = bob.control("POST", "/reset", {"switches": {"user_list_full": False}, "task_seconds": 0.01})
    assert answer["switches"]["user_list_full"] is False and answer["switches"]["task_seconds"] == 0.01
    assert answer["keys"] == {"key": "sim-key", "key2": "sim-key2"} and answer["admin"] == "admin"
    state = bob.state()
    assert (state["users"], state["installs"], state["tasks"]) == ([], [], [])
    # defaults come back with the next plain reset
    assert bob.control("POST", "/reset", {})["switches"]["task_seconds"] == 0.05
    for body in ({"switches": {"nope": 1}}, {"switches": {"user_list_full": "yes"}}, {"task_seconds": 0},
                 {"switches": {"echo_path_credentials": "some"}}, {"seed": "x"}):
        assert bob.raw("POST", "/_control/reset", json.dumps(body).encode()).status == 400, body


def test_switches(isim):
    switches = isim.control("POST", "/switches", {"install_field_names": "v2", "error_field_name": "field"})["switches"]
    assert (switches["install_field_names"], switches["error_field_name"], switches["background_answer"]) == ("v2", "field", "task")
    assert set(switches) == {"error_field_name", "user_list_full", "echo_path_credentials", "user_language_field",
                             "install_field_names", "finished_tasks_listed", "background_answer", "task_seconds",
                             "strict_params", "get_delete_body_params", "install_unknown_app"}
    for bad in ({"finished_tasks_listed": 1}, {"background_answer": "yes"}, {"bogus": True}):
        status, body = isim.raw("POST", "/_control/switches", json.dumps(bad).encode())[::2]
        assert status == 400 and body["message"], bad


def test_seed_everything_and_read_the_state(isim):
    made = isim.control("POST", "/seed", {
        "users": [BOB, {"id": "admin", "type": "reseller"}],
        "installs": [{"app": "wordpress", "user": "bob", "url": "https://bob.example/", "passwd": "seeded-pass",
                      "plugins": [{"id": "akismet", "version": "4.0"}]},
                     {"app": "nextcloud", "user": "bob", "url": "http://bob.example/cloud", "id": "nextcloud-1"}],
        "backups": [{"install": "nextcloud-1", "note": "seeded", "id": "backup-1", "time": 1700000000}],
    })
    assert made["users"] == ["bob", "admin"] and made["backups"] == ["backup-1"]
    assert made["installs"]["http://bob.example/cloud"] == "nextcloud-1"
    state = isim.state()
    bob_record = next(u for u in state["users"] if u["id"] == "bob")
    assert bob_record["websites"][0]["path"] == BOB["websites"][0]["path"]       # with credentials
    wordpress = state["installs"][0]
    assert wordpress["fields"]["passwd"] == "seeded-pass" and wordpress["db_pass"]
    assert wordpress["plugins"] == [{"id": "akismet", "name": "Akismet Anti-spam: Spam Protection", "version": "4.0",
                                     "activated": False, "autoup": "none"}]
    assert state["backups"][0]["backup_time"] == 1700000000
    assert isim.ok("GET", "/backups/backup-1")["backup_note"] == "seeded"
    assert [i["id"] for i in isim.ok("GET", "/installs", {"user": "bob"})][1] == "nextcloud-1"


@pytest.mark.parametrize("body", [
    {"users": [{"email": "no-id@example.com"}]},
    {"users": [BOB, BOB]},
    {"users": [{"id": "x", "websites": [{"path": "nowhere"}]}]},
    {"installs": [{"app": "drupal", "user": "bob", "url": "https://bob.example/"}]},
    {"installs": [{"app": "wordpress", "user": "ghost", "url": "https://bob.example/"}]},
    {"installs": [{"app": "wordpress", "user": "bob", "url": "https://elsewhere.example/"}]},
    {"installs": [{"app": "wordpress", "user": "bob", "url": "https://bob.example/", "version": "1.0"}]},
    {"installs": [{"app": "nextcloud", "user": "bob", "url": "https://bob.example/", "plugins": ["akismet"]}]},
    {"installs": [{"app": "wordpress", "user": "bob", "url": "https://bob.example/", "email": "bad"}]},
    {"backups": [{"install": "nope"}]},
])
def test_bad_seed_changes_nothing(isim, body):
    body = dict(body, users=body.get("users", [BOB]))
    before = isim.state()
    status, response, payload = isim.raw("POST", "/_control/seed", json.dumps(body).encode())
    assert status == 400 and payload["message"], payload
    assert isim.state() == before


def test_status_fault_answers_an_envelope_by_default(bob):
    bob.control("POST", "/faults", {"method": "GET", "path": "/users/*", "status": 503, "times": 2,
                                    "headers": {"Retry-After": "1"}})
    result = bob.call("GET", "/users/bob")
    assert result.status == 503 and result.response.getheader("Retry-After") == "1"
    assert result.body == {"result": False, "status": 503, "errcode": None, "errfield": None, "message": "Injected fault",
                           "data": None}
    assert bob.call("GET", "/users/bob").status == 503
    assert bob.call("GET", "/users/bob").status == 200
    assert [r["fault"] for r in bob.requests()] == ["status", "status", None]


def test_status_fault_with_a_raw_body(bob):
    bob.control("POST", "/faults", {"path": "/installs", "status": 502, "body": "<html>Bad Gateway</html>"})
    result = bob.call("GET", "/installs")
    assert (result.status, result.body) == (502, b"<html>Bad Gateway</html>")
    assert bob.control("GET", "/faults") == {"faults": []}


def test_drop_before_and_after(bob):
    bob.control("POST", "/faults", {"path": "/browser/wordpress/install", "drop": "before"})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        bob.call("POST", "/browser/wordpress/install", {"user": "bob", "url": "https://bob.example/"})
    assert bob.state()["installs"] == []
    bob.control("POST", "/faults", {"path": "/browser/wordpress/install", "drop": "after"})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        bob.call("POST", "/browser/wordpress/install", {"user": "bob", "url": "https://bob.example/"})
    # installed although the client never saw the answer
    assert [i["url"] for i in bob.state()["installs"]] == ["https://bob.example"]
    assert [(r["fault"], r["status"]) for r in bob.requests()] == [("drop_before", None), ("drop_after", 200)]


def test_latency(bob):
    bob.control("POST", "/faults", {"path": "/users", "latency_ms": 200})
    started = time.monotonic()
    assert bob.call("GET", "/users").status == 200
    assert time.monotonic() - started >= 0.2


def test_bad_fault_rule(isim):
    assert isim.raw("POST", "/_control/faults", b'{"status": 700}').status == 400
    assert isim.raw("GET", "/_control/nothing").status == 404
    assert isim.raw("POST", "/_control/faults", b"[1]").status == 400


def test_request_log(bob):
    bob.call("GET", "/installs", {"user": "bob", "limit": 5})
    bob.call("POST", "/users/bob", {"email": "new@bob.example"}, key="sim-key2")
    bob.call("POST", "/users", {"id": "formed"}, form=True, headers={"X-API-Version": "1.0"})
    bob.raw("DELETE", "/users/formed", headers={"X-API-Key": "nope"})
    log = bob.requests()
    assert [(r["method"], r["path"], r["status"], r["key"], r["api_version"]) for r in log] == [
        ("GET", "/installs", 200, "key", "2.0"),
        ("POST", "/users/bob", 200, "key2", "2.0"),
        ("POST", "/users", 200, "key", "1.0"),
        ("DELETE", "/users/formed", 403, "other", None),
    ]
    assert log[0]["query"] == {"user": "bob", "limit": "5"} and log[0]["body"] is None
    assert log[1]["body"] == {"email": "new@bob.example"} and log[1]["content_type"] == "application/json"
    assert log[2]["body"] == {"id": "formed"} and log[2]["content_type"] == "application/x-www-form-urlencoded"
    assert [r["seq"] for r in log] == [1, 2, 3, 4]
    bob.control("DELETE", "/requests")
    bob.call("GET", "/users")
    assert [r["seq"] for r in bob.requests()] == [5]
    # control requests are never logged
    bob.state()
    assert len(bob.requests()) == 1

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Long operations as tasks: synchronous and background calls, GET /tasks, task failures, the task switches."""

import json
import threading
import time

import pytest

pytest.register_assert_rewrite("isim")

from isim import Client, server  # noqa: E402

pytest_plugins = ["isim"]  # the fixtures

TASK_KEYS = ["id", "user", "ws_label", "url", "title", "label", "status", "rate", "percentMin", "percentMax", "message",
             "cmd", "install", "time"]
INSTALL = {"user": "bob", "url": "https://bob.example/blog", "background": True}


def test_background_install_answers_at_once_with_a_task(bob):
    started = time.monotonic()
    body = bob.call("POST", "/browser/wordpress/install", INSTALL).body
    assert time.monotonic() - started < 0.1
    assert (body["result"], body["status"], body["errcode"]) == (True, 200, None)
    task = body["task"]
    assert list(task) == TASK_KEYS
    assert (task["status"], task["cmd"], task["user"], task["install"], task["url"]) == (
        "queued", "browser/install", "bob", body["data"]["id"], "https://bob.example/blog")
    assert (task["label"], task["title"], task["ws_label"]) == ("WordPress", "My Blog", "bob.example")
    # the install exists once the task has ended
    assert bob.call("GET", "/installs/" + task["install"]).errcode == (404, "install_not_found")
    bob.wait_tasks()
    assert bob.ok("GET", "/installs/" + task["install"])["url"] == "https://bob.example/blog"
    assert bob.tasks()[0]["status"] == "complete" and bob.tasks()[0]["message"] == "Complete"


def test_progress_moves_through_steps(bob):
    bob.ok("POST", "/browser/wordpress/install", INSTALL)
    seen = []
    deadline = time.monotonic() + 5
    while not seen or seen[-1][0] != "complete":
        task = bob.tasks()[0]
        seen.append((task["status"], task["percentMin"], task["percentMax"], task["message"]))
        assert time.monotonic() < deadline
        time.sleep(0.005)
    statuses = list(dict.fromkeys(s[0] for s in seen))
    assert statuses[0] == "queued" and statuses[-1] == "complete" and "running" in statuses
    running = [s for s in seen if s[0] == "running"]
    assert all(low <= high for _status, low, high, _message in running)
    assert [s[1] for s in running] == sorted(s[1] for s in running)
    assert seen[-1][1:3] == (100, 100)


def test_background_answer_switch(bob):
    bob.control("POST", "/switches", {"background_answer": "none"})
    body = bob.call("POST", "/browser/wordpress/install", INSTALL).body
    assert "task" not in body and body["data"]["url"] == "https://bob.example/blog"
    assert [t["cmd"] for t in bob.tasks()] == ["browser/install"]


def test_finished_tasks_listed_switch(bob):
    bob.install()
    assert [t["status"] for t in bob.tasks()] == ["complete"]
    bob.control("POST", "/switches", {"finished_tasks_listed": False})
    assert bob.tasks() == []
    bob.ok("POST", "/browser/wordpress/install", dict(INSTALL, url="https://bob.example/two"))
    assert [t["status"] for t in bob.tasks()] == ["queued"]
    bob.wait_tasks()
    assert bob.tasks() == []
    assert len(bob.state()["tasks"]) == 2


def test_a_synchronous_call_waits_and_others_see_its_task_meanwhile(bob):
    bob.control("POST", "/reset", {"task_seconds": 0.3})
    bob.control("POST", "/seed", {"users": [{"id": "bob", "websites": [{"path": "/home/bob", "vhosts": {"https://bob.example": ""}}]}]})
    answer = {}
    params = {"user": "bob", "url": "https://bob.example/"}
    thread = threading.Thread(target=lambda: answer.update(result=bob.call("POST", "/browser/wordpress/install", params)))
    started = time.monotonic()
    thread.start()
    other = Client(server().server_address[1])
    deadline = time.monotonic() + 5
    while not other.ok("GET", "/tasks") or other.ok("GET", "/tasks")[0]["status"] != "running":
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert thread.is_alive()
    thread.join(10)
    # 0.5 pending + 3 active nominal seconds at 0.3
    assert time.monotonic() - started >= 1.0
    assert answer["result"].status == 200 and answer["result"].data["url"] == "https://bob.example"
    other.connection.close()


def test_a_url_being_installed_is_taken(bob):
    bob.ok("POST", "/browser/wordpress/install", INSTALL)
    result = bob.call("POST", "/browser/nextcloud/install", {"user": "bob", "url": "https://bob.example/blog"})
    assert result.errcode == (400, "invalid_argument_url_alreadyexists")


def test_tasks_of_a_user_and_pages(bob):
    bob.ok("POST", "/users", {"id": "carol", "websites": [{"path": "/home/carol", "vhosts": {"https://carol.example": ""}}]})
    bob.install()
    bob.install(url="https://carol.example", user="carol")
    bob.ok("DELETE", "/users/carol", {"background": True})
    assert [t["cmd"] for t in bob.tasks()] == ["browser/install", "browser/install", "users/delete"]
    assert [t["user"] for t in bob.tasks(user="carol")] == ["carol", "carol"]
    body = bob.call("GET", "/tasks", {"offset": 1, "limit": 1}).body
    assert ([t["id"] for t in body["data"]], body["total_count"], body["has_more"]) == (["2"], 3, True)
    assert bob.call("GET", "/tasks", {"restart": "true"}).status == 200
    assert bob.call("GET", "/tasks", {"user": "ghost"}).errcode == (403, "invalid_argument_user")


def test_a_failing_synchronous_install_answers_the_error_and_leaves_nothing(bob):
    rule = bob.control("POST", "/task_faults", {"cmd": "browser/install", "message": "Database server gone",
                                                "errcode": "failed_database_create"})
    assert (rule["times"], rule["status"]) == (1, 500)
    result = bob.call("POST", "/browser/wordpress/install", {"user": "bob", "url": "https://bob.example/blog"})
    assert result.errcode == (500, "failed_database_create")
    assert (result.body["result"], result.body["message"], result.body["data"]) == (False, "Database server gone", None)
    assert bob.state()["installs"] == []
    task = bob.tasks()[0]
    assert (task["status"], task["message"]) == ("failed", "Database server gone")
    # used up: the next one works, at the same URL
    assert bob.install()["url"] == "https://bob.example/blog"
    assert bob.control("GET", "/task_faults") == {"task_faults": []}


def test_a_failing_background_task(bob):
    install_id = bob.install()["id"]
    bob.control("POST", "/task_faults", {"cmd": "installs/uninstall", "times": 0})
    body = bob.call("DELETE", "/installs/" + install_id, {"background": "1"}).body
    assert body["result"] is True and body["task"]["status"] == "queued"
    bob.wait_tasks()
    assert bob.tasks()[-1]["status"] == "failed" and bob.tasks()[-1]["message"] == "Simulated failure"
    assert bob.ok("GET", "/installs/" + install_id)["id"] == install_id
    # times 0 = forever
    assert bob.call("DELETE", "/installs/" + install_id).errcode == (500, "failed_filesystem_permission")
    bob.control("DELETE", "/task_faults")
    assert bob.ok("DELETE", "/installs/" + install_id) is None


@pytest.mark.parametrize("cmd, call", [
    ("installs/update", lambda c, i: c.call("POST", "/installs/%s/update" % i, {"version": "6.6.1"})),
    ("installs/backup", lambda c, i: c.call("POST", "/installs/%s/backup" % i)),
    ("installs/clone", lambda c, i: c.call("POST", "/installs/%s/clone" % i, {"url": "https://bob.example/c", "user": "bob"})),
    ("users/delete", lambda c, i: c.call("DELETE", "/users/bob")),
])
def test_every_long_operation_can_fail_without_effect(bob, cmd, call):
    install_id = bob.install(version="6.5.2")["id"]
    before = bob.state()
    bob.control("POST", "/task_faults", {"cmd": cmd, "status": 503, "errcode": "failed_filesystem_host"})
    assert call(bob, install_id).errcode == (503, "failed_filesystem_host")
    after = bob.state()
    assert (after["users"], after["installs"], after["backups"]) == (before["users"], before["installs"], before["backups"])
    assert after["tasks"][-1]["cmd"] == cmd and after["tasks"][-1]["status"] == "failed"


def test_task_fault_for_one_user_only(bob):
    bob.ok("POST", "/users", {"id": "carol", "websites": [{"path": "/home/carol", "vhosts": {"https://carol.example": ""}}]})
    bob.control("POST", "/task_faults", {"user": "carol"})
    assert bob.install()["owner"] == "bob"
    assert bob.call("POST", "/browser/wordpress/install", {"user": "carol", "url": "https://carol.example"}).status == 500


@pytest.mark.parametrize("rule", [{"cmd": "installs/explode"}, {"status": 200}, {"times": -1}, {"colour": "red"},
                                  {"message": 5}])
def test_bad_task_faults(isim, rule):
    assert isim.raw("POST", "/_control/task_faults", json.dumps(rule).encode()).status == 400

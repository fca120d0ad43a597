# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The task engine (with a fake clock) and the task routes."""

import json
import time

from cloudron.tasks import TaskEngine


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def engine(scale=1.0):
    clock = Clock()
    return TaskEngine(lambda: scale, clock=clock, wallclock=lambda: 1700000000.0 + clock.now), clock


def test_lifecycle_and_callback():
    tasks, clock = engine()
    done = []
    task = tasks.start("app", ["appid"], pending_seconds=1, seconds=4,
                       steps=[(10, "Downloading"), (60, "Starting")], result={"ok": 1}, on_success=done.append)
    view = tasks.view(task)
    assert (view["pending"], view["active"], view["percent"], view["message"]) == (True, False, 0, "Queued")
    assert view["creationTime"] == "2023-11-14T22:15:00.000Z" and view["args"] == ["appid"]
    clock.now += 1.5
    view = tasks.view(task)
    assert (view["pending"], view["active"], view["percent"], view["message"]) == (False, True, 10, "Downloading")
    clock.now += 2
    assert tasks.view(task)["message"] == "Starting"
    tasks.settle()
    assert not done
    clock.now += 2
    view = tasks.view(task)
    assert (view["active"], view["pending"], view["success"], view["percent"], view["error"], view["result"]) == (
        False, False, True, 100, None, {"ok": 1})
    tasks.settle()
    tasks.settle()
    assert done == [task]
    assert [line["message"] for line in tasks.logs(task)] == ["Downloading", "Starting", "Done"]


def test_failure_stop_and_scale():
    tasks, clock = engine(scale=0.5)
    failing = tasks.start("backup", seconds=2, fail="Storage unreachable", fail_code="External Error",
                          on_success=lambda task: 1 / 0)
    running = tasks.start("backup", seconds=10)
    clock.now += 1.3    # (0.5 pending + 2 active) nominal seconds at scale 0.5 = 1.25
    tasks.settle()
    view = tasks.view(failing)
    assert (view["success"], view["error"], view["percent"]) == (False, {"message": "Storage unreachable", "code": "External Error"}, 100)
    assert tasks.stop(running) is True
    assert tasks.stop(running) is False
    assert tasks.view(running)["error"] == {"message": "Task 2 stopped", "code": "stopped"}
    assert [t.id for t in tasks.all()] == ["2", "1"]


def test_routes(client):
    task_id = client.control("POST", "/tasks", {"type": "backup", "pending_seconds": 0, "seconds": 1,
                                                "steps": [[20, "Uploading"]], "result": "box_v9"})["id"]
    other = client.control("POST", "/tasks", {"type": "update", "seconds": 100})["id"]
    assert int(other) > int(task_id)
    status, view = client.call("GET", "/tasks/" + task_id).outcome
    assert status == 200 and view["id"] == task_id and view["message"] == "Uploading"
    assert [t["id"] for t in client.call("GET", "/tasks").body["tasks"]] == [other, task_id]
    assert [t["id"] for t in client.call("GET", "/tasks?type=backup").body["tasks"]] == [task_id]
    assert [t["id"] for t in client.call("GET", "/tasks?page=1&per_page=1").body["tasks"]] == [other]
    assert client.call("GET", "/tasks/999").outcome == (404, {"status": "Not Found", "message": "No such task"})
    time.sleep(0.1)    # 1 nominal second at the tests' 0.05 s
    view = client.call("GET", "/tasks/" + task_id).body
    assert (view["success"], view["result"]) == (True, "box_v9")
    assert client.call("POST", "/tasks/%s/stop" % task_id).outcome == (409, {"status": "Conflict", "message": "task is not active"})
    assert client.call("POST", "/tasks/%s/stop" % other).status == 204
    assert client.call("GET", "/tasks/" + other).body["error"]["code"] == "stopped"


def test_logs(client):
    task_id = client.control("POST", "/tasks", {"pending_seconds": 0, "seconds": 0, "fail": "boom"})["id"]
    status, response, payload = client.call("GET", "/tasks/%s/logs?lines=1" % task_id)
    assert status == 200 and response.getheader("Content-Type") == "application/x-logs"
    lines = [json.loads(line) for line in payload.decode().splitlines()]
    assert len(lines) == 1 and lines[0]["message"] == "boom" and set(lines[0]) == {"realtimeTimestamp", "message", "source"}
    assert client.call("GET", "/tasks/%s/logs?lines=x" % task_id).status == 400


def test_python_api_completion_callback(server, client):
    """Handlers start tasks through the engine; the callback runs before the next request is answered."""
    state = server.app.state
    applied = []
    with state.lock:
        task = state.tasks.start("app", seconds=0, pending_seconds=0, on_success=lambda t: applied.append(t.id))
    client.call("GET", "/cloudron/status")
    assert applied == [task.id]


def test_failing_callback_is_a_500_once(server, client):
    state = server.app.state
    with state.lock:
        state.tasks.start("app", seconds=0, pending_seconds=0, on_success=lambda t: 1 / 0)
    status, payload = client.call("GET", "/cloudron/status").outcome
    assert (status, payload) == (500, {"status": "Internal Server Error", "message": "Internal error"})
    assert client.control("GET", "/requests")["requests"][-1]["status"] == 500
    assert client.call("GET", "/cloudron/status").status == 200


def test_failure_callback_and_helpers():
    tasks, clock = engine()
    failed, succeeded = [], []
    failing = tasks.start("app", seconds=1, fail="boom", fail_code="External Error", on_success=succeeded.append, on_failure=failed.append)
    stopped = tasks.start("app", seconds=5, on_success=succeeded.append, on_failure=failed.append)
    assert not tasks.finished(failing) and tasks.error(failing) is None
    assert tasks.now() == clock.now
    tasks.stop(stopped)
    clock.now += 2
    tasks.settle()
    tasks.settle()
    assert (failed, succeeded) == ([failing, stopped], [])
    assert tasks.finished(failing) and tasks.error(failing) == {"message": "boom", "code": "External Error"}
    assert tasks.error(stopped)["code"] == "stopped"

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The event log, notifications, services and the server's own routes (facts 7.12, 7.13), with their switches."""

import json
import time

import pytest

from storage_helpers import APPS, error, readonly_refused, user_refused


def _events(client, query=""):
    return client.call("GET", "/eventlog" + query).body["eventlogs"]


def test_operations_record_events(client):
    user_id = client.call("POST", "/users", {"email": "alice@example.com", "username": "alice"}).body["id"]
    assert client.call("DELETE", "/users/%s" % user_id).status == 204
    client.control("POST", "/seed", {"domains": ["example.com"]})
    app_id = client.call("POST", "/apps", {"appStoreId": "io.gitea.cloudronapp", "subdomain": "git", "domain": "example.com",
                                           "accessRestriction": None}).body["id"]
    events = _events(client)
    assert [event["action"] for event in events] == ["app.install", "user.remove", "user.add"]
    assert events[0]["data"]["appId"] == app_id and events[2]["data"]["userId"] == user_id
    owner = client.control("GET", "/state")["users"][0]
    assert events[1]["source"] == {"ip": "127.0.0.1", "username": "owner", "userId": owner["id"]}


def test_filters_order_and_pages(client):
    ids = client.control("POST", "/events", {"events": [
        {"action": "domain.add", "creationTime": "2026-01-01T00:00:00.000Z", "data": {"domain": "example.org"}},
        {"action": "domain.remove", "creationTime": "2026-01-03T00:00:00.000Z", "data": {"domain": "example.org"}},
        {"action": "user.add", "creationTime": "2026-01-02T00:00:00.000Z", "data": {"email": "bob@example.org"}},
    ]})["ids"]
    assert [event["id"] for event in _events(client)] == [ids[1], ids[2], ids[0]]
    assert [event["id"] for event in _events(client, "?actions=domain.add,domain.remove")] == [ids[1], ids[0]]
    assert [event["id"] for event in _events(client, "?search=bob@")] == [ids[2]]
    assert [event["id"] for event in _events(client, "?page=2&per_page=2")] == [ids[0]]
    assert error(client, "GET", "/eventlog?per_page=0") == (400, "per_page query param has to be a postive number")


@pytest.mark.parametrize("shape", ["wrapped", "plain"])
def test_one_event(client, shape):
    client.control("POST", "/switches", {"event_shape": shape})
    event_id = client.control("POST", "/events", {"events": [{"action": "backup.start"}]})["ids"][0]
    body = client.call("GET", "/eventlog/%s" % event_id).body
    event = body["event"] if shape == "wrapped" else body
    assert event["id"] == event_id and event["action"] == "backup.start" and ("event" in body) is (shape == "wrapped")
    assert error(client, "GET", "/eventlog/nope") == (404, "No such event")


def test_eventlog_needs_admin(client):
    assert user_refused(client, "GET", "/eventlog")


def test_notifications(client):
    ids = client.control("POST", "/notifications", {"notifications": [
        {"title": "Reboot Required", "creationTime": "2026-01-01T00:00:00.000Z"},
        {"title": "Backup failed", "acknowledged": True, "creationTime": "2026-01-02T00:00:00.000Z"},
    ]})["ids"]
    assert ids == ["1", "2"]
    listed = client.call("GET", "/notifications").body["notifications"]
    assert [item["id"] for item in listed] == ["2", "1"]
    assert set(listed[0]) == {"id", "eventId", "title", "message", "creationTime", "acknowledged"}
    assert [item["id"] for item in client.call("GET", "/notifications?acknowledged=false").body["notifications"]] == ["1"]
    assert error(client, "GET", "/notifications?acknowledged=yes") == (400, "acknowledged must be true or false")
    assert client.call("POST", "/notifications/1", {"acknowledged": True}).status == 204
    assert client.call("GET", "/notifications/1").body["acknowledged"] is True
    assert error(client, "POST", "/notifications/1", {}) == (400, "acknowledged is required")
    assert error(client, "POST", "/notifications/9", {"acknowledged": True}) == (404, "No such notification")
    assert readonly_refused(client, "POST", "/notifications/1", {"acknowledged": False})
    client.control("POST", "/switches", {"notification_shape": "wrapped"})
    assert client.call("GET", "/notifications/2").body["notification"]["title"] == "Backup failed"


@pytest.mark.parametrize("shape", ["wrapped", "plain"])
def test_services(client, shape):
    client.control("POST", "/switches", {"service_shape": shape})
    assert client.call("GET", "/services").body["services"] == [
        "turn", "mail", "mongodb", "mysql", "postgresql", "docker", "unbound", "sftp", "graphite", "nginx"]
    body = client.call("GET", "/services/mysql").body
    service = body["service"] if shape == "wrapped" else body
    assert service["config"] == {} and service["defaultMemoryLimit"] == 805306368 and service["status"] == "active"
    assert client.call("POST", "/services/mysql", {"memoryLimit": 1073741824, "recoveryMode": True}).outcome == (202, {})
    assert client.control("GET", "/state")["services"]["mysql"]["config"] == {"memoryLimit": 1073741824, "recoveryMode": True}
    assert client.call("POST", "/services/mysql/restart").outcome == (202, {})
    assert client.call("POST", "/services/mail/rebuild").outcome == (202, {})
    assert [(e["action"], e["data"]["id"]) for e in _events(client)] == [
        ("service.rebuild", "mail"), ("service.restart", "mysql"), ("service.configure", "mysql")]
    assert error(client, "POST", "/services/mysql", {"memoryLimit": 1073741824}) == (400, "recoveryMode is required")
    assert error(client, "GET", "/services/redis") == (404, "No such service")
    assert readonly_refused(client, "POST", "/services/mysql/restart")


@pytest.mark.parametrize("in_info", [True, False])
def test_system_info_and_reboot_required(client, in_info):
    client.control("POST", "/switches", {"info_reboot_required": in_info})
    client.control("POST", "/system", {"rebootRequired": True})
    info = client.call("GET", "/system/info").body
    assert ("rebootRequired" in info) is in_info and info["uptimeSecs"] > 3600
    assert client.call("GET", "/system/reboot").body == {"rebootRequired": True}
    assert len(client.call("GET", "/system/cpus").body["cpus"]) == 2
    assert set(client.call("GET", "/system/memory").body) == {"memory", "swap"}
    assert client.call("GET", "/system/block_devices").body["devices"][0]["mountpoint"] == "/"
    assert "/dev/sda1" in client.call("GET", "/system/disk_usage").body["usage"]["filesystems"]
    assert user_refused(client, "GET", "/system/info")


def test_reboot_answers_503_for_a_while(client):
    client.control("POST", "/switches", {"reboot_seconds": 4})    # 0.2 s at the tests' task_seconds of 0.05
    client.control("POST", "/system", {"rebootRequired": True})
    assert readonly_refused(client, "POST", "/system/reboot")
    assert client.call("POST", "/system/reboot").outcome == (202, {})
    assert error(client, "GET", "/system/info") == (503, "Cloudron is rebooting")
    assert client.control("GET", "/state")["system"]["rebooting"] is True
    time.sleep(0.3)
    info = client.call("GET", "/system/info").body
    assert info["uptimeSecs"] < 5 and info["rebootRequired"] is False
    assert _events(client)[0]["action"] == "cloudron.start"


def test_control_checks_its_input(client):
    for path, body in (("/events", {"events": [{"data": {}}]}), ("/events", {"events": [{"action": "x", "creationTime": "yesterday"}]}),
                       ("/notifications", {"notifications": [{"message": "no title"}]})):
        assert client.raw("POST", "/_control" + path, json.dumps(body).encode(),
                          {"Content-Type": "application/json"}).status == 400
    assert client.control("POST", "/seed", APPS)["apps"]    # the seed records no events: it bypasses the API
    assert _events(client) == []

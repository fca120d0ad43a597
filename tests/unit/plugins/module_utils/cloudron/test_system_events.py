# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""System info (the reboot flag from either route), the reboot and its wait by uptime, and the event log's
filters, bounded pages and ``since``."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron import eventlog
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.eventlog import (
    check_options, event_time, one_event, read_events, since_seconds,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.system import Reboot, system_info
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, WaitTimeout
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, dropped, mount, refused

INFO = {"sysVendor": "QEMU", "productName": "PC", "uptimeSecs": 1000, "activationTime": "2026-01-01T00:00:00.000Z"}
DOWN = (503, {"status": "Service Unavailable", "message": "down"})


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def make(clock=None, api_version=None):
    clock = clock or Clock()
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=clock.sleep)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    warnings = []
    return SimpleNamespace(ctx=CloudronContext(CloudronClient(http, api_version=api_version), warn=warnings.append),
                           server=server, warnings=warnings, clock=clock, http=http)


def paths(server, method=None):
    return [entry[1][len("/api/v1"):] for entry in server.log if method is None or entry[0] == method]


def serve_system(server, info):
    server.on("GET", "/system/info", (200, info))
    server.on("GET", "/system/cpus", (200, {"cpus": [{"model": "EPYC", "speed": 2445, "times": {"user": 1}}]}))
    server.on("GET", "/system/memory", (200, {"memory": 4096, "swap": 1024}))
    server.on("GET", "/system/block_devices", (200, {"devices": [{"path": "/dev/sda1", "size": "40G", "type": "ext4",
                                                                  "uuid": "u", "mountpoint": "/"}]}))
    server.on("GET", "/system/disk_usage", (200, {"usage": {"ts": 5, "filesystems": {
        "/dev/sdb": {"type": "xfs", "mountpoint": "/mnt/b", "size": 9, "used": 1, "available": 8, "capacity": 0.1},
        "/dev/sda1": {"filesystem": "/dev/sda1", "mountpoint": "/", "contents": [{"id": "mail", "usage": 3}]}}}}))


@pytest.mark.parametrize("in_info", [True, False])
def test_system_info_reads_the_reboot_flag_where_it_is(in_info):
    env = make()
    ctx = env.ctx
    server = env.server
    serve_system(server, dict(INFO, rebootRequired=True) if in_info else INFO)
    server.on("GET", "/system/reboot", (200, {"rebootRequired": True}))
    system = system_info(ctx)
    assert system["reboot_required"] is True
    assert ("/system/reboot" in paths(server)) is not in_info
    assert system["cpus"] == [{"model": "EPYC", "speed": 2445}] and system["cpu_count"] == 1
    assert system["memory"] == {"total": 4096, "swap": 1024}
    assert [fs["filesystem"] for fs in system["disk_usage"]["filesystems"]] == ["/dev/sda1", "/dev/sdb"]
    assert system["disk_usage"]["filesystems"][0]["contents"] == [{"id": "mail", "type": None, "path": None, "usage": 3}]


def test_no_disk_usage_yet_is_null():
    env = make()
    ctx = env.ctx
    server = env.server
    serve_system(server, dict(INFO, rebootRequired=False))
    server.on("GET", "/system/disk_usage", (200, {"usage": None}))
    assert system_info(ctx)["disk_usage"] is None


def reboot_params(**extra):
    params = {"when_required": False, "wait": True, "wait_timeout": 600}
    params.update(extra)
    return params


def test_when_required_and_not_required_does_nothing():
    env = make()
    ctx = env.ctx
    server = env.server
    server.on("GET", "/system/info", (200, dict(INFO, rebootRequired=False)))
    result = Reboot(reboot_params(when_required=True), False).run(ctx)
    assert result == {"changed": False, "rebooted": False, "reboot_required": False, "uptime_secs": None}
    assert server.writes() == []


def test_check_mode_reports_and_sends_nothing():
    env = make()
    ctx = env.ctx
    server = env.server
    server.on("GET", "/system/info", (200, dict(INFO, rebootRequired=True)))
    result = Reboot(reboot_params(when_required=True), True).run(ctx)
    assert result["changed"] is True and result["rebooted"] is False and server.writes() == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_an_unsupported_version_fails_in_check_mode_too(check_mode):
    env = make(api_version="7.4")
    env.server.on("GET", "/system/info", (200, dict(INFO, rebootRequired=True)))
    env.server.on("POST", "/system/reboot", (202, {}))
    reboot = Reboot(reboot_params(), check_mode)
    with pytest.raises(ApiError, match=r"Cloudron 7\.4 \(from api_version\) is not supported"):
        reboot.run(env.ctx)
    assert env.server.writes() == [] and reboot.rebooted is False


def test_the_wait_ends_only_with_an_uptime_younger_than_the_reboot():
    clock = Clock()
    env = make(clock)
    ctx = env.ctx
    server = env.server
    # still up after accepting, then down (an error status, a refused connection), then back with a fresh uptime
    server.on("GET", "/system/info", (200, dict(INFO, rebootRequired=True)), (200, dict(INFO, uptimeSecs=1001)), DOWN,
              refused(), refused(), refused(), refused(), refused(), (200, dict(INFO, uptimeSecs=1)))
    server.on("POST", "/system/reboot", (202, {}))
    reboot = Reboot(reboot_params(), False, clock=clock, sleep=clock.sleep)
    result = reboot.run(ctx)
    assert result == {"changed": True, "rebooted": True, "reboot_required": True, "uptime_secs": 1}
    assert paths(server, "POST") == ["/system/reboot"]
    assert paths(server).count("/system/info") == 9
    # as the module's note says: refused connections are retried by the transport, the 503 only by the wait
    assert [retry["reason"] for retry in env.http.retries] == ["ConnectionError"] * 4


def test_a_dropped_reboot_answer_is_taken_as_accepted():
    clock = Clock()
    env = make(clock)
    ctx = env.ctx
    server = env.server
    warnings = env.warnings
    server.on("GET", "/system/info", (200, dict(INFO, rebootRequired=False)), (200, dict(INFO, uptimeSecs=0)))
    server.on("POST", "/system/reboot", dropped())
    result = Reboot(reboot_params(), False, clock=clock, sleep=clock.sleep).run(ctx)
    assert result["rebooted"] is True and result["uptime_secs"] == 0
    assert any("probably accepted" in warning for warning in warnings)


def test_a_server_that_never_comes_back_times_out():
    clock = Clock()
    env = make(clock)
    ctx = env.ctx
    server = env.server
    server.on("GET", "/system/info", (200, dict(INFO, rebootRequired=True)), DOWN)
    server.on("POST", "/system/reboot", (202, {}))
    reboot = Reboot(reboot_params(wait_timeout=30), False, clock=clock, sleep=clock.sleep)
    with pytest.raises(WaitTimeout, match="did not come back within 30s"):
        reboot.run(ctx)
    assert reboot.rebooted is True


def test_a_token_refused_after_the_reboot_is_an_error_not_a_wait():
    clock = Clock()
    env = make(clock)
    ctx = env.ctx
    server = env.server
    server.on("GET", "/system/info", (200, dict(INFO, rebootRequired=True)), (401, {"status": "Unauthorized", "message": "No such token"}))
    server.on("POST", "/system/reboot", (202, {}))
    with pytest.raises(ApiError, match="No such token"):
        Reboot(reboot_params(), False, clock=clock, sleep=clock.sleep).run(ctx)


def test_since_and_event_times_use_the_shared_parser():
    assert since_seconds({"since": None}) is None
    assert since_seconds({"since": "2026-01-31T14:30:00+02:00"}) == since_seconds({"since": "2026-01-31T12:30Z"}) == 1769862600
    assert since_seconds({"since": "2026-01-31"}) == 1769817600
    with pytest.raises(ValueError, match=r"^since: '2026-02-30' is not a valid time"):
        since_seconds({"since": "2026-02-30"})
    assert event_time("2026-01-31T12:30:00.500Z") == 1769862600.5
    # an event without a readable time never stops the paging
    assert event_time("yesterday") is None and event_time(None) is None


def test_options_are_checked_and_unknown_actions_warned():
    problems, warnings = check_options({"actions": ["user.add", "User Add", "app.teleport"], "since": "soon"})
    assert problems == ["actions: 'User Add' is not an action name such as user.add",
                        "since: 'soon' is not an ISO 8601 time such as 2027-01-31T00:00:00Z"]
    assert warnings == ["actions: 'app.teleport' is not an action the vendor spec lists; the server may know it"]


def event(number, day):
    return {"id": "e%d" % number, "action": "user.add", "creationTime": "2026-01-%02dT00:00:00.000Z" % day,
            "source": {"ip": "1.2.3.4"}, "data": {"n": number}}


def test_filters_go_to_the_server_and_the_limit_reads_one_more():
    env = make()
    ctx = env.ctx
    server = env.server
    server.on("GET", "/eventlog", (200, {"eventlogs": [event(3, 3), event(2, 2), event(1, 1)]}))
    events, truncated = read_events(ctx, actions=["user.add", "user.remove"], search="bob", limit=2)
    assert [item["id"] for item in events] == ["e3", "e2"] and truncated is True
    assert events[0] == {"id": "e3", "action": "user.add", "creation_time": "2026-01-03T00:00:00.000Z",
                         "source": {"ip": "1.2.3.4"}, "data": {"n": 3}}
    assert paths(server) == ["/eventlog?actions=user.add%2Cuser.remove&search=bob&page=1&per_page=3"]


def test_since_stops_paging_at_the_first_older_event(monkeypatch):
    monkeypatch.setattr(eventlog, "MAX_PAGE", 2)
    env = make()
    ctx = env.ctx
    server = env.server
    # one call: page 1 is full and all newer than since, page 2 holds the first older event, page 3 is never read
    server.on("GET", "/eventlog", (200, {"eventlogs": [event(9, 9), event(8, 8)]}), (200, {"eventlogs": [event(7, 7), event(6, 6)]}),
              (200, {"eventlogs": [event(5, 5), event(4, 4)]}))
    events, truncated = read_events(ctx, since=since_seconds({"since": "2026-01-07"}), limit=10)
    assert [item["id"] for item in events] == ["e9", "e8", "e7"] and truncated is False
    assert paths(server) == ["/eventlog?page=1&per_page=2", "/eventlog?page=2&per_page=2"]


def test_an_event_log_not_newest_first_is_warned_about_once_and_only_for_since():
    env = make()
    server = env.server
    unordered = {"eventlogs": [event(1, 1), event(2, 2), event(3, 3)]}
    server.on("GET", "/eventlog", (200, unordered))
    events, truncated = read_events(env.ctx, limit=5)
    assert [item["id"] for item in events] == ["e1", "e2", "e3"] and truncated is False
    assert env.warnings == []
    read_events(env.ctx, since=since_seconds({"since": "2026-01-01"}), limit=5)
    assert env.warnings == ["the event log is not newest first (event e2); since may have stopped paging early"]


@pytest.mark.parametrize("answer", [{"event": event(1, 1)}, event(1, 1)])
def test_one_event_wrapped_or_not(answer):
    env = make()
    ctx = env.ctx
    server = env.server
    server.on("GET", "/eventlog/e1", (200, answer))
    assert one_event(ctx, "e1")[0]["id"] == "e1"


def test_an_unknown_event_is_an_empty_list():
    env = make()
    ctx = env.ctx
    server = env.server
    server.on("GET", "/eventlog/zz", (404, {"status": "Not Found", "message": "No such event"}))
    assert one_event(ctx, "zz") == []

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Services (both settings in one write, only when they differ, actions after) and acknowledging notifications."""

from __future__ import annotations

import re

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.notifications import AcknowledgeRun, list_notifications
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.services import Services, memory_size, read_service
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

MYSQL = {"name": "mysql", "status": "active", "error": None, "memoryUsed": 5, "memoryPercent": 1, "healthcheck": {"status": True},
         "config": {}, "defaultMemoryLimit": 805306368}


def make(check_mode=False, api_version=None):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/services", (200, {"services": ["mail", "mysql", "docker"]}))
    return CloudronContext(CloudronClient(http, api_version=api_version), check_mode=check_mode), server


def writes(server):
    return [(entry[1][len("/api/v1"):], entry[3]) for entry in server.writes()]


@pytest.mark.parametrize("answer", [{"service": MYSQL}, MYSQL])
def test_read_wrapped_or_not(answer):
    ctx, server = make()
    server.on("GET", "/services/mysql", (200, answer))
    assert read_service(ctx, "mysql") == {
        "name": "mysql", "status": "active", "error": None, "memory_limit": 805306368, "default_memory_limit": 805306368,
        "recovery_mode": False, "memory_used": 5, "memory_percent": 1, "healthcheck": {"status": True}}


@pytest.mark.parametrize("value, expected", [(1073741824, 1073741824), ("1G", 1073741824), ("512M", 536870912)])
def test_memory_limit_sizes(value, expected):
    assert memory_size(value) == expected


@pytest.mark.parametrize("value, message", [(0, "must be a positive size"), ("lots", "is not a size"), (True, "must be a size")])
def test_bad_memory_limits_name_the_option_before_any_request(value, message):
    ctx, server = make()
    with pytest.raises(ResourceError, match="^memory_limit: .*" + message):
        Engine(Services(), ctx).items([{"name": "mysql", "memory_limit": value}])
    assert server.log == []


def run_service(check_mode=False, answers=None, api_version=None, **params):
    """The module's run: the engine's converge, then ``finish`` as ``run.singular`` calls it; (result, server, resource)."""
    ctx, server = make(check_mode, api_version)
    server.on("GET", "/services/mysql", *(answers or [(200, {"service": MYSQL})]))
    server.on("POST", "/services/mysql", (202, {}))
    server.on("POST", "/services/mysql/restart", (202, {}))
    options = {"name": "mysql", "memory_limit": None, "recovery_mode": None}
    options.update(params)
    action = options.pop("action", None)
    services = Services()
    engine = Engine(services, ctx, check_mode=check_mode)
    outcome = engine.converge(engine.items([options]), "present")
    result = {"changed": outcome.changed, "service": outcome.results[0],
              "changed_settings": sorted(set(name for change in outcome.changes for name in change.fields())),
              "diff": {"before": next(iter(outcome.before.values()), {}), "after": next(iter(outcome.after.values()), {})}}
    services.finish(action)(ctx, result)
    return result, server, services


def test_recovery_mode_alone_sends_the_limit_the_server_has():
    configured = dict(MYSQL, config={"memoryLimit": 805306368, "recoveryMode": True})
    result, server, services = run_service(recovery_mode=True, answers=[(200, {"service": MYSQL}), (200, {"service": configured})])
    assert writes(server) == [("/services/mysql", {"memoryLimit": 805306368, "recoveryMode": True})]
    assert result["changed"] is True and result["changed_settings"] == ["recovery_mode"] and result["service"]["recovery_mode"] is True
    assert result["diff"] == {"before": {"memory_limit": 805306368, "recovery_mode": False},
                              "after": {"memory_limit": 805306368, "recovery_mode": True}}
    assert services.written == ["config"] and result["action"] is None


def test_same_settings_change_nothing_and_an_action_always_runs():
    result, server, _services = run_service(memory_limit="768M", recovery_mode=False)
    assert result["changed"] is False and writes(server) == []
    assert result["diff"]["before"] == result["diff"]["after"] == {"memory_limit": 805306368, "recovery_mode": False}
    result, server, services = run_service(memory_limit="768M", action="restart")
    assert result["changed"] is True and writes(server) == [("/services/mysql/restart", None)]
    assert services.written == ["restart"] and result["action"] == "restart"


def test_settings_are_written_before_the_action():
    _result, server, services = run_service(memory_limit="1G", action="restart")
    assert [path for path, _body in writes(server)] == ["/services/mysql", "/services/mysql/restart"]
    assert services.written == ["config", "restart"]


def test_check_mode_predicts_and_sends_nothing():
    result, server, services = run_service(check_mode=True, memory_limit="1G", action="restart")
    assert result["changed"] is True and result["service"]["memory_limit"] == 1073741824 and writes(server) == []
    assert result["diff"]["after"] == {"memory_limit": 1073741824, "recovery_mode": False} and services.written == []


@pytest.mark.parametrize("check_mode", [False, True])
@pytest.mark.parametrize("params", [{"memory_limit": "1G"}, {"action": "restart"}])
def test_an_unsupported_version_fails_in_check_mode_too(check_mode, params):
    with pytest.raises(ApiError, match=r"Cloudron 7\.4 \(from api_version\) is not supported"):
        run_service(check_mode=check_mode, api_version="7.4", **params)


def test_recovery_mode_alone_on_a_service_without_a_limit_is_refused():
    ctx, server = make()
    docker = {"name": "docker", "status": "active", "config": {}, "defaultMemoryLimit": 0}
    server.on("GET", "/services/docker", (200, {"service": docker}))
    server.on("POST", "/services/docker", (202, {}))
    services = Services()
    engine = Engine(services, ctx)
    with pytest.raises(ResourceError, match=r"^recovery_mode: docker has no memory limit of its own .*set memory_limit too$"):
        engine.converge(engine.items([{"name": "docker", "recovery_mode": True}]), "present")
    assert writes(server) == [] and services.written == []
    # with a limit of its own chosen, both go out together
    engine.converge(engine.items([{"name": "docker", "recovery_mode": True, "memory_limit": "256M"}]), "present")
    assert writes(server) == [("/services/docker", {"memoryLimit": 268435456, "recoveryMode": True})]


def test_an_unknown_service_is_refused_before_any_write():
    with pytest.raises(ResourceError, match=r"name: 'mysq' is not a service of this server \(it has: mail, mysql, docker\)"):
        run_service(name="mysq", memory_limit="1G")


def test_every_service_is_read_when_complete():
    ctx, server = make()
    for name in ("mail", "mysql", "docker"):
        server.on("GET", "/services/%s" % name, (200, {"service": dict(MYSQL, name=name)}))
    assert [service["name"] for service in Services().read(ctx, [], complete=True)] == ["mail", "mysql", "docker"]


NOTES = [{"id": "3", "title": "Backup failed", "acknowledged": False, "creationTime": "2026-01-03T00:00:00.000Z"},
         {"id": "2", "title": "Reboot Required", "acknowledged": False, "creationTime": "2026-01-02T00:00:00.000Z"}]


def test_acknowledge_by_title_writes_only_the_matching_unacknowledged():
    ctx, server = make()
    server.on("GET", "/notifications", (200, {"notifications": NOTES}))
    server.on("POST", "/notifications/2", (204, ""))
    params = {"id": None, "title": "(?i)^reboot", "acknowledged": True}
    result = AcknowledgeRun(params, False).run(ctx, re.compile(params["title"]))
    reads = [entry[1] for entry in server.log if entry[0] == "GET" and entry[1].startswith("/api/v1/notifications")]
    assert reads == ["/api/v1/notifications?acknowledged=false&page=1&per_page=5000"]
    assert writes(server) == [("/notifications/2", {"acknowledged": True})]
    assert result["changed"] is True and [item["id"] for item in result["notifications"]] == ["2"]
    assert result["notifications"][0]["acknowledged"] is True


def test_items_already_in_the_wanted_state_are_not_written_whatever_the_filter_returns():
    ctx, server = make()
    # a server that ignores ?acknowledged= answers every notification
    server.on("GET", "/notifications", (200, {"notifications": [dict(NOTES[0], acknowledged=True), NOTES[1]]}))
    server.on("POST", "/notifications/2", (204, ""))
    server.on("POST", "/notifications/3", (204, ""))
    result = AcknowledgeRun({"id": None, "title": "", "acknowledged": True}, False).run(ctx, re.compile(""))
    assert writes(server) == [("/notifications/2", {"acknowledged": True})]
    assert [item["id"] for item in result["notifications"]] == ["2"]


@pytest.mark.parametrize("check_mode", [False, True])
def test_acknowledging_on_an_unsupported_version_fails_in_check_mode_too(check_mode):
    ctx, server = make(check_mode, api_version="7.4")
    server.on("GET", "/notifications", (200, {"notifications": NOTES}))
    server.on("POST", "/notifications/2", (204, ""))
    run = AcknowledgeRun({"id": None, "title": "^Reboot", "acknowledged": True}, check_mode)
    with pytest.raises(ApiError, match=r"Cloudron 7\.4 \(from api_version\) is not supported"):
        run.run(ctx, re.compile("^Reboot"))
    assert writes(server) == [] and run.written == []


@pytest.mark.parametrize("answer", [{"notification": dict(NOTES[1], acknowledged=True)}, dict(NOTES[1], acknowledged=True)])
def test_acknowledge_by_id_is_idempotent(answer):
    ctx, server = make()
    server.on("GET", "/notifications/2", (200, answer))
    result = AcknowledgeRun({"id": "2", "title": None, "acknowledged": True}, False).run(ctx, None)
    assert result["changed"] is False and writes(server) == []


def test_an_unknown_id_quotes_the_server():
    ctx, server = make()
    server.on("GET", "/notifications/9", (404, {"status": "Not Found", "message": "No such notification"}))
    with pytest.raises(ResourceError, match="^id 9: No such notification$"):
        AcknowledgeRun({"id": "9", "title": None, "acknowledged": True}, False).run(ctx, None)


def test_list_filter_is_sent_as_text():
    ctx, server = make()
    server.on("GET", "/notifications", (200, {"notifications": NOTES}))
    assert [item["id"] for item in list_notifications(ctx, True)] == ["3", "2"]
    assert server.log[-1][1].startswith("/api/v1/notifications?acknowledged=true&")

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-wide settings through the engine: read only what is given, write only what differs, report what was applied."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.settings import Settings
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, PartialFailure
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount


def make(check_mode=False):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/cloudron/time_zone", (200, {"timeZone": "UTC"}))
    server.on("GET", "/branding/cloudron_name", (200, {"name": "Cloudron"}))
    server.on("GET", "/updater/autoupdate_pattern", (200, {"pattern": "00 00 1,3,5,23 * * *"}))
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode)
    return Engine(Settings(), ctx, check_mode=check_mode), server


def converge(engine, params):
    return engine.converge(engine.items([params]), "present")


def test_only_given_settings_are_read_and_only_differences_written():
    engine, server = make()
    server.on("POST", "/cloudron/time_zone", (200, {}))
    outcome = converge(engine, {"time_zone": " Europe/Berlin ", "autoupdate_pattern": "00  00 1,3,5,23 * * *", "language": None})
    assert [change.report() for change in outcome.changes] == [{"action": "update", "key": "settings", "fields": ["time_zone"]}]
    assert outcome.before == {"settings": {"time_zone": "UTC", "autoupdate_pattern": "00 00 1,3,5,23 * * *"}}
    assert outcome.results == [{"time_zone": "Europe/Berlin", "autoupdate_pattern": "00 00 1,3,5,23 * * *"}]
    assert [(entry[0], entry[1], entry[3]) for entry in server.writes()] == [
        ("POST", "/api/v1/cloudron/time_zone", {"timeZone": "Europe/Berlin"})]
    assert not any(entry[1].startswith("/api/v1/cloudron/language") for entry in server.log)


def test_check_mode_writes_nothing_and_reads_only_the_settings():
    engine, server = make(check_mode=True)
    outcome = converge(engine, {"cloudron_name": "Example Co"})
    assert outcome.changed and outcome.results == [{"cloudron_name": "Example Co"}]
    assert server.writes() == []
    assert [entry[1] for entry in server.log] == ["/api/v1/branding/cloudron_name"]


def test_a_refused_setting_names_the_option_and_what_was_applied_before_it():
    engine, server = make()
    server.on("POST", "/branding/cloudron_name", (200, {}))
    server.on("POST", "/cloudron/time_zone", (400, {"status": "Bad Request", "message": "Invalid timeZone"}))
    with pytest.raises(PartialFailure) as caught:
        converge(engine, {"cloudron_name": "Example Co", "time_zone": "Mars/Olympus_Mons"})
    assert str(caught.value.error).startswith("POST https://my.example.com/api/v1/cloudron/time_zone returned 400: Invalid timeZone")
    assert caught.value.change.failing == ["time_zone"]
    assert [change.report() for change in caught.value.applied] == [
        {"action": "update", "key": "settings", "fields": ["cloudron_name"]}]


def test_reading_every_setting_reads_each_route_and_a_missing_route_fails():
    engine, server = make()
    server.on("GET", "/cloudron/language", (200, {"language": "en"}))
    server.on("GET", "/branding/footer", (200, {"footer": ""}))
    with pytest.raises(ApiError, match="No such route"):
        engine.read([], complete=True)
    server.on("GET", "/network/dynamic_dns", (200, {"enabled": False}))
    assert engine.read([], complete=True) == [{"cloudron_name": "Cloudron", "time_zone": "UTC", "language": "en", "footer": "",
                                               "autoupdate_pattern": "00 00 1,3,5,23 * * *", "dynamic_dns": False}]

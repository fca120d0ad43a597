# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Server-wide settings: read only what is given, write only what differs, report what was applied."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils._cloudron_client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils._cloudron_context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils._cloudron_settings import SettingError, converge, read
from ansible_collections.selfhosted.platforms.plugins.module_utils._http import ApiError, HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount


def make(check_mode=False):
    http = HttpClient("https://my.example.com/api/v1", token="t", sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/cloudron/time_zone", (200, {"timeZone": "UTC"}))
    server.on("GET", "/branding/cloudron_name", (200, {"name": "Cloudron"}))
    server.on("GET", "/updater/autoupdate_pattern", (200, {"pattern": "00 00 1,3,5,23 * * *"}))
    return CloudronContext(CloudronClient(http), check_mode=check_mode), server


def test_only_given_settings_are_read_and_only_differences_written():
    ctx, server = make()
    server.on("POST", "/cloudron/time_zone", (200, {}))
    written, before, after = converge(ctx, {"time_zone": " Europe/Berlin ", "autoupdate_pattern": "00  00 1,3,5,23 * * *",
                                            "language": None})
    assert written == {"time_zone": "Europe/Berlin"}
    assert before == {"time_zone": "UTC", "autoupdate_pattern": "00 00 1,3,5,23 * * *"}
    assert after == {"time_zone": "Europe/Berlin", "autoupdate_pattern": "00 00 1,3,5,23 * * *"}
    assert [(entry[0], entry[1], entry[3]) for entry in server.writes()] == [
        ("POST", "/api/v1/cloudron/time_zone", {"timeZone": "Europe/Berlin"})]
    assert not any(entry[1].startswith("/api/v1/cloudron/language") for entry in server.log)


def test_check_mode_writes_nothing():
    ctx, server = make(check_mode=True)
    written, _before, after = converge(ctx, {"cloudron_name": "Example Co"})
    assert written == {"cloudron_name": "Example Co"} and after == {"cloudron_name": "Example Co"}
    assert server.writes() == []


def test_a_refused_setting_names_the_option_and_what_was_applied_before_it():
    ctx, server = make()
    server.on("POST", "/branding/cloudron_name", (200, {}))
    server.on("POST", "/cloudron/time_zone", (400, {"status": "Bad Request", "message": "Invalid timeZone"}))
    with pytest.raises(SettingError) as caught:
        converge(ctx, {"cloudron_name": "Example Co", "time_zone": "Mars/Olympus_Mons"})
    assert str(caught.value).startswith("time_zone: POST https://my.example.com/api/v1/cloudron/time_zone returned 400: Invalid timeZone")
    assert caught.value.applied == ["cloudron_name"]
    assert caught.value.error.status == 400


def test_reading_every_setting_leaves_out_routes_the_server_lacks_but_a_named_one_fails():
    ctx, server = make()
    server.on("GET", "/cloudron/language", (200, {"language": "en"}))
    server.on("GET", "/branding/footer", (200, {"footer": ""}))
    assert read(ctx) == {"cloudron_name": "Cloudron", "time_zone": "UTC", "language": "en", "footer": "",
                         "autoupdate_pattern": "00 00 1,3,5,23 * * *"}
    with pytest.raises(ApiError, match="No such route"):
        read(ctx, ["dynamic_dns"])

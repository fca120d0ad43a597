# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-wide settings: each route reads and writes one value, and refuses bad ones."""

import pytest


@pytest.mark.parametrize("route,field,default,value", [
    ("/cloudron/time_zone", "timeZone", "UTC", "Europe/Berlin"),
    ("/cloudron/language", "language", "en", "de"),
    ("/branding/cloudron_name", "name", "Cloudron", "Example Co"),
    ("/branding/footer", "footer", "&copy; %YEAR% [Cloudron](https://cloudron.io) %VERSION%", "Example Co, %YEAR%"),
    ("/updater/autoupdate_pattern", "pattern", "00 00 1,3,5,23 * * *", "never"),
    ("/network/dynamic_dns", "enabled", False, True),
])
def test_read_write(client, route, field, default, value):
    assert client.call("GET", route).outcome == (200, {field: default})
    assert client.call("POST", route, {field: value}).outcome == (200, {})
    assert client.call("GET", route).body == {field: value}


@pytest.mark.parametrize("route,body,message", [
    ("/cloudron/time_zone", {"timeZone": "Mars/Olympus_Mons"}, "Invalid timeZone"),
    ("/cloudron/time_zone", {"language": "de"}, "timeZone is required"),
    ("/cloudron/language", {"language": "xx"}, "Language xx not found"),
    ("/branding/cloudron_name", {"name": ""}, "name must be 1 to 64 characters"),
    ("/branding/cloudron_name", {"name": "x" * 65}, "name must be 1 to 64 characters"),
    ("/updater/autoupdate_pattern", {"pattern": "daily"}, "pattern must be never or a cron pattern of 6 fields"),
    ("/updater/autoupdate_pattern", {"pattern": "0 0 * * *"}, "pattern must be never or a cron pattern of 6 fields"),
    ("/network/dynamic_dns", {"enabled": "yes"}, "enabled must be a boolean"),
    ("/network/dynamic_dns", {}, "enabled is required"),
])
def test_bad_values(client, route, body, message):
    before = client.call("GET", route).body
    assert client.call("POST", route, body).outcome == (400, {"status": "Bad Request", "message": message})
    assert client.call("GET", route).body == before


def test_admin_only_and_languages_public(client):
    client.control("POST", "/tokens", {"token": "t-ivy", "username": "ivy"})
    assert client.call("GET", "/cloudron/time_zone", token="t-ivy").status == 403
    assert client.call("POST", "/cloudron/time_zone", {"timeZone": "UTC"}, token="sim-ro-token").status in (401, 403)
    assert "de" in client.call("GET", "/cloudron/languages", token=None).body["languages"]


def test_reset_restores_defaults_and_state_shows_them(client):
    client.call("POST", "/cloudron/language", {"language": "fr"})
    assert client.control("GET", "/state")["settings"]["language"] == "fr"
    client.control("POST", "/reset", {})
    assert client.call("GET", "/cloudron/language").body == {"language": "en"}

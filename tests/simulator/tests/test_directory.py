# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The user directory's profile settings, the directory server and the external LDAP directory with its sync
(facts 7.14, 4.1), with their switches."""

import pytest

from storage_helpers import PLACEHOLDER, error, readonly_refused, user_refused

PROFILE = {"lockUserProfiles": True, "mandatory2FA": False}
LDAP = {"provider": "ad", "url": "ldaps://dc.example.com", "baseDn": "ou=people,dc=example,dc=com", "usernameField": "uid",
        "bindDn": "cn=cloudron,dc=example,dc=com", "bindPassword": "bind-secret"}


def _directory(client):
    return client.control("GET", "/state")["directory"]


def test_profile_settings_are_served_at_the_modules_route_by_default(client):
    assert client.control("GET", "/state")["switches"]["user_directory_route"] == "bare"
    assert client.call("GET", "/user_directory").body == {"lockUserProfiles": False, "mandatory2FA": False}
    assert error(client, "GET", "/user_directory/profile_config") == (404, "No such route")


@pytest.mark.parametrize("served, other", [("profile_config", "bare"), ("bare", "profile_config")])
def test_profile_settings_on_one_route(client, served, other):
    routes = {"profile_config": "/user_directory/profile_config", "bare": "/user_directory"}
    client.control("POST", "/switches", {"user_directory_route": served})
    assert client.call("GET", routes[served]).body == {"lockUserProfiles": False, "mandatory2FA": False}
    assert error(client, "GET", routes[other]) == (404, "No such route")
    assert error(client, "POST", routes[other], PROFILE) == (404, "No such route")
    result = client.call("POST", routes[served], PROFILE)
    assert (result.status, result.body) == (200, {})
    assert _directory(client)["profile"] == PROFILE
    assert error(client, "POST", routes[served], {"lockUserProfiles": True})[0] == 400
    assert readonly_refused(client, "POST", routes[served], PROFILE)
    assert user_refused(client, "GET", routes[served])


def test_directory_server_secret_and_allowlist(client):
    route = "/directory_server/config"
    assert client.call("GET", route).body == {"enabled": False, "secret": "", "allowlist": ""}
    assert error(client, "POST", route, {"enabled": True, "allowlist": ""}) == (400, "secret is required when enabled")
    assert error(client, "POST", route, {"enabled": False, "allowlist": "10.0.0.0/8\nnot-an-ip"}) == (
        400, "allowlist: not-an-ip is not an IP address or range")
    allowlist = "# office\n10.0.0.0/8\n\n2001:db8::1"
    assert client.call("POST", route, {"enabled": True, "secret": "s3cret", "allowlist": allowlist}).status == 200
    assert client.call("GET", route).body == {"enabled": True, "secret": PLACEHOLDER, "allowlist": allowlist}
    # the placeholder keeps the stored secret
    assert client.call("POST", route, {"enabled": True, "secret": PLACEHOLDER, "allowlist": ""}).status == 200
    assert _directory(client)["server"] == {"enabled": True, "secret": "s3cret", "allowlist": ""}
    client.control("POST", "/switches", {"directory_secret_read": "absent"})
    assert client.call("GET", route).body == {"enabled": True, "allowlist": ""}
    # a write without a secret leaves none, so enabling needs one
    assert error(client, "POST", route, {"enabled": True, "allowlist": ""}) == (400, "secret is required when enabled")
    assert client.call("POST", route, {"enabled": False}).status == 200
    assert _directory(client)["server"] == {"enabled": False, "secret": "", "allowlist": ""}
    assert error(client, "POST", route, {"secret": "x"})[0] == 400
    assert readonly_refused(client, "POST", route, {"enabled": False})


def test_external_ldap_config(client):
    route = "/external_ldap/config"
    assert client.call("GET", route).body == {"provider": "noop"}
    assert client.call("POST", route, LDAP).status == 200
    shown = dict(LDAP, bindPassword=PLACEHOLDER)
    assert client.call("GET", route).body == shown
    # the same config sent back as read keeps the password
    assert client.call("POST", route, dict(shown, filter="(objectClass=user)")).status == 200
    assert _directory(client)["ldap"] == dict(LDAP, filter="(objectClass=user)")
    client.control("POST", "/switches", {"directory_secret_read": "absent"})
    assert "bindPassword" not in client.call("GET", route).body
    assert error(client, "POST", route, dict(LDAP, url="dc.example.com")) == (400, "url must start with ldap:// or ldaps://")
    assert error(client, "POST", route, dict(LDAP, baseDn="")) == (400, "baseDn must not be empty")
    assert error(client, "POST", route, dict(LDAP, provider="nis"))[0] == 400
    assert client.call("POST", route, {"provider": "noop", "url": "ldap://ignored"}).status == 200
    assert _directory(client)["ldap"] == {"provider": "noop"}
    assert readonly_refused(client, "POST", route, {"provider": "noop"})


def test_external_ldap_sync(client):
    assert error(client, "POST", "/external_ldap/sync") == (409, "not enabled")
    client.call("POST", "/external_ldap/config", LDAP)
    result = client.call("POST", "/external_ldap/sync")
    assert result.status == 202
    task = client.wait(result.body["taskId"])
    assert task["type"] == "syncExternalLdap" and task["success"] is True
    client.control("POST", "/task_faults", {"type": "syncExternalLdap", "message": "Connection refused"})
    task = client.wait(client.call("POST", "/external_ldap/sync").body["taskId"])
    assert task["success"] is False and task["error"]["message"] == "Connection refused"
    assert readonly_refused(client, "POST", "/external_ldap/sync")

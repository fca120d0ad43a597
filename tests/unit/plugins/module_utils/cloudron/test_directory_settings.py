# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The user directory's profile settings (one route), the directory server and the external LDAP directory:
IP lists compared as sets, write-only secrets kept or refused before any write, provider switches."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron import ip_entries
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.directory_server import DirectoryServer
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.external_ldap import ExternalLdap
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.user_directory import UserDirectory
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import REDACTED
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

MASK = "\u25cf" * 8
LDAP = {"provider": "ad", "url": "ldaps://dc.example.com", "baseDn": "dc=example,dc=com", "usernameField": "uid",
        "bindDn": "cn=cloudron,dc=example,dc=com", "bindPassword": MASK}


def make(resource, routes, check_mode=False, update_secrets="on_create"):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    for (method, path), answer in routes.items():
        server.on(method, path, answer)
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode)
    return Engine(resource, ctx, check_mode=check_mode, update_secrets=update_secrets), server


def converge(engine, params):
    return engine.converge(engine.items([params]), "present")


def requests(server):
    """Paths asked, without the version read before the first write."""
    return [entry[1] for entry in server.log if entry[1] != "/api/v1/cloudron/status"]


def posts(server):
    return [(entry[1], entry[3]) for entry in server.writes()]


# -- IP lists -------------------------------------------------------------------------------------

def test_ip_lists_ignore_comments_blank_lines_and_spelling():
    assert ip_entries.lines("# office\n10.0.0.0/8\n\n  2001:DB8::1 \n") == ["10.0.0.0/8", "2001:DB8::1"]
    assert ip_entries.lines(["192.0.2.1\n# note", "198.51.100.0/24"]) == ["192.0.2.1", "198.51.100.0/24"]
    assert ip_entries.spelling("2001:DB8:0::1") == "2001:db8::1"
    assert ip_entries.spelling("2001:DB8::1/64") == "2001:db8::1/64"
    assert ip_entries.spelling(" Not-An-IP ") == "not-an-ip"  # what a server stores is never refused on reading
    with pytest.raises(ValueError, match="'10.0.0.300' is neither an IP address nor a range"):
        ip_entries.checked(["10.0.0.1", "10.0.0.300"])


def test_new_entries_follow_the_last_stored_line_without_a_blank_line():
    assert ip_entries.merged_text("# c\n2001:db8:0::1\n", ["2001:db8::1", "192.0.2.1"]) == "# c\n2001:db8:0::1\n192.0.2.1"
    assert ip_entries.merged_text("10.0.0.1\n\n  \n", ["10.0.0.1", "10.0.0.2"]) == "10.0.0.1\n10.0.0.2"
    # blank lines inside the text stay where they are
    assert ip_entries.merged_text("10.0.0.1\n\n# b\n", ["10.0.0.1", "10.0.0.2"]) == "10.0.0.1\n\n# b\n10.0.0.2"


# -- user directory -------------------------------------------------------------------------------

PROFILE = {"lockUserProfiles": False, "mandatory2FA": False}


def test_profile_settings_write_both_fields_on_the_one_route():
    engine, server = make(UserDirectory(), {("GET", "/user_directory"): (200, PROFILE), ("POST", "/user_directory"): (200, {})})
    outcome = converge(engine, {"mandatory_2fa": True})
    assert outcome.results == [{"lock_user_profiles": False, "mandatory_2fa": True}]
    assert posts(server) == [("/api/v1/user_directory", {"lockUserProfiles": False, "mandatory2FA": True})]
    assert requests(server) == ["/api/v1/user_directory"] * 2


def test_profile_settings_never_try_the_other_route():
    # a server with only the unverified alternative: its own "No such route" for the one route, nothing tried after it
    engine, server = make(UserDirectory(), {("GET", "/user_directory/profile_config"): (200, PROFILE),
                                            ("POST", "/user_directory/profile_config"): (200, {})})
    with pytest.raises(ApiError) as caught:
        converge(engine, {"lock_user_profiles": True})
    assert caught.value.status == 404 and caught.value.message == "No such route"
    assert "GET https://my.example.com/api/v1/user_directory returned 404: No such route" in str(caught.value)
    assert "/user_directory/profile_config, in the spec's request samples, is unverified" in str(caught.value)
    assert requests(server) == ["/api/v1/user_directory"] and posts(server) == []


def test_profile_settings_keep_other_errors_as_they_are():
    engine, server = make(UserDirectory(), {("GET", "/user_directory"): (403, {"status": "Forbidden", "message": "x"})})
    with pytest.raises(ApiError) as caught:
        converge(engine, {"lock_user_profiles": True})
    assert caught.value.status == 403 and "unverified" not in str(caught.value) and len(requests(server)) == 1


# -- directory server -----------------------------------------------------------------------------

def server_routes(answer):
    return {("GET", "/directory_server/config"): (200, answer), ("POST", "/directory_server/config"): (200, {})}


def test_allowlist_compares_as_a_set_and_unchanged_settings_go_back_as_stored():
    stored = {"enabled": True, "secret": MASK, "allowlist": "# office\n10.0.0.0/8\n2001:db8::1"}
    engine, server = make(DirectoryServer(), server_routes(stored))
    outcome = converge(engine, {"allowlist": ["2001:DB8:0::1", "10.0.0.0/8"]})
    assert not outcome.changes and server.writes() == []
    outcome = converge(engine, {"enabled": False})
    assert posts(server) == [("/api/v1/directory_server/config", dict(stored, enabled=False))]
    assert outcome.after["directory_server"] == {"enabled": False, "allowlist": ["10.0.0.0/8", "2001:db8::1"]}


def test_a_given_secret_goes_with_a_change_and_is_reported_masked():
    engine, server = make(DirectoryServer(), server_routes({"enabled": False, "secret": "", "allowlist": ""}))
    outcome = converge(engine, {"enabled": True, "secret": "s3cret", "allowlist": ["192.0.2.1"]})
    assert [change.report() for change in outcome.changes] == [
        {"action": "update", "key": "directory_server", "fields": ["allowlist", "enabled", "secret"]}]
    assert outcome.after["directory_server"]["secret"] == REDACTED and "s3cret" not in str(outcome.results)
    assert posts(server) == [("/api/v1/directory_server/config", {"enabled": True, "secret": "s3cret", "allowlist": "192.0.2.1"})]


def test_a_secret_alone_is_sent_only_with_update_secrets_always():
    stored = {"enabled": True, "secret": MASK, "allowlist": ""}
    engine, server = make(DirectoryServer(), server_routes(stored))
    assert not converge(engine, {"secret": "new"}).changes and server.writes() == []
    engine, server = make(DirectoryServer(), server_routes(stored), update_secrets="always")
    converge(engine, {"secret": "new"})
    assert posts(server) == [("/api/v1/directory_server/config", {"enabled": True, "secret": "new", "allowlist": ""})]


@pytest.mark.parametrize("check_mode", [False, True])
@pytest.mark.parametrize("stored, wanted, verb", [
    ({"enabled": False, "secret": "", "allowlist": ""}, {"enabled": True}, "enable"),
    ({"enabled": True, "allowlist": ""}, {"allowlist": ["192.0.2.1"]}, "change"),
])
def test_an_enabled_server_without_a_secret_to_keep_is_refused_before_writing(stored, wanted, verb, check_mode):
    engine, server = make(DirectoryServer(), server_routes(stored), check_mode=check_mode)
    with pytest.raises(ResourceError, match="secret is needed to %s the directory server" % verb):
        converge(engine, wanted)
    assert server.writes() == []


def test_a_bad_allowlist_entry_names_the_option_before_reading():
    engine, server = make(DirectoryServer(), server_routes({"enabled": False}))
    with pytest.raises(ResourceError, match="allowlist: 'office' is neither"):
        engine.items([{"allowlist": ["10.0.0.1", "office"]}])
    assert server.log == []


# -- external LDAP --------------------------------------------------------------------------------

def ldap_routes(answer):
    return {("GET", "/external_ldap/config"): (200, answer), ("POST", "/external_ldap/config"): (200, {}),
            ("GET", "/tasks"): (200, {"tasks": []}), ("POST", "/external_ldap/sync"): (202, {"taskId": "7"}),
            ("GET", "/tasks/7"): (200, {"id": "7", "active": False, "pending": False, "success": True, "percent": 100})}


def test_same_provider_sends_back_the_stored_config_with_the_masked_password():
    engine, server = make(ExternalLdap(), ldap_routes(LDAP))
    converge(engine, {"filter": "(objectClass=user)", "url": " ldaps://dc.example.com "})
    assert posts(server) == [("/api/v1/external_ldap/config", dict(LDAP, filter="(objectClass=user)"))]


def test_a_provider_switch_sends_only_the_settings_given_and_predicts_them():
    engine, server = make(ExternalLdap(), ldap_routes(LDAP), check_mode=True)
    outcome = converge(engine, {"provider": "NOOP"})
    assert outcome.results[0]["provider"] == "noop" and outcome.results[0]["url"] is None
    assert server.writes() == []
    engine, server = make(ExternalLdap(), ldap_routes(LDAP))
    converge(engine, {"provider": "noop"})
    assert posts(server) == [("/api/v1/external_ldap/config", {"provider": "noop"})]


def test_a_password_that_cannot_be_kept_is_refused_before_writing():
    hidden = dict((key, value) for key, value in LDAP.items() if key != "bindPassword")
    engine, server = make(ExternalLdap(), ldap_routes(hidden))
    with pytest.raises(ResourceError, match="bind_password is needed to change the external directory"):
        converge(engine, {"filter": "(uid=*)"})
    engine, server = make(ExternalLdap(), ldap_routes({"provider": "noop"}))
    with pytest.raises(ResourceError, match="bind_password is needed with bind_dn when the provider changes to okta"):
        converge(engine, {"provider": "okta", "url": "ldaps://x", "base_dn": "dc=x", "bind_dn": "cn=a"})
    assert server.writes() == []
    converge(engine, {"provider": "okta", "url": "ldaps://x", "base_dn": "dc=x", "bind_dn": "cn=a", "bind_password": "pw"})
    assert posts(server) == [("/api/v1/external_ldap/config", {"provider": "okta", "url": "ldaps://x", "baseDn": "dc=x",
                                                               "bindDn": "cn=a", "bindPassword": "pw"})]


def test_sync_is_refused_without_a_directory_and_otherwise_waited_on():
    engine, server = make(ExternalLdap(sync=True), ldap_routes({"provider": "noop"}))
    with pytest.raises(ResourceError, match="sync needs an external directory to sync from, but provider is noop"):
        converge(engine, {})
    with pytest.raises(ResourceError, match="provider is noop"):
        converge(engine, {"provider": "noop"})
    ldap = ExternalLdap(sync=True)
    engine, server = make(ldap, ldap_routes(LDAP))
    converge(engine, {})
    assert ldap.start_sync(engine.ctx) == "7" and not ldap.task.resumed
    assert posts(server) == [("/api/v1/external_ldap/sync", None)]

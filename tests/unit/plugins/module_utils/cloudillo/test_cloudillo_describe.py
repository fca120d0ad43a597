# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A whole Cloudillo tenant as a description: sorted by identity, defaults left out when minimal, no key anywhere,
proxy sites only for the admin, communities apart from the other profiles, and the description passes its own check."""

from __future__ import annotations

import json

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.description import describe
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.layout import LAYOUT
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import check_description

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudillo.fake_cloudillo import env, make, paths

PLAINTEXT = "cl_NeverInTheDescription0000"
SETTINGS = [{"key": "ui.theme", "value": "dark", "scope": "Tenant", "permission": "User"},
            {"key": "auth.session_timeout", "value": 3600, "scope": "Tenant", "permission": "Admin"},
            {"key": "app.mail.api_key", "value": "SecretNeverExported", "scope": "Tenant", "permission": "User"}]
KEYS = [{"keyId": 3, "keyPrefix": "cl_Zz", "name": "zeta", "scopes": None, "expiresAt": 1900000000, "createdAt": 1},
        {"keyId": 2, "keyPrefix": "cl_Ci", "name": "ci", "scopes": "apkg:publish", "expiresAt": None, "createdAt": 1,
         "plaintextKey": PLAINTEXT},
        {"keyId": 4, "keyPrefix": "cl_Nn", "name": None, "scopes": None, "expiresAt": None, "createdAt": 1}]
APPS = [{"appName": "whiteboard", "publisherTag": "apps.example.com", "version": "0.9.0", "actionId": "a2", "status": "A"},
        {"appName": "notes", "publisherTag": "apps.example.com", "version": "1.2.0", "actionId": "a1", "status": "A"}]
PROFILES = [{"idTag": "team.example.com", "name": "Team", "type": "community", "status": "active"},
            {"idTag": "dave.example.com", "name": "Dave", "type": "person", "status": "active", "roles": ["moderator"]},
            {"idTag": "carol.example.com", "name": "Carol", "type": "person", "status": "blocked"}]
SITES = [{"siteId": 2, "domain": "wiki.example.com", "backendUrl": "http://10.0.0.8", "type": "advanced", "status": "A",
          "config": {"proxyProtocol": True}},
         {"siteId": 1, "domain": "git.example.com", "backendUrl": "http://10.0.0.5:3000", "type": "basic", "status": "A", "config": {}}]


def tenant():
    ctx, server = make()
    # the registered keys, then one read per namespace in order (app, auth, ui)
    server.on("GET", "/api/settings", env([{"key": "ui.theme"}, {"key": "auth.session_timeout"}]),
              env(SETTINGS[2:]), env(SETTINGS[1:2]), env(SETTINGS[:1]))
    server.on("GET", "/api/auth/api-keys", env(KEYS))
    server.on("GET", "/api/apps/installed", (200, APPS))
    server.on("GET", "/api/profiles", env(PROFILES))
    server.on("GET", "/api/admin/proxy-sites", env(SITES))
    warnings = []
    ctx.warn = warnings.append
    return ctx, server, warnings


def test_every_part_is_sorted_by_identity_with_every_managed_value():
    ctx, server, warnings = tenant()
    description, secrets = describe(ctx)
    assert description == {
        "settings": [{"key": "app.mail.api_key"}, {"key": "auth.session_timeout", "value": 3600}, {"key": "ui.theme", "value": "dark"}],
        "api_keys": [{"name": "ci", "scopes": ["apkg:publish"]}, {"name": "zeta", "scopes": [], "expires_at": 1900000000}],
        "apps": [{"publisher": "apps.example.com", "name": "notes", "version": "1.2.0"},
                 {"publisher": "apps.example.com", "name": "whiteboard", "version": "0.9.0"}],
        "communities": [{"community": "team.example.com", "name": "Team"}],
    }
    # a secret setting's value is a placeholder in the secrets skeleton, never its value
    assert secrets == {"settings": {"app.mail.api_key": "REPLACE-WITH-SECRET"}}
    assert "SecretNeverExported" not in json.dumps([description, secrets])
    assert warnings == ["API key cl_Nn has no name, so it is left out of the description"]
    assert "/api/admin/proxy-sites" not in " ".join(paths(server))
    assert paths(server) == ["GET /api/settings", "GET /api/settings?level=tenant&prefix=app",
                             "GET /api/settings?level=tenant&prefix=auth", "GET /api/settings?level=tenant&prefix=ui",
                             "GET /api/auth/api-keys", "GET /api/apps/installed", "GET /api/profiles?limit=100"]


def test_profiles_are_exported_only_for_the_admin_and_roles_only_where_the_answer_has_them():
    ctx, _server, _warnings = tenant()
    description = describe(ctx, admin=True)[0]
    assert description["profiles"] == [{"member": "carol.example.com", "name": "Carol", "status": "blocked"},
                                       {"member": "dave.example.com", "name": "Dave", "roles": ["moderator"], "status": "active"}]


def test_minimal_leaves_the_defaults_out_and_keeps_what_says_what_an_entry_is():
    ctx, _server, _warnings = tenant()
    description = describe(ctx, minimal=True, admin=True)[0]
    assert description["api_keys"] == [{"name": "ci", "scopes": ["apkg:publish"]}, {"name": "zeta", "expires_at": 1900000000}]
    assert description["profiles"] == [{"member": "carol.example.com", "name": "Carol", "status": "blocked"},
                                       {"member": "dave.example.com", "name": "Dave", "roles": ["moderator"]}]
    assert description["proxy_sites"] == [
        {"domain": "git.example.com", "backend_url": "http://10.0.0.5:3000"},
        {"domain": "wiki.example.com", "backend_url": "http://10.0.0.8", "type": "advanced", "config": {"proxy_protocol": True}}]


def test_the_admin_description_has_the_proxy_sites_in_full():
    ctx, server, _warnings = tenant()
    description = describe(ctx, admin=True)[0]
    assert [site["domain"] for site in description["proxy_sites"]] == ["git.example.com", "wiki.example.com"]
    assert description["proxy_sites"][0] == {"domain": "git.example.com", "backend_url": "http://10.0.0.5:3000", "type": "basic",
                                             "status": "active"}
    assert paths(server).count("GET /api/admin/proxy-sites") == 1


def test_no_key_is_in_the_description_and_it_passes_its_own_check():
    ctx, _server, _warnings = tenant()
    description, secrets = describe(ctx, admin=True)
    assert PLAINTEXT not in json.dumps(description) and "cl_" not in json.dumps(description)
    check, _fake = make()
    assert check_description(check, LAYOUT, description, {"settings": {"app.mail.api_key": "the-real-one"}}, server=False) == []
    # the skeleton as exported is refused until the placeholder is replaced
    assert check_description(check, LAYOUT, description, secrets, server=False) == [
        "secrets.settings.app.mail.api_key still holds the export's placeholder; put the real value in (a vault)"]


def test_profiles_are_read_in_pages_by_idtag_until_a_short_page():
    ctx, server = make()
    first = [{"idTag": "p%03d.example" % number, "name": "P", "type": "person", "status": "active"} for number in range(100)]
    server.on("GET", "/api/settings", env([]))
    server.on("GET", "/api/auth/api-keys", env([]))
    server.on("GET", "/api/apps/installed", (200, []))
    server.on("GET", "/api/admin/proxy-sites", env([]))
    server.on("GET", "/api/profiles", env(first), env(first[:1] and [{"idTag": "zz.example", "name": "Z", "type": "person"}]))
    description = describe(ctx, admin=True)[0]
    assert len(description["profiles"]) == 101
    assert [path for path in paths(server) if "/api/profiles" in path] == [
        "GET /api/profiles?limit=100", "GET /api/profiles?limit=100&afterIdTag=p099.example"]

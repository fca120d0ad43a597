# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Apps, proxy sites, communities and profiles: what each sends, and what each refuses before writing."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.apps import Apps
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.communities import Communities
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.profiles import Profiles
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.proxy_sites import ProxySites
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudillo.fake_cloudillo import env, make, paths

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import dropped


def converge(ctx, resource, item, state="present"):
    engine = Engine(resource, ctx, ctx.check_mode)
    return engine.converge(engine.items([item]), state)


# -- apps -----------------------------------------------------------------------------------------------


def package(version, action):
    return {"name": "notes", "publisherTag": "apps.example", "version": version, "actionId": action, "fileId": "f"}


def test_an_app_is_installed_from_the_exact_catalogue_entry():
    ctx, server = make()
    server.on("GET", "/api/apps/installed", (200, []))
    server.on("GET", "/api/apps", (200, [package("1.0", "a1"), dict(package("2.0", "a2"), name="notes-pro"),
                                         dict(package("1.0", "a3"), publisherTag="other.example")]))
    server.on("POST", "/api/apps/install", (201, {"appName": "notes", "publisherTag": "apps.example", "version": "1.0",
                                                  "actionId": "a1", "status": "A", "autoUpdate": False}))
    outcome = converge(ctx, Apps(), {"publisher": "@Apps.Example", "name": "notes"})
    assert paths(server) == ["GET /api/apps/installed", "GET /api/apps?search=notes", "POST /api/apps/install"]
    assert server.log[-1][3] == {"actionId": "a1"}
    assert outcome.results[0]["status"] == "active"


def test_an_app_with_several_versions_needs_one_chosen_before_any_install():
    ctx, server = make()
    server.on("GET", "/api/apps/installed", (200, []))
    server.on("GET", "/api/apps", (200, [package("1.0", "a1"), package("1.1", "a2")]))
    with pytest.raises(ResourceError, match="offers versions 1.0, 1.1; give version"):
        converge(ctx, Apps(), {"publisher": "apps.example", "name": "notes"})
    assert server.writes() == []


def test_an_installed_app_without_a_version_asked_costs_one_read():
    ctx, server = make()
    server.on("GET", "/api/apps/installed", (200, [{"appName": "notes", "publisherTag": "apps.example", "version": "1.0"}]))
    assert not converge(ctx, Apps(), {"publisher": "apps.example", "name": "notes"}).changed
    assert len(server.log) == 1


# -- proxy sites -----------------------------------------------------------------------------------------


SITE = {"siteId": 4, "domain": "git.example", "backendUrl": "http://b", "status": "A", "type": "basic",
        "config": {"websocket": True}}


def test_a_site_status_goes_as_a_letter_and_the_config_is_sent_whole():
    ctx, server = make()
    server.on("GET", "/api/admin/proxy-sites", env([SITE]))
    server.on("PATCH", "/api/admin/proxy-sites/4", env(dict(SITE, status="D", config={"websocket": True, "readTimeoutSecs": 9})))
    outcome = converge(ctx, ProxySites(), {"domain": "GIT.example", "status": "disabled", "config": {"read_timeout_secs": 9}})
    assert server.log[-1][3] == {"status": "D", "config": {"websocket": True, "readTimeoutSecs": 9}}
    assert outcome.results[0]["status"] == "disabled"
    assert outcome.results[0]["config"] == {"websocket": True, "read_timeout_secs": 9}


def test_a_lost_create_answer_adopts_the_site_instead_of_sending_it_twice():
    ctx, server = make()
    server.on("GET", "/api/admin/proxy-sites", env([]), env([SITE]))
    server.on("POST", "/api/admin/proxy-sites", dropped())
    outcome = converge(ctx, ProxySites(), {"domain": "git.example", "backend_url": "http://b"})
    assert [entry[0] for entry in server.log].count("POST") == 1
    assert outcome.changes[0].adopted


# -- communities and profiles ----------------------------------------------------------------------------


def test_absent_never_purges_unless_asked_and_then_checks_the_tenant_list():
    ctx, server = make()
    server.on("GET", "/api/profiles/team.example", env({"idTag": "team.example", "type": "community", "name": "T"}))
    with pytest.raises(ResourceError, match="no route to delete a community"):
        converge(ctx, Communities(), {"community": "team.example"}, state="absent")
    assert server.writes() == []
    ctx, server = make()
    server.on("GET", "/api/admin/tenants", env([{"tnId": 5, "idTag": "team.example", "type": "community"},
                                                {"tnId": 6, "idTag": "team.example.org", "type": "community"}]))
    server.on("POST", "/api/admin/tenants/team.example/purge", env({"tnId": 5, "idTag": "team.example"}))
    converge(ctx, Communities(purge=True), {"community": "team.example"}, state="absent")
    assert paths(server)[-1] == "POST /api/admin/tenants/team.example/purge"
    assert server.log[-1][3] == {"confirmIdTag": "team.example"}


def test_a_profile_maps_words_to_letters_and_back():
    ctx, server = make()
    server.on("GET", "/api/profiles/carol.example", env({"idTag": "carol.example", "name": "Carol", "status": "active",
                                                         "roles": ["follower"], "type": "person"}))
    server.on("PATCH", "/api/admin/profiles/carol.example", (200, {"profile": {"idTag": "carol.example", "status": "banned",
                                                                               "name": "Carol", "type": "person"}}))
    outcome = converge(ctx, Profiles(), {"member": "Carol.Example", "status": "banned", "roles": ["follower"]})
    assert server.log[-1][3] == {"status": "X"}
    assert outcome.results[0]["status"] == "banned"
    assert outcome.results[0]["roles"] == ["follower"]


def test_roles_are_not_compared_when_the_profile_answer_has_none():
    ctx, server = make()
    server.on("GET", "/api/profiles/carol.example", env({"idTag": "carol.example", "name": "Carol", "status": "active",
                                                         "type": "person"}))
    with pytest.raises(ResourceError, match="the server's profile answer carries no roles, so they cannot be compared"):
        converge(ctx, Profiles(), {"member": "carol.example", "roles": ["follower"]})
    assert server.writes() == []
    # without roles the rest is still managed, and an unchanged status is no change
    assert not converge(ctx, Profiles(), {"member": "carol.example", "status": "active"}).changed


def test_an_unknown_member_the_server_refuses_is_named():
    ctx, server = make()
    server.on("GET", "/api/profiles/nobody.example", env(None))
    server.on("PATCH", "/api/admin/profiles/nobody.example", (404, {"error": {"code": "E-CORE-NOTFOUND", "message": "Profile not found"}}))
    with pytest.raises(Exception, match="profile 'nobody.example': the server does not know this idTag.*Profile not found"):
        converge(ctx, Profiles(), {"member": "nobody.example", "roles": ["follower"]})


def test_advanced_options_are_checked_against_the_type_the_site_will_have():
    ctx, server = make()
    server.on("GET", "/api/admin/proxy-sites", env([{"siteId": 1, "domain": "git.example", "backendUrl": "http://10.0.0.5",
                                                     "type": "basic", "status": "A", "config": {}}]))
    with pytest.raises(ResourceError, match="config: proxy_protocol apply to type=advanced only, and the site has type basic"):
        converge(ctx, ProxySites(), {"domain": "git.example", "config": {"proxy_protocol": True}})
    with pytest.raises(ResourceError, match="would have type basic"):
        converge(ctx, ProxySites(), {"domain": "new.example", "backend_url": "http://10.0.0.6", "config": {"custom_headers": {"a": "b"}}})
    assert server.writes() == []


def test_creation_only_options_of_an_existing_community_are_warned_about():
    ctx, server = make()
    warnings = []
    ctx.warn = warnings.append
    server.on("GET", "/api/profiles/team.example", env({"idTag": "team.example", "name": "Team", "type": "community",
                                                        "profilePic": None}))
    outcome = converge(ctx, Communities(), {"community": "team.example", "app_domain": "app.team.example", "profile_pic": "f1"})
    assert not outcome.changed and server.writes() == []
    assert warnings == ["community 'team.example' exists: app_domain and profile_pic are used only when a community is created, "
                        "and the server does not show them, so the value given is not compared and nothing is changed"]

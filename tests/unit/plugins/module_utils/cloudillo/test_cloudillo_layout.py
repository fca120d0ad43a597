# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A whole Cloudillo tenant description checked before anything is written, through the platform-neutral check and the
Cloudillo layout: options and values of every part, the proxy site on a community's domain, and the server read only
for what the credential needs (the owner's key list, the admin's proxy sites when described)."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.layout import LAYOUT
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import check_description, validate

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudillo.fake_cloudillo import env, error, make, paths

PARTS = "api_keys, apps, communities, profiles, proxy_sites, settings"
VALID = {
    "settings": [{"key": "ui.theme", "value": "dark"}, {"key": "auth.session_timeout", "value": 3600}],
    "api_keys": [{"name": "ci", "scopes": ["apkg:publish"], "expires_at": "2030-01-01T00:00:00Z"}],
    "apps": [{"publisher": "apps.example.com", "name": "notes", "version": "1.2.0"}],
    "proxy_sites": [{"domain": "git.example.com", "backend_url": "http://10.0.0.5:3000", "config": {"websocket": True}}],
    "communities": [{"community": "team.example.com", "name": "Team"}],
    "profiles": [{"member": "carol.example.com", "roles": ["contributor"], "status": "active"}],
}


def changed(**parts):
    description = copy.deepcopy(VALID)
    description.update(parts)
    return description


def test_a_valid_description_has_no_problems_and_sends_no_request():
    ctx, server = make()
    assert check_description(ctx, LAYOUT, VALID, None) == []
    assert server.log == []


def test_a_description_that_is_not_a_mapping_is_one_problem():
    ctx, _server = make()
    assert check_description(ctx, LAYOUT, [VALID], None) == [
        "the description must be a mapping of settings, api_keys, apps, proxy_sites, communities and profiles"]


def test_an_unknown_part_is_named_with_the_known_ones():
    ctx, _server = make()
    assert check_description(ctx, LAYOUT, changed(members=[]), None) == [
        "unknown part members of the description (known: %s)" % PARTS]


@pytest.mark.parametrize("part,entry,problem", [
    ("settings", {"key": "ui.font"}, "settings[1] (ui.font): missing required arguments: value"),
    ("settings", {"key": "bad key", "value": 1},
     "settings[1] (bad key): key: 'bad key' does not match [A-Za-z0-9_-]+(\\.[A-Za-z0-9_*-]+)*"),
    ("api_keys", {"scopes": []}, "api_keys[1]: missing required arguments: name"),
    ("api_keys", {"name": "ops", "key_id": 3}, "api_keys[1] (ops): unknown option key_id (known: expires_at, name, scopes)"),
    ("api_keys", {"name": "ops", "expires_at": "soon"},
     "api_keys[1] (ops): expires_at: 'soon' is neither Unix seconds nor an ISO 8601 date such as 2027-01-31T00:00:00Z"),
    ("apps", {"publisher": "apps.example.com", "name": "board", "status": "active"},
     "apps[1] (@apps.example.com/board): unknown option status (known: name, publisher, version)"),
    ("proxy_sites", {"domain": "x.example", "backend_url": "http://10.0.0.6", "type": "fancy"},
     "proxy_sites[1] (x.example): value of type must be one of: basic, advanced, got: fancy"),
    ("proxy_sites", {"domain": "x.example", "type": "basic", "config": {"proxy_protocol": True}},
     "proxy_sites[1] (x.example): config: proxy_protocol apply to type=advanced only"),
    ("communities", {"community": "c.example", "nme": "C"},
     "communities[1] (c.example): unknown option nme (known: app_domain, community, invite_ref, name, profile_pic)"),
    ("profiles", {"member": "erin.example", "status": "gone"},
     "profiles[1] (erin.example): value of status must be one of: active, blocked, muted, suspended, banned, got: gone"),
], ids=["setting-value", "setting-key", "key-name", "key-read-only", "key-expiry", "app-read-only", "site-type",
        "site-config", "community", "profile"])
def test_a_bad_entry_is_named_by_its_part_position_and_identity(part, entry, problem):
    ctx, server = make()
    assert check_description(ctx, LAYOUT, changed(**{part: [VALID[part][0], entry]}), None) == [problem]
    assert server.log == []


def test_entries_that_are_the_same_after_normalisation_are_duplicates():
    ctx, _server = make()
    sites = [VALID["proxy_sites"][0], {"domain": "Git.Example.com ", "backend_url": "http://10.0.0.6"}]
    assert check_description(ctx, LAYOUT, changed(proxy_sites=sites), None) == [
        "proxy_sites[1] (git.example.com): proxy_site 'git.example.com' is listed twice (also proxy_sites[0]; "
        "compared after normalisation)"]


def test_a_proxy_site_on_the_domain_of_a_described_community_is_a_problem():
    ctx, _server = make()
    sites = [VALID["proxy_sites"][0], {"domain": "Team.Example.com", "backend_url": "http://10.0.0.7"}]
    assert check_description(ctx, LAYOUT, changed(proxy_sites=sites), None) == [
        "proxy_sites[1] (Team.Example.com): domain 'team.example.com' is the community communities[0] of the description; "
        "a proxy site cannot take a tenant's domain"]


def test_key_names_that_give_one_key_file_name_are_a_problem():
    ctx, _server = make()
    keys = [{"name": "ci key"}, {"name": "ops"}, {"name": "ci_key"}]
    assert check_description(ctx, LAYOUT, changed(api_keys=keys), None) == [
        "api_keys[2] (ci_key): name 'ci_key' gives the key file name 'ci_key', as api_keys[0] does; rename one of them"]


def test_every_problem_is_reported_at_once():
    ctx, _server = make()
    problems = check_description(ctx, LAYOUT, changed(settings=[{"key": "ui.x"}], profiles=[{"member": "x", "roles": ["owner"]}]), None)
    assert sorted(problem.split(":")[0] for problem in problems) == ["profiles[0] (x)", "settings[0] (ui.x)"]


class Run:
    """What ``validate`` needs of a module run."""

    def __init__(self, description, check_server=True):
        self.params = {"description": description, "secrets": None, "check_server": check_server}
        self.failed = None

    def fail(self, exc, **result):
        self.failed = (str(exc), result)
        raise SystemExit


def test_the_server_is_read_for_the_key_list_and_the_proxy_sites_only_when_described():
    ctx, server = make()
    server.on("GET", "/api/auth/api-keys", env([]))
    server.on("GET", "/api/admin/proxy-sites", env([]))
    result = validate(Run(VALID), LAYOUT.bound(VALID))(ctx)
    assert result["counts"] == {"settings": 2, "api_keys": 1, "apps": 1, "proxy_sites": 1, "communities": 1, "profiles": 1}
    assert paths(server) == ["GET /api/auth/api-keys", "GET /api/admin/proxy-sites"]

    ctx, server = make()
    server.on("GET", "/api/auth/api-keys", env([]))
    tenant = changed(proxy_sites=[], profiles=[])
    validate(Run(tenant), LAYOUT.bound(tenant))(ctx)
    assert paths(server) == ["GET /api/auth/api-keys"]


def test_profiles_alone_need_the_server_admin_before_anything_is_written():
    ctx, server = make()
    server.on("GET", "/api/auth/api-keys", env([]))
    server.on("GET", "/api/admin/proxy-sites", error(403, "E-AUTH-NOPERM", "Permission denied"))
    tenant = changed(proxy_sites=[])
    with pytest.raises(Exception) as failure:
        validate(Run(tenant), LAYOUT.bound(tenant))(ctx)
    assert "E-AUTH-NOPERM" in str(failure.value)
    assert paths(server) == ["GET /api/auth/api-keys", "GET /api/admin/proxy-sites"]


def test_a_key_that_may_not_read_the_proxy_sites_fails_before_anything_else():
    ctx, server = make()
    server.on("GET", "/api/auth/api-keys", env([]))
    server.on("GET", "/api/admin/proxy-sites", error(403, "E-AUTH-NOPERM", "Permission denied"))
    with pytest.raises(Exception) as failure:
        validate(Run(VALID), LAYOUT.bound(VALID))(ctx)
    assert "E-AUTH-NOPERM" in str(failure.value)
    assert paths(server) == ["GET /api/auth/api-keys", "GET /api/admin/proxy-sites"]


def test_problems_fail_the_validation_listing_each():
    ctx, _server = make()
    run = Run(changed(members=[]), check_server=False)
    with pytest.raises(SystemExit):
        validate(run, LAYOUT.bound(run.params["description"]))(ctx)
    message, result = run.failed
    assert message == "the description has 1 problem: unknown part members of the description (known: %s)" % PARTS
    assert result["problems"] == ["unknown part members of the description (known: %s)" % PARTS]

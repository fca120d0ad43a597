# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mailing lists through the engine: name@domain identity, members as a set of addresses, one update route."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_lists import MailLists
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount


def mail_list(name, members, **extra):
    raw = {"name": name, "type": "list", "domain": "example.com", "members": members, "membersOnly": False,
           "active": True, "creationTime": "2026-11-30T09:00:00.000Z"}
    raw.update(extra)
    return raw


def make(lists=(), check_mode=False, **engine_kwargs):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/domains", (200, {"domains": [{"domain": "example.com"}, {"domain": "example.org"}]}))
    server.on("GET", "/mail/example.com/lists", (200, {"lists": list(lists)}))
    server.on("GET", "/mail/example.org/lists", (200, {"lists": []}))
    server.on("POST", "/mail/example.com/lists", (201, {}))
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode)
    return Engine(MailLists(), ctx, check_mode=check_mode, **engine_kwargs), server


def converge(engine, items, state="present"):
    return engine.converge(engine.items(items, option="config"), state)


def writes(server):
    return [(entry[0], entry[1], entry[3]) for entry in server.writes()]


@pytest.mark.parametrize("entry, message", [
    ({"name": "team", "domain": "example.com", "members": ["alice@example.com", "bob"]},
     "config[0] (team@example.com): members: 'bob' is not an email address"),
    ({"name": "team@example.com", "domain": "example.com", "members": []},
     "config[0] (team@example.com@example.com): name 'team@example.com' must be the part before the @"),
    ({"name": "team", "members": []}, "config[0] (team): domain is required"),
])
def test_bad_input_names_the_item_and_the_option_before_any_request(entry, message):
    engine, server = make()
    with pytest.raises(ResourceError) as caught:
        engine.items([entry], option="config")
    assert message in str(caught.value)
    assert server.log == []


def test_create_needs_members_and_sends_only_what_is_given():
    engine, server = make()
    with pytest.raises(ResourceError, match="list 'team@example.com' does not exist; creating it needs members"):
        converge(engine, [{"name": "team", "domain": "example.com"}])
    converge(engine, [{"name": "Team", "domain": "example.com", "members": ["Alice@Example.com", " bob@example.org"],
                       "members_only": True}])
    assert writes(server) == [("POST", "/api/v1/mail/example.com/lists", {
        "name": "team", "members": ["alice@example.com", "bob@example.org"], "membersOnly": True})]


def test_members_compare_as_a_set_and_an_update_sends_members_with_both_flags():
    engine, server = make([mail_list("team", ["bob@example.org", "alice@example.com"], membersOnly=True)])
    server.on("POST", "/mail/example.com/lists/team", (204, ""))
    assert converge(engine, [{"name": "team", "domain": "example.com",
                              "members": ["ALICE@example.com", "bob@example.org"]}]).changes == []
    outcome = converge(engine, [{"name": "team", "domain": "example.com", "active": False}])
    assert [change.report() for change in outcome.changes] == [{"action": "update", "key": "team@example.com", "fields": ["active"]}]
    assert writes(server) == [("POST", "/api/v1/mail/example.com/lists/team", {
        "members": ["alice@example.com", "bob@example.org"], "membersOnly": True, "active": False})]


def test_append_adds_members_and_removes_none():
    engine, server = make([mail_list("team", ["alice@example.com"])], append=True)
    server.on("POST", "/mail/example.com/lists/team", (204, ""))
    outcome = converge(engine, [{"name": "team", "domain": "example.com", "members": ["carol@example.com"]}])
    assert outcome.results[0]["members"] == ["alice@example.com", "carol@example.com"]
    assert writes(server)[0][2]["members"] == ["alice@example.com", "carol@example.com"]


def test_delete_and_check_mode():
    engine, server = make([mail_list("team", [])], check_mode=True)
    outcome = converge(engine, [{"name": "team", "domain": "example.com"}], state="absent")
    assert outcome.changed and server.writes() == []
    engine, server = make([mail_list("team", [])])
    server.on("DELETE", "/mail/example.com/lists/team", (204, ""))
    converge(engine, [{"name": "team", "domain": "example.com"}], state="absent")
    assert writes(server) == [("DELETE", "/api/v1/mail/example.com/lists/team", None)]


def test_gathered_reads_one_page_per_domain():
    engine, server = make([mail_list("team", ["alice@example.com"])])
    found = engine.read([], complete=True)
    assert [(item["name"], item["domain"]) for item in found] == [("team", "example.com")]
    assert [entry[1].split("?")[0] for entry in server.log] == [
        "/api/v1/domains", "/api/v1/mail/example.com/lists", "/api/v1/mail/example.org/lists"]


def test_a_single_lookup_uses_the_servers_search_and_matches_exactly():
    engine, server = make([mail_list("team", []), mail_list("teamwork", [])])
    found = engine.read(engine.items([{"name": "team", "domain": "example.com"}]), complete=False)
    assert MailLists.find(found, {"name": "team", "domain": "example.com"})["name"] == "team"
    assert "search=team" in server.log[0][1] and "per_page=1000" in server.log[0][1]

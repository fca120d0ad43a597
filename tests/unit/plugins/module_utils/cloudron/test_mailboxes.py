# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mailboxes through the engine: name@domain identity, owners by name, quotas as sizes, aliases as a set,
and what a run over many mailboxes costs."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mailboxes import Mailboxes
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

USERS = [{"id": "uid-alice", "username": "alice", "email": "alice@example.com"},
         {"id": "uid-bob", "username": "bob", "email": "bob@example.com"}]
GROUPS = [{"id": "gid-staff", "name": "staff"}]
GIB = 1024 ** 3


def mailbox(name, owner="uid-alice", owner_type="user", aliases=None, **extra):
    raw = {"name": name, "type": "mailbox", "domain": "example.com", "ownerId": owner, "ownerType": owner_type,
           "active": True, "enablePop3": False, "storageQuota": 0, "messagesQuota": 0, "aliasName": None,
           "aliasDomain": None, "creationTime": "2026-11-30T09:00:00.000Z"}
    if aliases is not None:
        raw["aliases"] = [{"name": alias.split("@")[0], "domain": alias.split("@")[1]} for alias in aliases]
    raw.update(extra)
    return raw


def make(mailboxes=(), check_mode=False, delete_mails=False, domains=("example.com",), **engine_kwargs):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/users", (200, {"users": USERS}))
    server.on("GET", "/groups", (200, {"groups": GROUPS}))
    server.on("GET", "/domains", (200, {"domains": [{"domain": domain} for domain in domains]}))
    server.on("GET", "/mail/example.com/mailboxes", (200, {"mailboxes": list(mailboxes)}))
    server.on("POST", "/mail/example.com/mailboxes", (201, {}))
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode)
    engine = Engine(Mailboxes(delete_mails=delete_mails), ctx, check_mode=check_mode, **engine_kwargs)
    return engine, server


def converge(engine, items, state="present"):
    return engine.converge(engine.items(items, option="config"), state)


def writes(server):
    return [(entry[0], entry[1], entry[3]) for entry in server.writes()]


def test_the_identity_is_the_lower_case_address():
    engine, _server = make()
    items = engine.items([{"name": " Alice ", "domain": "Example.COM"}], option="config")
    assert items == [{"name": "alice", "domain": "example.com"}]
    assert Mailboxes.key(items[0]) == "alice@example.com"


@pytest.mark.parametrize("entry, message", [
    ({"name": "alice@example.com", "domain": "example.com"},
     "config[1] (alice@example.com@example.com): name 'alice@example.com' must be the part before the @"),
    ({"name": "al ice", "domain": "example.com"}, "config[1] (al ice@example.com): name 'al ice' must be 1 to 199"),
    ({"name": "alice", "domain": "example"}, "config[1] (alice@example): domain 'example' is not a valid domain name"),
    ({"name": "alice", "domain": "example.com", "storage_quota": "lots"},
     "config[1] (alice@example.com): storage_quota: 'lots' is not a size such as 512M or 2G"),
    ({"name": "alice", "domain": "example.com", "messages_quota": -1},
     "config[1] (alice@example.com): messages_quota: -1 is out of range (at least 0)"),
    ({"name": "alice", "domain": "example.com", "aliases": ["postmaster"]},
     "config[1] (alice@example.com): aliases: 'postmaster' is not an email address"),
    ({"name": "alice", "domain": "example.com", "aliases": ["a b@example.com"]},
     "config[1] (alice@example.com): aliases: 'a b@example.com' is not an email address"),
    ({"name": "alice", "domain": "example.com", "aliases": ["al_ice@example.com"]},
     "config[1] (alice@example.com): aliases: 'al_ice@example.com' is not an address name@domain"),
    ({"name": "alice", "domain": "example.com", "aliases": ["Alice@Example.com"]},
     "config[1] (alice@example.com): aliases: 'alice@example.com' is the mailbox's own address"),
    ({"name": "bob", "domain": "example.com"}, "config[1] (bob@example.com): mailbox 'bob@example.com' is listed twice"),
])
def test_bad_input_names_the_item_and_the_option_before_any_request(entry, message):
    engine, server = make()
    with pytest.raises(ResourceError) as caught:
        engine.items([{"name": "bob", "domain": "example.com"}, entry], option="config")
    assert message in str(caught.value)
    assert server.log == []


def test_an_alias_claimed_twice_is_refused_before_anything_is_read():
    engine, server = make()
    with pytest.raises(ResourceError) as caught:
        converge(engine, [{"name": "alice", "domain": "example.com", "owner": "alice", "aliases": ["info@example.com"]},
                          {"name": "bob", "domain": "example.com", "owner": "bob", "aliases": ["info@example.com"]},
                          {"name": "info", "domain": "example.com", "owner": "bob"}])
    assert "alice@example.com: aliases: 'info@example.com' is already mailbox info@example.com" in str(caught.value)
    assert "bob@example.com: aliases: 'info@example.com' is already mailbox info@example.com" in str(caught.value)
    assert server.log == []


def test_create_sends_the_owner_id_and_quotas_in_bytes_then_the_aliases():
    engine, server = make()
    server.on("PUT", "/mail/example.com/mailboxes/alice/aliases", (202, {}))
    outcome = converge(engine, [{"name": "Alice", "domain": "example.com", "owner": "Alice@example.com",
                                 "storage_quota": "5G", "aliases": ["Al@example.com", "alice.x@example.com"]}])
    fields = ["aliases", "domain", "name", "owner", "owner_type", "storage_quota"]
    assert [change.report() for change in outcome.changes] == [{"action": "create", "key": "alice@example.com", "fields": fields}]
    assert writes(server) == [
        ("POST", "/api/v1/mail/example.com/mailboxes",
         {"name": "alice", "ownerId": "uid-alice", "ownerType": "user", "active": True, "storageQuota": 5 * GIB}),
        ("PUT", "/api/v1/mail/example.com/mailboxes/alice/aliases",
         {"aliases": [{"name": "al", "domain": "example.com"}, {"name": "alice.x", "domain": "example.com"}]})]
    assert outcome.results == [{"name": "alice", "domain": "example.com", "owner": "alice", "owner_type": "user",
                                "active": True, "enable_pop3": False, "storage_quota": 5 * GIB, "messages_quota": 0,
                                "aliases": ["al@example.com", "alice.x@example.com"]}]


def test_an_update_sends_owner_flags_and_quotas_together():
    engine, server = make([mailbox("alice", storageQuota=GIB, enablePop3=True, aliases=[])])
    server.on("POST", "/mail/example.com/mailboxes/alice", (204, ""))
    outcome = converge(engine, [{"name": "alice", "domain": "example.com", "active": False, "storage_quota": "1G"}])
    assert [change.report() for change in outcome.changes] == [
        {"action": "update", "key": "alice@example.com", "fields": ["active"]}]
    assert writes(server) == [("POST", "/api/v1/mail/example.com/mailboxes/alice", {
        "ownerId": "uid-alice", "ownerType": "user", "active": False, "enablePop3": True, "storageQuota": GIB,
        "messagesQuota": 0})]
    assert outcome.before["alice@example.com"]["active"] is True
    assert outcome.after["alice@example.com"]["active"] is False


def test_a_group_owner_is_resolved_to_its_id_and_read_back_by_name():
    engine, server = make([mailbox("team", owner="gid-staff", owner_type="group", aliases=[])])
    server.on("POST", "/mail/example.com/mailboxes/team", (204, ""))
    outcome = converge(engine, [{"name": "team", "domain": "example.com", "owner": "staff", "owner_type": "group"}])
    assert outcome.changes == []
    outcome = converge(engine, [{"name": "team", "domain": "example.com", "owner": "bob"}])
    assert [change.report() for change in outcome.changes] == [
        {"action": "update", "key": "team@example.com", "fields": ["owner", "owner_type"]}]
    assert writes(server)[0][2]["ownerId"] == "uid-bob" and writes(server)[0][2]["ownerType"] == "user"


def test_an_unknown_owner_is_a_warning_in_check_mode_and_an_error_in_a_real_run():
    warnings = []
    engine, server = make(check_mode=True)
    engine.ctx._warn = warnings.append
    outcome = converge(engine, [{"name": "dora", "domain": "example.com", "owner": "dora"}])
    assert outcome.changed and server.writes() == []
    assert warnings == ["dora@example.com: owner: user 'dora' does not exist; assuming an earlier task creates it (check mode)"]
    engine, server = make()
    with pytest.raises(ResourceError, match="dora@example.com: owner: group 'nobody' does not exist"):
        converge(engine, [{"name": "bob", "domain": "example.com", "owner": "bob"},
                          {"name": "dora", "domain": "example.com", "owner": "nobody", "owner_type": "group"}])
    assert server.writes() == []


def test_an_alias_in_a_domain_that_is_not_a_mail_domain_is_refused_before_writing():
    engine, server = make([mailbox("alice", aliases=[])], domains=("example.com", "example.org"))
    with pytest.raises(ResourceError, match="alice@example.com: aliases: mail domain 'example.net' does not exist"):
        converge(engine, [{"name": "alice", "domain": "example.com", "aliases": ["a@example.org", "a@example.net"]}])
    assert server.writes() == []


def test_delete_sends_delete_mails():
    for delete_mails in (False, True):
        engine, server = make([mailbox("alice", aliases=[])], delete_mails=delete_mails)
        server.on("DELETE", "/mail/example.com/mailboxes/alice", (201, {}))
        converge(engine, [{"name": "alice", "domain": "example.com"}], state="absent")
        assert writes(server) == [("DELETE", "/api/v1/mail/example.com/mailboxes/alice", {"deleteMails": delete_mails})]


def test_an_unknown_domain_is_an_error_naming_it_and_a_warning_in_check_mode():
    for check_mode in (False, True):
        warnings = []
        engine, server = make(check_mode=check_mode)
        engine.ctx._warn = warnings.append
        server.on("GET", "/mail/example.org/mailboxes", (404, {"status": "Not Found", "message": "No such domain"}))
        item = {"name": "alice", "domain": "example.org", "owner": "alice"}
        if check_mode:
            assert converge(engine, [item]).changed
            assert "domain 'example.org' has no mail domain on the server (No such domain)" in warnings[0]
        else:
            with pytest.raises(ResourceError, match="domain 'example.org' has no mail domain on the server"):
                converge(engine, [item])
        assert server.writes() == []


def many(count, carry_aliases):
    return [mailbox("user%03d" % i, aliases=["u%03d@example.com" % i] if carry_aliases else None) for i in range(count)]


def wanted(count, with_aliases):
    items = []
    for i in range(count):
        item = {"name": "user%03d" % i, "domain": "example.com", "owner": "alice"}
        if i < with_aliases:
            item["aliases"] = ["U%03d@example.com" % i]
        items.append(item)
    return items


def test_a_no_change_run_over_300_mailboxes_reads_aliases_only_for_items_that_declare_them():
    engine, server = make(many(300, carry_aliases=False))
    for i in range(300):
        server.on("GET", "/mail/example.com/mailboxes/user%03d/aliases" % i,
                  (200, {"aliases": [{"name": "u%03d" % i, "domain": "example.com"}]}))
    outcome = converge(engine, wanted(300, with_aliases=120))
    assert outcome.changes == []
    paths = [entry[1].split("?")[0] for entry in server.log]
    assert paths.count("/api/v1/mail/example.com/mailboxes") == 1
    assert len([path for path in paths if path.endswith("/aliases")]) == 120
    assert len(server.log) == 1 + 1 + 120  # the mailbox page, the users page, one aliases read per declaring item
    assert "per_page=1000" in server.log[0][1] or "per_page=1000" in server.log[1][1]


def test_a_no_change_run_over_300_mailboxes_costs_only_the_list_pages_when_the_list_carries_aliases():
    engine, server = make(many(300, carry_aliases=True))
    outcome = converge(engine, wanted(300, with_aliases=300), state="overridden")
    assert outcome.changes == []
    assert sorted(entry[1].split("?")[0] for entry in server.log) == ["/api/v1/mail/example.com/mailboxes", "/api/v1/users"]


def test_an_alias_change_replaces_the_list_and_append_only_adds():
    engine, server = make([mailbox("alice", aliases=["a@example.com"])], append=True)
    server.on("PUT", "/mail/example.com/mailboxes/alice/aliases", (202, {}))
    converge(engine, [{"name": "alice", "domain": "example.com", "aliases": ["b@example.com"]}])
    assert writes(server) == [("PUT", "/api/v1/mail/example.com/mailboxes/alice/aliases", {
        "aliases": [{"name": "a", "domain": "example.com"}, {"name": "b", "domain": "example.com"}]})]


def test_overridden_plans_deletions_only_in_the_domains_the_config_names():
    engine, server = make([mailbox("alice", aliases=[]), mailbox("stale", aliases=[])], check_mode=True)
    outcome = converge(engine, [{"name": "alice", "domain": "example.com"}], state="overridden")
    assert [change.report() for change in outcome.changes] == [{"action": "delete", "key": "stale@example.com", "fields": []}]
    assert not any(entry[1].startswith("/api/v1/domains") for entry in server.log)
    assert server.writes() == []


def test_gathered_reads_every_domain_and_every_mailboxs_aliases():
    engine, server = make([mailbox("team", owner="gid-staff", owner_type="group")], domains=("example.com",))
    server.on("GET", "/mail/example.com/mailboxes/team/aliases", (200, {"aliases": [{"name": "crew", "domain": "example.com"}]}))
    found = engine.read([], complete=True)
    assert [(box["owner"], box["owner_type"], box["aliases"]) for box in found] == [("staff", "group", ["crew@example.com"])]

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mailbox aliases: read, replace, the alias rules, and whether mailbox list items carry them (switch mailbox_list_aliases)."""

import pytest

from mail_helpers import seed, state_of

ALIASES = "/mail/example.com/mailboxes/ann/aliases"


def test_read_and_replace(client):
    seed(client)
    assert client.call("GET", ALIASES).outcome == (200, {"aliases": [{"name": "anna", "domain": "example.com"}]})
    wanted = [{"name": "Hostmaster", "domain": "example.com"}, {"name": "ann", "domain": "EXAMPLE.org"}]
    assert client.call("PUT", ALIASES, {"aliases": wanted}).outcome == (202, {})
    expected = [{"name": "hostmaster", "domain": "example.com"}, {"name": "ann", "domain": "example.org"}]
    assert client.call("GET", ALIASES).body == {"aliases": expected}
    assert state_of(client, "mailboxes")[0]["aliases"] == expected
    # an alias in another domain keeps that domain in use
    assert client.call("DELETE", "/domains/example.org").status == 409
    assert client.call("PUT", ALIASES, {"aliases": []}).outcome == (202, {})
    assert client.call("GET", ALIASES).body == {"aliases": []}
    assert client.call("DELETE", "/domains/example.org").status == 204


def test_keeping_its_own_alias_is_no_clash(client):
    seed(client)
    assert client.call("PUT", ALIASES, {"aliases": [{"name": "anna", "domain": "example.com"}]}).status == 202


@pytest.mark.parametrize("aliases, status, message", [
    ([{"name": "ann", "domain": "example.com"}], 409, "Mailbox, mailinglist or alias for ann@example.com already exists"),
    ([{"name": "all", "domain": "example.com"}], 409, "Mailbox, mailinglist or alias for all@example.com already exists"),
    ([{"name": "bobby", "domain": "example.com"}], 409, "Mailbox, mailinglist or alias for bobby@example.com already exists"),
    ([{"name": "x", "domain": "example.org"}, {"name": "X", "domain": "example.org"}], 409,
     "Mailbox, mailinglist or alias for x@example.org already exists"),
    ([{"name": "x", "domain": "nope.example"}], 400, "aliases[0].domain nope.example is not a mail domain"),
    ([{"name": "ok", "domain": "example.com"}, {"name": "a b", "domain": "example.com"}], 400,
     "aliases[1].name can only contain alphanumerals, hyphen and dot"),
    ([{"name": "x"}], 400, "aliases[0].domain is required"),
    (["x@example.com"], 400, "aliases[0] must be object"),
])
def test_rules(client, aliases, status, message):
    seed(client, mailboxes=[{"name": "ann", "domain": "example.com", "owner": "ann", "aliases": ["anna@example.com"]},
                            {"name": "bob", "domain": "example.com", "owner": "bob", "aliases": ["bobby@example.com"]}])
    reason = {400: "Bad Request", 409: "Conflict"}[status]
    assert client.call("PUT", ALIASES, {"aliases": aliases}).outcome == (status, {"status": reason, "message": message})
    assert state_of(client, "mailboxes")[0]["aliases"] == [{"name": "anna", "domain": "example.com"}]


def test_aliases_required(client):
    seed(client)
    assert client.call("PUT", ALIASES, {}).outcome[1]["message"] == "aliases is required"


def test_unknown_mailbox(client):
    seed(client)
    assert client.call("GET", "/mail/example.com/mailboxes/zed/aliases").status == 404
    assert client.call("PUT", "/mail/example.com/mailboxes/zed/aliases", {"aliases": []}).status == 404


@pytest.mark.parametrize("switch, carried", [(True, True), (False, False)])
def test_list_items_carry_aliases_by_switch(client, switch, carried):
    client.control("POST", "/switches", {"mailbox_list_aliases": switch})
    seed(client)
    item = client.call("GET", "/mail/example.com/mailboxes").body["mailboxes"][0]
    assert ("aliases" in item) is carried
    if carried:
        assert item["aliases"] == [{"name": "anna", "domain": "example.com"}]
    # the single object never has them; the aliases route always does
    assert "aliases" not in client.call("GET", "/mail/example.com/mailboxes/ann").body["mailbox"]
    assert client.call("GET", ALIASES).body["aliases"] == [{"name": "anna", "domain": "example.com"}]


def test_aliases_go_with_their_mailbox(client):
    seed(client)
    client.call("DELETE", "/mail/example.com/mailboxes/ann", {"deleteMails": False})
    owner = client.call("GET", "/profile").body["id"]
    assert client.call("POST", "/mail/example.com/mailboxes",
                       {"name": "anna", "ownerId": owner, "ownerType": "user", "active": True}).status == 201

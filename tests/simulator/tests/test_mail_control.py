# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Seeding mail through /_control/seed and what /_control/state shows of it."""

import json

import pytest

from mail_helpers import seed


def test_seed_and_state(client):
    result = seed(client,
                  mail_domains=[{"domain": "Example.org", "enabled": True, "catchAll": ["ann@example.org"],
                                 "relay": {"provider": "external-smtp", "host": "smtp.example.net", "password": "pw"},
                                 "banner": {"text": "Bye"}}],
                  mailboxes=[{"name": "Ann", "domain": "example.com", "owner": "ann", "active": False, "enablePop3": True,
                              "storageQuota": 5, "messagesQuota": 7, "aliases": ["Anna@example.com", {"name": "a", "domain": "example.org"}]},
                             {"name": "team", "domain": "example.com", "owner": "staff", "ownerType": "group"}],
                  mail_lists=[{"name": "All", "domain": "example.com", "members": ["ann@example.com"], "membersOnly": True,
                               "active": False}],
                  mailserver={"location": {"domain": "example.org", "subdomain": "mx"}, "max_email_size": {"size": 10}})
    assert (result["mail_domains"], result["mailboxes"], result["mail_lists"]) == (
        ["example.org"], ["ann@example.com", "team@example.com"], ["all@example.com"])
    state = client.control("GET", "/state")
    assert state["mail_domains"] == [
        {"domain": "example.com", "enabled": False, "mailFromValidation": True, "catchAll": [],
         "relay": {"provider": "cloudron-smtp"}, "banner": {"text": "", "html": ""}},
        {"domain": "example.org", "enabled": True, "mailFromValidation": True, "catchAll": ["ann@example.org"],
         "relay": {"provider": "external-smtp", "host": "smtp.example.net", "password": "pw"}, "banner": {"text": "Bye", "html": ""}}]
    assert state["mailboxes"] == [
        {"name": "ann", "domain": "example.com", "ownerId": result["users"]["ann"], "ownerType": "user", "active": False,
         "enablePop3": True, "storageQuota": 5, "messagesQuota": 7,
         "aliases": [{"name": "anna", "domain": "example.com"}, {"name": "a", "domain": "example.org"}], "owner": "ann"},
        {"name": "team", "domain": "example.com", "ownerId": result["groups"]["staff"], "ownerType": "group", "active": True,
         "enablePop3": False, "storageQuota": 0, "messagesQuota": 0, "aliases": [], "owner": "staff"}]
    assert state["mail_lists"] == [{"name": "all", "domain": "example.com", "members": ["ann@example.com"], "membersOnly": True,
                                    "active": False}]
    assert state["mailserver"]["location"] == {"domain": "example.org", "subdomain": "mx"}
    assert state["mailserver"]["max_email_size"] == {"size": 10}
    assert state["mailserver"]["spam_acl"] == {"whitelist": [], "blacklist": []}
    # what was seeded is what the API shows
    assert client.call("GET", "/mail/example.org").body["relay"]["password"] == "\u25cf" * 8
    assert client.call("GET", "/mailserver/location").body == {"domain": "example.org", "subdomain": "mx"}


@pytest.mark.parametrize("extra, message", [
    ({"mail_domains": [{"domain": "nope.example"}]}, "mail domain nope.example: no domain nope.example"),
    ({"mail_domains": [{"domain": "example.com", "relay": {"host": "x"}}]},
     "mail domain example.com: relay needs provider and may have provider, host, port, username, password, acceptSelfSignedCerts, forceFromAddress"),
    ({"mailboxes": [{"name": "x", "domain": "example.com", "owner": "ghosts", "ownerType": "group"}]}, "mailbox x@example.com: no group ghosts"),
    ({"mailboxes": [{"name": "x", "domain": "example.com", "owner": "ann", "ownerType": "robot"}]},
     "mailbox x@example.com: ownerType must be user or group"),
    ({"mailboxes": [{"name": "x", "domain": "example.com", "owner": "ann", "aliases": ["y@nope.example"]}]},
     "mailbox x@example.com: alias y@nope.example: no domain nope.example"),
    ({"mailboxes": [{"name": "x", "domain": "example.com", "owner": "ann", "aliases": ["nonsense"]}]},
     "mailbox x@example.com: an alias must be name@domain or {name, domain}"),
    ({"mailboxes": [{"name": "x", "domain": "example.com", "owner": "ann", "aliases": ["x@example.com"]}]}, "duplicate address x@example.com"),
    ({"mailboxes": [{"name": "x", "domain": "example.com", "owner": "ann"},
                    {"name": "y", "domain": "example.com", "owner": "ann", "aliases": ["X@example.com"]}]},
     "duplicate address x@example.com"),
    ({"mailboxes": [{"name": "x", "domain": "example.com", "owner": "ann", "aliases": ["all@example.com"]}]}, "duplicate address all@example.com"),
    ({"mail_lists": [{"name": "ann", "domain": "example.com"}]}, "duplicate address ann@example.com"),
    ({"mail_lists": [{"name": "l", "domain": "nope.example"}]}, "mail list l@nope.example: no domain nope.example"),
    ({"mail_lists": [{"name": "l", "domain": "example.com", "members": [1]}]}, "mail list l@example.com: members must be strings"),
    ({"mailserver": {"spam": {}}}, "mailserver: unknown setting spam (known: location, max_email_size, dnsbl_config, solr_config, "
                                   "mailbox_sharing, virtual_all_mail, spam_acl, spam_custom_config)"),
    ({"mailserver": {"solr_config": {"on": True}}}, "mailserver: solr_config must be an object with enabled"),
    ({"mailserver": {"location": {"domain": "nope.example", "subdomain": "mx"}}}, "mailserver: location: no domain nope.example"),
])
def test_seed_errors_change_nothing(client, extra, message):
    before = client.control("GET", "/state")
    body = {"domains": ["example.com"], "users": [{"username": "ann", "email": "ann@example.com"}],
            "groups": [{"name": "staff"}], "mail_domains": [{"domain": "example.com", "enabled": True}],
            "mail_lists": [{"name": "all", "domain": "example.com", "members": []}], **extra}
    if "mail_lists" in extra:
        body["mail_lists"] = [{"name": "all", "domain": "example.com", "members": []}] + extra["mail_lists"]
        body["mailboxes"] = [{"name": "ann", "domain": "example.com", "owner": "ann"}]
    result = client.raw("POST", "/_control/seed", json.dumps(body).encode(), {"Content-Type": "application/json"})
    assert (result.status, result.body["message"]) == (400, message)
    after = client.control("GET", "/state")
    for key in ("users", "groups", "domains", "mail_domains", "mailboxes", "mail_lists", "mailserver"):
        assert after[key] == before[key], key


def test_reset_clears_mail(client):
    seed(client, mailserver={"solr_config": {"enabled": True}})
    client.control("POST", "/task_faults", {"type": "changeMailLocation", "message": "x", "times": 0})
    client.control("POST", "/reset", {})
    state = client.control("GET", "/state")
    assert (state["mail_domains"], state["mailboxes"], state["mail_lists"], state["task_faults"]) == ([], [], [], [])
    assert state["mailserver"]["solr_config"] == {"enabled": False}

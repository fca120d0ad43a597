# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A whole description checked before anything is written: parts, options, types, values as the modules parse them,
duplicates, references against the description and (only when needed) the server, and the keys of the secrets."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.layout import LAYOUT
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import check_description
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

GITEA = "io.gitea.cloudronapp"
USER_OPTIONS = "active, display_name, email, fallback_email, groups, id, role, send_invite, source, username"
PARTS = "access, apps, backups, branding, directory, domains, groups, mail, network, registry, services, settings, users, volumes"
GROUPS_READ = "/api/v1/groups?page=1&per_page=5000"
USERS_READ = "/api/v1/users?page=1&per_page=5000"
DOMAINS_READ = "/api/v1/domains"

# Every reference in it is settled by the description itself.
VALID = {
    "settings": {"cloudron_name": "Team", "time_zone": "Europe/Berlin"},
    "domains": [{"domain": "example.com", "provider": "noop"}, {"domain": "example.org", "provider": "noop"}],
    "groups": [{"name": "staff", "members": ["alice", "bob@example.com"]}, {"name": "editors"}],
    "users": [{"username": "alice", "email": "alice@example.com", "groups": ["staff"]},
              {"username": "bob", "email": "bob@example.com", "role": "admin", "groups": ["Staff", "editors"]}],
    "apps": [{"app_store_id": GITEA, "subdomain": "git", "domain": "example.com", "memory_limit": "512M",
              "access_restriction": {"users": ["alice"], "groups": ["editors"]}, "operators": {"users": ["bob"], "groups": ["staff"]},
              "alias_domains": [{"subdomain": "code", "domain": "example.org"}]},
             {"app_store_id": GITEA, "subdomain": "", "domain": "example.org", "access_restriction": "everyone"}],
}
SECRETS = {"passwords": {"alice": "alice-password-1", "Bob": "bob-password-1"}, "dns_credentials": {"example.com": {"token": "t"}},
           "fallback_certificate_keys": {}, "app_secret_env": {"Git.Example.com": {"API_KEY": "k"}}}


def make(groups=(), users=(), domains=()):
    """A context on a fake server holding these groups, users and domains."""
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/groups", (200, {"groups": [dict(group, source="") for group in groups]}))
    server.on("GET", "/users", (200, {"users": list(users)}))
    server.on("GET", "/domains", (200, {"domains": [{"domain": domain} for domain in domains]}))
    return CloudronContext(CloudronClient(http)), server


def changed(**parts):
    """VALID with some parts replaced."""
    description = copy.deepcopy(VALID)
    description.update(parts)
    return description


def reads(server):
    return [entry[1] for entry in server.log]


# -- a description that can be applied --------------------------------------------------------------


def test_a_description_that_settles_every_reference_itself_has_no_problems_and_sends_no_request():
    ctx, server = make()
    assert check_description(ctx, LAYOUT, VALID, SECRETS) == []
    assert server.log == []


def test_an_empty_description_and_no_secrets_have_no_problems():
    ctx, server = make()
    assert check_description(ctx, LAYOUT, {}, None) == []
    assert server.log == []


# -- parts, options and types -----------------------------------------------------------------------


@pytest.mark.parametrize("description,problem", [
    (changed(setting={"language": "de"}), "unknown part setting of the description (known: %s)" % PARTS),
    (changed(mailboxes=[], user=[]), "unknown parts mailboxes, user of the description (known: %s)" % PARTS),
])
def test_an_unknown_part_is_named_with_the_known_ones(description, problem):
    ctx, _server = make()
    assert check_description(ctx, LAYOUT, description, SECRETS) == [problem]


def test_a_description_that_is_not_a_mapping_is_one_problem():
    ctx, server = make()
    assert check_description(ctx, LAYOUT, [VALID], SECRETS) == [
        "the description must be a mapping of settings, domains, groups, users, volumes, apps, mail, services, access, backups, "
        "directory, network, branding and registry"]
    assert server.log == []


@pytest.mark.parametrize("user,problem", [
    ({"username": "bob", "emial": "bob@example.com"}, "users[1] (bob): unknown option emial (known: %s)" % USER_OPTIONS),
    ({"username": "bob", "email": "bob@example.com", "mail": "x", "fullname": "Bob"},
     "users[1] (bob): unknown options fullname, mail (known: %s)" % USER_OPTIONS),
    ({"username": "bob", "email": "bob@example.com", "password": "bob-password-1"},
     "users[1] (bob): unknown option password (known: %s)" % USER_OPTIONS),
], ids=["one", "several", "a-secret-belongs-in-the-secrets"])
def test_an_unknown_option_names_its_entry_and_the_known_options(user, problem):
    ctx, server = make()
    assert check_description(ctx, LAYOUT, {"users": [{"username": "alice", "email": "alice@example.com"}, user]}, {}) == [problem]
    assert server.log == []


def test_unknown_settings_are_named_like_entries():
    ctx, _server = make()
    assert check_description(ctx, LAYOUT, changed(settings={"langauge": "de"}), SECRETS) == [
        "settings: unknown option langauge (known: autoupdate_pattern, cloudron_name, dynamic_dns, footer, language, time_zone)"]


@pytest.mark.parametrize("option,value,wanted", [
    ("cpu_quota", "many", "int"), ("tags", {"team": "dev"}, "list"), ("enable_backup", "sometimes", "bool"),
])
def test_a_value_of_the_wrong_type_names_its_entry_and_option(option, value, wanted):
    ctx, _server = make()
    app = {"app_store_id": GITEA, "subdomain": "git", "domain": "example.com", option: value}
    problems = check_description(ctx, LAYOUT, {"domains": VALID["domains"], "apps": [app]}, {})
    assert len(problems) == 1
    # how ansible-core names the type given differs between versions ("str", "<class 'str'>")
    assert problems[0].startswith("apps[0] (git.example.com): argument '%s' is of type " % option)
    assert " and we were unable to convert to %s: " % wanted in problems[0]


def test_a_value_outside_its_choices_names_them():
    ctx, _server = make()
    assert check_description(ctx, LAYOUT, {"users": [{"username": "alice", "email": "alice@example.com", "role": "boss"}]}, {}) == [
        "users[0] (alice): value of role must be one of: owner, admin, usermanager, mailmanager, user, got: boss"]


@pytest.mark.parametrize("app,problem", [
    ({"memory_limit": "lots"}, "apps[0] (git.example.com): memory_limit: 'lots' is not a size such as 512M or 2G"),
    ({"cpu_quota": 500}, "apps[0] (git.example.com): cpu_quota: 500 is out of range (1 to 100)"),
    ({"subdomain": "git_lab"}, "apps[0] (git_lab.example.com): subdomain 'git_lab': each label must be 1 to 63 letters, digits or -"),
    ({"env": {"API_KEY": "********"}},
     "apps[0] (git.example.com): env: API_KEY hold the masking marker ******** instead of a value; give the value, or move them to "
     "secret_env"),
])
def test_a_bad_value_is_reported_as_the_module_parses_it(app, problem):
    ctx, _server = make()
    description = {"domains": VALID["domains"], "apps": [dict({"app_store_id": GITEA, "subdomain": "git", "domain": "example.com"}, **app)]}
    assert check_description(ctx, LAYOUT, description, {}) == [problem]


@pytest.mark.parametrize("part,entries,problem", [
    ("users", [{"username": "Alice", "email": "alice@example.com"}, {"username": " alice", "email": "alice2@example.com"}],
     "users[1] (alice): user 'alice' is listed twice (also users[0]; compared after normalisation)"),
    ("groups", [{"name": "staff"}, {"name": "editors"}, {"name": "STAFF "}],
     "groups[2] (staff): group 'staff' is listed twice (also groups[0]; compared after normalisation)"),
    ("apps", [{"app_store_id": GITEA, "subdomain": "git", "domain": "example.com"},
              {"app_store_id": GITEA, "subdomain": "Git", "domain": "Example.com "}],
     "apps[1] (git.example.com): app 'git.example.com' is listed twice (also apps[0]; compared after normalisation)"),
])
def test_entries_that_are_the_same_after_normalisation_are_duplicates(part, entries, problem):
    ctx, _server = make()
    assert check_description(ctx, LAYOUT, {"domains": VALID["domains"], part: entries}, {}) == [problem]


# -- references -------------------------------------------------------------------------------------


def test_a_group_of_a_user_that_is_neither_in_the_description_nor_on_the_server_is_a_problem():
    ctx, server = make(groups=[{"id": "gid-1", "name": "sales"}])
    users = [dict(VALID["users"][0], groups=["staff", "support"]), VALID["users"][1]]
    assert check_description(ctx, LAYOUT, changed(users=users), SECRETS) == [
        "users[0] (alice): groups: 'support' is not in the description or on the server"]
    assert reads(server) == [GROUPS_READ]


def test_a_group_of_a_user_that_is_only_on_the_server_is_fine():
    ctx, server = make(groups=[{"id": "gid-1", "name": "Support"}])
    users = [dict(VALID["users"][0], groups=["staff", "support"]), VALID["users"][1]]
    assert check_description(ctx, LAYOUT, changed(users=users), SECRETS) == []
    assert reads(server) == [GROUPS_READ]


@pytest.mark.parametrize("server_users,problem", [
    ([], "groups[1] (editors): members: 'carol', 'dave@example.com' are not in the description or on the server"),
    ([{"id": "uid-c", "username": "carol", "email": "carol@example.com"}],
     "groups[1] (editors): members: 'dave@example.com' is not in the description or on the server"),
    ([{"id": "uid-c", "username": "carol", "email": "carol@example.com"}, {"id": "uid-d", "username": None, "email": "dave@example.com"}],
     None),
], ids=["neither", "one-on-the-server", "both-on-the-server"])
def test_group_members_are_looked_up_in_the_description_then_on_the_server(server_users, problem):
    ctx, server = make(users=server_users)
    groups = [VALID["groups"][0], {"name": "editors", "members": ["alice", "carol", "dave@example.com"]}]
    assert check_description(ctx, LAYOUT, changed(groups=groups), SECRETS) == ([problem] if problem else [])
    assert reads(server) == [USERS_READ]


def test_the_access_lists_of_an_app_are_looked_up_in_the_description_then_on_the_server():
    ctx, server = make(groups=[{"id": "gid-1", "name": "sales"}], users=[{"id": "uid-c", "username": "carol", "email": "carol@example.com"}])
    app = dict(VALID["apps"][0], access_restriction={"users": ["alice", "carol", "mallory"], "groups": ["sales", "support"]},
               operators={"users": ["eve"], "groups": ["editors", "admins-team"]})
    assert check_description(ctx, LAYOUT, changed(apps=[app, VALID["apps"][1]]), SECRETS) == [
        "apps[0] (git.example.com): access_restriction.users: 'mallory' is not in the description or on the server",
        "apps[0] (git.example.com): access_restriction.groups: 'support' is not in the description or on the server",
        "apps[0] (git.example.com): operators.users: 'eve' is not in the description or on the server",
        "apps[0] (git.example.com): operators.groups: 'admins-team' is not in the description or on the server"]
    assert sorted(set(reads(server))) == [GROUPS_READ, USERS_READ]


def test_the_domains_of_an_app_are_looked_up_in_the_description_then_on_the_server():
    ctx, server = make(domains=["example.net"])
    app = dict(VALID["apps"][0], domain="example.net", secondary_domains=[{"domain": "example.com", "environment_variable": "API"}],
               alias_domains=[{"subdomain": "code", "domain": "example.info"}], redirect_domains=[{"domain": "Example.DEV"}])
    assert check_description(ctx, LAYOUT, changed(apps=[app, VALID["apps"][1]]), dict(SECRETS, app_secret_env={})) == [
        "apps[0] (git.example.net): domains: 'example.dev', 'example.info' are not in the description or on the server"]
    assert reads(server) == [DOMAINS_READ]


def test_without_the_server_every_reference_must_be_in_the_description_and_nothing_is_read():
    ctx, server = make(groups=[{"id": "gid-1", "name": "support"}], users=[{"id": "uid-c", "username": "carol"}], domains=["example.net"])
    users = [dict(VALID["users"][0], groups=["staff", "support"]), VALID["users"][1]]
    groups = [VALID["groups"][0], {"name": "editors", "members": ["carol"]}]
    app = dict(VALID["apps"][0], domain="example.net", access_restriction={"users": ["carol"], "groups": ["support"]})
    description = changed(users=users, groups=groups, apps=[app, VALID["apps"][1]])
    assert check_description(ctx, LAYOUT, description, dict(SECRETS, app_secret_env={}), server=False) == [
        "users[0] (alice): groups: 'support' is not in the description",
        "groups[1] (editors): members: 'carol' is not in the description",
        "apps[0] (git.example.net): access_restriction.users: 'carol' is not in the description",
        "apps[0] (git.example.net): access_restriction.groups: 'support' is not in the description",
        "apps[0] (git.example.net): domains: 'example.net' is not in the description"]
    assert server.log == []


# -- secrets ----------------------------------------------------------------------------------------


def test_secrets_for_users_domains_and_apps_the_description_does_not_have_are_problems():
    ctx, server = make(users=[{"id": "uid-c", "username": "carol"}], domains=["example.net"])
    secrets = {"passwords": {"alice": "alice-password-1", "carol": "carol-password-1", "dave": "dave-password-1"},
               "dns_credentials": {"Example.com": {"token": "t"}, "example.net": {"token": "t"}},
               "fallback_certificate_keys": {"example.net": "key"},
               "app_secret_env": {"git.example.com": {"A": "1"}, "wiki.example.com": {"B": "2"}}}
    assert check_description(ctx, LAYOUT, VALID, secrets) == [
        "secrets.app_secret_env: no app of the description is named 'wiki.example.com'",
        "secrets.dns_credentials: no domain of the description is named 'example.net'",
        "secrets.fallback_certificate_keys: no domain of the description is named 'example.net'",
        "secrets.passwords: no user of the description is named 'carol', 'dave'"]
    assert server.log == []


# -- everything at once -----------------------------------------------------------------------------


def test_every_problem_of_every_entry_is_reported_at_once_each_naming_its_entry():
    ctx, server = make()
    description = {
        "settings": {"langauge": "de"},
        "domains": [{"domain": "example.com", "provider": "noop"}, {"domain": "example.org", "provider": "carrier-pigeon"}],
        "groups": [{"name": "admins"}, {"name": "staff"}, {"name": "x.app"}],
        "users": [{"username": "alice", "email": "alice@example.com", "emial": "a@example.com"}],
        "apps": [{"app_store_id": GITEA, "subdomain": "git", "domain": "example.com", "memory_limit": "lots", "cpu_quota": 0},
                 {"app_store_id": GITEA, "subdomain": "-wiki", "domain": "example.com"}],
        "mailboxes": [],
    }
    assert check_description(ctx, LAYOUT, description, {"passwords": {"zoe": "zoe-password-1"}}) == [
        "unknown part mailboxes of the description (known: %s)" % PARTS,
        "settings: unknown option langauge (known: autoupdate_pattern, cloudron_name, dynamic_dns, footer, language, time_zone)",
        "domains[1] (example.org): value of provider must be one of: bunny, cloudflare, desec, digitalocean, dnsimple, gandi, gcdns, "
        "godaddy, hetzner, linode, manual, namecheap, namecom, netcup, noop, ovh, porkbun, route53, vultr, wildcard, got: carrier-pigeon",
        "groups[0] (admins): name 'admins' is reserved (reserved: admin, no-reply, postmaster, mailer-daemon, root, admins, users)",
        "groups[2] (x.app): name 'x.app': names containing '.app' are reserved for apps",
        "users[0] (alice): unknown option emial (known: %s)" % USER_OPTIONS,
        "apps[0] (git.example.com): memory_limit: 'lots' is not a size such as 512M or 2G; cpu_quota: 0 is out of range (1 to 100)",
        "apps[1] (-wiki.example.com): subdomain '-wiki': each label must be 1 to 63 letters, digits or -",
        "secrets.passwords: no user of the description is named 'zoe'"]
    assert server.log == []


# -- one bad entry, or a bad part, hides nothing ------------------------------------------------------


@pytest.mark.parametrize("bob,problem", [
    ({"fallback_email": "nope"}, "users[1] (bob): fallback_email 'nope' is not an email address"),
    ({"emial": "bob@example.org"}, "users[1] (bob): unknown option emial (known: %s)" % USER_OPTIONS),
], ids=["bad-value", "unknown-option"])
def test_one_bad_entry_leaves_the_other_entries_of_its_kind_known_to_references_and_secrets(bob, problem):
    ctx, server = make()
    users = [VALID["users"][0], dict(VALID["users"][1], **bob)]
    assert check_description(ctx, LAYOUT, changed(users=users), SECRETS) == [problem]
    assert server.log == []


def test_an_unknown_option_in_one_entry_does_not_hide_the_problems_of_the_others():
    ctx, _server = make()
    users = [{"username": "admin", "email": "admin@example.com"}, {"username": "bob", "email": "bob@example.com", "emial": "x"}]
    found = "; ".join(check_description(ctx, LAYOUT, {"users": users}, {}))
    assert "users[1] (bob): unknown option emial (known: %s)" % USER_OPTIONS in found
    assert ("users[0] (admin): username 'admin' is reserved (reserved: admin, no-reply, postmaster, mailer-daemon, root, admins, "
            "users)") in found


@pytest.mark.parametrize("part,value", [
    ("users", 5), ("users", "alice"), ("users", {"alice": {"email": "alice@example.com"}}), ("settings", "Europe/Berlin"),
])
def test_a_part_of_the_wrong_type_is_one_problem_naming_the_part(part, value):
    ctx, _server = make()
    problems = check_description(ctx, LAYOUT, {part: value}, {})
    assert [problem.split(":")[0] for problem in problems] == [part]


def test_a_value_the_module_converts_is_checked_as_converted():
    ctx, server = make()
    description = {"groups": [{"name": "staff"}], "users": [{"username": "alice", "email": "alice@example.com", "groups": "staff"}]}
    assert check_description(ctx, LAYOUT, description, {}) == []
    assert server.log == []


def test_the_servers_domains_are_read_once():
    ctx, server = make(domains=["example.net"])
    apps = [{"app_store_id": GITEA, "subdomain": name, "domain": "example.net"} for name in ("git", "wiki", "chat")]
    assert check_description(ctx, LAYOUT, {"apps": apps}, {}) == []
    assert reads(server) == [DOMAINS_READ]


def test_secrets_that_still_hold_the_export_placeholder_are_problems_naming_where():
    ctx, server = make()
    secrets = {"passwords": {"alice": "REPLACE-WITH-SECRET"}, "dns_credentials": {"example.com": {"token": "REPLACE-WITH-SECRET"}},
               "app_secret_env": {}}
    problems = check_description(ctx, LAYOUT, {"users": [{"username": "alice", "email": "alice@example.com"}],
                                               "domains": [{"domain": "example.com", "provider": "cloudflare"}]}, secrets)
    assert problems == [
        "secrets.dns_credentials.example.com.token still holds the export's placeholder; put the real value in (a vault)",
        "secrets.passwords.alice still holds the export's placeholder; put the real value in (a vault)"]
    assert server.log == []


# -- mail -------------------------------------------------------------------------------------------

MAIL = {
    "server": {"max_email_size": "50M", "location": {"domain": "example.com", "subdomain": "mail"}},
    "domains": [{"domain": "example.com", "enabled": True, "catch_all": ["alice@example.com"],
                 "relay": {"provider": "external-smtp", "host": "smtp.example.net", "port": 587, "username": "relay"}}],
    "mailboxes": [{"name": "alice", "domain": "example.com", "owner": "alice", "aliases": ["a@example.com", "alice@example.org"]},
                  {"name": "bob", "domain": "example.com", "owner": "bob@example.com", "storage_quota": "2G"},
                  {"name": "team", "domain": "example.org", "owner": "editors", "owner_type": "group"}],
    "lists": [{"name": "all", "domain": "example.com", "members": ["alice@example.com", "someone@elsewhere.example"]}],
}
MAIL_SECRETS = dict(SECRETS, mail_relay_passwords={"example.com": "relay-password-1"})


def with_mail(**parts):
    """VALID with MAIL, some of its parts replaced."""
    mail = copy.deepcopy(MAIL)
    mail.update(parts)
    return changed(mail=mail)


def test_a_mail_part_that_settles_every_reference_itself_has_no_problems_and_sends_no_request():
    ctx, server = make()
    assert check_description(ctx, LAYOUT, with_mail(), MAIL_SECRETS) == []
    assert server.log == []


@pytest.mark.parametrize("mail,problem", [
    ({"mailbox": []}, "unknown part mail.mailbox of the description (known: mail.domains, mail.lists, mail.mailboxes, mail.server)"),
    ([], "mail: must be a mapping of domains, lists, mailboxes and server, not list"),
    ({"server": ["x"]}, "mail.server: must be a mapping of settings, not list"),
    ({"lists": {"all": {}}}, "mail.lists: must be a list of entries, not dict"),
])
def test_the_parts_of_mail_are_named_by_their_path(mail, problem):
    ctx, _server = make()
    assert check_description(ctx, LAYOUT, changed(mail=mail), SECRETS) == [problem]


@pytest.mark.parametrize("parts,problem", [
    ({"mailboxes": [MAIL["mailboxes"][0], {"name": "bob", "domain": "example.com", "owner": "bob", "storage_quota": "lots"}]},
     "mail.mailboxes[1] (bob@example.com): storage_quota: 'lots' is not a size such as 512M or 2G"),
    ({"mailboxes": [{"name": "bob@example.com", "domain": "example.com", "owner": "bob"}]},
     "mail.mailboxes[0] (bob@example.com@example.com): name 'bob@example.com' must be the part before the @; give the domain in "
     "domain"),
    ({"mailboxes": [{"name": "bob", "domain": "example.com", "owner": "bob", "owner_type": "team"}]},
     "mail.mailboxes[0] (bob@example.com): value of owner_type must be one of: user, group, got: team"),
    ({"mailboxes": [{"name": "bob", "domain": "example.com", "owner": "bob"}, {"name": "Bob", "domain": "Example.com", "owner": "bob"}]},
     "mail.mailboxes[1] (bob@example.com): mailbox 'bob@example.com' is listed twice (also mail.mailboxes[0]; compared after "
     "normalisation)"),
    ({"lists": [{"name": "all", "domain": "example.com", "members": ["not-an-address"]}]},
     "mail.lists[0] (all@example.com): members: 'not-an-address' is not an email address"),
    ({"domains": [{"domain": "example.com", "relay": {"provider": "external-smtp", "password": "inline"}}]},
     "mail.domains[0] (example.com): unknown option relay.password (known: banner, catch_all, domain, enabled, mail_from_validation, "
     "relay)"),
    ({"domains": [{"domain": "example.com", "relay": {"port": 70000}}]},
     "mail.domains[0] (example.com): relay.port 70000 is out of range (1 to 65535)"),
    ({"server": {"max_email_size": "huge"}}, "mail.server: max_email_size: 'huge' is not a size such as 512M or 2G"),
    ({"server": {"spam_filter": True}},
     "mail.server: unknown option spam_filter (known: dnsbl_zones, full_text_search, location, mailbox_sharing, max_email_size, "
     "spam_allowlist, spam_blocklist, spam_custom_config, virtual_all_mail)"),
], ids=["size", "address-as-name", "owner-type", "duplicate", "member", "inline-relay-password", "port", "server-size", "server-option"])
def test_a_bad_mail_entry_is_named_by_its_path_position_and_address(parts, problem):
    ctx, server = make()
    assert check_description(ctx, LAYOUT, with_mail(**parts), MAIL_SECRETS) == [problem]
    assert server.log == []


def test_mail_references_are_looked_up_in_the_description_then_on_the_server():
    ctx, server = make(users=[{"id": "uid-c", "username": "carol", "email": "carol@example.com"}],
                       groups=[{"id": "gid-s", "name": "sales"}], domains=["example.net"])
    mail = {
        "server": {"location": {"domain": "example.info", "subdomain": "mail"}},
        "domains": [{"domain": "example.net", "enabled": True}, {"domain": "example.dev"}],
        "mailboxes": [{"name": "carol", "domain": "example.net", "owner": "carol", "aliases": ["c@example.com", "c@example.xyz"]},
                      {"name": "dave", "domain": "example.dev", "owner": "dave"},
                      {"name": "sales", "domain": "example.com", "owner": "sales", "owner_type": "group"},
                      {"name": "ops", "domain": "example.com", "owner": "ops", "owner_type": "group"},
                      # a user's name given as a group owner is not a group
                      {"name": "alice2", "domain": "example.com", "owner": "alice", "owner_type": "group"}],
        "lists": [{"name": "all", "domain": "example.biz", "members": ["carol@example.net"]}],
    }
    assert check_description(ctx, LAYOUT, changed(mail=mail), SECRETS) == [
        "mail.domains[1] (example.dev): domain: 'example.dev' is not in the description or on the server",
        "mail.mailboxes[1] (dave@example.dev): domain: 'example.dev' is not in the description or on the server",
        "mail.mailboxes[1] (dave@example.dev): owner: 'dave' is not in the description or on the server",
        "mail.mailboxes[3] (ops@example.com): owner: 'ops' is not in the description or on the server",
        "mail.mailboxes[4] (alice2@example.com): owner: 'alice' is not in the description or on the server",
        "mail.mailboxes[0] (carol@example.net): aliases: 'example.xyz' is not in the description or on the server",
        "mail.lists[0] (all@example.biz): domain: 'example.biz' is not in the description or on the server",
        "mail.server: location.domain: 'example.info' is not in the description or on the server"]
    assert sorted(set(reads(server))) == [DOMAINS_READ, GROUPS_READ, USERS_READ]


def test_an_address_is_claimed_once_across_mailboxes_aliases_and_lists():
    ctx, server = make()
    mailboxes = [{"name": "alice", "domain": "example.com", "owner": "alice", "aliases": ["sales@example.com", "bob@example.com"]},
                 {"name": "bob", "domain": "example.com", "owner": "bob", "aliases": ["SALES@example.com", "help@example.com"]}]
    lists = [{"name": "help", "domain": "example.com", "members": ["alice@example.com"]},
             {"name": "Bob", "domain": "example.com", "members": ["alice@example.com"]}]
    assert check_description(ctx, LAYOUT, with_mail(mailboxes=mailboxes, lists=lists), MAIL_SECRETS) == [
        "mail.lists[1] (bob@example.com): 'bob@example.com' is also the address of mail.mailboxes[1]",
        "mail.mailboxes[0] (alice@example.com): aliases: 'bob@example.com' is also the address of mail.mailboxes[1]",
        "mail.mailboxes[1] (bob@example.com): aliases: 'help@example.com' is also the address of mail.lists[0]",
        "mail.mailboxes[1] (bob@example.com): aliases: 'sales@example.com' is also an alias of mail.mailboxes[0]"]
    assert server.log == []


def test_an_address_in_another_domain_is_another_address():
    ctx, _server = make()
    mailboxes = [{"name": "alice", "domain": "example.com", "owner": "alice", "aliases": ["info@example.org"]},
                 {"name": "info", "domain": "example.com", "owner": "bob"}]
    lists = [{"name": "alice", "domain": "example.org", "members": ["alice@example.com"]}]
    assert check_description(ctx, LAYOUT, with_mail(mailboxes=mailboxes, lists=lists), MAIL_SECRETS) == []


def test_relay_passwords_are_secrets_of_described_mail_domains_and_placeholders_are_refused():
    ctx, server = make(domains=["example.net"])
    secrets = dict(SECRETS, mail_relay_passwords={"example.com": "REPLACE-WITH-SECRET", "example.net": "relay-password-2"})
    assert check_description(ctx, LAYOUT, with_mail(), secrets) == [
        "secrets.mail_relay_passwords.example.com still holds the export's placeholder; put the real value in (a vault)",
        "secrets.mail_relay_passwords: no mail domain of the description is named 'example.net'"]
    assert server.log == []


# -- services, access, directory, network, branding, registry -----------------------------------------


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24


def test_the_further_parts_are_checked_like_the_modules_would_and_their_references_resolved(tmp_path):
    (tmp_path / "logo.png").write_bytes(PNG)
    description = changed(
        services=[{"name": "mail", "memory_limit": "1G"}, {"name": "mysql", "status": "active"}],
        access={"tokens": [{"name": "ci", "scope": "read-only"}],
                "applinks": [{"upstream_uri": "https://status.example.net/", "access_restriction": {"groups": ["staff", "ops"]}},
                             {"upstream_uri": "status.example.net"}]},
        directory={"server": {"enabled": True, "allowlist": ["198.51.100.0/24", "office"]}},
        branding={"avatar": "logo.png", "background": "missing.jpg"},
        registry={"provider": "noop"},
    )
    ctx, server = make(groups=[{"name": "ops"}])
    server.on("GET", "/services", (200, {"services": ["mail", "mysql"]}))
    problems = check_description(ctx, LAYOUT, description, dict(SECRETS, directory_server_secret="s", registry_password=7),
                                 base_dir=str(tmp_path), options={"credentials_dir": str(tmp_path)})
    assert [problem.split(":")[0] for problem in problems] == [
        "services[1] (mysql)", "access.applinks[1] (status.example.net)", "directory.server", "branding", "secrets.registry_password"]
    assert "unknown option status" in problems[0]
    assert "missing.jpg" in problems[3] and "logo.png" not in problems[3]
    assert problems[4] == "secrets.registry_password: must be a string, not int"


def test_a_relative_image_path_is_taken_from_the_base_directory_only(tmp_path):
    (tmp_path / "logo.png").write_bytes(PNG)
    ctx, _server = make()
    description = changed(branding={"avatar": "logo.png"})
    assert check_description(ctx, LAYOUT, description, SECRETS, base_dir=str(tmp_path)) == []
    assert check_description(ctx, LAYOUT, description, SECRETS, base_dir=str(tmp_path / "elsewhere"))[0].startswith("branding: ")
    # the description itself is left as it was
    assert description["branding"] == {"avatar": "logo.png"}


def test_a_setting_secret_needs_the_part_it_belongs_to():
    ctx, _server = make()
    assert check_description(ctx, LAYOUT, VALID, dict(SECRETS, external_ldap_bind_password="p")) == [
        "secrets.external_ldap_bind_password: the description has no directory.external_ldap it belongs to"]


def test_new_tokens_and_clients_need_a_credentials_directory_and_each_a_file_of_its_own(tmp_path):
    ctx, server = make()
    description = changed(access={"tokens": [{"name": "ci deploy"}, {"name": "ci_deploy"}, {"name": "audit"}],
                                  "oidc_clients": [{"name": "ci deploy"}]})
    labels = ("access.oidc_clients[0] (ci deploy)", "access.tokens[0] (ci deploy)", "access.tokens[1] (ci_deploy)",
              "access.tokens[2] (audit)")
    assert check_description(ctx, LAYOUT, description, SECRETS) == [
        "%s: credentials_dir must name the directory its secret is written to when it is created (the server shows it only "
        "once)" % label for label in labels]
    assert check_description(ctx, LAYOUT, description, SECRETS, options={"credentials_dir": str(tmp_path)}) == [
        "access.tokens[1] (ci_deploy): its secret would be written to the file <host>.token.ci_deploy, like that of access.tokens[0]; "
        "rename one"]
    assert check_description(ctx, LAYOUT, changed(access={"tokens": [{"name": "audit"}]}), SECRETS,
                             options={"credentials_dir": str(tmp_path / "nowhere")}) == [
        "credentials_dir: %s is not a directory; create it (mode 0700) before the run" % (tmp_path / "nowhere")]
    assert server.log == []


def test_an_enabled_directory_server_needs_its_secret_unless_the_server_keeps_one():
    description = changed(directory={"server": {"enabled": True}})
    ctx, server = make()
    assert check_description(ctx, LAYOUT, description, SECRETS, server=False) == [
        "directory.server: enabled needs secrets.directory_server_secret (a new server has none)"]
    server.on("GET", "/directory_server/config", (200, {"enabled": False, "secret": "", "allowlist": ""}))
    assert check_description(ctx, LAYOUT, description, SECRETS) == [
        "directory.server: enabled needs secrets.directory_server_secret (the server shows none it keeps)"]
    ctx, server = make()
    server.on("GET", "/directory_server/config", (200, {"enabled": True, "secret": "********", "allowlist": ""}))
    assert check_description(ctx, LAYOUT, description, SECRETS) == []
    assert check_description(ctx, LAYOUT, description, dict(SECRETS, directory_server_secret="s"), server=False) == []


def test_a_setting_secret_is_checked_with_its_settings_and_services_must_be_the_servers():
    ctx, server = make()
    server.on("GET", "/services", (200, {"services": ["mail", "mysql"]}))
    description = changed(registry={"provider": "noop"}, services=[{"name": "mail"}, {"name": "redis"}])
    assert check_description(ctx, LAYOUT, description, dict(SECRETS, registry_password="p")) == [
        "registry with secrets.registry_password: provider noop turns the registry off; password cannot be given with it",
        "services[1] (redis): name: 'redis' is not a service of this server (services: mail, mysql)"]
    # offline, the server's services are not known
    assert check_description(ctx, LAYOUT, description, SECRETS, server=False) == []


def test_a_home_relative_image_path_is_expanded_before_anything_else(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "logo.png").write_bytes(PNG)
    ctx, _server = make()
    assert check_description(ctx, LAYOUT, changed(branding={"avatar": "~/logo.png"}), SECRETS, base_dir="/elsewhere") == []

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A whole Installatron description checked before anything is written, through the platform-neutral check and the
Installatron layout: options and values of customers, installs and plugins, references settled by the description or
(only when needed, and read once) by the server, the keys of the secrets, and placeholders."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import check_description, validate
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.layout import LAYOUT

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.installatron.fake_installatron import make

BLOG = "https://alice.example.com/blog"
CLOUD = "https://bob.example.com/cloud"
REMOTE = "sftp://alice@files.example.com/home/alice"
USERS_READ = "/users?offset=0&limit=500"
PARTS = "installs, plugins, users"
USER_OPTIONS = "email, id, language, package, parent, suspended, type, websites"
INSTALL_OPTIONS = ("app, autobk, autoup, autoup_backup, autoup_plugins, autoup_themes, bkloc, content, db_host, db_name, db_prefix, db_user, "
                   "email, id, language, login, notification, path, sitetagline, sitetitle, url, user, version")
PLUGIN_OPTIONS = "activated, autoup, name, slug, url, user, version"

# Every reference in it is settled by the description itself.
VALID = {
    "users": [{"id": "alice", "email": "alice@example.com",
               "websites": [{"path": REMOTE, "vhosts": {"https://alice.example.com": "public_html"}}]},
              {"id": "bob", "email": "bob@example.com", "type": "reseller", "websites": [{"path": "/home/bob", "vhosts": {"https://bob.example.com": "www"}}]}],
    "installs": [{"user": "alice", "url": BLOG, "app": "wordpress", "autoup": "all", "notification": ["update_available"]},
                 {"user": "Bob", "url": CLOUD, "app": "nextcloud"}],
    "plugins": [{"user": "alice", "url": BLOG, "slug": "akismet"}, {"user": "alice", "url": BLOG + "/", "slug": "wordfence", "activated": False}],
}
SECRETS = {"website_passwords": {"alice": {REMOTE: "site-password-1"}}, "install_passwords": {BLOG: "admin-password-1"}}
SERVER_USERS = [{"id": name, "email": "%s@example.com" % name, "type": "user", "suspended": False, "websites": []}
                for name in ("alice", "bob", "dave")]


def changed(**parts):
    """VALID with some parts replaced."""
    description = copy.deepcopy(VALID)
    description.update(parts)
    return description


def installs(**second):
    """The installs of VALID with the second one changed."""
    return [VALID["installs"][0], dict(VALID["installs"][1], **second)]


# -- a description that can be applied --------------------------------------------------------------


def test_a_description_that_settles_every_reference_itself_has_no_problems_and_sends_no_request():
    ctx, server = make(users=SERVER_USERS)
    assert check_description(ctx, LAYOUT, VALID, SECRETS) == []
    assert server.log == []


def test_an_empty_description_and_no_secrets_have_no_problems():
    ctx, server = make()
    assert check_description(ctx, LAYOUT, {}, None) == []
    assert server.log == []


def test_a_description_that_is_not_a_mapping_is_one_problem():
    ctx, server = make()
    assert check_description(ctx, LAYOUT, [VALID], SECRETS) == ["the description must be a mapping of users, installs and plugins"]
    assert server.log == []


def test_an_unknown_part_is_named_with_the_known_ones():
    ctx, _server = make()
    assert check_description(ctx, LAYOUT, changed(customers=[], settings={}), SECRETS) == [
        "unknown parts customers, settings of the description (known: %s)" % PARTS]


# -- options and values -----------------------------------------------------------------------------


@pytest.mark.parametrize("part,entry,problem", [
    ("users", {"id": "bob", "emial": "bob@example.com"}, "users[1] (bob): unknown option emial (known: %s)" % USER_OPTIONS),
    ("users", {"id": "bob", "websites": [{"path": "/home/bob", "vhost": {}}]},
     "users[1] (bob): unknown option websites.vhost (known: %s)" % USER_OPTIONS),
    ("installs", dict(VALID["installs"][1], passwd="admin-password-2"),
     "installs[1] (https://bob.example.com/cloud): unknown option passwd (known: %s)" % INSTALL_OPTIONS),
    ("installs", dict(VALID["installs"][1], db_pass="x", plugins=[]),
     "installs[1] (https://bob.example.com/cloud): unknown options db_pass, plugins (known: %s)" % INSTALL_OPTIONS),
    ("plugins", {"user": "alice", "url": BLOG, "slug": "wordfence", "active": True},
     "plugins[1] (https://alice.example.com/blog wordfence): unknown option active (known: %s)" % PLUGIN_OPTIONS),
], ids=["user", "website", "install-secret", "install-several", "plugin"])
def test_an_unknown_option_names_its_entry_and_the_known_options(part, entry, problem):
    ctx, server = make()
    assert check_description(ctx, LAYOUT, changed(**{part: [VALID[part][0], entry]}), SECRETS) == [problem]
    assert server.log == []


@pytest.mark.parametrize("part,entry,problem", [
    ("users", {"id": "bob", "type": "admin"}, "users[1] (bob): value of type must be one of: user, reseller, got: admin"),
    ("installs", dict(VALID["installs"][1], autoup="sometimes"),
     "installs[1] (https://bob.example.com/cloud): value of autoup must be one of: none, minor, all, got: sometimes"),
    ("installs", dict(VALID["installs"][1], autoup_plugins="minor"),
     "installs[1] (https://bob.example.com/cloud): value of autoup_plugins must be one of: none, all, custom, got: minor"),
    ("plugins", {"user": "alice", "url": BLOG, "slug": "wordfence", "autoup": "minor"},
     "plugins[1] (https://alice.example.com/blog wordfence): value of autoup must be one of: none, all, got: minor"),
])
def test_a_value_outside_its_choices_names_its_entry_and_the_choices(part, entry, problem):
    ctx, _server = make()
    assert check_description(ctx, LAYOUT, changed(**{part: [VALID[part][0], entry]}), SECRETS) == [problem]


@pytest.mark.parametrize("part,entry,problem", [
    ("users", {"id": "bob", "websites": [{"path": "sftp://bob:hunter2@files.example.com/home/bob"}]},
     "users[1] (bob): websites: the path of a website holds a password; give it in website_passwords instead"),
    ("installs", {"url": CLOUD, "app": "nextcloud"},
     "installs[1] (https://bob.example.com/cloud): user (the customer) is needed: give it, or acting_user"),
    ("installs", {"user": "bob", "url": "bob.example.com/cloud", "app": "nextcloud"},
     "installs[1] (bob.example.com/cloud): url 'bob.example.com/cloud' must be a full URL, such as https://example.com/blog"),
    ("plugins", {"user": "alice", "url": BLOG, "slug": "Word Fence"},
     "plugins[1] (https://alice.example.com/blog Word Fence): slug: 'word fence' does not match [a-z0-9][a-z0-9_.-]*"),
])
def test_a_bad_value_is_reported_as_the_module_parses_it(part, entry, problem):
    ctx, server = make()
    assert check_description(ctx, LAYOUT, changed(**{part: [VALID[part][0], entry]}), SECRETS) == [problem]
    assert "hunter2" not in problem
    assert server.log == []


@pytest.mark.parametrize("part,entries,problem", [
    ("users", [{"id": "alice"}, {"id": "bob"}, {"id": " Alice"}],
     "users[2] (alice): user 'alice' is listed twice (also users[0]; compared after normalisation)"),
    ("installs", [VALID["installs"][0], dict(VALID["installs"][0], url="HTTPS://Alice.Example.com/blog/", user="bob")],
     "installs[1] (https://alice.example.com/blog): install 'https://alice.example.com/blog' is listed twice (also installs[0]; "
     "compared after normalisation)"),
    ("plugins", [VALID["plugins"][0], {"user": "alice", "url": "https://ALICE.example.com/blog/", "slug": "Akismet"}],
     "plugins[1] (https://alice.example.com/blog akismet): plugin 'https://alice.example.com/blog akismet' is listed twice "
     "(also plugins[0]; compared after normalisation)"),
])
def test_entries_that_are_the_same_after_normalisation_are_duplicates(part, entries, problem):
    ctx, _server = make()
    assert check_description(ctx, LAYOUT, changed(**{part: entries}), SECRETS) == [problem]


def test_the_same_slug_on_two_installs_is_no_duplicate():
    ctx, server = make()
    plugins = [{"user": "alice", "url": BLOG, "slug": "akismet"}, {"user": "bob", "url": CLOUD, "slug": "akismet"}]
    assert check_description(ctx, LAYOUT, changed(plugins=plugins), SECRETS) == []
    assert server.log == []


# -- references -------------------------------------------------------------------------------------


def test_an_install_user_that_is_neither_described_nor_on_the_server_is_a_problem_and_costs_one_read():
    ctx, server = make(users=SERVER_USERS)
    description = changed(installs=installs(user="carol") + [{"user": "erin", "url": "https://erin.example.com", "app": "joomla"}])
    assert check_description(ctx, LAYOUT, description, SECRETS) == [
        "installs[1] (https://bob.example.com/cloud): user: 'carol' is not in the description or on the server",
        "installs[2] (https://erin.example.com): user: 'erin' is not in the description or on the server"]
    assert server.paths() == [USERS_READ]


def test_an_install_user_that_is_only_on_the_server_is_fine():
    ctx, server = make(users=SERVER_USERS, acting_user="admin")
    assert check_description(ctx, LAYOUT, changed(installs=installs(user="Dave")), SECRETS) == []
    assert server.paths() == [USERS_READ]


def test_a_plugin_user_is_checked_like_an_install_user():
    ctx, server = make(users=SERVER_USERS)
    plugins = [VALID["plugins"][0], dict(VALID["plugins"][1], user="carol"), dict(VALID["plugins"][1], user="dave", slug="jetpack")]
    assert check_description(ctx, LAYOUT, changed(plugins=plugins), SECRETS) == [
        "plugins[1] (https://alice.example.com/blog/ wordfence): user: 'carol' is not in the description or on the server"]
    assert server.paths() == [USERS_READ]


def test_a_plugin_url_naming_no_install_reads_the_installs_of_every_customer_once():
    ctx, server = make(users=SERVER_USERS, installs={"bob": [{"id": "i-1", "installer": "wordpress", "url": "https://bob.example.com/news"}]})
    plugins = [{"user": "alice", "url": "https://alice.example.com/shop", "slug": "akismet"},
               {"user": "alice", "url": "https://alice.example.com/shop", "slug": "wordfence"}]
    assert check_description(ctx, LAYOUT, changed(plugins=plugins), SECRETS) == [
        "plugins[0] (https://alice.example.com/shop akismet): url: 'https://alice.example.com/shop' is not in the description or on the server",
        "plugins[1] (https://alice.example.com/shop wordfence): url: 'https://alice.example.com/shop' is not in the description or on the "
        "server"]
    assert server.paths() == [USERS_READ, "/installs?offset=0&limit=500&user=alice", "/installs?offset=0&limit=500&user=bob",
                              "/installs?offset=0&limit=500&user=dave"]


def test_a_plugin_url_of_an_install_only_on_the_server_is_fine_compared_as_urls():
    ctx, server = make(users=SERVER_USERS[:1],
                       installs={"alice": [{"id": "i-2", "installer": "wordpress", "url": "HTTPS://Alice.Example.com/shop/"}]})
    plugins = [{"user": "alice", "url": "https://alice.example.com/shop", "slug": "akismet"}]
    assert check_description(ctx, LAYOUT, changed(plugins=plugins), SECRETS) == []
    assert server.paths() == [USERS_READ, "/installs?offset=0&limit=500&user=alice"]


def test_a_plugin_url_of_a_described_install_needs_no_request_whatever_its_case_and_slash():
    ctx, server = make()
    plugins = [{"user": "alice", "url": "HTTPS://Alice.example.COM/blog/", "slug": "akismet"}]
    assert check_description(ctx, LAYOUT, changed(plugins=plugins), SECRETS) == []
    assert server.log == []


def test_an_entry_with_a_problem_of_its_own_still_settles_the_references_to_it():
    ctx, server = make()
    description = changed(users=[VALID["users"][0], {"id": "bob", "emial": "bob@example.com"}],
                          installs=installs(autoup="sometimes"))
    assert check_description(ctx, LAYOUT, description, SECRETS) == [
        "users[1] (bob): unknown option emial (known: %s)" % USER_OPTIONS,
        "installs[1] (https://bob.example.com/cloud): value of autoup must be one of: none, minor, all, got: sometimes"]
    assert server.log == []


def test_without_the_server_every_reference_must_be_in_the_description_and_nothing_is_read():
    ctx, server = make(users=SERVER_USERS, installs={"alice": [{"id": "i-2", "installer": "wordpress", "url": "https://alice.example.com/shop"}]})
    plugins = [{"user": "dave", "url": "https://alice.example.com/shop", "slug": "akismet"}]
    description = changed(installs=installs(user="dave"), plugins=plugins)
    assert check_description(ctx, LAYOUT, description, SECRETS, server=False) == [
        "installs[1] (https://bob.example.com/cloud): user: 'dave' is not in the description",
        "plugins[0] (https://alice.example.com/shop akismet): user: 'dave' is not in the description",
        "plugins[0] (https://alice.example.com/shop akismet): url: 'https://alice.example.com/shop' is not in the description"]
    assert server.log == []


# -- secrets ----------------------------------------------------------------------------------------


def test_secret_keys_naming_no_customer_or_install_of_the_description_are_problems():
    ctx, server = make(users=SERVER_USERS, installs={"dave": [{"id": "i-3", "installer": "wordpress", "url": "https://dave.example.com"}]})
    secrets = {"website_passwords": {"Alice ": {REMOTE: "p1"}, "dave": {"/home/dave": "p2"}, "zoe": {"/home/zoe": "p3"}},
               "install_passwords": {"HTTPS://Alice.Example.com/blog/": "p4", "https://alice.example.com/shop": "p5",
                                     "https://dave.example.com": "p6"}}
    assert check_description(ctx, LAYOUT, VALID, secrets) == [
        "secrets.install_passwords: no install of the description is named 'https://alice.example.com/shop', 'https://dave.example.com'",
        "secrets.website_passwords: no customer of the description is named 'dave', 'zoe'"]
    assert server.log == []


def test_install_password_keys_compare_as_urls():
    ctx, _server = make()
    secrets = {"install_passwords": {"HTTPS://Alice.Example.com/blog/": "p1", "https://bob.example.com/cloud/": "p2"}}
    assert check_description(ctx, LAYOUT, VALID, secrets) == []


def test_secrets_that_still_hold_the_export_placeholder_are_problems_naming_where():
    ctx, server = make()
    secrets = {"website_passwords": {"alice": {REMOTE: "REPLACE-WITH-SECRET"}}, "install_passwords": {BLOG: "REPLACE-WITH-SECRET"}}
    assert check_description(ctx, LAYOUT, VALID, secrets) == [
        "secrets.install_passwords.%s still holds the export's placeholder; put the real value in (a vault)" % BLOG,
        "secrets.website_passwords.alice.%s still holds the export's placeholder; put the real value in (a vault)" % REMOTE]
    assert server.log == []


# -- everything at once -----------------------------------------------------------------------------


def test_every_problem_of_every_entry_is_reported_at_once_each_naming_its_entry():
    ctx, server = make(users=SERVER_USERS)
    description = {
        "users": [{"id": "alice", "type": "admin"}, {"id": "bob", "websites": [{"path": "sftp://bob:pw@files.example.com/home/bob"}]}],
        "installs": [{"user": "alice", "url": BLOG, "app": "wordpress", "passwd": "x"}, {"user": "carol", "url": CLOUD, "app": "nextcloud"}],
        "plugins": [{"user": "alice", "url": "https://alice.example.com/shop", "slug": "akismet"}],
        "websites": [],
    }
    secrets = {"website_passwords": {"zoe": {"/home/zoe": "p"}}, "install_passwords": {BLOG: "REPLACE-WITH-SECRET"}}
    assert check_description(ctx, LAYOUT, description, secrets) == [
        "unknown part websites of the description (known: %s)" % PARTS,
        "secrets.install_passwords.%s still holds the export's placeholder; put the real value in (a vault)" % BLOG,
        "users[0] (alice): value of type must be one of: user, reseller, got: admin",
        "users[1] (bob): websites: the path of a website holds a password; give it in website_passwords instead",
        "installs[0] (https://alice.example.com/blog): unknown option passwd (known: %s)" % INSTALL_OPTIONS,
        "installs[1] (https://bob.example.com/cloud): user: 'carol' is not in the description or on the server",
        "plugins[0] (https://alice.example.com/shop akismet): url: 'https://alice.example.com/shop' is not in the description or on the server",
        "secrets.website_passwords: no customer of the description is named 'zoe'"]
    assert server.paths() == [USERS_READ] + ["/installs?offset=0&limit=500&user=%s" % user["id"] for user in SERVER_USERS]


@pytest.mark.parametrize("part,value", [("users", 5), ("installs", "https://alice.example.com/blog"), ("plugins", {"akismet": {}})])
def test_a_part_of_the_wrong_type_is_one_problem_naming_the_part(part, value):
    ctx, _server = make()
    problems = check_description(ctx, LAYOUT, {part: value}, {})
    assert [problem.split(":")[0] for problem in problems] == [part]


# -- the module body --------------------------------------------------------------------------------


class Run:
    """What ``validate`` uses of a module run."""

    def __init__(self, **params):
        self.params = dict({"description": VALID, "secrets": SECRETS, "check_server": True}, **params)

    @staticmethod
    def fail(error, **result):
        raise error.__class__("%s | %s" % (error, result["problems"]))


def test_check_server_false_sends_no_request_at_all():
    ctx, server = make(users=SERVER_USERS)
    body = validate(Run(description=changed(installs=installs(user="dave")), check_server=False), LAYOUT)
    with pytest.raises(ResourceError, match=r"the description has 1 problem: installs\[1\] \(https://bob.example.com/cloud\): user: "
                                            r"'dave' is not in the description \|"):
        body(ctx)
    assert server.log == []


def test_check_server_reads_the_customers_once_for_the_probe_and_every_reference():
    ctx, server = make(users=SERVER_USERS)
    result = validate(Run(description=changed(installs=installs(user="dave"))), LAYOUT)(ctx)
    assert result == {"changed": False, "problems": [], "counts": {"users": 2, "installs": 2, "plugins": 2}}
    assert server.paths() == [USERS_READ]


def test_a_wrong_key_fails_at_the_probe():
    ctx, server = make()
    server.on("GET", "/users", (403, {"result": False, "status": 403, "errcode": "invalid_api_key", "errfield": None, "message": "Bad key."}))
    with pytest.raises(Exception, match="invalid_api_key"):
        validate(Run(), LAYOUT)(ctx)
    assert server.paths() == [USERS_READ]

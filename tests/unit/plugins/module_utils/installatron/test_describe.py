# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A whole Installatron server as a description: sorted by identity, versions and the database the server chose left out,
defaults left out when minimal, no secret anywhere, and a secrets skeleton for the remote websites only."""

from __future__ import annotations

import json

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import PLACEHOLDER, check_description
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron import client as client_module
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.description import KEPT, _described, describe
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.installs import Installs
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.layout import LAYOUT

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.installatron.fake_installatron import make

SITE_PASSWORD = "site-secret-9"
DB_PASSWORDS = ("db-secret-1", "db-secret-2")
BLANK_WEBSITE = {"vhosts": {}, "label": "", "email": "", "server": "", "vhost_ip": "", "path_backups": "", "uid": None, "gid": None,
                 "mysql_host": "", "language": "", "suspended": False}
ALICE = {"id": "alice", "email": "alice@example.com", "type": "user", "parent": "", "package": "", "language": "", "suspended": False,
         "websites": [dict(BLANK_WEBSITE, path="sftp://alice:%s@Files.example.com/home/alice/" % SITE_PASSWORD,
                           vhosts={"https://Alice.example.com": "public_html"}, label="Alice")]}
BOB = {"id": "bob", "email": "bob@example.com", "type": "user", "parent": "", "package": "", "language": "de", "suspended": True,
       "websites": [dict(BLANK_WEBSITE, path="/home/bob", vhosts={"https://bob.example.com": "www"}, uid=1001, gid=1001)]}
# v1 field names
WORDPRESS = {
    "id": "i-wp", "installer": "wordpress", "version": "6.5.2", "language": "en", "time": "1712345678", "owner": "alice",
    "path": "/home/alice/public_html/blog", "url": "https://alice.example.com/blog", "url-domain": "alice.example.com",
    "db-host": "localhost", "db-type": "mysql", "db-name": "alice_wp", "db-user": "alice_wp", "db-pass": DB_PASSWORDS[0], "db-prefix": "wp_",
    "title": "Blog", "autoup": "all", "bkloc": "", "autobk": "", "notification": ["update_available", "backup_failed"],
    "cf-login": "admin", "cf-email": "alice@example.com", "cf-sitetitle": "Alice's blog", "autoup_plugins": "all", "autoup_themes": "none",
    "autoup_backup": "all",
}
# v2 field names
NEXTCLOUD = {
    "id": "i-nc", "app": "nextcloud", "version": "28.0.1", "language": "en", "time": "1712345999", "user": "bob",
    "path": "/home/bob/www/cloud", "url": "https://bob.example.com/cloud", "url_domain": "bob.example.com", "db_host": "localhost",
    "db_type": "mysql", "db_name": "bob_nc", "db_user": "bob_nc", "db_pass": DB_PASSWORDS[1], "db_prefix": "oc_", "title": "Cloud",
    "autoup": "", "bkloc": "", "autobk": "", "notification": [], "login": "admin", "email": "bob@example.com", "sitetitle": "",
}
PLUGINS = [{"id": "wordfence", "name": "Wordfence", "version": "7.11.0", "activated": False, "autoup": "all"},
           {"id": "akismet", "name": "Akismet", "version": "5.3", "activated": True, "autoup": "none"}]
BLOG = "https://alice.example.com/blog"
CLOUD = "https://bob.example.com/cloud"
REMOTE = "sftp://alice@files.example.com/home/alice"
REQUESTS = ["/users?offset=0&limit=500", "/users/bob", "/users/alice", "/installs?offset=0&limit=500&user=alice",
            "/installs?offset=0&limit=500&user=bob", "/installs/i-wp/plugins?offset=0&limit=500&user=alice"]


def server(wordpress=None):
    """Two customers (listed without their websites, bob first), a WordPress and a Nextcloud install, two plugins."""
    return make(users=[BOB, ALICE], installs={"alice": [wordpress or WORDPRESS], "bob": [NEXTCLOUD]}, plugins={"i-wp": PLUGINS},
                list_full=False)


@pytest.fixture
def described():
    ctx, fake = server()
    description, secrets = describe(ctx)
    return description, secrets, fake


@pytest.fixture
def minimal():
    ctx, fake = server()
    description, secrets = describe(ctx, minimal=True)
    return description, secrets, fake


def test_customers_are_sorted_with_every_set_value_and_their_websites_without_credentials(described):
    assert described[0]["users"] == [
        {"id": "alice", "email": "alice@example.com", "type": "user", "suspended": False,
         "websites": [{"path": REMOTE, "vhosts": {"https://alice.example.com": "public_html"}, "label": "Alice"}]},
        {"id": "bob", "email": "bob@example.com", "type": "user", "language": "de", "suspended": True,
         "websites": [{"path": "/home/bob", "vhosts": {"https://bob.example.com": "www"}, "uid": 1001, "gid": 1001}]},
    ]


def test_installs_are_sorted_read_under_v1_and_v2_names_without_versions_or_database(described):
    assert described[0]["installs"] == [
        {"user": "alice", "url": BLOG, "app": "wordpress", "language": "en", "autoup": "all", "autoup_plugins": "all",
         "autoup_themes": "none", "autoup_backup": "all", "notification": ["backup_failed", "update_available"], "login": "admin",
         "email": "alice@example.com", "sitetitle": "Alice's blog"},
        {"user": "bob", "url": CLOUD, "app": "nextcloud", "language": "en", "autoup": "minor", "notification": [], "login": "admin",
         "email": "bob@example.com"},
    ]
    for install in described[0]["installs"]:
        assert not set(install) & {"id", "version", "path", "db_host", "db_name", "db_user", "db_prefix", "passwd", "db_pass"}


def test_plugins_of_wordpress_installs_are_sorted_by_install_and_slug(described):
    assert described[0]["plugins"] == [
        {"user": "alice", "url": BLOG, "slug": "akismet", "activated": True, "autoup": "none"},
        {"user": "alice", "url": BLOG, "slug": "wordfence", "activated": False, "autoup": "all"},
    ]


def test_minimal_drops_the_defaults(minimal):
    assert minimal[0] == {
        "users": [
            {"id": "alice", "email": "alice@example.com",
             "websites": [{"path": REMOTE, "vhosts": {"https://alice.example.com": "public_html"}, "label": "Alice"}]},
            {"id": "bob", "email": "bob@example.com", "language": "de", "suspended": True,
             "websites": [{"path": "/home/bob", "vhosts": {"https://bob.example.com": "www"}, "uid": 1001, "gid": 1001}]},
        ],
        "installs": [
            {"user": "alice", "url": BLOG, "app": "wordpress", "language": "en", "autoup": "all", "autoup_plugins": "all",
             "autoup_themes": "none", "autoup_backup": "all", "notification": ["backup_failed", "update_available"], "login": "admin",
             "email": "alice@example.com", "sitetitle": "Alice's blog"},
            {"user": "bob", "url": CLOUD, "app": "nextcloud", "language": "en", "login": "admin", "email": "bob@example.com"},
        ],
        "plugins": [
            {"user": "alice", "url": BLOG, "slug": "akismet", "autoup": "none"},
            {"user": "alice", "url": BLOG, "slug": "wordfence", "activated": False, "autoup": "all"},
        ],
    }


def test_minimal_keeps_what_says_what_an_object_is_even_when_empty():
    assert KEPT == ("id", "user", "url", "app", "slug")
    assert _described(Installs.fields, {"user": "alice", "url": "", "app": "", "autoup": "minor", "login": ""}, True) == {
        "user": "alice", "url": "", "app": ""}
    assert _described(Installs.fields, {"user": "alice", "url": "", "app": "", "autoup": "minor", "login": ""}, False) == {
        "user": "alice", "url": "", "app": "", "autoup": "minor", "login": ""}


@pytest.mark.parametrize("mode", ["described", "minimal"])
def test_the_secrets_skeleton_has_a_placeholder_for_the_sftp_website_only(request, mode):
    assert request.getfixturevalue(mode)[1] == {"website_passwords": {"alice": {REMOTE: PLACEHOLDER}}, "install_passwords": {}}


@pytest.mark.parametrize("mode", ["described", "minimal"])
def test_no_secret_appears_and_the_export_costs_six_reads(request, mode):
    description, secrets, fake = request.getfixturevalue(mode)
    text = repr((description, secrets))
    assert [secret for secret in (SITE_PASSWORD,) + DB_PASSWORDS if secret in text] == []
    assert fake.paths() == REQUESTS
    assert fake.writes() == []


def test_a_whole_customer_list_needs_no_read_per_customer():
    ctx, fake = make(users=[BOB, ALICE], installs={"alice": [WORDPRESS], "bob": [NEXTCLOUD]}, plugins={"i-wp": PLUGINS})
    described = describe(ctx)
    assert described == describe(server()[0])
    assert fake.paths() == [path for path in REQUESTS if not path.startswith("/users/")]


def test_an_install_url_the_server_writes_differently_still_finds_its_plugins():
    ctx, fake = server(dict(WORDPRESS, url="HTTPS://Alice.Example.com/blog/"))
    description, _secrets = describe(ctx)
    assert [install["url"] for install in description["installs"]] == [BLOG, CLOUD]
    assert [(plugin["url"], plugin["slug"]) for plugin in description["plugins"]] == [(BLOG, "akismet"), (BLOG, "wordfence")]
    assert fake.paths() == REQUESTS


def test_every_page_of_plugins_is_read(monkeypatch):
    monkeypatch.setattr(client_module, "PAGE_SIZE", 1)
    ctx, fake = server()
    fake.on("GET", "/installs/i-wp/plugins", (200, {"result": True, "status": 200, "errcode": None, "data": PLUGINS[:1], "has_more": True}),
            (200, {"result": True, "status": 200, "errcode": None, "data": PLUGINS[1:], "has_more": False}))
    description, _secrets = describe(ctx)
    assert [plugin["slug"] for plugin in description["plugins"]] == ["akismet", "wordfence"]
    assert fake.paths()[-2:] == ["/installs/i-wp/plugins?offset=0&limit=1&user=alice", "/installs/i-wp/plugins?offset=1&limit=1&user=alice"]


@pytest.mark.parametrize("mode", ["described", "minimal"])
def test_an_export_passes_the_description_check_once_its_secrets_are_filled_in_without_a_request(request, mode):
    description, secrets, _fake = request.getfixturevalue(mode)
    ctx, fake = server()
    assert check_description(ctx, LAYOUT, description, secrets) == [
        "secrets.website_passwords.alice.%s still holds the export's placeholder; put the real value in (a vault)" % REMOTE]
    filled = json.loads(json.dumps(secrets).replace(PLACEHOLDER, "a-real-secret"))
    assert check_description(ctx, LAYOUT, description, filled) == []
    assert fake.log == []

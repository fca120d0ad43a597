# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installatron installs: URLs as compared, install objects read under their v1 and v2 names, the task an answer
names, and the checks of an entry before any request."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.context import Context
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.installs import Installs, canonical, task_id, url

V1 = {
    "id": "i-wp", "installer": "wordpress", "version": "6.5.2", "language": "en", "time": "1712345678", "owner": "alice",
    "path": "/home/alice/public_html/blog", "url": "https://alice.example.com/blog", "url-domain": "alice.example.com",
    "db-host": "localhost", "db-type": "mysql", "db-name": "alice_wp", "db-user": "alice_wp", "db-pass": "db-secret-1", "db-prefix": "wp_",
    "title": "Blog", "autoup": "all", "bkloc": "", "autobk": "", "notification": ["update_available", "backup_failed"],
    "cf-login": "admin", "cf-email": "alice@example.com", "cf-sitetitle": "Alice's blog", "cf-sitetagline": "Notes",
    "autoup-plugins": "all", "autoup-themes": "none", "autoup-backup": "all",
}
V2 = {
    "id": "i-wp", "app": "wordpress", "version": "6.5.2", "language": "en", "time": "1712345678", "user": "alice",
    "path": "/home/alice/public_html/blog", "url": "https://alice.example.com/blog", "url_domain": "alice.example.com",
    "db_host": "localhost", "db_type": "mysql", "db_name": "alice_wp", "db_user": "alice_wp", "db_pass": "db-secret-1", "db_prefix": "wp_",
    "title": "Blog", "autoup": "all", "bkloc": "", "autobk": "", "notification": ["update_available", "backup_failed"],
    "login": "admin", "email": "alice@example.com", "sitetitle": "Alice's blog", "sitetagline": "Notes",
    "autoup_plugins": "all", "autoup_themes": "none", "autoup_backup": "all",
}
READ = {
    "id": "i-wp", "user": "alice", "url": "https://alice.example.com/blog", "app": "wordpress", "version": "6.5.2", "language": "en",
    "autoup": "all", "autoup_plugins": "all", "autoup_themes": "none", "autoup_backup": "all",
    "notification": ["backup_failed", "update_available"], "login": "admin", "email": "alice@example.com", "sitetitle": "Alice's blog",
    "sitetagline": "Notes", "bkloc": None, "autobk": None, "db_host": "localhost", "db_name": "alice_wp", "db_user": "alice_wp",
    "db_prefix": "wp_", "path": "/home/alice/public_html/blog",
}


# -- URLs -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("given,expected", [
    ("https://alice.example.com/blog", "https://alice.example.com/blog"),
    ("HTTPS://Alice.Example.COM/blog/", "https://alice.example.com/blog"),
    (" https://alice.example.com/ ", "https://alice.example.com"),
    ("https://alice.example.com", "https://alice.example.com"),
    ("http://Alice.example.com:8080/Blog/Sub/", "http://alice.example.com:8080/Blog/Sub"),
    ("alice.example.com/blog/", "alice.example.com/blog"),
    ("", ""),
    (None, ""),
])
def test_urls_compare_without_case_in_scheme_and_host_and_without_a_trailing_slash(given, expected):
    assert url(given) == expected


def test_the_path_of_a_url_keeps_its_case():
    assert url("https://alice.example.com/Blog") != url("https://alice.example.com/blog")


# -- install objects --------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [V1, V2], ids=["v1", "v2"])
def test_an_install_object_is_read_under_its_v1_and_v2_names(raw):
    assert canonical(raw, "someone-else") == READ


def test_the_database_password_is_never_read():
    for raw in (V1, V2):
        assert "db-secret-1" not in repr(canonical(raw, "alice"))


def test_an_install_object_without_owner_belongs_to_the_customer_it_was_listed_for_and_autoup_defaults_to_minor():
    found = canonical({"id": "i-nc", "installer": "nextcloud", "url": "https://bob.example.com/cloud", "autoup": ""}, "bob")
    assert (found["user"], found["autoup"], found["notification"], found["login"]) == ("bob", "minor", [], None)


def test_the_v1_name_wins_when_an_object_carries_both():
    raw = dict(V2, installer="joomla", owner="carol")
    assert (canonical(raw, "x")["app"], canonical(raw, "x")["user"]) == ("joomla", "carol")


def test_the_url_of_an_install_object_is_read_as_urls_compare():
    raw = dict(V1, url="HTTPS://Alice.Example.com/blog/")
    assert canonical(raw, "alice")["url"] == "https://alice.example.com/blog"
    assert canonical(dict(V1, url=""), "alice")["url"] is None


# -- tasks ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("answer,expected", [
    ({"data": {"id": "i-1"}, "task": {"id": "t-1", "status": "queued"}}, "t-1"),
    ({"data": {"id": "i-1", "task": {"id": "t-2"}}}, "t-2"),
    ({"data": {"id": "i-1", "task": "t-3"}}, "t-3"),
    ({"data": None, "task": "t-4"}, "t-4"),
    ({"data": {"id": "i-1"}}, None),
    ({"data": None}, None),
    ({"data": "https://alice.example.com/blog/wp-login.php"}, None),
    ({}, None),
], ids=["v1-task-object-beside-data", "task-object-in-data", "task-id-in-data", "task-id-beside-data", "v2-no-task", "v2-no-data",
        "data-a-string", "empty"])
def test_task_id_of_the_v1_and_v2_answer_shapes(answer, expected):
    assert task_id(answer) == expected


# -- checks before any request ----------------------------------------------------------------------


@pytest.mark.parametrize("item,problems", [
    ({"user": "alice", "url": "https://alice.example.com/blog", "app": "wordpress"}, []),
    ({"url": "https://alice.example.com/blog", "app": "wordpress"}, ["user (the customer) is needed: give it, or acting_user"]),
    ({"user": "alice", "url": "alice.example.com/blog"},
     ["url 'alice.example.com/blog' must be a full URL, such as https://example.com/blog"]),
    ({"url": "/blog"}, ["user (the customer) is needed: give it, or acting_user",
                        "url '/blog' must be a full URL, such as https://example.com/blog"]),
])
def test_validate(item, problems):
    assert Installs.validate(item) == problems


def test_the_engine_names_the_entry_of_each_problem_and_normalises_first():
    entries = [{"user": "Alice", "url": "HTTPS://Alice.example.com/blog/", "app": "wordpress", "autoup": "all"},
               {"url": "https://bob.example.com/cloud", "app": "nextcloud"},
               {"user": "alice", "url": "https://alice.example.com/blog", "app": "wordpress"}]
    with pytest.raises(ResourceError) as info:
        Engine(Installs(), Context()).items(entries, option="config")
    assert str(info.value) == (
        "config[1] (https://bob.example.com/cloud): user (the customer) is needed: give it, or acting_user; "
        "config[2] (https://alice.example.com/blog): install 'https://alice.example.com/blog' is listed twice (also config[0]; "
        "compared after normalisation)")


def test_a_valid_entry_is_normalised():
    items = Engine(Installs(), Context()).items([{"user": " Alice ", "url": "HTTPS://Alice.example.com/blog/", "app": " wordpress ",
                                                  "notification": [" update_available "]}])
    assert items == [{"user": "alice", "url": "https://alice.example.com/blog", "app": "wordpress", "notification": ["update_available"]}]

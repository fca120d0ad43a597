# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installatron customers: website paths compared without credentials, passwords put back URL-encoded only when sent,
websites order-free, and a websites change refused before any write when it would lose remote passwords."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.context import Context
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import UPDATE, Change, Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.users import (
    Users, no_passwords_in_paths, website, websites, with_password, without_credentials,
)

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.installatron.fake_installatron import make

REMOTE = "sftp://bob@files.example.com/home/bob"
PASSWORD = "p@ss:w/rd 100%?#&"


def served(user_id, *sites, **values):
    """A user as the server answers it: every key, "" or null when unset."""
    user = {"id": user_id, "email": "%s@example.com" % user_id, "type": "user", "parent": "", "package": "", "language": "",
            "suspended": False, "websites": []}
    user.update(values)
    for site in sites:
        user["websites"].append(dict({"vhosts": {}, "label": "", "email": "", "server": "", "vhost_ip": "", "path_backups": "",
                                      "uid": None, "gid": None, "mysql_host": "", "language": "", "suspended": False}, **site))
    return user


# -- paths ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("given,expected", [
    ("sftp://bob:secret@Files.Example.COM/home/bob/", REMOTE),
    ("SFTP://bob@files.example.com/home/bob", REMOTE),
    (" sftp://bob:secret@files.example.com:2222/home/bob ", "sftp://bob@files.example.com:2222/home/bob"),
    ("ftp://files.example.com", "ftp://files.example.com/"),
    ("ftps://ann:x@ftp.example.com/Sites/Ann/", "ftps://ann@ftp.example.com/Sites/Ann"),
    ("ssh://bob%40corp:p%40ss@ssh.example.com/srv", "ssh://bob%40corp@ssh.example.com/srv"),
    ("sftp://bob:secret@[2001:DB8::1]:22/home/bob", "sftp://bob@[2001:db8::1]:22/home/bob"),
    ("/home/Bob/", "/home/Bob"),
    ("/", "/"),
])
def test_a_path_is_compared_without_its_password_with_a_lower_case_scheme_and_host_and_no_trailing_slash(given, expected):
    assert without_credentials(given) == expected


@pytest.mark.parametrize("path,sent", [
    (REMOTE, "sftp://bob:p%40ss%3Aw%2Frd%20100%25%3F%23%26@files.example.com/home/bob"),
    ("sftp://bob@files.example.com:2222/home/bob", "sftp://bob:p%40ss%3Aw%2Frd%20100%25%3F%23%26@files.example.com:2222/home/bob"),
    ("ssh://bob%40corp@ssh.example.com/srv", "ssh://bob%40corp:p%40ss%3Aw%2Frd%20100%25%3F%23%26@ssh.example.com/srv"),
    ("sftp://bob@[2001:db8::1]:22/home/bob", "sftp://bob:p%40ss%3Aw%2Frd%20100%25%3F%23%26@[2001:db8::1]:22/home/bob"),
])
def test_with_password_url_encodes_the_password_and_the_login(path, sent):
    result = with_password(path, PASSWORD)
    assert result == sent
    assert unquote(urlsplit(result).password) == PASSWORD
    assert without_credentials(result) == path


def test_with_password_replaces_a_password_already_in_the_path():
    assert with_password("sftp://bob:old@files.example.com/home/bob", "new") == "sftp://bob:new@files.example.com/home/bob"


# -- websites ---------------------------------------------------------------------------------------


def test_a_website_keeps_known_set_values_only_with_lower_case_vhosts():
    answered = served("bob", {"path": "sftp://bob:secret@Files.Example.com/home/bob/", "vhosts": {"HTTPS://Bob.Example.com/": "public_html"},
                              "label": "Bob", "uid": 0, "suspended": True, "databases": [{"type": "mysql", "pass": "db-secret"}]})
    assert website(answered["websites"][0]) == {"path": REMOTE, "vhosts": {"https://bob.example.com": "public_html"}, "label": "Bob",
                                                "uid": 0, "suspended": True}


@pytest.mark.parametrize("unset", [
    {"vhosts": None}, {"vhosts": {}}, {"label": ""}, {"label": None}, {"uid": None}, {"suspended": False}, {"mysql_host": ""},
])
def test_an_unset_value_is_dropped_as_the_server_answers_it(unset):
    assert website(dict({"path": "/home/bob"}, **unset)) == {"path": "/home/bob"}


def test_a_website_without_vhosts_compares_equal_to_the_servers_answer():
    wanted = {"path": "/home/carol", "vhosts": None, "label": None, "uid": None, "suspended": None}
    assert websites([wanted]) == websites(served("carol", {"path": "/home/carol"})["websites"])


def test_websites_are_order_free():
    first = {"path": "/home/bob/www", "vhosts": {"https://www.example.com": "html"}}
    second = {"path": "sftp://bob@Files.example.com/home/bob/", "label": "files"}
    assert websites([first, second]) == websites([second, first]) == [
        {"path": "/home/bob/www", "vhosts": {"https://www.example.com": "html"}}, {"path": REMOTE, "label": "files"}]
    assert websites(None) == []


@pytest.mark.parametrize("value", [
    [{"path": REMOTE}], [{"path": "/home/bob"}], [{"path": "sftp://bob:@files.example.com/home/bob"}], [], None,
])
def test_paths_without_a_password_are_accepted(value):
    assert no_passwords_in_paths(value) is value


def test_a_password_in_a_path_is_refused():
    with pytest.raises(ValueError, match="the path of a website holds a password; give it in website_passwords instead"):
        no_passwords_in_paths([{"path": "/home/bob"}, {"path": "sftp://bob:secret@files.example.com/home/bob"}])


def test_a_password_in_a_path_is_refused_by_the_engine_without_echoing_it():
    with pytest.raises(ResourceError) as info:
        Engine(Users(), Context()).items([{"id": "bob", "websites": [{"path": "sftp://bob:hunter2@files.example.com/home/bob"}]}],
                                         option="config")
    assert str(info.value) == "config[0] (bob): websites: the path of a website holds a password; give it in website_passwords instead"
    assert "hunter2" not in str(info.value)


# -- website_passwords ------------------------------------------------------------------------------


def test_website_passwords_for_paths_of_its_websites_are_fine_compared_as_paths():
    item = {"id": "bob", "websites": websites([{"path": REMOTE}, {"path": "/home/bob"}]),
            "website_passwords": {"SFTP://bob@FILES.example.com/home/bob/": "secret"}}
    assert Users.validate(item) == []
    assert Users.validate({"id": "bob"}) == []


def test_website_passwords_for_a_path_no_website_has_are_a_problem():
    item = {"id": "bob", "websites": websites([{"path": REMOTE}]),
            "website_passwords": {REMOTE: "secret", "sftp://bob@other.example.com/x": "s2", "ftp://bob@files.example.com/": "s3"}}
    assert Users.validate(item) == ["website_passwords: no website has the path ftp://bob@files.example.com/, sftp://bob@other.example.com/x"]
    assert Users.validate({"id": "bob", "website_passwords": {REMOTE: "secret"}}) == ["website_passwords: no website has the path " + REMOTE]


def test_stray_website_passwords_are_reported_by_the_engine_naming_the_entry():
    entry = {"id": "bob", "websites": [{"path": REMOTE}], "website_passwords": {"sftp://bob@old.example.com/home/bob": "secret"}}
    with pytest.raises(ResourceError) as info:
        Engine(Users(), Context()).items([entry], option="config")
    assert str(info.value) == "config[0] (bob): website_passwords: no website has the path sftp://bob@old.example.com/home/bob"
    assert "secret" not in str(info.value)


def test_the_body_puts_each_password_url_encoded_into_its_remote_path_only():
    item = {"id": "bob", "websites": websites([{"path": REMOTE, "label": "files"}, {"path": "/home/bob"}]),
            "website_passwords": {"sftp://bob@Files.example.com/home/bob/": PASSWORD, "/home/bob": "ignored"}}
    body = Users.body(item, {"websites": item["websites"], "email": "bob@example.com"})
    assert body == {"email": "bob@example.com", "websites": [
        {"path": "/home/bob"}, {"path": with_password(REMOTE, PASSWORD), "label": "files"}]}


# -- a websites change needs the remote passwords ---------------------------------------------------


def change(item, writes):
    return Change(UPDATE, item["id"], item=item, writes=writes)


def test_changing_websites_without_the_remote_passwords_is_refused():
    item = {"id": "bob", "websites": websites([{"path": REMOTE}, {"path": "ftp://bob@ftp.example.com/www"}, {"path": "/home/bob"}]),
            "website_passwords": {"ftp://bob@FTP.example.com/www/": "secret"}}
    with pytest.raises(ResourceError) as info:
        Users.check_updates(None, [change(item, {"websites": item["websites"]})])
    assert str(info.value) == ("user 'bob': changing websites needs the passwords of %s in website_passwords: the server replaces the "
                               "whole definition and cannot give them back" % REMOTE)


@pytest.mark.parametrize("item,writes", [
    ({"id": "bob", "websites": websites([{"path": REMOTE}]), "website_passwords": {REMOTE + "/": "secret"}}, {"websites": None}),
    ({"id": "bob", "websites": websites([{"path": "/home/bob"}])}, {"websites": None}),
    ({"id": "bob", "websites": websites([{"path": REMOTE}])}, {"email": None}),
], ids=["passwords-given", "local-only", "websites-not-written"])
def test_a_change_that_keeps_every_remote_password_is_allowed(item, writes):
    Users.check_updates(None, [change(item, writes)])


def test_the_plan_refuses_a_websites_change_without_the_password_before_any_write():
    ctx, server = make([served("bob", {"path": REMOTE, "vhosts": {"https://bob.example.com": "www"}})])
    engine = Engine(Users(), ctx)
    items = engine.items([{"id": "bob", "websites": [{"path": REMOTE, "vhosts": {"https://bob.example.com": "public_html"}}]}])
    with pytest.raises(ResourceError, match="user 'bob': changing websites needs the passwords of %s" % REMOTE):
        engine.plan(items, "present")
    assert server.writes() == []


def test_a_website_without_vhosts_plans_no_change():
    ctx, server = make([served("carol", {"path": "/home/carol"})])
    engine = Engine(Users(), ctx)
    assert engine.plan(engine.items([{"id": "carol", "email": "carol@example.com", "websites": [{"path": "/home/carol/"}]}]), "present") == []
    assert [entry[1] for entry in server.log] == ["/users?offset=0&limit=500"]

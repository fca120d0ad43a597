# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Users and their websites: list, view, create, edit, delete; the path credential and list switches."""

import pytest

pytest.register_assert_rewrite("isim")

from isim import BOB, BOB_PATH  # noqa: E402

pytest_plugins = ["isim"]  # the fixtures

WEBSITE = {"path": "ftps://exampleuser:examplepassword@website.com/public_html", "vhosts": {"http://website.com": ""},
           "label": "main", "email": "web@website.com", "server": "web1", "vhost_ip": "192.0.2.10",
           "path_backups": "/backups", "mysql_host": "db.website.com", "language": "de", "suspended": False}


def test_create_and_read_back(isim):
    body = {"id": "useraccountname", "email": "u@website.com", "type": "reseller", "parent": "admin",
            "package": "gold", "language": "en", "suspended": True, "websites": [WEBSITE]}
    created = isim.ok("POST", "/users", body)
    assert created == isim.ok("GET", "/users/useraccountname")
    assert {k: created[k] for k in ("id", "email", "type", "parent", "package", "language", "suspended")} == {
        "id": "useraccountname", "email": "u@website.com", "type": "reseller", "parent": "admin", "package": "gold",
        "language": "en", "suspended": True}
    website = created["websites"][0]
    assert website == dict(WEBSITE, path="ftps://exampleuser@website.com/public_html", uid=None, gid=None)
    # the state keeps what was sent, credentials included
    assert isim.state()["users"][0]["websites"][0]["path"] == WEBSITE["path"]


def test_defaults(isim):
    assert isim.ok("POST", "/users", {"id": "plain"}) == {
        "id": "plain", "email": "", "type": "user", "parent": "", "package": "", "language": "", "suspended": False,
        "websites": []}


@pytest.mark.parametrize("body, errcode", [
    ({}, "empty_argument_id"),
    ({"id": ""}, "empty_argument_id"),
    ({"id": "has space"}, "invalid_argument_id"),
    ({"id": "x", "type": "admin"}, "invalid_argument_type"),
    ({"id": "x", "email": "nope"}, "invalid_argument_email"),
    ({"id": "x", "websites": "no"}, "invalid_argument_websites"),
    ({"id": "x", "websites": [{"vhosts": {}}]}, "invalid_argument_websites"),
    ({"id": "x", "websites": [{"path": "relative/dir"}]}, "invalid_argument_websites"),
    ({"id": "x", "websites": [{"path": "http://host/dir"}]}, "invalid_argument_websites"),
    ({"id": "x", "websites": [{"path": "sftp://u:p@ss@host/dir"}]}, "invalid_argument_websites"),
    ({"id": "x", "websites": [{"path": "/home/x", "vhosts": {"website.com": ""}}]}, "invalid_argument_websites"),
    ({"id": "x", "websites": [{"path": "/home/x", "vhosts": {"https://website.com/sub": ""}}]}, "invalid_argument_websites"),
    ({"id": "x", "websites": [{"path": "/home/x", "uid": "root"}]}, "invalid_argument_websites"),
    ({"id": "x", "websites": [{"path": "/home/x", "colour": "red"}]}, "invalid_argument_websites"),
])
def test_create_errors(isim, body, errcode):
    result = isim.call("POST", "/users", body)
    assert result.errcode == (400, errcode), result.body
    assert result.body["errfield"] == errcode.split("_argument_")[1]
    assert isim.state()["users"] == []


def test_an_existing_id_is_invalid_argument_id(bob):
    result = bob.call("POST", "/users", {"id": "bob"})
    assert result.errcode == (400, "invalid_argument_id") and "exists" in result.body["message"]


def test_edit_changes_given_fields_and_replaces_websites(bob):
    edited = bob.ok("POST", "/users/bob", {"email": "new@bob.example", "websites": [{"path": "/home/bob"}]})
    assert edited["email"] == "new@bob.example" and edited["type"] == "user"
    assert [w["path"] for w in edited["websites"]] == ["/home/bob"]
    assert bob.ok("POST", "/users/bob", {"suspended": True})["websites"][0]["path"] == "/home/bob"
    assert bob.call("POST", "/users/bob", {"id": "robert"}).errcode == (400, "invalid_argument_id")
    assert bob.call("POST", "/users/ghost", {"email": "a@b.example"}).errcode == (404, "user_not_found")


def test_unknown_user(isim):
    result = isim.call("GET", "/users/ghost")
    assert result.errcode == (404, "user_not_found") and result.body["result"] is False
    assert isim.call("DELETE", "/users/ghost").errcode == (404, "user_not_found")


def test_list_pagination(isim):
    for name in ("u3", "u1", "u2", "u5", "u4"):
        isim.ok("POST", "/users", {"id": name})
    body = isim.call("GET", "/users", {"offset": 1, "limit": 2}).body
    assert ([u["id"] for u in body["data"]], body["total_count"], body["has_more"]) == (["u2", "u3"], 5, True)
    body = isim.call("GET", "/users", {"offset": 3}).body
    assert ([u["id"] for u in body["data"]], body["has_more"]) == (["u4", "u5"], False)
    assert isim.call("GET", "/users", {"offset": 9}).body["data"] == []
    for bad in ({"offset": -1}, {"offset": "x"}, {"limit": 0}, {"limit": "1.5"}):
        name = list(bad)[0]
        assert isim.call("GET", "/users", bad).errcode == (400, "invalid_argument_" + name)


def test_user_list_full_switch(bob):
    assert bob.ok("GET", "/users")[0]["websites"][0]["label"] == "bob.example"
    bob.control("POST", "/switches", {"user_list_full": False})
    assert bob.ok("GET", "/users") == [{"id": "bob", "type": "user", "email": "bob@bob.example", "suspended": False}]
    assert bob.ok("GET", "/users/bob")["websites"]


@pytest.mark.parametrize("mode, shown", [
    ("user", "sftp://bob@files.bob.example/home/bob"),
    ("none", "sftp://files.bob.example/home/bob"),
    ("all", BOB_PATH),
])
def test_echo_path_credentials_switch(bob, mode, shown):
    bob.control("POST", "/switches", {"echo_path_credentials": mode})
    assert bob.ok("GET", "/users/bob")["websites"][0]["path"] == shown
    assert bob.ok("GET", "/users")[0]["websites"][0]["path"] == shown
    # local paths have no credentials
    assert bob.ok("POST", "/users/bob", {"websites": [{"path": "/home/bob"}]})["websites"][0]["path"] == "/home/bob"


def test_user_language_field_switch(isim):
    isim.ok("POST", "/users", {"id": "lena", "language": "nl"})
    isim.control("POST", "/switches", {"user_language_field": "locale"})
    data = isim.ok("GET", "/users/lena")
    assert data["locale"] == "nl" and "language" not in data


def test_delete_forgets_the_user_its_installs_and_backups(bob):
    install = bob.install()
    bob.ok("POST", "/installs/%s/backup" % install["id"])
    assert bob.ok("DELETE", "/users/bob") is None
    state = bob.state()
    assert (state["users"], state["installs"], state["backups"]) == ([], [], [])
    assert [t["cmd"] for t in state["tasks"]] == ["browser/install", "installs/backup", "users/delete"]
    assert state["tasks"][-1]["user"] == "bob" and state["tasks"][-1]["status"] == "complete"


def test_delete_dryrun_and_background(bob):
    assert bob.call("DELETE", "/users/bob", {"dryrun": "all"}).errcode == (200, "complete_dryrun")
    assert bob.call("DELETE", "/users/bob", {"dryrun": "maybe"}).errcode == (400, "invalid_argument_dryrun")
    assert bob.state()["users"] and not bob.state()["tasks"]
    body = bob.call("DELETE", "/users/bob", {"background": "true"}).body
    assert body["data"] is None and body["task"]["cmd"] == "users/delete"
    assert bob.ok("GET", "/users/bob")["id"] == "bob"      # still there until the task ends
    bob.wait_tasks()
    assert bob.call("GET", "/users/bob").errcode == (404, "user_not_found")


def test_seeded_user_is_the_same_as_a_created_one(bob):
    created = dict(BOB, id="bob2")
    assert bob.ok("POST", "/users", created)["websites"] == bob.ok("GET", "/users/bob")["websites"]

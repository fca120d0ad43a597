# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The catalogue, installing (URL, version and field rules, dry runs) and the install routes."""

import pytest

pytest_plugins = ["isim"]  # the fixtures

V1_KEYS = ["id", "installer", "version", "language", "time", "owner", "path", "url", "url-domain", "db-host", "db-type",
           "db-name", "db-user", "db-pass", "db-prefix", "title", "autoup", "bkloc", "autobk", "cf-login", "cf-email",
           "cf-sitetitle", "cf-sitetagline", "notification", "autoup_plugins", "autoup_themes", "autoup_backup"]


def test_catalogue(isim):
    body = isim.call("GET", "/browser").body
    assert [a["id"] for a in body["data"]] == ["joomla", "nextcloud", "wordpress"] and body["total_count"] == 3
    wordpress = body["data"][2]
    assert (wordpress["name"], wordpress["version"]) == ("WordPress", "6.6.1")
    page = isim.call("GET", "/browser", {"offset": 2, "limit": 1}).body
    assert ([a["id"] for a in page["data"]], page["has_more"]) == (["wordpress"], False)


def test_catalogue_entry(isim):
    data = isim.ok("GET", "/browser/wordpress")
    assert [v["version"] for v in data["versions"]] == ["6.4.3", "6.5.2", "6.6.1"]
    assert [f["id"] for f in data["fields"]] == ["login", "passwd", "email", "sitetitle", "sitetagline", "content"]
    assert "en" in data["languages"]
    assert [f["id"] for f in isim.ok("GET", "/browser/nextcloud")["fields"]] == ["login", "passwd", "email"]
    assert len(isim.ok("GET", "/browser/nextcloud")["versions"]) == 2
    joomla = isim.ok("GET", "/browser/joomla")["versions"]
    assert [(v["version"], v["requirements_met"]) for v in joomla] == [("3.10.12", False), ("5.1.2", True)]
    assert isim.ok("GET", "/browser/wordpress", {"version": "6.5.2"})["version"] == "6.5.2"
    assert isim.call("GET", "/browser/wordpress", {"version": "1.0"}).errcode == (400, "invalid_argument_version")
    assert isim.call("GET", "/browser/drupal").errcode == (404, "application_not_found")


def test_install_synchronously(bob):
    data = bob.install(login="admin123", passwd="password123", sitetitle="My Blog", email="me@bob.example")
    assert list(data)[:len(V1_KEYS)] == V1_KEYS
    assert (data["installer"], data["version"], data["owner"], data["url"], data["url-domain"]) == (
        "wordpress", "6.6.1", "bob", "https://bob.example/blog", "bob.example")
    assert data["path"] == "sftp://bob@files.bob.example/home/bob/public_html/blog"
    assert (data["cf-login"], data["cf-email"], data["title"], data["autoup"]) == ("admin123", "me@bob.example", "My Blog", "minor")
    assert data["db-name"] == data["db-user"] == "bob_wp1" and data["db-prefix"] == "wp_" and data["db-host"] == "localhost"
    assert [p["id"] for p in data["plugins"]] == ["akismet", "hello-dolly"]
    assert data == bob.ok("GET", "/installs/" + data["id"])
    stored = bob.state()["installs"][0]
    assert stored["fields"]["passwd"] == "password123" and stored["path"].startswith("sftp://bob:s3cr%40t@")
    assert "cf-passwd" not in data and "passwd" not in data


def test_install_defaults_and_non_wordpress_objects(bob):
    data = bob.install("nextcloud", "http://bob.example/cloud/")
    assert (data["url"], data["version"], data["cf-login"], data["cf-email"], data["title"]) == (
        "http://bob.example/cloud", "29.0.1", "admin", "bob@bob.example", "Nextcloud")
    assert "autoup_plugins" not in data and "cf-sitetitle" not in data and "plugins" not in bob.ok("GET", "/installs/" + data["id"])
    assert len(bob.state()["installs"][0]["fields"]["passwd"]) >= 8


@pytest.mark.parametrize("params, errcode, field", [
    ({"url": ""}, "empty_argument_url", "url"),
    ({"url": "https://elsewhere.example/"}, "invalid_argument_url", "url"),
    ({"url": "ftp://bob.example/"}, "invalid_argument_url", "url"),
    ({"url": "https://bob.example/?x=1"}, "invalid_argument_url", "url"),
    ({"version": "6.0"}, "invalid_argument_version", "version"),
    ({"language": "xx"}, "invalid_argument_language", "language"),
    ({"email": "not-an-email"}, "invalid_argument_email", "email"),
    ({"login": "bad login"}, "invalid_argument_login", "login"),
    ({"passwd": "short"}, "invalid_argument_passwd", "passwd"),
    ({"sitetitle": " "}, "invalid_argument_sitetitle", "sitetitle"),
    ({"content": "some thing"}, "invalid_argument_content", "content"),
    ({"autoup": "sometimes"}, "invalid_argument_autoup", "autoup"),
    ({"autoup_plugins": "some"}, "invalid_argument_autoup_plugins", "autoup_plugins"),
    ({"notification": [1]}, "invalid_argument_notification", "notification"),
    ({"background": "later"}, "invalid_argument_background", "background"),
])
def test_install_errors(bob, params, errcode, field):
    result = bob.call("POST", "/browser/wordpress/install", dict({"user": "bob", "url": "https://bob.example/"}, **params))
    assert result.errcode == (400, errcode), result.body
    assert result.body["errfield"] == field
    assert bob.state()["installs"] == [] and bob.state()["tasks"] == []


def test_url_rules(bob):
    bob.install(url="https://bob.example/")
    for url in ("https://bob.example", "http://BOB.example/", "https://bob.example//"):
        result = bob.call("POST", "/browser/wordpress/install", {"user": "bob", "url": url})
        assert result.errcode == (400, "invalid_argument_url_alreadyexists"), url
    # a sub-directory of an install is another location
    assert bob.install(url="https://bob.example/shop")["url"] == "https://bob.example/shop"
    # the acting admin (no user) has no websites until a user "admin" exists
    assert bob.call("POST", "/browser/wordpress/install", {"url": "https://bob.example/x"}).errcode == (400, "invalid_argument_url")
    bob.ok("POST", "/users", {"id": "admin", "type": "reseller", "websites": [{"path": "/root", "vhosts": {"https://admin.example": "www"}}]})
    assert bob.ok("POST", "/browser/wordpress/install", {"url": "https://admin.example/"})["owner"] == "admin"
    assert bob.call("POST", "/browser/wordpress/install", {"user": "ghost", "url": "https://bob.example/y"}).errcode == (403, "invalid_argument_user")


def test_versions(bob):
    assert bob.install(url="https://bob.example/a", version="6.4.3")["version"] == "6.4.3"
    assert bob.install("joomla", "https://bob.example/j")["version"] == "5.1.2"
    result = bob.call("POST", "/browser/joomla/install", {"user": "bob", "url": "https://bob.example/k", "version": "3.10.12"})
    assert result.errcode == (400, "invalid_argument_version_unmetrequirements") and result.body["errfield"] == "version"


def test_fields_of_another_app_are_unknown(bob):
    result = bob.call("POST", "/browser/nextcloud/install", {"user": "bob", "url": "https://bob.example/", "sitetitle": "x"})
    assert result.errcode == (400, "invalid_argument_sitetitle")


@pytest.mark.parametrize("mode", ["input", "all"])
def test_dryrun_changes_nothing(bob, mode):
    result = bob.call("POST", "/browser/wordpress/install", {"user": "bob", "url": "https://bob.example/", "dryrun": mode})
    assert result.errcode == (200, "complete_dryrun") and result.body["result"] is True and result.data is None
    state = bob.state()
    assert (state["installs"], state["tasks"]) == ([], [])
    # a dry run still checks
    result = bob.call("POST", "/browser/wordpress/install", {"user": "bob", "url": "https://x.example/", "dryrun": mode})
    assert result.errcode == (400, "invalid_argument_url")


def test_unknown_app_switch(bob):
    params = {"user": "bob", "url": "https://bob.example/"}
    assert bob.call("POST", "/browser/drupal/install", params).errcode == (404, "application_not_found")
    bob.control("POST", "/switches", {"install_unknown_app": "invalid_argument_application"})
    result = bob.call("POST", "/browser/drupal/install", params)
    assert result.errcode == (400, "invalid_argument_application") and result.body["errfield"] == "application"


def test_install_field_names_switch(bob):
    install_id = bob.install(login="admin123")["id"]
    bob.control("POST", "/switches", {"install_field_names": "v2"})
    data = bob.ok("GET", "/installs/" + install_id)
    assert (data["app"], data["url_domain"], data["db_name"], data["login"], data["sitetitle"]) == (
        "wordpress", "bob.example", "bob_wp1", "admin123", "My Blog")
    assert not any("-" in key for key in data)
    assert "installer" not in data and "cf-login" not in data


def test_list_scopes_filters_and_pages(bob):
    bob.ok("POST", "/users", {"id": "carol", "websites": [{"path": "/home/carol", "vhosts": {"https://carol.example": ""}}]})
    first = bob.install(url="https://bob.example/one", sitetitle="First", version="6.5.2")["id"]
    second = bob.install("nextcloud", url="https://bob.example/two")["id"]
    third = bob.install(url="https://carol.example", user="carol")["id"]
    assert [i["id"] for i in bob.ok("GET", "/installs")] == [first, second, third]
    assert [i["id"] for i in bob.ok("GET", "/installs", {"user": "bob"})] == [first, second]
    assert [i["id"] for i in bob.ok("GET", "/installs", {"q": "first"})] == [first]
    assert [i["id"] for i in bob.ok("GET", "/installs", {"q": "NEXTCLOUD"})] == [second]
    assert [i["id"] for i in bob.ok("GET", "/installs", {"id": third})] == [third]
    assert [i["id"] for i in bob.ok("GET", "/installs", {"filter-version-available": "true"})] == [first]
    page = bob.call("GET", "/installs", {"offset": 1, "limit": 1}).body
    assert ([i["id"] for i in page["data"]], page["total_count"], page["has_more"]) == ([second], 3, True)
    assert "plugins" not in bob.ok("GET", "/installs")[0]
    assert bob.call("GET", "/installs", {"user": "ghost"}).errcode == (403, "invalid_argument_user")
    # another customer's install is not found in a user's scope
    assert bob.call("GET", "/installs/" + third, {"user": "bob"}).errcode == (404, "install_not_found")
    assert bob.call("GET", "/installs/nope").errcode == (404, "install_not_found")


def test_edit(bob):
    install_id = bob.install()["id"]
    changes = {"autoup": "none", "autoup_plugins": "all", "notification": ["update"], "login": "boss",
               "passwd": "new-password", "sitetitle": "Renamed", "bkloc": "remote1", "autobk": "daily", "db_pass": "dbsecret"}
    data = bob.ok("POST", "/installs/" + install_id, changes)
    assert (data["autoup"], data["autoup_plugins"], data["notification"], data["cf-login"], data["title"]) == (
        "none", "all", ["update"], "boss", "Renamed")
    assert (data["bkloc"], data["autobk"], data["db-pass"]) == ("remote1", "daily", "dbsecret")
    assert bob.state()["installs"][0]["fields"]["passwd"] == "new-password"
    moved = bob.ok("POST", "/installs/" + install_id, {"url": "http://bob.example/news"})
    assert (moved["url"], moved["path"]) == ("http://bob.example/news", "sftp://bob@files.bob.example/home/bob/public_html/news")
    assert bob.call("POST", "/installs/" + install_id, {"email": "bad"}).errcode == (400, "invalid_argument_email")
    assert bob.call("POST", "/installs/" + install_id, {"content": "no"}).errcode == (400, "invalid_argument_content")
    assert bob.call("POST", "/installs/" + install_id, {"login": "x y", "dryrun": "input"}).errcode == (400, "invalid_argument_login")
    assert bob.call("POST", "/installs/" + install_id, {"login": "other", "dryrun": "input"}).errcode == (200, "complete_dryrun")
    assert bob.ok("GET", "/installs/" + install_id)["cf-login"] == "boss"
    assert bob.call("POST", "/installs/nope", {"autoup": "all"}).errcode == (404, "install_not_found")


def test_uninstall(bob):
    install_id = bob.install()["id"]
    assert bob.call("DELETE", "/installs/" + install_id, {"dryrun": "all"}).errcode == (200, "complete_dryrun")
    assert bob.ok("DELETE", "/installs/" + install_id) is None
    assert bob.call("GET", "/installs/" + install_id).errcode == (404, "install_not_found")
    assert bob.state()["tasks"][-1]["cmd"] == "installs/uninstall"
    assert bob.call("DELETE", "/installs/" + install_id).errcode == (404, "install_not_found")
    # the location is free again
    assert bob.install()["url"] == "https://bob.example/blog"

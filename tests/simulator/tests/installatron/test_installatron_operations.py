# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Operations on installs: update, backup (and the backup routes), clone, login; WordPress plugins."""

import pytest

pytest_plugins = ["isim"]  # the fixtures


@pytest.fixture
def old_wordpress(bob):
    """bob with a seeded WordPress 6.4.3 at https://bob.example/blog with an outdated plugin."""
    made = bob.control("POST", "/seed", {"installs": [{
        "app": "wordpress", "user": "bob", "url": "https://bob.example/blog", "version": "6.4.3", "id": "wordpress-10001",
        "plugins": [{"id": "akismet", "version": "5.0", "activated": True}, "classic-editor"],
    }]})
    assert made["installs"] == {"https://bob.example/blog": "wordpress-10001"}
    return "wordpress-10001"


def test_update_to_the_newest_and_to_a_version(bob, old_wordpress):
    assert bob.ok("POST", "/installs/%s/update" % old_wordpress, {"version": "6.5.2"})["version"] == "6.5.2"
    data = bob.ok("POST", "/installs/%s/update" % old_wordpress)
    assert data["version"] == "6.6.1" and bob.state()["tasks"][-1]["cmd"] == "installs/update"
    # plugins are not touched by a version update without plugins[]
    assert [p["version"] for p in data["plugins"]][0] == "5.0"


@pytest.mark.parametrize("version, errcode", [("6.4.3", "invalid_argument_version"), ("6.0.0", "invalid_argument_version"),
                                              ("9.9", "invalid_argument_version")])
def test_update_refuses_downgrades_same_and_unknown_versions(bob, old_wordpress, version, errcode):
    result = bob.call("POST", "/installs/%s/update" % old_wordpress, {"version": version})
    assert result.errcode == (400, errcode) and result.body["errfield"] == "version"
    assert bob.state()["installs"][0]["version"] == "6.4.3"


def test_an_old_version_can_be_seeded_and_updated(bob):
    bob.control("POST", "/seed", {"installs": [{"app": "joomla", "user": "bob", "url": "https://bob.example/j",
                                                "version": "3.10.12"}]})
    install_id = bob.state()["installs"][0]["id"]
    assert bob.ok("POST", "/installs/%s/update" % install_id)["version"] == "5.1.2"


def test_update_current_updates_only_plugins(bob, old_wordpress):
    data = bob.ok("POST", "/installs/%s/update" % old_wordpress, {"version": "current", "plugins": ["akismet"]})
    assert data["version"] == "6.4.3"
    assert {p["id"]: p["version"] for p in data["plugins"]} == {"akismet": "5.3.3", "classic-editor": "1.6.4"}
    data = bob.ok("POST", "/installs/%s/update" % old_wordpress, {"version": "current", "plugins": [], "themes": []})
    assert data["version"] == "6.4.3"
    assert bob.call("POST", "/installs/%s/update" % old_wordpress, {"version": "current", "plugins": ["jetpack"]}).errcode == (
        400, "invalid_argument_plugins")
    assert bob.call("POST", "/installs/%s/update" % old_wordpress, {"dryrun": "input"}).errcode == (200, "complete_dryrun")
    assert bob.ok("GET", "/installs/" + old_wordpress)["version"] == "6.4.3"


def test_plugins_and_themes_only_for_wordpress(bob):
    install_id = bob.install("nextcloud", "https://bob.example/cloud", version="28.0.4")["id"]
    assert bob.call("POST", "/installs/%s/update" % install_id, {"plugins": []}).errcode == (400, "invalid_argument_plugins")
    assert bob.call("GET", "/installs/%s/plugins" % install_id).errcode == (400, "invalid_argument_application")
    assert bob.call("POST", "/installs/%s/plugins/akismet" % install_id, {}).errcode == (400, "invalid_argument_application")


def test_backup_and_the_backup_routes(bob, old_wordpress):
    backup = bob.ok("POST", "/installs/%s/backup" % old_wordpress, {"note": "before update", "bkloc": "remote1"})
    assert set(backup) == {"id", "backup_filename", "backup_install", "backup_location", "backup_note", "backup_time"}
    assert (backup["backup_install"], backup["backup_note"], backup["backup_location"]) == (old_wordpress, "before update", "remote1")
    assert backup["backup_filename"].startswith(old_wordpress) and isinstance(backup["backup_time"], int)
    assert bob.ok("GET", "/backups/" + backup["id"]) == backup
    assert bob.ok("GET", "/backups/" + backup["id"], {"user": "bob"}) == backup
    assert bob.call("DELETE", "/backups/" + backup["id"], {"dryrun": "all"}).errcode == (200, "complete_dryrun")
    assert bob.ok("DELETE", "/backups/" + backup["id"]) is None
    assert bob.call("GET", "/backups/" + backup["id"]).errcode == (404, "backup_not_found")
    assert bob.call("DELETE", "/backups/" + backup["id"]).errcode == (404, "backup_not_found")
    assert bob.call("POST", "/installs/%s/backup" % old_wordpress, {"dryrun": "input"}).errcode == (200, "complete_dryrun")
    assert bob.state()["backups"] == []


def test_backup_of_another_users_scope_is_not_found(bob, old_wordpress):
    backup = bob.ok("POST", "/installs/%s/backup" % old_wordpress)
    bob.ok("POST", "/users", {"id": "carol"})
    assert bob.call("GET", "/backups/" + backup["id"], {"user": "carol"}).errcode == (404, "backup_not_found")
    assert bob.call("POST", "/installs/%s/backup" % old_wordpress, {"user": "carol"}).errcode == (404, "install_not_found")


def test_clone(bob, old_wordpress):
    clone = bob.ok("POST", "/installs/%s/clone" % old_wordpress, {"url": "https://bob.example/staging", "user": "bob"})
    assert clone["id"] != old_wordpress and clone["url"] == "https://bob.example/staging"
    assert (clone["version"], clone["owner"], clone["db-name"]) == ("6.4.3", "bob", "bob_wp2")
    assert [p["id"] for p in clone["plugins"]] == ["akismet", "classic-editor"]
    assert bob.state()["tasks"][-1]["cmd"] == "installs/clone" and bob.state()["tasks"][-1]["install"] == clone["id"]
    params = {"url": "https://bob.example/staging", "user": "bob"}
    assert bob.call("POST", "/installs/%s/clone" % old_wordpress, params).errcode == (400, "invalid_argument_url_alreadyexists")
    assert bob.call("POST", "/installs/%s/clone" % old_wordpress, {"user": "bob"}).errcode == (400, "empty_argument_url")
    assert bob.call("POST", "/installs/%s/clone" % old_wordpress, {"url": "https://other.example/", "user": "bob"}).errcode == (
        400, "invalid_argument_url")
    params = {"url": "https://bob.example/t", "user": "bob", "dryrun": "all"}
    assert bob.call("POST", "/installs/%s/clone" % old_wordpress, params).errcode == (200, "complete_dryrun")
    assert len(bob.state()["installs"]) == 2


def test_clone_to_another_user(bob, old_wordpress):
    bob.ok("POST", "/users", {"id": "carol", "websites": [{"path": "/home/carol", "vhosts": {"https://carol.example": "www"}}]})
    params = {"url": "https://carol.example/", "user": "carol", "source_user": "bob"}
    clone = bob.ok("POST", "/installs/%s/clone" % old_wordpress, params)
    assert (clone["owner"], clone["path"]) == ("carol", "/home/carol/www")
    params = {"url": "https://carol.example/c", "user": "carol", "source_user": "ghost"}
    result = bob.call("POST", "/installs/%s/clone" % old_wordpress, params)
    assert result.errcode == (403, "invalid_argument_source_user") and result.body["errfield"] == "source_user"
    # without source_user the source is looked up in the user's scope
    assert bob.call("POST", "/installs/%s/clone" % old_wordpress, {"url": "https://carol.example/b", "user": "carol"}).errcode == (
        404, "install_not_found")


def test_login(bob, old_wordpress):
    url = bob.ok("POST", "/installs/%s/login" % old_wordpress)
    assert isinstance(url, str) and url.startswith("https://bob.example/blog/wp-admin/?installatron_sso=")
    assert bob.call("POST", "/installs/%s/login" % old_wordpress, {"dryrun": "input"}).errcode == (200, "complete_dryrun")
    cloud = bob.install("nextcloud", "https://bob.example/cloud")["id"]
    assert bob.call("POST", "/installs/%s/login" % cloud).errcode == (400, "invalid_argument_application")
    assert bob.call("POST", "/installs/nope/login").errcode == (404, "install_not_found")


def test_plugins(bob, old_wordpress):
    path = "/installs/%s/plugins" % old_wordpress
    body = bob.call("GET", path).body
    assert body["data"] == [
        {"id": "akismet", "name": "Akismet Anti-spam: Spam Protection", "version": "5.0", "activated": True, "autoup": "none"},
        {"id": "classic-editor", "name": "Classic Editor", "version": "1.6.4", "activated": False, "autoup": "none"}]
    assert (body["total_count"], body["has_more"]) == (2, False)
    assert bob.call("GET", path, {"limit": 1}).body["has_more"] is True
    assert bob.ok("POST", path + "/classic-editor", {"activated": True, "autoup": "all"}) == {
        "id": "classic-editor", "name": "Classic Editor", "version": "1.6.4", "activated": True, "autoup": "all"}
    added = bob.ok("POST", path + "/wordfence", {})
    assert (added["name"], added["activated"]) == ("Wordfence Security", False)
    assert bob.ok("POST", path + "/my-own-plugin", {"activated": "1"})["name"] == "My Own Plugin"
    assert bob.call("POST", path + "/Bad_Slug", {}).errcode == (404, "plugin_not_found")
    assert bob.call("POST", path + "/akismet", {"autoup": "minor"}).errcode == (400, "invalid_argument_autoup")
    assert bob.call("POST", path + "/jetpack", {"dryrun": "input"}).errcode == (200, "complete_dryrun")
    assert bob.call("DELETE", path + "/akismet", {"dryrun": "input"}).errcode == (200, "complete_dryrun")
    assert bob.ok("DELETE", path + "/akismet") is None
    assert bob.call("DELETE", path + "/akismet").errcode == (404, "plugin_not_found")
    assert [p["id"] for p in bob.ok("GET", path)] == ["classic-editor", "wordfence", "my-own-plugin"]
    assert [p["id"] for p in bob.ok("GET", "/installs/" + old_wordpress)["plugins"]] == ["classic-editor", "wordfence", "my-own-plugin"]
    assert bob.call("GET", "/installs/nope/plugins").errcode == (404, "install_not_found")

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Volumes: create, read (secrets), change mount options, delete (in use), status, remount; apps referencing them."""

import pytest

from conftest import RO
from storage_helpers import APPS, PLACEHOLDER, error, readonly_refused, user_refused

CIFS = {"name": "nas", "mountType": "cifs",
        "mountOptions": {"host": "nas.lan", "remoteDir": "/share", "username": "u", "password": "pw", "seal": True}}
SSHFS = {"name": "remote", "mountType": "sshfs",
         "mountOptions": {"host": "h", "remoteDir": "/d", "port": 22, "user": "u", "privateKey": "KEY"}}
DISK = {"name": "disk", "mountType": "ext4", "mountOptions": {"diskPath": "/dev/sdb1"}}


def add(client, body):
    result = client.call("POST", "/volumes", body)
    assert result.status == 201, result.body
    return result.body["id"]


def test_create_and_read(client):
    volume_id = add(client, CIFS)
    assert len(volume_id) == 32 and int(volume_id, 16) >= 0
    volume = client.call("GET", "/volumes/" + volume_id).body
    assert volume == {"id": volume_id, "name": "nas", "hostPath": "/mnt/volumes/" + volume_id, "creationTime": volume["creationTime"],
                      "mountType": "cifs", "mountOptions": dict(CIFS["mountOptions"], password=PLACEHOLDER)}
    assert client.call("GET", "/volumes").body == {"volumes": [volume]}
    assert client.control("GET", "/state")["volumes"][0]["mountOptions"]["password"] == "pw"


def test_host_path_of_local_volumes(client):
    volume_id = add(client, {"name": "local", "mountType": "mountpoint", "mountOptions": {"hostPath": "/srv/x"}})
    assert client.call("GET", "/volumes/" + volume_id).body["hostPath"] == "/srv/x"


def test_secrets_absent_switch(client):
    client.control("POST", "/switches", {"volume_secret_read": "absent"})
    volume_id = add(client, SSHFS)
    assert "privateKey" not in client.call("GET", "/volumes/" + volume_id).body["mountOptions"]


@pytest.mark.parametrize("body, status, message", [
    (dict(CIFS, mountType="floppy"), 400, "Invalid mountType"),
    (dict(CIFS, name=""), 400, "name must be a non-empty string"),
    ({"name": "x", "mountType": "nfs"}, 400, "mountOptions is required"),
    (dict(CIFS, mountOptions=dict(CIFS["mountOptions"], seal="yes")), 400, "mountOptions.seal must be boolean"),
    (dict(SSHFS, mountOptions=dict(SSHFS["mountOptions"], port=0)), 400, "mountOptions.port must be an integer between 1 and 65535"),
    (dict(DISK, mountOptions={"diskPath": "sdb1"}), 400, "mountOptions.diskPath must be an absolute path"),
    (dict(CIFS, mountOptions={"host": "nas.lan", "remoteDir": "/s", "username": "u", "seal": True}), 400, "mountOptions.password is required"),
])
def test_bad_volume(client, body, status, message):
    assert error(client, "POST", "/volumes", body) == (status, message)
    assert client.call("GET", "/volumes").body == {"volumes": []}


def test_names_are_unique(client):
    add(client, CIFS)
    assert error(client, "POST", "/volumes", dict(DISK, name="nas")) == (409, "Volume with name nas already exists")


@pytest.mark.parametrize("status", [200, 204])
def test_change_mount_options(client, status):
    client.control("POST", "/switches", {"volume_update_status": status})
    volume_id = add(client, CIFS)
    options = dict(CIFS["mountOptions"], host="nas2.lan", password=PLACEHOLDER)
    result = client.call("POST", "/volumes/" + volume_id, {"mountOptions": options})
    assert result.status == status and (result.body == {} if status == 200 else result.body == b"")
    stored = client.control("GET", "/state")["volumes"][0]["mountOptions"]
    assert stored["host"] == "nas2.lan" and stored["password"] == "pw"


def test_local_volumes_cannot_change(client):
    volume_id = add(client, DISK)
    assert error(client, "POST", "/volumes/" + volume_id, {"mountOptions": {"host": "h", "remoteDir": "/d"}}) == (
        400, "Cannot change mount options of a ext4 volume")


def test_unknown_volume(client):
    for method, path in (("GET", ""), ("DELETE", ""), ("GET", "/status"), ("POST", "/remount")):
        assert error(client, method, "/volumes/" + "0" * 32 + path) == (404, "No such volume")


def test_status_and_remount(client):
    volume_id = add(client, CIFS)
    assert client.call("GET", "/volumes/%s/status" % volume_id).outcome == (200, {"state": "active", "message": "mounted"})
    assert client.call("POST", "/volumes/%s/remount" % volume_id).outcome == (202, {})


def test_delete_and_in_use(client):
    seeded = client.control("POST", "/seed", dict(
        APPS, volumes=[CIFS, DISK], apps=[dict(APPS["apps"][0], storageVolume="nas"), dict(APPS["apps"][1], mounts=[{"volume": "disk", "readOnly": True}])]))
    for name, fqdn in (("nas", "git.example.com"), ("disk", "blog.example.com")):
        assert error(client, "DELETE", "/volumes/" + seeded["volumes"][name]) == (409, "Volume is in use by " + fqdn)
    assert client.call("GET", "/apps/" + seeded["apps"]["git.example.com"]).body["storageVolumeId"] == seeded["volumes"]["nas"]
    free = add(client, SSHFS)
    assert client.call("DELETE", "/volumes/" + free).status == 204
    assert len(client.call("GET", "/volumes").body["volumes"]) == 2


@pytest.mark.parametrize("setting, body", [
    ("storage", {"storageVolumeId": "f" * 32, "storageVolumePrefix": "x"}),
    ("mounts", {"mounts": [{"volumeId": "f" * 32, "readOnly": False}]}),
])
def test_apps_need_existing_volumes(client, setting, body):
    app_id = client.control("POST", "/seed", APPS)["apps"]["git.example.com"]
    assert error(client, "POST", "/apps/%s/configure/%s" % (app_id, setting), body) == (400, "No such volume " + "f" * 32)
    assert client.call("GET", "/tasks").body["tasks"] == []


def test_app_storage_back_to_default(client):
    app_id = client.control("POST", "/seed", APPS)["apps"]["git.example.com"]
    assert client.call("POST", "/apps/%s/configure/storage" % app_id, {"storageVolumeId": None}).status == 202


@pytest.mark.parametrize("method, path, body", [
    ("POST", "/volumes", CIFS), ("POST", "/volumes/ID", {"mountOptions": CIFS["mountOptions"]}), ("DELETE", "/volumes/ID", None),
    ("POST", "/volumes/ID/remount", None),
])
def test_writes_refused_to_readonly_tokens(client, method, path, body):
    volume_id = add(client, dict(CIFS, name="kept"))
    assert readonly_refused(client, method, path.replace("ID", volume_id), body)
    assert [v["name"] for v in client.call("GET", "/volumes").body["volumes"]] == ["kept"]
    assert client.control("GET", "/state")["volumes"][0]["mountOptions"] == CIFS["mountOptions"]


def test_reads_need_admin(client):
    volume_id = add(client, CIFS)
    for path in ("/volumes", "/volumes/" + volume_id, "/volumes/%s/status" % volume_id):
        assert client.call("GET", path, token=RO).status == 200
        assert user_refused(client, "GET", path)


def test_seed_errors(client):
    result = client.raw("POST", "/_control/seed", b'{"volumes": [{"name": "x", "mountType": "nfs", "mountOptions": {}}]}', {})
    assert (result.status, result.body["message"]) == (400, "volume x: mountOptions.host must be a non-empty string")
    result = client.raw("POST", "/_control/seed", b'{"domains": ["example.com"], "apps": [{"appStoreId": "io.gitea.cloudronapp", '
                        b'"subdomain": "git", "domain": "example.com", "storageVolume": "nope"}]}', {})
    assert (result.status, result.body["message"]) == (400, "app git.example.com: no volume nope")
    assert client.control("GET", "/state")["volumes"] == []


def test_seeded_status(client):
    seeded = client.control("POST", "/seed", {"volumes": [dict(CIFS, status={"state": "inactive", "message": "Host is down"})]})
    assert client.call("GET", "/volumes/%s/status" % seeded["volumes"]["nas"]).body == {"state": "inactive", "message": "Host is down"}

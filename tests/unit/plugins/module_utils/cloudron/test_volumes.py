# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Volumes through the engine: options per mount type, write-only secrets, what cannot change in place,
and what a run costs in requests."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.volumes import MOUNT_SECRETS, Volumes
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, PartialFailure, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import REDACTED
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

MASK = "\u25cf" * 8
PASSWORD = "nas-s3cret"
KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----"
CIFS = {"host": "nas.example.com", "remote_dir": "/media", "username": "cloudron", "seal": True}


def volume(name, mount_type="cifs", volume_id="0" * 32, **options):
    defaults = {
        "cifs": {"host": "nas.example.com", "remoteDir": "/media", "username": "cloudron", "password": MASK, "seal": True},
        "sshfs": {"host": "store.example.com", "remoteDir": "/srv", "port": 22, "user": "cloudron", "privateKey": MASK},
        "filesystem": {"hostPath": "/srv/archive"},
    }[mount_type]
    defaults.update(options)
    return {"id": volume_id, "name": name, "mountType": mount_type, "mountOptions": defaults,
            "hostPath": "/mnt/volumes/%s" % volume_id, "creationTime": "2026-11-30T09:00:00.000Z"}


def make(volumes=(), check_mode=False, **engine_kwargs):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/volumes", (200, {"volumes": list(volumes)}))
    server.on("POST", "/volumes", (201, {"id": "a" * 32}))
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode)
    return Engine(Volumes(), ctx, check_mode=check_mode, **engine_kwargs), server


def converge(engine, items, state="present", secrets=None):
    extras = [("mount_secrets", MOUNT_SECRETS, secrets)] if secrets else None
    return engine.converge(engine.items(items, option="config", extras=extras), state)


def writes(server):
    return [(entry[0], entry[1], entry[3]) for entry in server.writes()]


def paths(server):
    return [(entry[0], entry[1]) for entry in server.log]


@pytest.mark.parametrize("entry, message", [
    ({"name": ""}, "config[1]: name '' must be a non-empty string of printable characters"),
    ({"name": "tab\there"}, "name 'tab\\there' must be a non-empty string of printable characters"),
    ({"name": "x", "mount_type": "nfs", "mount_options": {"host": "a", "host_path": "/srv"}},
     "config[1] (x): mount_options: host_path is not an option of a nfs volume (it takes host, remote_dir)"),
    ({"name": "x", "mount_type": "sshfs", "mount_options": {"port": 70000}},
     "config[1] (x): mount_options.port 70000 is out of range (1 to 65535)"),
    ({"name": "media"}, "config[1] (media): volume 'media' is listed twice"),
])
def test_bad_input_names_the_item_and_the_option_before_any_request(entry, message):
    engine, server = make()
    with pytest.raises(ResourceError) as caught:
        engine.items([{"name": "media"}, entry], option="config")
    assert message in str(caught.value)
    assert server.log == []


def test_a_secret_for_a_volume_not_listed_or_of_an_unknown_kind_is_refused_before_any_request():
    engine, server = make()
    with pytest.raises(ResourceError) as caught:
        engine.items([{"name": "media"}], option="config",
                     extras=[("mount_secrets", MOUNT_SECRETS, {"Media": {"password": "x"}, "media": {"token": "y"}})])
    assert "mount_secrets: no item of config is named 'Media'" in str(caught.value)
    assert "mount_secrets (media): mount_secrets: token: not a secret mount option (password, private_key)" in str(caught.value)
    assert server.log == []


def test_create_sends_api_names_and_the_secret_and_shows_no_secret():
    engine, server = make()
    outcome = converge(engine, [{"name": "media", "mount_type": "cifs", "mount_options": CIFS}],
                       secrets={"media": {"password": PASSWORD}})
    assert [change.report() for change in outcome.changes] == [
        {"action": "create", "key": "media", "fields": ["mount_options", "mount_secrets", "mount_type", "name"]}]
    assert writes(server) == [("POST", "/api/v1/volumes", {"name": "media", "mountType": "cifs", "mountOptions": {
        "host": "nas.example.com", "remoteDir": "/media", "username": "cloudron", "seal": True, "password": PASSWORD}})]
    assert outcome.results[0]["id"] == "a" * 32
    assert outcome.after["media"]["mount_secrets"] == REDACTED
    shown = repr((outcome.results, outcome.before, outcome.after))
    assert PASSWORD not in shown and MASK not in shown  # only the documented REDACTED stands for it
    # one list read, the version check before the first write, the create
    assert paths(server) == [("GET", "/api/v1/volumes"), ("GET", "/api/v1/cloudron/status"), ("POST", "/api/v1/volumes")]


def test_a_new_volume_without_every_option_of_its_type_is_refused_before_any_write():
    engine, server = make()
    with pytest.raises(ResourceError) as caught:
        converge(engine, [{"name": "media", "mount_type": "cifs", "mount_options": {"host": "nas.example.com"}}])
    assert str(caught.value) == ("volume 'media': a new cifs volume needs mount_options host, remote_dir, username, password, "
                                 "seal; missing: remote_dir, username, password, seal")
    assert server.writes() == []


def test_a_new_volume_without_a_mount_type_is_refused_before_any_write():
    engine, server = make()
    with pytest.raises(ResourceError) as caught:
        converge(engine, [{"name": "media", "mount_options": CIFS}])
    assert "volume 'media' does not exist; creating it needs mount_type" in str(caught.value)
    assert server.writes() == []


def test_the_same_volume_costs_one_read_and_no_write():
    engine, server = make([volume("media")])
    outcome = converge(engine, [{"name": "media", "mount_type": "cifs", "mount_options": CIFS}],
                       secrets={"media": {"password": PASSWORD}})
    assert outcome.changes == []
    assert paths(server) == [("GET", "/api/v1/volumes")]
    assert outcome.results[0]["mount_options"] == CIFS


def test_check_mode_predicts_without_writing():
    engine, server = make(check_mode=True)
    outcome = converge(engine, [{"name": "archive", "mount_type": "filesystem", "mount_options": {"host_path": "/srv/archive"}}])
    assert outcome.results == [{"id": None, "name": "archive", "mount_type": "filesystem",
                                "mount_options": {"host_path": "/srv/archive"}, "host_path": None}]
    assert server.writes() == []


def test_a_changed_cifs_option_sends_the_stored_options_with_the_masked_password_back():
    engine, server = make([volume("media")])
    server.on("POST", "/volumes/" + "0" * 32, (200, {}))
    outcome = converge(engine, [{"name": "media", "mount_options": {"host": "nas2.example.com"}}])
    assert [change.report() for change in outcome.changes] == [{"action": "update", "key": "media", "fields": ["mount_options"]}]
    assert writes(server) == [("POST", "/api/v1/volumes/" + "0" * 32, {"mountOptions": {
        "host": "nas2.example.com", "remoteDir": "/media", "username": "cloudron", "password": MASK, "seal": True}})]
    assert outcome.before["media"]["mount_options"]["host"] == "nas.example.com"
    assert outcome.after["media"]["mount_options"]["host"] == "nas2.example.com"


@pytest.mark.parametrize("status, body", [(200, {}), (204, "")])
def test_an_update_accepts_either_answer_of_the_server(status, body):
    engine, server = make([volume("media")])
    server.on("POST", "/volumes/" + "0" * 32, (status, body))
    outcome = converge(engine, [{"name": "media", "mount_options": {"seal": False}}])
    assert [change.action for change in outcome.changes] == ["update"]
    assert len(server.writes()) == 1


def test_a_password_given_with_a_change_is_sent_and_never_compared_otherwise():
    engine, server = make([volume("media")])
    server.on("POST", "/volumes/" + "0" * 32, (200, {}))
    converge(engine, [{"name": "media", "mount_options": {"username": "other"}}], secrets={"media": {"password": PASSWORD}})
    assert writes(server)[0][2]["mountOptions"]["password"] == PASSWORD
    engine, server = make([volume("media")])
    assert converge(engine, [{"name": "media"}], secrets={"media": {"password": "another"}}).changes == []
    assert server.writes() == []


def test_update_secrets_always_sends_the_secret_on_every_run():
    engine, server = make([volume("keys", "sshfs")], update_secrets="always")
    server.on("POST", "/volumes/" + "0" * 32, (200, {}))
    outcome = converge(engine, [{"name": "keys"}], secrets={"keys": {"private_key": KEY}})
    assert [change.report() for change in outcome.changes] == [{"action": "update", "key": "keys", "fields": ["mount_secrets"]}]
    assert writes(server)[0][2]["mountOptions"]["privateKey"] == KEY
    shown = repr((outcome.results, outcome.before, outcome.after))
    assert KEY not in shown and MASK not in shown  # the stored key is masked on the server: neither shows


@pytest.mark.parametrize("shown", [None, "", "absent"])
def test_a_server_that_hides_the_password_needs_it_for_a_change_before_any_write(shown):
    # the rule of mounted backup storage too: absent, null and "" show no stored secret
    hidden = volume("media")
    if shown == "absent":
        del hidden["mountOptions"]["password"]
    else:
        hidden["mountOptions"]["password"] = shown
    engine, server = make([hidden])
    with pytest.raises(ResourceError) as caught:
        converge(engine, [{"name": "media", "mount_options": {"host": "nas2.example.com"}}])
    assert "volume 'media': mount_options.password is needed to change the mount options" in str(caught.value)
    assert server.writes() == []
    engine, server = make([hidden])
    assert converge(engine, [{"name": "media", "mount_options": CIFS}]).changes == []


def test_a_new_mount_type_is_refused_before_any_write():
    engine, server = make([volume("media"), volume("archive", "filesystem", "1" * 32)])
    with pytest.raises(ResourceError) as caught:
        converge(engine, [{"name": "archive", "mount_options": {"host_path": "/srv/archive"}},
                          {"name": "media", "mount_type": "nfs", "mount_options": {"host": "nas.example.com"}}])
    assert str(caught.value) == ("volume 'media': mount_type cannot be changed in place (cifs to nfs): the server has no route "
                                 "for it; delete the volume and create it again")
    assert server.writes() == []


def test_new_options_of_a_type_the_server_does_not_update_are_refused_before_any_write():
    engine, server = make([volume("media"), volume("archive", "filesystem", "1" * 32)])
    with pytest.raises(ResourceError) as caught:
        converge(engine, [{"name": "media", "mount_options": {"host": "nas2.example.com"}},
                          {"name": "archive", "mount_options": {"host_path": "/srv/other"}}])
    assert str(caught.value) == ("volume 'archive': mount_options cannot be changed in place for a filesystem volume "
                                 "(host_path '/srv/archive' to '/srv/other'): the server changes only cifs, nfs and sshfs "
                                 "volumes; delete the volume and create it again")
    assert server.writes() == []


def test_options_of_another_type_are_refused_for_an_existing_volume_before_any_write():
    engine, server = make([volume("media")])
    with pytest.raises(ResourceError) as caught:
        converge(engine, [{"name": "media", "mount_options": {"disk_path": "/dev/sdb"}}])
    assert "volume 'media': mount_options: disk_path is not an option of a cifs volume" in str(caught.value)
    with pytest.raises(ResourceError) as caught:
        converge(engine, [{"name": "media"}], secrets={"media": {"private_key": KEY}})
    assert "volume 'media': mount_options: private_key is not an option of a cifs volume" in str(caught.value)
    assert server.writes() == []


def test_deleting_a_volume_an_app_uses_quotes_the_server():
    engine, server = make([volume("media")])
    server.on("DELETE", "/volumes/" + "0" * 32, (409, {"status": "Conflict", "message": "Volume is in use by files.example.com"}))
    with pytest.raises(PartialFailure) as caught:
        converge(engine, [{"name": "media"}], state="absent")
    error = caught.value.error
    assert isinstance(error, ApiError) and error.status == 409
    assert "Volume is in use by files.example.com" in str(error)
    assert "change the storage_volume and mounts of the apps that use it first" in str(error)


def test_deleting_twice_is_fine_and_costs_one_read():
    engine, server = make()
    assert converge(engine, [{"name": "media"}], state="absent").changes == []
    assert paths(server) == [("GET", "/api/v1/volumes")]


def test_overridden_deletes_the_volumes_not_listed():
    engine, server = make([volume("media"), volume("archive", "filesystem", "1" * 32)])
    server.on("DELETE", "/volumes/" + "1" * 32, (204, ""))
    outcome = converge(engine, [{"name": "media"}], state="overridden")
    assert [change.report() for change in outcome.changes] == [{"action": "delete", "key": "archive", "fields": []}]
    assert writes(server) == [("DELETE", "/api/v1/volumes/" + "1" * 32, None)]


def test_names_keep_their_case():
    engine, server = make([volume("Media")])
    server.on("POST", "/volumes", (201, {"id": "b" * 32}))
    outcome = converge(engine, [{"name": "media", "mount_type": "nfs", "mount_options": {"host": "h", "remote_dir": "/d"}}])
    assert [change.action for change in outcome.changes] == ["create"]


def test_status_and_remount_are_one_request_each():
    engine, server = make([volume("media")])
    server.on("GET", "/volumes/%s/status" % ("0" * 32), (200, {"state": "active", "message": "mounted"}))
    server.on("POST", "/volumes/%s/remount" % ("0" * 32), (202, {}))
    found = engine.read([], complete=True)[0]
    assert Volumes().status(engine.ctx, found) == {"state": "active", "message": "mounted"}
    Volumes().remount(engine.ctx, found)
    assert paths(server)[1:] == [("GET", "/api/v1/volumes/%s/status" % ("0" * 32)), ("POST", "/api/v1/volumes/%s/remount" % ("0" * 32))]

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""An app's storage volume and mounts: volumes by name, resolved to ids, and the volume list read only when an
item names a volume or a listing shows one."""

from __future__ import annotations

import functools

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron import apps as apps_module
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import wait_for_task
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudron.test_apps import GITEA, installed, make, posted

MEDIA = "a" * 32
ARCHIVE = "b" * 32
VOLUMES = [{"id": MEDIA, "name": "media", "mountType": "nfs", "mountOptions": {"host": "nas", "remoteDir": "/media"}},
           {"id": ARCHIVE, "name": "archive", "mountType": "filesystem", "mountOptions": {"hostPath": "/srv/archive"}}]
APP = {"domain": "example.com", "subdomain": "git"}


@pytest.fixture(autouse=True)
def instant_task_waits(monkeypatch):
    monkeypatch.setattr(apps_module, "wait_for_task", functools.partial(wait_for_task, sleep=lambda seconds: None))


def with_app(check_mode=False, warnings=None, **raw):
    engine, server = make(warnings=warnings)
    engine.ctx.check_mode = engine.check_mode = check_mode
    server.on("GET", "/apps", (200, {"apps": [installed(**raw)]}))
    server.on("GET", "/volumes", (200, {"volumes": VOLUMES}))
    server.on("GET", "/tasks/7", (200, {"id": "7", "active": False, "pending": False, "success": True, "percent": 100}))
    return engine, server


def reads(server):
    return [entry[1] for entry in server.log if entry[0] == "GET"]


def test_an_app_on_volumes_is_returned_with_their_names_even_when_the_item_names_none():
    engine, server = with_app(storageVolumeId=MEDIA, mounts=[{"volumeId": ARCHIVE, "readOnly": True}])
    outcome = engine.converge(engine.items([dict(APP, label="")]), "present")
    assert outcome.changes == []
    # the volume list once, for the names the result shows
    assert reads(server) == ["/api/v1/apps", "/api/v1/volumes"]
    assert outcome.results[0]["storage_volume"] == "media"
    assert outcome.results[0]["mounts"] == [{"volume": "archive", "read_only": True}]
    assert outcome.results[0]["storage_volume_prefix"] == ""
    assert "volume_ids" not in outcome.results[0]


def test_an_app_without_volumes_shows_none_without_reading_the_list():
    engine, server = with_app()
    outcome = engine.converge(engine.items([dict(APP, storage_volume="", mounts=[])]), "present")
    assert outcome.changes == []
    assert reads(server) == ["/api/v1/apps"]
    assert (outcome.results[0]["storage_volume"], outcome.results[0]["mounts"]) == ("", [])


def test_the_same_volumes_by_name_cost_one_more_read_and_no_write():
    engine, server = with_app(storageVolumeId=MEDIA, storageVolumePrefix="git",
                              mounts=[{"volumeId": ARCHIVE, "readOnly": True}, {"volumeId": MEDIA, "readOnly": False}])
    item = dict(APP, storage_volume="media", storage_volume_prefix="git",
                mounts=[{"volume": "media"}, {"volume": "archive", "read_only": True}])
    outcome = engine.converge(engine.items([item]), "present")
    assert outcome.changes == []
    assert reads(server) == ["/api/v1/apps", "/api/v1/volumes"]
    assert outcome.results[0]["mounts"] == [{"volume": "archive", "read_only": True}, {"volume": "media", "read_only": False}]


def test_storage_and_mounts_are_written_by_volume_id_through_their_configure_routes():
    engine, server = with_app()
    for route in ("storage", "mounts"):
        server.on("POST", "/apps/app-1/configure/" + route, (202, {"taskId": "7"}))
    item = dict(APP, storage_volume="media", storage_volume_prefix="git", mounts=[{"volume": "archive", "read_only": True}])
    outcome = engine.converge(engine.items([item]), "present")
    assert [change.report() for change in outcome.changes] == [
        {"action": "update", "key": "git.example.com", "fields": ["mounts", "storage_volume", "storage_volume_prefix"]}]
    assert posted(server) == [
        ("/api/v1/apps/app-1/configure/storage", {"storageVolumeId": MEDIA, "storageVolumePrefix": "git"}),
        ("/api/v1/apps/app-1/configure/mounts", {"mounts": [{"volumeId": ARCHIVE, "readOnly": True}]})]


def test_moving_the_data_back_sends_no_volume():
    engine, server = with_app(storageVolumeId=MEDIA, storageVolumePrefix="git")
    server.on("POST", "/apps/app-1/configure/storage", (202, {"taskId": "7"}))
    engine.converge(engine.items([dict(APP, storage_volume="", storage_volume_prefix="")]), "present")
    assert posted(server) == [("/api/v1/apps/app-1/configure/storage", {"storageVolumeId": None, "storageVolumePrefix": None})]


@pytest.mark.parametrize("volume", [None, ""])
def test_a_prefix_without_a_volume_is_refused_before_any_request(volume):
    engine, server = with_app()
    item = dict(APP, storage_volume_prefix="git")
    if volume is not None:
        item["storage_volume"] = volume
    with pytest.raises(ResourceError) as caught:
        engine.converge(engine.items([item]), "present")
    assert "storage_volume_prefix 'git' needs storage_volume" in str(caught.value)
    assert server.log == []


def test_an_unknown_volume_is_an_error_naming_the_app_before_any_write():
    engine, server = with_app()
    with pytest.raises(ResourceError) as caught:
        engine.converge(engine.items([dict(APP, mounts=[{"volume": "nope"}])]), "present")
    assert str(caught.value) == "git.example.com: storage_volume/mounts: volume 'nope' does not exist"
    assert server.writes() == []


def test_an_unknown_volume_is_a_warning_in_check_mode():
    warnings = []
    engine, server = with_app(check_mode=True, warnings=warnings)
    outcome = engine.converge(engine.items([dict(APP, storage_volume="new-share")]), "present")
    assert [change.report()["fields"] for change in outcome.changes] == [["storage_volume"]]
    assert outcome.results[0]["storage_volume"] == "new-share"
    assert warnings == ["git.example.com: storage_volume/mounts: volume 'new-share' does not exist; "
                        "assuming an earlier task creates it (check mode)"]
    assert server.writes() == []


def test_a_mount_without_a_volume_name_is_refused_before_any_request():
    engine, server = make()
    with pytest.raises(ResourceError) as caught:
        engine.items([dict(APP, mounts=[{"read_only": True}])], option="config")
    assert "config[0] (git.example.com): mounts: each mount needs a volume name" in str(caught.value)
    assert server.log == []


def test_a_listing_names_volumes_with_one_read_only_when_an_app_uses_one():
    engine, server = with_app(storageVolumeId=MEDIA)
    listed = engine.read([], complete=True)
    assert listed[0]["storage_volume"] == "media"
    assert reads(server) == ["/api/v1/apps", "/api/v1/volumes"]
    engine, server = with_app()
    assert engine.read([], complete=True)[0]["mounts"] == []
    assert reads(server) == ["/api/v1/apps"]


def test_an_install_sets_the_storage_volume_after_the_install_task():
    engine, server = make()
    server.on("GET", "/volumes", (200, {"volumes": VOLUMES}))
    server.on("POST", "/apps", (202, {"id": "app-1", "taskId": "7"}))
    server.on("POST", "/apps/app-1/configure/storage", (202, {"taskId": "7"}))
    engine.converge(engine.items([dict(APP, app_store_id=GITEA, storage_volume="media")]), "present")
    assert [path for path, _body in posted(server)] == ["/api/v1/apps", "/api/v1/apps/app-1/configure/storage"]
    assert "storageVolumeId" not in posted(server)[0][1]

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Branding images through the engine: files checked first, compared by digest, uploaded as multipart only when they differ."""

from __future__ import annotations

import hashlib

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.branding import Branding
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import PartialFailure, ResourceError, TransportError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, dropped, mount

PNG = b"\x89PNG\r\n\x1a\n" + b"logo"
JPEG = b"\xff\xd8\xff\xe0" + b"photo"
SERVED = b"\x89PNG\r\n\x1a\n" + b"default"


def digest(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def make(check_mode=False):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/branding/cloudron_avatar", (200, SERVED))
    server.on("GET", "/branding/cloudron_background", (200, SERVED))
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode)
    return Engine(Branding(), ctx, check_mode=check_mode), server


def files(tmp_path, **contents):
    paths = {}
    for name, data in contents.items():
        path = tmp_path / ("%s.img" % name)
        path.write_bytes(data)
        paths[name] = str(path)
    return paths


def uploads(server):
    """(path, content type of the part, bytes of the part) of every write."""
    found = []
    for method, path, headers, body, _verify in server.writes():
        assert method == "POST" and headers["Content-Type"].startswith("multipart/form-data; boundary=")
        found.append((path[len("/api/v1"):], body))
    return found


def test_only_a_differing_image_is_uploaded_in_its_own_field(tmp_path):
    engine, server = make()
    server.on("POST", "/branding/cloudron_background", (202, {}))
    params = files(tmp_path, avatar=SERVED, background=JPEG)
    outcome = engine.converge(engine.items([params]), "present")
    assert [change.report() for change in outcome.changes] == [{"action": "update", "key": "branding", "fields": ["background"]}]
    assert outcome.before == {"branding": {"avatar": digest(SERVED), "background": digest(SERVED)}}
    assert outcome.results == [{"avatar": digest(SERVED), "background": digest(JPEG)}]
    [(path, body)] = uploads(server)
    assert path == "/branding/cloudron_background"
    assert b'name="background"; filename="background.img"' in body and b"Content-Type: image/jpeg" in body and JPEG in body


def test_check_mode_reads_only_the_given_image_and_uploads_nothing(tmp_path):
    engine, server = make(check_mode=True)
    outcome = engine.converge(engine.items([files(tmp_path, avatar=PNG)]), "present")
    assert outcome.changed and outcome.after == {"branding": {"avatar": digest(PNG)}}
    assert server.writes() == []
    assert [entry[1] for entry in server.log] == ["/api/v1/branding/cloudron_avatar", "/api/v1/cloudron/status"]


def test_the_same_image_changes_nothing(tmp_path):
    engine, server = make()
    outcome = engine.converge(engine.items([files(tmp_path, avatar=SERVED)]), "present")
    assert not outcome.changed and server.writes() == []


@pytest.mark.parametrize("contents, message", [
    ({"avatar": JPEG}, r"^avatar: .*avatar\.img is not a PNG image \(the server serves it as image/png\)$"),
    ({"avatar": b""}, r"^avatar: .*avatar\.img is empty"),
    ({"background": b""}, r"^background: .*background\.img is empty"),
])
def test_files_the_server_would_not_take_are_refused_before_any_request(tmp_path, contents, message):
    engine, server = make()
    with pytest.raises(ResourceError, match=message):
        engine.items([files(tmp_path, **contents)])
    assert server.log == []


def test_a_missing_file_names_the_option(tmp_path):
    engine, server = make()
    with pytest.raises(ResourceError, match=r"^background: cannot read .*nowhere\.png: No such file or directory$"):
        engine.items([{"background": str(tmp_path / "nowhere.png")}])
    assert server.log == []


def test_any_non_empty_background_is_taken(tmp_path):
    engine, server = make()
    server.on("POST", "/branding/cloudron_background", (200, {}))
    engine.converge(engine.items([files(tmp_path, background=b"some bytes")]), "present")
    [(path, body)] = uploads(server)
    assert b"Content-Type: application/octet-stream" in body and b"some bytes" in body


def test_a_server_without_an_image_reads_as_none(tmp_path):
    engine, server = make()
    server.on("GET", "/branding/cloudron_background", (404, {"status": "Not Found", "message": "No background"}))
    server.on("POST", "/branding/cloudron_background", (202, {}))
    outcome = engine.converge(engine.items([files(tmp_path, background=PNG)]), "present")
    assert outcome.before == {"branding": {"background": None}} and len(uploads(server)) == 1


def test_a_dropped_upload_is_not_repeated_and_names_the_option(tmp_path):
    engine, server = make()
    server.on("POST", "/branding/cloudron_avatar", dropped(), (200, {}))
    with pytest.raises(PartialFailure) as caught:
        engine.converge(engine.items([files(tmp_path, avatar=PNG)]), "present")
    assert isinstance(caught.value.error, TransportError) and caught.value.error.maybe_applied
    assert caught.value.change.failing == ["avatar"] and len(server.writes()) == 1


def test_a_refused_upload_quotes_the_server(tmp_path):
    engine, server = make()
    server.on("POST", "/branding/cloudron_avatar", (400, {"status": "Bad Request", "message": "avatar must be provided"}))
    with pytest.raises(PartialFailure) as caught:
        engine.converge(engine.items([files(tmp_path, avatar=PNG)]), "present")
    assert caught.value.error.message == "avatar must be provided" and caught.value.applied == []

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Multipart uploads go through the same request path: same auth, same retry and redirect rules."""

from __future__ import annotations

import email.parser
import email.policy

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, TransportError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, dropped, mount, refused

BASE = "https://my.example.com/api/v1"
IMAGE = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
FILES = {"avatar": ("logo.png", IMAGE, "image/png")}


def client(sleeps=None):
    http = HttpClient(BASE, auth=BearerAuth("s3cret-token"), sleep=(sleeps.append if sleeps is not None else lambda s: None),
                      rand=lambda: 0.5)
    return http, mount(http, FakeServer())


def parts(headers, body):
    """The form fields of a multipart body: {name: (filename, content type, bytes)}."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + headers["Content-Type"].encode() + b"\r\n\r\n" + body)
    assert message.get_content_type() == "multipart/form-data"
    return dict((part.get_param("name", header="content-disposition"),
                 (part.get_filename(), part.get_content_type(), part.get_payload(decode=True)))
                for part in message.iter_parts())


def test_files_are_sent_as_multipart_form_data_with_the_token():
    http, server = client()
    server.on("POST", "/branding/cloudron_avatar", (200, {}))
    assert http.request("POST", "/branding/cloudron_avatar", files=FILES).status == 200
    method, _path, headers, body, _verify = server.log[0]
    assert method == "POST" and headers["Authorization"] == "Bearer s3cret-token"
    assert parts(headers, body) == {"avatar": ("logo.png", "image/png", IMAGE)}


def test_a_json_body_given_with_files_is_not_sent_as_json():
    http, server = client()
    server.on("POST", "/upload", (200, {}))
    http.request("POST", "/upload", body={"ignored": True}, files=FILES)
    headers, body = server.log[0][2], server.log[0][3]
    assert headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b"ignored" not in body


def test_a_dropped_upload_is_not_repeated():
    http, server = client([])
    server.on("POST", "/upload", dropped(), (200, {}))
    with pytest.raises(TransportError) as info:
        http.request("POST", "/upload", files=FILES)
    assert info.value.maybe_applied is True
    assert len(server.log) == 1 and http.retry_report() is None


def test_an_upload_that_never_left_is_sent_again_whole():
    sleeps = []
    http, server = client(sleeps)
    server.on("POST", "/upload", refused(), (200, {}))
    assert http.request("POST", "/upload", files=FILES).status == 200
    assert len(server.log) == 2 and len(sleeps) == 1
    assert [parts(entry[2], entry[3]) for entry in server.log] == [{"avatar": ("logo.png", "image/png", IMAGE)}] * 2


def test_an_upload_is_not_repeated_on_503_but_is_on_429():
    http, server = client([])
    server.on("POST", "/upload", (503, "busy"), (200, {}))
    assert http.request("POST", "/upload", files=FILES).status == 503
    http, server = client([])
    server.on("POST", "/upload", (429, {}, {"Retry-After": "1"}), (200, {}))
    assert http.request("POST", "/upload", files=FILES).status == 200
    assert len(server.log) == 2


def test_an_upload_does_not_follow_a_redirect():
    http, server = client()
    server.on("POST", "/upload", (301, "", {"Location": "https://my.example.com/api/v1/elsewhere"}))
    with pytest.raises(ApiError, match="redirected to"):
        http.request("POST", "/upload", files=FILES)
    assert len(server.log) == 1

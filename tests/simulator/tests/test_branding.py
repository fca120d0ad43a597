# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Branding images: multipart uploads kept as sent, defaults until then, the background's status switch."""

import hashlib
import uuid

import pytest

IMAGE = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) + b"\r\n--not-a-boundary\r\n"


def multipart(fields):
    """A multipart/form-data body of ``{field: (filename, content type, bytes)}`` and its Content-Type."""
    boundary = uuid.uuid4().hex
    body = b""
    for name, (filename, content_type, data) in fields.items():
        body += (b"--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                 % (boundary.encode(), name.encode(), filename.encode(), content_type.encode())) + data + b"\r\n"
    return body + b"--%s--\r\n" % boundary.encode(), "multipart/form-data; boundary=%s" % boundary


def upload(client, route, fields, token="sim-rw-token"):
    body, content_type = multipart(fields)
    return client.raw("POST", "/api/v1" + route, body, {"Authorization": "Bearer " + token, "Content-Type": content_type})


@pytest.mark.parametrize("field, status", [("avatar", 200), ("background", 202)])
def test_default_then_uploaded_image_served_as_sent(client, field, status):
    route = "/branding/cloudron_" + field
    default = client.call("GET", route)
    assert default.status == 200 and default.body.startswith(b"\x89PNG\r\n\x1a\n")
    assert default.response.getheader("Content-Type") == "image/png"
    answer = upload(client, route, {field: ("mine.png", "image/png", IMAGE)})
    assert answer.outcome == (status, {})
    assert client.call("GET", route).body == IMAGE
    state = client.control("GET", "/state")["branding"][field]
    assert state == {"filename": "mine.png", "contentType": "image/png", "size": len(IMAGE),
                     "sha256": hashlib.sha256(IMAGE).hexdigest(), "default": False}
    logged = client.control("GET", "/requests")["requests"][-2]
    assert logged["method"] == "POST" and logged["body"] == {field: {
        "filename": "mine.png", "contentType": "image/png", "size": len(IMAGE), "sha256": hashlib.sha256(IMAGE).hexdigest()}}


def test_the_two_defaults_differ_and_the_state_says_default(client):
    avatar = client.call("GET", "/branding/cloudron_avatar").body
    assert avatar != client.call("GET", "/branding/cloudron_background").body
    assert client.control("GET", "/state")["branding"]["avatar"]["default"] is True


def test_background_status_switch(client):
    client.control("POST", "/switches", {"background_status": 200})
    assert upload(client, "/branding/cloudron_background", {"background": ("b.jpg", "image/jpeg", b"\xff\xd8\xff")}).status == 200
    with pytest.raises(AssertionError):
        client.control("POST", "/switches", {"background_status": 204})


def test_a_background_post_without_the_field_clears_it(client):
    upload(client, "/branding/cloudron_background", {"background": ("b.png", "image/png", IMAGE)})
    assert upload(client, "/branding/cloudron_background", {"other": ("x", "text/plain", b"x")}).status == 202
    assert client.control("GET", "/state")["branding"]["background"]["default"] is True


@pytest.mark.parametrize("fields", [{}, {"avatar": ("a.png", "image/png", b"")}, {"image": ("a.png", "image/png", IMAGE)}])
def test_an_avatar_post_without_the_file_is_refused(client, fields):
    answer = upload(client, "/branding/cloudron_avatar", fields)
    assert answer.outcome == (400, {"status": "Bad Request", "message": "avatar must be provided as a file"})
    assert client.control("GET", "/state")["branding"]["avatar"]["default"] is True


def test_json_and_broken_multipart_bodies(client):
    assert client.call("POST", "/branding/cloudron_avatar", {"avatar": "x"}).status == 400
    answer = client.raw("POST", "/api/v1/branding/cloudron_avatar", b"--x\r\nbroken",
                        {"Authorization": "Bearer sim-rw-token", "Content-Type": "multipart/form-data; boundary=x"})
    assert answer.outcome == (400, {"status": "Bad Request", "message": "Failed to parse body"})


def test_admin_only_and_read_only_tokens_cannot_upload(client):
    client.control("POST", "/tokens", {"token": "t-ivy", "username": "ivy"})
    assert client.call("GET", "/branding/cloudron_avatar", token="t-ivy").status == 403
    assert upload(client, "/branding/cloudron_avatar", {"avatar": ("a.png", "image/png", IMAGE)}, token="sim-ro-token").status == 403

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Branding images (facts 7.14): ``GET``/``POST /branding/cloudron_avatar`` and ``/branding/cloudron_background``.

Uploads are multipart/form-data with the field ``avatar`` or ``background``; an image is kept as sent and served
back as it came. Until one is uploaded a default image is served (a 1x1 PNG each). The avatar POST answers 200 ``{}``
(the spec); the background POST 202 ``{}`` per the vendor spec (unverified: switch ``background_status``, 200 being
the facts' rule for settings routes). The spec says a background POST without the field clears the image; then the
default is served again. Messages are the simulator's own (chosen).
"""

import struct
import zlib

from common.routing import Response

from .errors import ApiError
from .multipart import Part

ROUTES = {"avatar": "/api/v1/branding/cloudron_avatar", "background": "/api/v1/branding/cloudron_background"}


def _png(rgb):
    """A 1x1 PNG of one colour."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" + bytes(rgb)))
            + chunk(b"IEND", b""))


DEFAULTS = {"avatar": Part("avatar.png", "image/png", _png((30, 144, 255))),
            "background": Part("background.png", "image/png", _png((240, 240, 240)))}


def image(state, field):
    """The image served for ``field``: the uploaded one, else the default."""
    return state.branding.get(field) or DEFAULTS[field]


def _getter(field):
    def handler(state, request):
        part = image(state, field)
        return Response(200, part.data, content_type=part.content_type)
    return handler


def _setter(field):
    def handler(state, request):
        part = request.body.get(field) if isinstance(request.body, dict) else None
        if field == "background" and part is None:
            state.branding.pop(field, None)
        elif not isinstance(part, Part) or not part.data:
            raise ApiError(400, "%s must be provided as a file" % field)
        else:
            state.branding[field] = part
        status = state.switches["background_status"] if field == "background" else 200
        return Response(status, {})
    return handler


def dump(state):
    """The branding part of GET /_control/state: each image as ``{filename, contentType, size, sha256, default}``."""
    return {"branding": dict((field, dict(image(state, field).summary(), default=field not in state.branding))
                             for field in ROUTES)}


def register(router):
    for field, route in ROUTES.items():
        router.add("GET", route, _getter(field), "admin")
        router.add("POST", route, _setter(field), "admin")

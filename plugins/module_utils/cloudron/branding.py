# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Branding images (facts 7.14) as a singleton: the avatar (the icon of the dashboard, login pages and emails) and the
background of the login pages.

Each is read as the image ``GET`` serves and written as a multipart upload (facts 1) in the field that names it. They
compare by the SHA-256 of the bytes, so a file is sent only when it differs from what the server serves. The vendor
spec says the background POST answers 202 (unverified; settings routes answer 200): any 2xx is taken. The server's
name and footer belong to ``settings.py``.
"""

from __future__ import annotations

import os

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_fields import IconField, read_image
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import ADMIN
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Singleton

# (name, magic bytes at the start, content type); the upload's part carries the content type found
IMAGE_TYPES = (
    ("PNG", (b"\x89PNG\r\n\x1a\n",), "image/png"),
    ("JPEG", (b"\xff\xd8\xff",), "image/jpeg"),
    ("GIF", (b"GIF87a", b"GIF89a"), "image/gif"),
)


def image_type(data):
    """``(name, content type)`` of an image recognised by its first bytes, or None."""
    for name, magics, content_type in IMAGE_TYPES:
        if data.startswith(magics):
            return name, content_type
    return None


class ImageFile(IconField):
    """A local image file, compared by digest; ``accepted`` names the types the server takes (None: any non-empty file).

    The bytes read are kept by digest for the upload, with the file's name and content type."""

    def __init__(self, name, route, accepted=None):
        super().__init__(name)
        self.route = route
        self.accepted = accepted
        self.files = {}

    def parse(self, value):
        data = read_image(value)
        found = image_type(data)
        if self.accepted and (found is None or found[0] not in self.accepted):
            raise ValueError("%s is not a %s image (the server serves it as %s)"
                             % (value, " or ".join(self.accepted), self.accepted_types()))
        digest = self.digest(data)
        self.files[digest] = (os.path.basename(value), data, found[1] if found else "application/octet-stream")
        return digest

    def accepted_types(self):
        return ", ".join(content_type for name, _magics, content_type in IMAGE_TYPES if name in self.accepted)


# the avatar route serves image/png (the vendor spec's only type for it); the background names none
FIELDS = (
    ImageFile("avatar", route="/branding/cloudron_avatar", accepted=("PNG",)),
    ImageFile("background", route="/branding/cloudron_background"),
)


class Branding(Singleton):
    """The server's branding images; an item names the images it manages."""

    name = "branding"
    plural = "branding"
    fields = FIELDS

    def read(self, ctx, items, complete):
        """Digests of the images named by the item (both when it names none or ``complete``)."""
        names = set(items[0]) if items and items[0] and not complete else None
        return [dict((field.name, self._served(ctx, field)) for field in FIELDS if names is None or field.name in names)]

    @staticmethod
    def _served(ctx, field):
        """The digest of what the route serves; None when the server says there is no image."""
        data = ctx.client.image(field.route, role=ADMIN)
        return field.digest(data) if data is not None else None

    def write(self, ctx, current, route, values, item):
        field = next(field for field in FIELDS if field.route == route)
        filename, data, content_type = field.files[values[field.name]]
        ctx.client.upload(route, field.name, filename, data, content_type, role=ADMIN)

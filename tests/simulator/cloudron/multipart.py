# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""multipart/form-data request bodies (the branding uploads, facts 1: "uploads are multipart/form-data").

The JSON body parser leaves such bodies alone; handlers that take uploads read ``request.body`` as
``{field: Part}``. The request log shows a part by its name, size and SHA-256, never its bytes.
"""

import hashlib
import re
from dataclasses import dataclass

_PARAM = re.compile(r'\b(name|filename)="([^"]*)"')


@dataclass
class Part:
    filename: str
    content_type: str
    data: bytes

    def summary(self):
        return {"filename": self.filename, "contentType": self.content_type, "size": len(self.data),
                "sha256": hashlib.sha256(self.data).hexdigest()}


def is_multipart(headers):
    return (headers.get("Content-Type") or "").split(";")[0].strip().lower() == "multipart/form-data"


def _boundary(headers):
    found = re.search(r'boundary="?([^";]+)"?', headers.get("Content-Type") or "")
    if not found:
        raise ValueError("no boundary")
    return found.group(1).encode("latin-1")


def parse(headers, body):
    """``{field: Part}`` of a multipart body, or ValueError when it is not one."""
    delimiter = b"--" + _boundary(headers)
    chunks = body.split(delimiter)
    if len(chunks) < 2 or not chunks[-1].startswith(b"--"):
        raise ValueError("no closing boundary")
    parts = {}
    for chunk in chunks[1:-1]:
        head, separator, data = chunk[2:].partition(b"\r\n\r\n")
        if not separator or not data.endswith(b"\r\n"):
            raise ValueError("a part without headers")
        fields, content_type = {}, "application/octet-stream"
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, value = (line.split(":", 1) + [""])[:2]
            if name.strip().lower() == "content-disposition":
                fields = dict(_PARAM.findall(value))
            elif name.strip().lower() == "content-type":
                content_type = value.strip()
        if "name" in fields:
            parts[fields["name"]] = Part(fields.get("filename"), content_type, data[:-2])
    return parts


def logged(headers, body):
    """What the request log keeps of a multipart body; None when it cannot be read."""
    try:
        return dict((name, part.summary()) for name, part in parse(headers, body).items())
    except ValueError:
        return None

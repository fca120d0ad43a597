# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Images an export writes beside the description (branding images, applink icons), named by their content.

A file is ``<kind>-<first 12 hex digits of its SHA-256>.<ext>`` (the extension from the image's first bytes, else
``bin``), so two servers with the same image share one file and an unchanged image is never written again. The
description names it ``<prefix>/<name>``: the prefix says how the description file reaches the directory (``files``
when the directory sits beside it). A file is written atomically with mode 0644, only when it is missing or differs;
in check mode nothing is written, and the files that would be are reported as written.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import tempfile

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.branding import image_type
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError

EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif"}
MODE = 0o644


def file_name(kind, data):
    """``avatar-0123456789ab.png``."""
    found = image_type(data)
    return "%s-%s.%s" % (kind, hashlib.sha256(data).hexdigest()[:12], EXTENSIONS[found[0]] if found else "bin")


class ExportFiles:
    """The directory the images go to (``option`` names it in errors); ``files`` lists every file the export refers to."""

    def __init__(self, directory, prefix="files", check_mode=False, option="files_dir"):
        self.directory = os.path.abspath(directory)
        self.prefix = (prefix or "").strip().rstrip("/")
        self.check_mode = check_mode
        self.option = option
        self.files = []

    def add(self, kind, data):
        """Keep ``data`` (bytes of an image of ``kind``) as a file; returns the path the description gives for it."""
        name = file_name(kind, data)
        reference = posixpath.join(self.prefix, name) if self.prefix else name
        path = os.path.join(self.directory, name)
        if not any(entry["path"] == path for entry in self.files):
            self.files.append({"path": path, "reference": reference, "kind": kind, "written": self._write(path, data)})
        return reference

    def _write(self, path, data):
        """Whether the file is (in check mode: would be) written."""
        if os.path.exists(self.directory) and not os.path.isdir(self.directory):
            raise ResourceError("%s: %s exists and is not a directory" % (self.option, self.directory))
        if os.path.isfile(path) and not os.path.islink(path):
            try:
                with open(path, "rb") as handle:
                    if handle.read() == data:
                        return False
            except (IOError, OSError) as exc:
                raise ResourceError("%s: cannot read %s: %s" % (self.option, path, exc.strerror or exc))
        if self.check_mode:
            return True
        temp = None
        try:
            os.makedirs(self.directory, 0o755, exist_ok=True)
            descriptor, temp = tempfile.mkstemp(prefix=".%s." % os.path.basename(path), suffix=".tmp", dir=self.directory)
            with os.fdopen(descriptor, "wb") as handle:
                os.fchmod(handle.fileno(), MODE)  # whatever the umask made of it
                handle.write(data)
            os.replace(temp, path)
            temp = None
        except (IOError, OSError) as exc:
            raise ResourceError("%s: cannot write %s: %s" % (self.option, path, exc.strerror or exc))
        finally:
            if temp is not None and os.path.exists(temp):
                os.unlink(temp)
        return True

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A file that receives a secret the server shows once (a new token or password).

Written atomically, mode 0600 from the start, never through a symlink. ``prepare`` opens a temporary file beside the
target before the secret is created, so a directory that cannot be written refuses the run while nothing exists yet;
``commit`` fills it and renames it over the target (a symlink there is replaced, its target is never written);
``discard`` removes what is left when nothing was created; ``check`` is what check mode runs instead of ``prepare``.
"""

from __future__ import annotations

import binascii
import errno
import os

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError


class SecretFile:
    """``option`` names the module option in errors (``token_file: ...``)."""

    def __init__(self, path, option):
        self.path = os.path.abspath(path)
        self.option = option
        self.temp = None
        self._descriptor = None

    def check(self):
        """What ``prepare`` makes sure of, without opening a file (check mode); returns the directory."""
        directory = os.path.dirname(self.path)
        if not os.path.isdir(directory):
            raise ResourceError("%s: the directory %s does not exist; nothing was created" % (self.option, directory))
        if os.path.isdir(self.path) and not os.path.islink(self.path):
            raise ResourceError("%s: %s is a directory; nothing was created" % (self.option, self.path))
        if not os.access(directory, os.W_OK | os.X_OK):
            raise ResourceError("%s: cannot write a file in %s (%s); nothing was created"
                                % (self.option, directory, os.strerror(errno.EACCES)))
        return directory

    def prepare(self):
        directory = self.check()
        temp = os.path.join(directory, ".%s.%s.tmp" % (os.path.basename(self.path), binascii.hexlify(os.urandom(6)).decode()))
        try:
            self._descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except OSError as exc:
            raise ResourceError("%s: cannot write a file in %s (%s); nothing was created" % (self.option, directory, exc.strerror))
        self.temp = temp

    def commit(self, secret):
        """Write ``secret`` and a newline and put the file in place; raises ``OSError`` or ``ResourceError`` (the
        temporary file is then removed)."""
        if self._descriptor is None:
            self.prepare()
        try:
            os.fchmod(self._descriptor, 0o600)  # whatever the umask made of it
            data = (secret + "\n").encode("utf-8")
            while data:
                data = data[os.write(self._descriptor, data):]
            os.fsync(self._descriptor)
            os.close(self._descriptor)
            self._descriptor = None
            os.replace(self.temp, self.path)
            self.temp = None
        finally:
            self.discard()

    def discard(self):
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None
        if self.temp is not None:
            try:
                os.unlink(self.temp)
            except OSError:
                pass
            self.temp = None

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What one module run knows, as the engine sees it: check mode, warnings and two platform hooks.

A platform's context subclasses ``Context`` and adds its client, caches and name <-> id resolution.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError


class Context:
    """The per-run state the engine and resources share."""

    def __init__(self, http=None, check_mode=False, warn=None, progress=None):
        self.http = http
        self.check_mode = check_mode
        self._warn = warn or (lambda message: None)
        self.progress = progress  # called with one line of text while a long wait goes on (None: silent)

    def warn(self, message):
        self._warn(message)

    def before_write(self):
        """Called before the first write a plan needs (also in check mode, so it fails where the run would):
        a platform checks here that it supports the server."""
        return None

    def forget(self):
        """Forget what was read (after a write whose outcome is unknown)."""
        return None

    def require_existing(self, option, kind, wanted, known):
        """References must exist. In check mode a missing one may be created by an earlier task,
        so it is a warning and the predicted value keeps the name; in a real run it is an error."""
        missing = sorted(set(wanted) - set(known))
        if not missing:
            return
        text = "%s: %s %s not exist" % (option, ", ".join("%s %r" % (kind, name) for name in missing),
                                        "does" if len(missing) == 1 else "do")
        if self.check_mode:
            self.warn(text + "; assuming an earlier task creates it (check mode)")
            return
        raise ResourceError(text)

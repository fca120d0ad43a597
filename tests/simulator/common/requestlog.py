# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The request log: every API request once, in order, numbered by ``seq`` (which keeps counting after ``clear()``)."""


class RequestLog:
    def __init__(self):
        self.entries = []
        self._seq = 0

    def open(self, **fields):
        """Append an entry ``{"seq", **fields}`` and return it (the caller fills in the outcome later)."""
        self._seq += 1
        entry = dict(seq=self._seq, **fields)
        self.entries.append(entry)
        return entry

    def clear(self):
        self.entries.clear()

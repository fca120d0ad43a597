# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Statuses travel as letters and come back as words (or, in some answers, letters): one table per kind of object."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import lower

# word -> wire letter
PROFILE_STATUS = {"active": "A", "blocked": "B", "muted": "M", "suspended": "S", "banned": "X"}
SITE_STATUS = {"active": "A", "disabled": "D"}
APP_STATUS = SITE_STATUS


def status_word(value, letters):
    """The server's word, or the word of its letter in ``letters`` (word -> letter); None stays None."""
    if value is None:
        return None
    words = dict((letter, word) for word, letter in letters.items())
    return words.get(value, lower(value))

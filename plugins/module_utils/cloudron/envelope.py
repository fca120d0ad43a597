# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Objects some routes wrap in a root key and others (or other sources) do not (facts 8)."""

from __future__ import annotations


def unwrap(answer, key):
    """``answer[key]`` when the answer wraps the object in ``key`` (``{event: {...}}``), else the answer itself.

    Unambiguous for the routes it is used on: their bare objects never carry a key named like their wrapper."""
    inner = answer.get(key) if isinstance(answer, dict) else None
    return inner if isinstance(inner, dict) else answer

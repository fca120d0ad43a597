# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ISO 8601 times of the API (``created_at``, an action's ``started_at``) as numbers that compare."""

from __future__ import annotations

import re
from datetime import datetime, timezone

_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE)


def epoch(text):
    """Seconds since the epoch of ``2024-05-02T09:14:06Z`` (fractions and an offset allowed; no offset means UTC);
    None when the value is not such a time."""
    found = _ISO.match(text.strip()) if isinstance(text, str) else None
    if found is None:
        return None
    stamp, fraction, zone = found.groups()
    zone = (zone or "Z").upper()
    if zone == "Z":
        zone = "+00:00"
    elif ":" not in zone:
        zone = zone[:3] + ":" + zone[3:]
    # Python 3.9's fromisoformat takes six digits of fraction and no "Z"
    value = stamp.replace(" ", "T") + ((fraction + "000000")[:7] if fraction else "") + zone
    try:
        return datetime.fromisoformat(value).astimezone(timezone.utc).timestamp()
    except ValueError:
        return None

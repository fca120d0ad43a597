# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ISO 8601 times as users and servers write them, parsed the same way on every Python the collection supports.

``datetime.fromisoformat`` takes ``Z``, any number of fractional digits and more forms only from Python 3.11 on, so a
time one controller accepts another would refuse; this parser takes one fixed grammar instead.
"""

from __future__ import annotations

import calendar
import datetime
import re

# 2027-01-31, 2027-01-31T00:00, 2027-01-31 00:00:00.123456789Z, 2027-01-31T02:00:00+02:00 (or +0200, +02)
_ISO = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[Tt ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?"
    r"(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$",
    re.ASCII,  # other scripts' digits are no ISO 8601
)
EXAMPLE = "2027-01-31T00:00:00Z"


def parse_time(value, option=None):
    """Seconds since the epoch (a float, fractions kept) of an ISO 8601 time: a date alone means its midnight, a time
    without a zone is UTC, ``Z`` and offsets such as ``+02:00`` count. Raises ``ValueError`` naming ``option``."""
    prefix = "%s: " % option if option else ""
    match = _ISO.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError("%s%r is not an ISO 8601 time such as %s" % (prefix, value, EXAMPLE))
    try:
        when = datetime.datetime(*(int(part) for part in match.group("date").split("-")),
                                 hour=int(match.group("hour") or 0), minute=int(match.group("minute") or 0),
                                 second=int(match.group("second") or 0), tzinfo=_zone(match.group("zone")))
        seconds = calendar.timegm(when.utctimetuple())
    except (ValueError, OverflowError) as exc:
        raise ValueError("%s%r is not a valid time (%s)" % (prefix, value, exc))
    fraction = match.group("fraction")
    return seconds + (float("0." + fraction) if fraction else 0.0)


def _zone(text):
    if text is None or text in "Zz":
        return datetime.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError("offset %s out of range" % text)
    return datetime.timezone(sign * datetime.timedelta(hours=hours, minutes=minutes))

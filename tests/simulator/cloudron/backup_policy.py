# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The backup policy (schedule and retention) and which backups a cleanup removes under it."""

import calendar
import time

from .errors import ApiError
from .settings import _pattern as autoupdate_pattern

DEFAULT = {"schedule": "00 00 23 * * *", "retention": {"keepWithinSecs": 172800}}
_KEEP_COUNTS = ("keepDaily", "keepWeekly", "keepMonthly", "keepYearly")


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_retention(retention):
    if not isinstance(retention, dict):
        raise ApiError(400, "retention must be an object")
    for key in retention:
        if key != "keepWithinSecs" and key not in _KEEP_COUNTS:
            raise ApiError(400, "retention: unknown key %s" % key)
    counts = [key for key in _KEEP_COUNTS if key in retention]
    if "keepWithinSecs" in retention:
        if counts:
            raise ApiError(400, "keepWithinSecs cannot be combined with %s" % ", ".join(_KEEP_COUNTS))
        value = retention["keepWithinSecs"]
        if not _number(value) or not (value > 0 or value == -1):
            raise ApiError(400, "keepWithinSecs must be a number > 0 or -1")
    elif not counts:
        raise ApiError(400, "retention must have keepWithinSecs or %s" % ", ".join(_KEEP_COUNTS))
    for key in counts:
        value = retention[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ApiError(400, "%s must be an integer >= 1" % key)
    return dict(retention)


def check(body, stored):
    """The policy to store for a POST body; ``schedule`` is kept when not sent."""
    policy = {"schedule": stored["schedule"], "retention": check_retention(body.get("retention"))}
    if body.get("schedule") is not None:
        schedule = body["schedule"]
        try:
            # the same cron patterns as the automatic update schedule, without "never"
            if not isinstance(schedule, str) or schedule == "never" or not autoupdate_pattern(schedule):
                raise ApiError(400, "")
        except ApiError as error:
            raise ApiError(400, "schedule must be a cron pattern of 6 fields") from error
        policy["schedule"] = schedule
    return policy


def _epoch(record):
    return calendar.timegm(time.strptime(record["creationTime"][:19], "%Y-%m-%dT%H:%M:%S"))


def _preserved(record, now):
    seconds = record.get("preserveSecs") or 0
    return seconds < 0 or _epoch(record) + seconds > now


_PERIODS = {
    "keepDaily": lambda t: time.strftime("%Y-%m-%d", time.gmtime(t)),
    "keepWeekly": lambda t: time.strftime("%G-W%V", time.gmtime(t)),
    "keepMonthly": lambda t: time.strftime("%Y-%m", time.gmtime(t)),
    "keepYearly": lambda t: time.strftime("%Y", time.gmtime(t)),
}


def _kept(records, retention, now):
    """Ids of ``records`` (one group, newest first) the retention keeps."""
    kept = set()
    within = retention.get("keepWithinSecs")
    if within is not None:
        kept.update(r["id"] for r in records if within == -1 or now - _epoch(r) < within)
    for key, period in _PERIODS.items():
        if key not in retention:
            continue
        seen = []
        for record in records:
            slot = period(_epoch(record))
            if slot not in seen:
                seen.append(slot)
                if len(seen) > retention[key]:
                    break
                kept.add(record["id"])
    return kept


def to_remove(backups, retention, now=None):
    """Ids of the backups (all records, oldest first) a cleanup removes: outside the retention and not preserved."""
    now = time.time() if now is None else now
    newest_first = list(reversed(backups))
    boxes = [r for r in newest_first if r["type"] == "box"]
    kept = _kept(boxes, retention, now)
    if boxes:
        kept.add(boxes[0]["id"])    # the newest box backup is always kept
    referenced = {i for r in boxes for i in r["dependsOn"]}
    kept.update(i for r in boxes if r["id"] in kept for i in r["dependsOn"])
    loose = {}
    for record in newest_first:
        if record["type"] == "app" and record["id"] not in referenced:
            loose.setdefault(record["identifier"], []).append(record)
    for records in loose.values():
        kept |= _kept(records, retention, now)
    return [r["id"] for r in backups if r["id"] not in kept and not _preserved(r, now)]

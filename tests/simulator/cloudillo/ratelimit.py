# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The auth bucket per client address (burst 10 refilled at 5/s, and ``login_per_hour`` per hour) and the ban after
``ban_after_failures`` failed logins (src: rate_limit/*). Only the login routes are limited here."""

import math

from .errors import ApiError

BURST, BURST_RATE = 10, 5.0
BAN_SECONDS = 3600
LEVEL = "ipv4_individual"


def banned(state, address):
    until = state.bans.get(address)
    if until is None or until <= state.now():
        state.bans.pop(address, None)
        return None
    return ApiError(403, "E-RATE-BANNED", "Access temporarily blocked due to repeated violations.",
                    {"remainingSecs": int(math.ceil(until - state.now()))})


def check(state, address):
    """Take a token of the auth bucket, or raise 403 (banned) / 429 (empty)."""
    ban = banned(state, address)
    if ban is not None:
        raise ban
    per_hour = state.switches["login_per_hour"]
    now = state.now()
    bucket = state.buckets.setdefault(address, {"burst": float(BURST), "hour": float(per_hour), "at": now})
    elapsed = max(0.0, now - bucket["at"])
    bucket["burst"] = min(BURST, bucket["burst"] + elapsed * BURST_RATE)
    bucket["hour"] = min(per_hour, bucket["hour"] + elapsed * per_hour / 3600.0)
    bucket["at"] = now
    waits = []
    if bucket["burst"] < 1:
        waits.append((1 - bucket["burst"]) / BURST_RATE)
    if bucket["hour"] < 1:
        waits.append((1 - bucket["hour"]) * 3600.0 / per_hour)
    if waits:
        retry = max(1, int(math.ceil(max(waits))))
        raise ApiError(429, "E-RATE-LIMITED", "Too many requests. Please slow down.",
                       {"level": LEVEL, "retryAfter": retry}, {"Retry-After": str(retry), "X-RateLimit-Level": LEVEL})
    bucket["burst"] -= 1
    bucket["hour"] -= 1


def failed_login(state, address):
    state.failures[address] = state.failures.get(address, 0) + 1
    if state.failures[address] >= state.switches["ban_after_failures"]:
        state.failures[address] = 0
        state.bans[address] = state.now() + BAN_SECONDS

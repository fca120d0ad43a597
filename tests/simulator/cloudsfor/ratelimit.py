# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The rate limit window (header names and the hourly 5000 inferred from DO; the seed only says the headers carry
"useful information about your API access").

Every API request takes one from ``remaining``. By default nothing is refused (a long test run must not hit a limit
it never asked for); ``POST /_control/ratelimit`` arms a window: once its ``remaining`` is used up, requests are
answered 429 ``too_many_requests`` with the ``RateLimit-*`` headers and no ``Retry-After`` until it has passed. A
window that has passed is replaced by a fresh, unarmed one.
"""

import math
from dataclasses import asdict, dataclass

from .errors import ApiError

LIMIT = 5000
HOUR = 3600.0


@dataclass
class Window:
    limit: int
    remaining: int
    reset_at: float     # epoch seconds
    armed: bool = False


def fresh(now):
    return Window(LIMIT, LIMIT, now + HOUR)


def arm(now, remaining, reset_in):
    return Window(max(LIMIT, remaining), remaining, now + reset_in, armed=True)


def headers(window):
    # RateLimit-Reset is whole epoch seconds, rounded up: a client waiting until then finds the window passed
    return {"RateLimit-Limit": str(window.limit), "RateLimit-Remaining": str(window.remaining),
            "RateLimit-Reset": str(int(math.ceil(window.reset_at)))}


def take(state):
    """Count one request, or raise the 429 of an armed window that is used up."""
    now = state.now()
    if now >= state.ratelimit.reset_at:
        state.ratelimit = fresh(now)
    window = state.ratelimit
    if window.armed and window.remaining <= 0:
        raise ApiError(429, "API Rate limit exceeded.", headers=headers(window))
    window.remaining = max(0, window.remaining - 1)


def view(window):
    return dict(asdict(window), reset=int(math.ceil(window.reset_at)))

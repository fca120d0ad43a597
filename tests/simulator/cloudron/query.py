# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Query string parameters parsed the way the server (JavaScript ``parseInt``) does."""

import re

from .errors import ApiError

_LEADING_INT = re.compile(r"^\s*([+-]?\d+)")


def parse_int(text):
    """JavaScript ``parseInt(text, 10)``: the leading integer ("2abc" -> 2), None where JS gives NaN."""
    found = _LEADING_INT.match(text)
    return int(found.group(1)) if found else None


def _positive(query, name, default):
    if name not in query:
        return default
    number = parse_int(query[name])
    if not number or number < 0:
        # the typo is the server's
        raise ApiError(400, "%s query param has to be a postive number" % name)
    return number


def page_slice(query):
    """The slice ``page``/``per_page`` select (defaults 1/25, no maximum), or 400 for a bad value."""
    page = _positive(query, "page", 1)
    per_page = _positive(query, "per_page", 25)
    start = (page - 1) * per_page
    return slice(start, start + per_page)


def paginate(query, items):
    """The page of ``items`` selected by ``page``/``per_page``."""
    return items[page_slice(query)]


def boolean(query, name):
    """``true``/``false`` filter value, None when absent."""
    if name not in query:
        return None
    if query[name] not in ("true", "false"):
        raise ApiError(400, "%s must be true or false" % name)
    return query[name] == "true"

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Pages of a list (inferred, DO): ``page`` (1-based) and ``per_page`` (default 20, capped at switch
``max_per_page``); ``links.pages`` with absolute URLs when there is more than one page, ``{}`` otherwise.
Switch ``pagination: ignored``: the whole list, no links."""

import math
from urllib.parse import urlencode

from .errors import unprocessable

DEFAULT_PER_PAGE = 20


def _positive(query, name, default):
    text = query.get(name)
    if text is None or text == "":
        return default
    if not text.isdigit() or int(text) < 1:
        raise unprocessable("%s must be a positive integer" % name)
    return int(text)


def _url(request, page, per_page):
    query = {k: v for k, v in request.query.items() if k not in ("page", "per_page")}
    query.update(page=page, per_page=per_page)
    return "%s%s?%s" % (request.base, request.path, urlencode(query))


def paged(state, request, items):
    """(the items of the asked page, the ``links`` object or None)."""
    if state.switches["pagination"] == "ignored":
        return items, None
    page = _positive(request.query, "page", 1)
    per_page = min(_positive(request.query, "per_page", DEFAULT_PER_PAGE), state.switches["max_per_page"])
    pages = max(1, math.ceil(len(items) / per_page))
    chunk = items[(page - 1) * per_page:page * per_page]
    if pages == 1:
        return chunk, {}
    # as DO: first/prev only after the first page, next/last only before the last one
    found = {}
    if page > 1:
        found["first"] = _url(request, 1, per_page)
        found["prev"] = _url(request, min(page - 1, pages), per_page)
    if page < pages:
        found["next"] = _url(request, page + 1, per_page)
        found["last"] = _url(request, pages, per_page)
    return chunk, {"pages": found}

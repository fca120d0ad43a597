# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The success envelope ``{data, time, reqId, cursorPagination?, pagination?}`` and bare answers."""

import datetime

from common.routing import Response


def iso(epoch):
    """ISO-8601 UTC with milliseconds, as the server prints timestamps."""
    moment = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


def env(request, state, data, status=200, pagination=None, cursor=None):
    """An enveloped answer; ``reqId`` echoes ``X-Request-ID`` ("" without it, as the server's handlers set it)."""
    body = {"data": data}
    if pagination is not None:
        body["pagination"] = pagination
    if cursor is not None:
        body["cursorPagination"] = cursor
    body["time"] = iso(state.now())
    body["reqId"] = request.headers.get("X-Request-ID") or ""
    return Response(status, body)


def bare(data, status=200):
    return Response(status, data)


def offset_page(items, offset, limit):
    """``(page, pagination)`` of an offset list; no ``limit`` means everything (limit = total)."""
    total = len(items)
    limit = total if limit is None else limit
    return items[offset:offset + limit], {"offset": offset, "limit": limit, "total": total}

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The envelope every answer has: ``{result, status, errcode, errfield, message, data}``, plus ``total_count`` and
``has_more`` on lists. ``status`` mirrors the HTTP status; the error field's key is switch ``error_field_name``."""

from common.routing import Response


def body(state, status, data=None, errcode=None, field=None, message=""):
    return {
        "result": 200 <= status < 300,
        "status": status,
        "errcode": errcode,
        state.switches["error_field_name"]: field,
        "message": message,
        "data": data,
    }


def ok(state, data=None, message="The operation completed.", errcode=None, **extra):
    """200 with ``data``; ``extra`` keys follow ``data`` (e.g. ``task``)."""
    return Response(200, dict(body(state, 200, data, errcode, None, message), **extra))


def page(state, items, offset, limit, message="The operation completed."):
    """200 with one page of ``items``, ``total_count`` and ``has_more``."""
    chosen = items[offset:offset + limit]
    return Response(200, dict(body(state, 200, chosen, None, None, message), total_count=len(items),
                              has_more=offset + len(chosen) < len(items)))


def error(state, error_):
    """The answer for an ``ApiError``."""
    return Response(error_.status, body(state, error_.status, None, error_.errcode, error_.field, error_.message),
                    headers=dict(error_.headers))


def dryrun(state):
    """200 ``complete_dryrun``: the input was checked, nothing changed."""
    return ok(state, None, "The dry run completed; nothing was changed.", errcode="complete_dryrun")

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""``GET /api/actions``: the actions the tenant knows (here: the APKG actions of the packages), with cursor
pagination and the strict query of the server's list (``deny_unknown_fields``)."""

import base64
import json

from . import bodies
from .envelope import env, iso
from .errors import invalid

KNOWN = {"limit", "cursor", "sort", "sortDir", "type", "status", "tag", "search", "visibility", "issuer", "audience",
         "audienceType", "involved", "actionId", "parentId", "rootId", "subject", "createdAfter", "createdBefore",
         "subscribed", "includeTokens", "includeSubject", "excludeOwnIssuer", "count"}
DEFAULT_LIMIT = 20


def view(action):
    return {"actionId": action["actionId"], "type": action["type"], "issuer": {"idTag": action["publisher"]},
            "content": {"name": action["name"], "version": action["version"]},
            "attachments": [{"fileId": action["fileId"]}], "status": "A", "createdAt": iso(action["createdAt"])}


def encode_cursor(sort, value, ident):
    raw = json.dumps({"s": sort, "v": value, "id": ident}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(text):
    try:
        data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        return data["s"], data["v"], data["id"]
    except (ValueError, KeyError, TypeError) as error:
        raise invalid("invalid cursor") from error


def list_actions(state, request):
    bodies.list_query(state, request, "actions", KNOWN)
    query = request.query
    limit = bodies.int_query(request, "limit", 1) or DEFAULT_LIMIT
    sort = query.get("sort") or "created"
    if sort not in ("created", "modified", "recent", "name"):
        raise invalid("unknown sort: %s" % sort)
    descending = query.get("sortDir", "desc") == "desc"
    items = list(state.packages.values())
    for name, field in (("type", "type"), ("actionId", "actionId")):
        if query.get(name):
            wanted = query[name].split(",")
            items = [a for a in items if a[field] in wanted]
    if query.get("issuer"):
        items = [a for a in items if a["publisher"] == query["issuer"]]
    if query.get("status") and "A" not in query["status"].split(","):
        items = []
    if query.get("count") == "true":
        return env(request, state, [], cursor={"nextCursor": None, "hasMore": False, "count": len(items)})

    def sort_value(action):
        return action["name"] if sort == "name" else action["createdAt"]

    items.sort(key=lambda a: (sort_value(a), a["actionId"]), reverse=descending)
    if query.get("cursor"):
        value, ident = decode_cursor(query["cursor"])[1:]
        position = (value, ident)
        items = [a for a in items if ((sort_value(a), a["actionId"]) < position if descending
                                      else (sort_value(a), a["actionId"]) > position)]
    page = items[:limit]
    more = len(items) > limit
    cursor = encode_cursor(sort, sort_value(page[-1]), page[-1]["actionId"]) if more else None
    return env(request, state, [view(a) for a in page], cursor={"nextCursor": cursor, "hasMore": more})


def register(router):
    router.add("GET", "/api/actions", list_actions, role="auth")

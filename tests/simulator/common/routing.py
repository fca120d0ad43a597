# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Request/response objects and a (method, path template) routing table.

Templates name parameters with a colon (``/users/:id``); one trailing slash is tolerated.
"""

import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional
from urllib.parse import unquote

JSON_TYPE = "application/json; charset=utf-8"


@dataclass
class Request:
    """One parsed request as handlers see it."""

    method: str
    path: str
    query: dict
    headers: Any
    body: Any = None
    params: dict = field(default_factory=dict)
    user: Any = None
    token: Any = None


@dataclass
class Response:
    """A handler's answer; ``body`` is JSON-able data, or bytes sent as they are."""

    status: int
    body: Any = None
    content_type: str = JSON_TYPE
    headers: dict = field(default_factory=dict)

    def payload(self):
        if self.status == 204:
            return b""
        if isinstance(self.body, bytes):
            return self.body
        # Pretty-printed with 2 spaces, raw UTF-8 (what Cloudron sends; nothing known argues otherwise elsewhere).
        return json.dumps(self.body, indent=2, ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    handler: Callable
    role: Optional[str]
    regex: Any
    modes: Optional[tuple] = None


def _compile(template):
    """``/users/:id/role`` -> regex with named groups; one trailing slash is tolerated (as Express does)."""
    parts = []
    for segment in template.strip("/").split("/"):
        if segment.startswith(":"):
            parts.append("(?P<%s>[^/]+)" % segment[1:])
        else:
            parts.append(re.escape(segment))
    return re.compile("^/" + "/".join(parts) + "/?$")


class Router:
    """Routing table of (method, path template) -> handler, with the minimum role each route needs (``None``: public;
    what a role means is the platform's business)."""

    def __init__(self):
        self.routes = []

    def add(self, method, template, handler, role="user", modes=None):
        """Register a route; ``role=None`` makes it public (no token needed); ``modes`` limits it to those version modes."""
        self.routes.append(Route(method, template, handler, role, _compile(template), tuple(modes) if modes else None))

    def match(self, method, path, mode=None):
        """(route, params) for a request, or None when no route has this method and path (in this version mode)."""
        for route in self.routes:
            if route.method != method or (route.modes is not None and mode not in route.modes):
                continue
            found = route.regex.match(path)
            if found:
                return route, {k: unquote(v) for k, v in found.groupdict().items()}
        return None

    def methods(self, path, mode=None):
        """The methods routes serve ``path`` with (in this version mode), in the order they were added."""
        found = [r.method for r in self.routes if (r.modes is None or mode in r.modes) and r.regex.match(path)]
        return list(dict.fromkeys(found))

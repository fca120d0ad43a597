# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Applinks: /api/v1/applinks (facts 7.15; shapes from the vendor spec). External sites shown among the apps.

A link has an upstream URI (required), a label (when empty the real server fetches the site's name; the simulator takes
the URI's host, chosen), tags, an access restriction (null: everyone; user and group ids, not checked, as for apps) and
an icon (base64 in the update body, as the spec shows; the create body has none). Nothing is unique. Ids are bare UUIDs
(the spec's example). Reading is open to every user; adding and changing need admin, removing usermanager (the spec's
descriptions). Statuses: create 201 with ``{id}`` (switch ``applink_create_answer``: ``{}``, the spec's no_content),
update and delete 202 ``{}`` (the spec; 200 with switch ``applink_write_status``). ``GET /applinks/:id/icon`` serves the
image (as ``/apps/:id/icon`` does), or the spec's ``{icon: [base64]}`` with switch ``applink_icon_shape: "json"``; 404
"No such icon" (chosen) for a link without one.
"""

import base64
import binascii
from urllib.parse import urlsplit

from common.routing import Response

from .errors import ApiError


def link_json(link):
    """The spec's Applink object, without the icon (served by its own route)."""
    return {key: value for key, value in link.items() if key != "icon"}


def _load(state, request):
    found = state.applinks.get(request.params["id"])
    if found is None:
        raise ApiError(404, "No such applink")  # (chosen)
    return found


def _checked(body, stored=None):
    """The link's settings from a create or update body, or 400 (messages chosen); missing keys keep ``stored``."""
    uri = body.get("upstreamUri")
    if not isinstance(uri, str) or not uri.strip():
        raise ApiError(400, "upstreamUri must be a non-empty string")
    settings = dict(stored or {"label": "", "tags": [], "accessRestriction": None})
    settings["upstreamUri"] = uri
    if "label" in body:
        if not isinstance(body["label"], str):
            raise ApiError(400, "label must be a string")
        settings["label"] = body["label"]
    if not settings["label"]:
        settings["label"] = urlsplit(uri if "//" in uri else "//" + uri).hostname or uri
    if "tags" in body:
        settings["tags"] = list(body["tags"])
    if "accessRestriction" in body:
        settings["accessRestriction"] = body["accessRestriction"]
    if "icon" in body:
        try:
            settings["icon"] = base64.b64decode(body["icon"], validate=True) or None
        except (binascii.Error, ValueError, TypeError) as error:
            raise ApiError(400, "icon is not base64") from error
    return settings


def list_links(state, request):
    return Response(200, {"applinks": [link_json(link) for link in state.applinks.values()]})


def add_link(state, request):
    # the spec's create body has no icon: one sent anyway is ignored, as unknown fields are
    settings = _checked({key: value for key, value in request.body.items() if key != "icon"})
    now = state.now_iso()
    link = dict(id=state.new_id(""), creationTime=now, updateTime=now, ts=state.now_ms(), icon=None, **settings)
    state.applinks[link["id"]] = link
    return Response(201, {"id": link["id"]} if state.switches["applink_create_answer"] == "id" else {})


def get_link(state, request):
    return Response(200, link_json(_load(state, request)))


def update_link(state, request):
    link = _load(state, request)
    link.update(_checked(request.body, link), updateTime=state.now_iso())
    return Response(state.switches["applink_write_status"], {})


def delete_link(state, request):
    del state.applinks[_load(state, request)["id"]]
    return Response(state.switches["applink_write_status"], {})


def get_icon(state, request):
    icon = _load(state, request)["icon"]
    if not icon:
        raise ApiError(404, "No such icon")
    if state.switches["applink_icon_shape"] == "json":
        return Response(200, {"icon": [base64.b64encode(icon).decode("ascii")]})
    return Response(200, icon, content_type="image/png")


def dump(state):
    """For /_control/state: the links as ``GET /applinks/:id`` shows them, with the icon's base64 (or null)."""
    return [dict(link_json(link), icon=base64.b64encode(link["icon"]).decode("ascii") if link["icon"] else None)
            for link in state.applinks.values()]


def register(router):
    router.add("GET", "/api/v1/applinks", list_links)
    router.add("POST", "/api/v1/applinks", add_link, "admin")
    router.add("GET", "/api/v1/applinks/:id", get_link)
    router.add("POST", "/api/v1/applinks/:id", update_link, "admin")
    router.add("DELETE", "/api/v1/applinks/:id", delete_link, "usermanager")
    router.add("GET", "/api/v1/applinks/:id/icon", get_icon)

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Applinks (facts 7.15; shapes per the vendor spec): external sites shown among the apps of the dashboard.

The only field the server requires, and the only one it never fills itself, is the upstream URI, so it is the identity:
an absolute http(s) URL without user info, compared with its scheme and host case-folded and an empty path read as
``/``. The server does
not keep it unique: two links to one URI are refused, naming their ids. The label (the site's name when none is given),
tags (a set), who may see it (user and group names, resolved as an app's access restriction is) and the icon change in
place; the update route takes the whole link. The icon is a local image file, compared by the SHA-256 of what
``GET /applinks/:id/icon`` serves (read only for links whose icon is managed) and sent base64-encoded, as the spec
shows; the create route takes no icon, so a new link gets it with one update.
"""

from __future__ import annotations

import base64
import json

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_fields import EVERYONE, IconField, access
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import api_names
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import ADMIN, USER_MANAGER
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import SET, Field, WholeField, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import canonical as canonical_form
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

from urllib.parse import urlsplit, urlunsplit

PATH = "/applinks"
# the route that changes a link in place (the whole link is sent)
UPDATE = "update"


def canonical_uri(value):
    """``HTTPS://Docs.Example.com`` -> ``https://docs.example.com/``; anything else as it is (``valid_uri`` judges)."""
    if not isinstance(value, str):
        return value
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return value
    if not parts.scheme or not parts.netloc:
        return value
    # only the host (and port) is case-insensitive; user info, which a stored link may carry, is kept as it is
    user_info, at, host = parts.netloc.rpartition("@")
    return urlunsplit((parts.scheme.lower(), user_info + at + host.lower(), parts.path or "/", parts.query, parts.fragment))


def valid_uri(value):
    """Input only: an absolute http(s) URL (a bare host would leave the scheme to the server, and the identity with it),
    without user info: credentials do not belong in a link every result and the dashboard show."""
    parts = urlsplit(value.strip())
    if "@" in parts.netloc:
        # the value itself is not quoted: it holds the credentials
        raise ValueError("the URL of host %r carries user info (user:password@), which is refused: credentials do not "
                         "belong in an applink URL, which results and the dashboard show" % parts.hostname)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError("%r is not an absolute http(s) URL such as https://docs.example.com/" % value)
    return value


class LinkIcon(IconField):
    """An app's icon field, but the create route of a link takes no icon: it is written right after."""

    def __init__(self):
        super().__init__("icon")
        self.route = UPDATE
        self.create = False


FIELDS = (
    Field("id", read_only=True),
    Field("upstream_uri", parse=valid_uri, normalize=canonical_uri),
    Field("label", route=UPDATE),
    Field("tags", type="list", elements="str", normalize=stripped, compare=SET, route=UPDATE, default=[]),
    WholeField("access_restriction", access, type="raw", route=UPDATE, default=EVERYONE),
    LinkIcon(),
)


def icon_bytes(served):
    """The image ``GET /applinks/:id/icon`` serves: the bytes themselves, or the vendor spec's ``{icon}`` (base64, or a
    list of one base64 string)."""
    if not served.startswith(b"{"):
        return served
    try:
        icon = json.loads(served.decode("utf-8")).get("icon")
        if isinstance(icon, list):
            icon = icon[0] if icon else None
        return base64.b64decode(icon) if icon else None
    except (ValueError, AttributeError, TypeError):
        return served


class Applinks(Resource):
    """The applink resource for the engine."""

    name = "applink"
    plural = "applinks"
    fields = FIELDS

    @staticmethod
    def key(item):
        return item.get("upstream_uri")

    @staticmethod
    def identity(name):
        return canonical_uri(name)

    @staticmethod
    def validate(item):
        return [] if item.get("upstream_uri") else ["upstream_uri: an applink is identified by its URL, which must not be empty"]

    # -- reading ---------------------------------------------------------------------------------

    @staticmethod
    def canonical(ctx, raw):
        restriction = raw.get("accessRestriction")
        return {
            "id": raw.get("id"),
            "upstream_uri": raw.get("upstreamUri"),
            "label": raw.get("label"),
            "tags": sorted(raw.get("tags") or []),
            "access_restriction": EVERYONE if restriction is None else {
                "users": ctx.user_labels(restriction.get("users")), "groups": ctx.group_names(restriction.get("groups"))},
        }

    def read(self, ctx, items, complete):
        """Every link (the spec pages nothing here), with the icon digest of those whose icon an item manages."""
        links = [canonical_form(FIELDS, self.canonical(ctx, raw)) for raw in ctx.client.call("GET", PATH).get("applinks") or []]
        for item in items:
            found = self.find(links, item) if "icon" in item else None
            if found is not None:
                found["icon"] = self.icon(ctx, found["id"])
        return links

    @staticmethod
    def icon_data(ctx, link_id):
        """The image the server shows as the link's icon; None without one."""
        served = ctx.client.image("%s/%s/icon" % (PATH, link_id))
        return (icon_bytes(served) or None) if served else None

    @classmethod
    def icon(cls, ctx, link_id):
        """The digest of the icon the server shows for the link; None without one."""
        data = cls.icon_data(ctx, link_id)
        return IconField.digest(data) if data else None

    @staticmethod
    def find(current, item):
        found = [link for link in current if link["upstream_uri"] == item["upstream_uri"]]
        if len(found) > 1:
            raise ResourceError("upstream_uri %r matches %d applinks (ids %s): refusing to guess which one is meant; "
                                "delete the extra ones in the dashboard"
                                % (item["upstream_uri"], len(found), ", ".join(link["id"] for link in found)))
        return found[0] if found else None

    # -- planning --------------------------------------------------------------------------------

    @staticmethod
    def resolve(ctx, item, current):
        value = item.get("access_restriction")
        if isinstance(value, dict):
            ctx.require_existing("access_restriction.users", "user", value["users"], ctx.known_user_labels())
            ctx.require_existing("access_restriction.groups", "group", value["groups"], ctx.known_group_names())
            value["users"] = ctx.canonical_user_labels(value["users"])

    # -- writing ---------------------------------------------------------------------------------

    @staticmethod
    def api_body(ctx, link):
        body = {"upstreamUri": link["upstream_uri"], "tags": sorted(set(link.get("tags") or [])),
                "accessRestriction": api_names(ctx, link.get("access_restriction", EVERYONE))}
        if link.get("label") is not None:  # none given: the server names it after the site
            body["label"] = link["label"]
        return body

    def create(self, ctx, item):
        answer = ctx.client.call("POST", PATH, body=self.api_body(ctx, item), role=ADMIN)
        if isinstance(answer, dict) and answer.get("id"):
            return {"id": answer["id"]}
        # the spec's create answer is empty: the new link is the only one with its URL
        found = self.find(self.read(ctx, [], complete=True), item)
        if found is None:
            raise ResourceError("POST %s answered without an id, and no applink with upstream_uri %r is listed after it"
                                % (PATH, item["upstream_uri"]))
        return {"id": found["id"]}

    def write(self, ctx, current, route, values, item):
        if route != UPDATE:  # pragma: no cover - the field table and this dispatch are kept together
            raise ValueError(route)
        link = dict(current)
        link.update(values)
        body = self.api_body(ctx, link)
        if "icon" in values:
            body["icon"] = IconField.encoded(values["icon"])
        ctx.client.call("POST", "%s/%s" % (PATH, current["id"]), body=body, role=ADMIN)

    @staticmethod
    def delete(ctx, current):
        ctx.client.call("DELETE", "%s/%s" % (PATH, current["id"]), role=USER_MANAGER)

    def refresh(self, ctx, obj):
        """The link as the server has it (it names a link created without a label), with the icon digest written."""
        if not obj.get("id"):
            return obj
        try:
            fresh = canonical_form(FIELDS, self.canonical(ctx, ctx.client.call("GET", "%s/%s" % (PATH, obj["id"]))))
        except ApiError as exc:
            if exc.missing:
                return obj
            raise
        if obj.get("icon") is not None:  # managed: the digest written, or read before
            fresh["icon"] = obj["icon"]
        return fresh

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""WordPress plugins of an install, as a resource: present or absent, activated, updated automatically."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import Field, lower, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.installs import canonical as install_object, url

FIELDS = (
    Field("user", normalize=lower),
    Field("url", normalize=url),
    Field("slug", api="id", normalize=lower, pattern=r"[a-z0-9][a-z0-9_.-]*"),
    Field("activated", api="activated", type="bool", route="plugin", default=True),
    Field("autoup", api="autoup", choices=("none", "all"), route="plugin"),
    Field("version", read_only=True),
    Field("name", read_only=True),
)


class WpPlugins(Resource):
    """The plugins of one install (the item's ``user`` and ``url`` name the install)."""

    name = "plugin"
    plural = "plugins"
    fields = FIELDS

    @staticmethod
    def key(item):
        return item.get("slug")

    @staticmethod
    def install(ctx, item, required=True):
        """The install the item names; a clear error when there is none (None when not ``required``)."""
        for raw in ctx.installs(item["user"]):
            found = install_object(raw, item["user"])
            if found["url"] == item["url"]:
                return found
        if not required:
            return None
        raise ResourceError("user %r has no install at %s" % (item["user"], item["url"]))

    def read(self, ctx, items, complete):
        item = items[0]
        install = self.install(ctx, item, required=not ctx.check_mode)
        if install is None:
            return []  # check mode: an install the plan would create (the bootstrap role plans installs first) has none yet
        listed = ctx.client.list_all("/installs/%s/plugins" % install["id"], user=item["user"])  # a paged list (50 by default)
        return [{"user": item["user"], "url": item["url"], "slug": lower(plugin.get("id") or plugin.get("slug")), "install": install["id"],
                 "activated": bool(plugin.get("activated")), "autoup": plugin.get("autoup") or None,
                 "version": plugin.get("version"), "name": stripped(plugin.get("name"))} for plugin in listed]

    @staticmethod
    def find(current, item):
        return next((plugin for plugin in current if plugin["slug"] == item["slug"]), None)

    def create(self, ctx, item):
        # added without ``activated``, a plugin is activated (as documented and predicted); the server would add it inactive
        values = dict(item, activated=item.get("activated", True))
        self._post(ctx, self.install(ctx, item)["id"], item, values)
        return {"id": item["slug"]}

    def write(self, ctx, current, route, values, item):
        self._post(ctx, current["install"], item, values)

    @staticmethod
    def _post(ctx, install, item, values):
        body = dict((name, values[name]) for name in ("activated", "autoup") if name in values)
        ctx.client.call("POST", "/installs/%s/plugins/%s" % (install, item["slug"]), body=body, user=item["user"])

    @staticmethod
    def delete(ctx, current):
        ctx.client.call("DELETE", "/installs/%s/plugins/%s" % (current["install"], current["slug"]), user=current["user"])

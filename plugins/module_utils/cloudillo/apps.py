# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installed apps as a resource, identified by publisher and name.

An app is installed from its package, an ``APKG`` action: the action is looked up in the catalogue
(``GET /api/apps?search=<name>``) by exact publisher, name and (when given) version. Installing is an upsert on
(publisher, name), so a new version is installed over the old one.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.client import segment
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.status import APP_STATUS, status_word
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import Field, lower, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource


def publisher_tag(value):
    """A publisher's idTag, with or without the ``@`` the routes put before it."""
    value = lower(value)
    return value[1:] if isinstance(value, str) and value.startswith("@") else value


def from_package(name):
    """A created app's predicted value: what its catalogue entry says (the package is found while planning)."""
    return lambda item: (item.get("_package") or {}).get(name)


FIELDS = (
    Field("publisher", api="publisherTag", normalize=publisher_tag),
    Field("name", api="appName", normalize=stripped),
    Field("version", api="version", normalize=stripped, route="install", default=from_package("version")),
    Field("status", read_only=True, default="active"),
    Field("auto_update", read_only=True, default=False),
    Field("action_id", read_only=True, default=from_package("actionId")),
    Field("capabilities", read_only=True, default=from_package("capabilities")),
)


def canonical(raw):
    return {
        "publisher": raw.get("publisherTag"),
        "name": raw.get("appName", raw.get("name")),
        "version": raw.get("version"),
        "status": status_word(raw.get("status"), APP_STATUS),
        "auto_update": raw.get("autoUpdate"),
        "action_id": raw.get("actionId"),
        "capabilities": raw.get("capabilities"),
        "id": raw.get("actionId"),  # the engine names an adopted object by it
    }


def app_key(item):
    return "@%s/%s" % (item.get("publisher"), item.get("name"))


class Apps(Resource):
    """Apps installed on the tenant."""

    name = "app"
    plural = "apps"
    fields = FIELDS

    def __init__(self):
        self._catalogue = {}
        self.installed = {}  # app key -> the install answer

    @staticmethod
    def key(item):
        return app_key(item)

    @staticmethod
    def validate(item):
        return ["%s is required" % name for name in ("publisher", "name") if not item.get(name)]

    def read(self, ctx, items, complete):
        return [canonical(raw) for raw in ctx.installed_apps()]

    @staticmethod
    def find(current, item):
        return next((app for app in current if app["publisher"] == item["publisher"] and app["name"] == item["name"]), None)

    def catalogue(self, ctx, name):
        """The catalogue entries whose name contains ``name`` (the server's search), read once per name."""
        if name not in self._catalogue:
            self._catalogue[name] = ctx.client.list_whole("/api/apps", params={"search": name})
        return self._catalogue[name]

    def package(self, ctx, item, version=None):
        """The APKG action of the wanted app (and version); fails naming what the catalogue offers."""
        offered = [entry for entry in self.catalogue(ctx, item["name"])
                   if publisher_tag(entry.get("publisherTag")) == item["publisher"] and stripped(entry.get("name")) == item["name"]]
        versions = sorted(set(str(entry.get("version")) for entry in offered))
        if version is not None:
            offered = [entry for entry in offered if stripped(entry.get("version")) == version]
        if not offered:
            raise ResourceError("app %s%s is not in the catalogue (GET /api/apps)%s"
                                % (app_key(item), " version %s" % version if version else "",
                                   "; it offers versions %s" % ", ".join(versions) if versions else ""))
        if len(offered) > 1:
            raise ResourceError("app %s: the catalogue offers versions %s; give version to choose one"
                                % (app_key(item), ", ".join(versions)))
        return offered[0]

    def resolve(self, ctx, item, current):
        """The package is looked up while planning, so a missing app fails before anything is installed."""
        if current is None or ("version" in item and item["version"] != current.get("version")):
            item["_package"] = self.package(ctx, item, item.get("version"))

    def predict(self, current, item, after):
        return self._with_package(after, item)

    def _with_package(self, obj, item):
        package = item.get("_package") or {}
        obj = dict(obj)
        if package:
            obj.update(version=package.get("version"), action_id=package.get("actionId"), status="active",
                       capabilities=package.get("capabilities"))
        return obj

    def install(self, ctx, item):
        answer = ctx.client.data("POST", "/api/apps/install", body={"actionId": item["_package"]["actionId"]}, safe=True)
        self.installed[app_key(item)] = answer
        return answer

    def create(self, ctx, item):
        self.install(ctx, item)
        return {"id": None}

    def write(self, ctx, current, route, values, item):
        self.install(ctx, item)

    @staticmethod
    def delete(ctx, current):
        ctx.client.call("DELETE", "/api/apps/@%s/%s" % (segment(current["publisher"]), segment(current["name"])))

    def refresh(self, ctx, obj):
        answer = self.installed.get(app_key(obj))
        return canonical(answer) if isinstance(answer, dict) else obj

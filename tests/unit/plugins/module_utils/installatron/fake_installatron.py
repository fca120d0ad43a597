# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A scripted Installatron Server on ``fake_http.FakeServer``: the result envelope, customers, their installs (answered
per ``user`` parameter, as the server scopes them) and the plugins of installs."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.client import InstallatronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.context import InstallatronContext

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

BASE = "https://inst.example.com"
LIST_KEYS = ("id", "type", "email", "suspended")


def envelope(data=None, result=True, status=200, errcode=None, errfield=None, message="The operation completed.", **extra):
    """The body of every answer."""
    return dict({"result": result, "status": status, "errcode": errcode, "errfield": errfield, "message": message, "data": data}, **extra)


def ok(data=None, **extra):
    return (200, envelope(data, **extra))


def page(items):
    """A whole list as one page."""
    return ok(list(items), total_count=len(items), has_more=False)


class FakeInstallatron(FakeServer):
    """``GET /installs`` answers the installs of the customer the ``user`` parameter names (none without one)."""

    def __init__(self, installs=None):
        super().__init__(BASE)
        self.installs = installs or {}

    def send(self, request, **kwargs):
        parts = urlsplit(request.url)
        if request.method == "GET" and parts.path == "/installs":
            user = parse_qs(parts.query).get("user", [None])[0]
            self.on("GET", "/installs", page(self.installs.get(user, [])))
        return super().send(request, **kwargs)

    def paths(self):
        return [entry[1] for entry in self.log]


def make(users=(), installs=None, plugins=None, list_full=True, acting_user=None, check_mode=False):
    """A context on a fake server holding ``users`` (whole objects), ``installs`` ({customer: [install objects]}) and
    ``plugins`` ({install id: [plugin objects]}). ``list_full=False`` lists users without their websites, so that each
    is read on its own."""
    params = {"api_url": BASE, "api_key": "key-1", "validate_certs": True, "ca_path": None, "request_timeout": 30.0,
              "acting_user": acting_user}
    client = InstallatronClient.from_params(params, sleep=lambda seconds: None)
    server = mount(client.http, FakeInstallatron(installs))
    listed = [user if list_full else dict((key, user[key]) for key in LIST_KEYS if key in user) for user in users]
    server.on("GET", "/users", page(listed))
    for user in users:
        server.on("GET", "/users/%s" % user["id"], ok(user))
    for install, found in (plugins or {}).items():
        server.on("GET", "/installs/%s/plugins" % install, page(found))
    return InstallatronContext(client, check_mode=check_mode), server

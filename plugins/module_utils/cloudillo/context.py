# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What one module run knows about a Cloudillo tenant: each list read at most once."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.context import Context


class CloudilloContext(Context):
    """Caches for one module run; ``forget`` drops them after a write whose outcome is unknown."""

    def __init__(self, client, check_mode=False, warn=None, progress=None):
        super().__init__(client.http, check_mode=check_mode, warn=warn, progress=progress)
        self.client = client
        self._lists = {}

    def forget(self):
        self._lists = {}

    def cached(self, name, read):
        """``read()`` once per run under ``name``."""
        if name not in self._lists:
            self._lists[name] = read()
        return self._lists[name]

    def api_keys(self):
        return self.cached("api_keys", lambda: self.client.list_whole("/api/auth/api-keys"))

    def installed_apps(self):
        return self.cached("installed_apps", lambda: self.client.list_whole("/api/apps/installed"))

    def proxy_sites(self):
        return self.cached("proxy_sites", lambda: self.client.list_whole("/api/admin/proxy-sites"))

    def tenants(self, query=None):
        """Admin tenant list (offset pages); ``query`` narrows it server-side (``q``, ``status``)."""
        key = "tenants:%r" % sorted((query or {}).items())
        return self.cached(key, lambda: self.client.list_offset("/api/admin/tenants", params=query, ident="tnId"))

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What one module run knows about a CloudsFor account: each list read at most once, VMs found by name."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.context import Context
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError


def ids(items):
    return ", ".join(str(item.get("id")) for item in items)


class CloudsForContext(Context):
    """Caches for one module run; ``forget`` drops them after a write."""

    def __init__(self, client, check_mode=False, warn=None, progress=None):
        super().__init__(client.http, check_mode=check_mode, warn=warn, progress=progress)
        self.client = client
        self._lists = {}

    def forget(self, name=None):
        """Forget every list read (or only ``name``); the catalogues stay, nothing this collection does changes them."""
        for key in [name] if name else ["vms", "keys", "account"]:
            self._lists.pop(key, None)

    def cached(self, name, read):
        """``read()`` once per run under ``name``."""
        if name not in self._lists:
            self._lists[name] = read()
        return self._lists[name]

    def regions(self):
        return self.cached("regions", lambda: self.client.list_all("/regions", "regions", ident="name"))

    def distros(self):
        return self.cached("distros", lambda: self.client.list_all("/distros", "distros"))

    def keys(self):
        return self.cached("keys", lambda: self.client.list_all("/keys", "ssh_keys"))

    def vms(self):
        return self.cached("vms", lambda: self.client.list_all("/vms", "vms"))

    def account(self):
        return self.cached("account", lambda: self.client.get("/account", "account"))

    def vm_by_name(self, name, option="name", hint="rename or delete all but one"):
        """The raw VM of that name, or None; two VMs of that name are refused, naming their ids (names need not be
        unique on CloudsFor, and acting on the wrong VM is worse than acting on none)."""
        found = [vm for vm in self.vms() if vm.get("name") == name]
        if len(found) > 1:
            raise ResourceError("%s: %d VMs are named %r (ids %s); %s" % (option, len(found), name, ids(found), hint))
        return found[0] if found else None

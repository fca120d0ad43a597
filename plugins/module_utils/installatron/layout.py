# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The parts of an Installatron description (customers, their installs, the plugins of those installs), the
references between them and the secrets kept beside them, for the platform-neutral description check."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import Layout, Reference
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.installs import Installs, canonical
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.plugins import WpPlugins
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.users import Users


class DescribedPlugins(WpPlugins):
    """The plugins of every install at once: the same slug may be on several installs, so a plugin is named (and
    told apart from the others) by its install's URL and its slug."""

    @staticmethod
    def key(item):
        return " ".join(str(item[name]) for name in ("url", "slug") if item.get(name)) or None


class InstallatronLayout(Layout):
    # customers first: installs go into their websites, plugins into the installs
    kinds = (("users", Users), ("installs", Installs), ("plugins", DescribedPlugins))
    references = [
        Reference("installs", "user", "users", lambda install: [install["user"]] if install.get("user") else []),
        Reference("plugins", "user", "users", lambda plugin: [plugin["user"]] if plugin.get("user") else []),
        Reference("plugins", "url", "installs", lambda plugin: [plugin["url"]] if plugin.get("url") else []),
    ]
    secret_keys = {"website_passwords": ("users", "customer"), "install_passwords": ("installs", "install")}

    def comparable(self, kind, name):
        # install URLs compare as the installs module compares them (scheme and host without case, no trailing slash)
        return Installs.identity(name) if kind == "installs" else name.strip().lower()

    def probe(self, ctx):
        # the customer list is read anyway when a reference needs it; reading it first shows a wrong key at once
        ctx.users()

    def server_names(self, ctx, kind):
        if kind == "users":
            return set(user["id"] for user in ctx.users())
        # read only when a plugin names an install the description does not have
        return set(canonical(raw, user["id"])["url"] for user in ctx.users() for raw in ctx.installs(user["id"]))


LAYOUT = InstallatronLayout()

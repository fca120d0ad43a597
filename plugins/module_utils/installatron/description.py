# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A whole Installatron server (its customers, their websites and installs, and the plugins of their WordPress
installs) as the description the bootstrap role takes, and the skeleton of its secrets.

Lists are sorted by identity, so the same server always gives the same description. Install versions are left
out: automatic updates move them.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import PLACEHOLDER, described
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.installs import Installs
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.plugins import WpPlugins
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.users import Users, remote

# Always written, even when equal to a default, because they say what the object is.
KEPT = ("id", "user", "url", "app", "slug")
# Left out: versions (automatic updates move them) and the database the server chose for each install.
LEFT_OUT = ("version", "db_host", "db_name", "db_user", "db_prefix")
WORDPRESS = "wordpress"


def _described(fields, item, minimal):
    return described(fields, item, minimal, KEPT, LEFT_OUT)


def describe(ctx, minimal=False):
    """Return ``(description, secrets)`` of the server behind ``ctx``."""
    users, website_passwords = [], {}
    for user in Engine(Users(), ctx).read([], complete=True):
        users.append(_described(Users.fields, user, minimal))
        paths = [website["path"] for website in user.get("websites") or [] if remote(website["path"])]
        if paths:
            website_passwords[user["id"]] = dict((path, PLACEHOLDER) for path in paths)
    installs = Engine(Installs(), ctx).read([], complete=True)
    plugins = []
    for install in installs:
        if install.get("app") == WORDPRESS:
            found = WpPlugins().read(ctx, [{"user": install["user"], "url": install["url"]}], True)
            plugins.extend(_described(WpPlugins.fields, plugin, minimal) for plugin in found)
    description = {
        "users": sorted(users, key=Users.key),
        "installs": sorted((_described(Installs.fields, install, minimal) for install in installs),
                           key=lambda install: (install["user"], install["url"])),
        "plugins": sorted(plugins, key=lambda plugin: (plugin["user"], plugin["url"], plugin["slug"])),
    }
    # install admin passwords are optional (the server makes one up), so the skeleton has none to fill in
    return description, {"website_passwords": website_passwords, "install_passwords": {}}

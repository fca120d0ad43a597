# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudron's version differences as data, in one place: every route or field name that depends on
the server version is decided here, from the version the client reads once per run."""

from __future__ import annotations

import re

MINIMUM_VERSION = (8, 0)
# Cloudron 8.2 moved installs to POST /apps. Every supported version names an app's location
# ``subdomain`` (the 7.x dashboard already sent it; ``location`` is a 6.x name).
APPS_ROUTE_VERSION = (8, 2)
# Request bodies name port bindings ``portBindings`` (7.x dashboard) or ``ports`` (9.x); when they
# switched is not known: 8.2, with the install route, is an assumption kept in this one place.
PORTS_NAME_VERSION = (8, 2)
# The user directory's profile settings (facts 7.14): the vendor spec's path table (preferred for paths, facts 0.1)
# says this route; /user_directory/profile_config (the seed and the spec's request samples) is the unverified
# alternative. No source ties either to a version, so this one route serves every supported version.
USER_DIRECTORY_ROUTE = "/user_directory"


def parse_version(text):
    """'9.0.15' -> (9, 0, 15); None when there is no leading number."""
    numbers = re.findall(r"\d+", str(text or ""))
    if not numbers:
        return None
    return tuple(int(n) for n in numbers[:3])


def format_version(version):
    return ".".join(str(n) for n in version)


def install_route(version):
    return "/apps" if version >= APPS_ROUTE_VERSION else "/apps/install"


def ports_name(version):
    """The request body's name for an app's port bindings (app objects are read under either name)."""
    return "ports" if version >= PORTS_NAME_VERSION else "portBindings"

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ``access`` part of a description: the token user's API tokens, the OIDC clients and the applinks.

Only what the modules can make again is written: never ids, secrets or last-use times. Left out are tokens with a
scope other than read-only or read-write (the module makes only those two), expired tokens (a new one must outlive
its creation) and the OIDC clients the server makes for an app's login (the app owns them). Applink icons need
somewhere to go (``files``); without it they are left out.
"""

from __future__ import annotations

import time

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.applinks import Applinks
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.description_system import read_all, sets_sorted
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.oidc_clients import OidcClients
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.tokens import SCOPES, Tokens, epoch_ms
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import described

# an applink's identity and who may see it are written even at their defaults
LINK_KEPT = ("upstream_uri", "access_restriction")


def describe_tokens(ctx, now=None):
    """Name and scope of every token the module can make, and the expiry of those that have one."""
    now_ms = (time.time() if now is None else now) * 1000
    tokens = []
    for token in read_all(Tokens(), ctx):
        if not isinstance(token.get("scope"), str) or token["scope"] not in SCOPES:
            continue
        entry = {"name": token["name"], "scope": token["scope"]}
        if token.get("expires_at") is not None:
            if epoch_ms(token["expires_at"]) <= now_ms:
                continue
            entry["expires_at"] = token["expires_at"]
        tokens.append(entry)
    # names are not unique on the server: the rest of the entry keeps the order stable
    return sorted(tokens, key=lambda entry: (entry["name"], entry["scope"], entry.get("expires_at") or ""))


def describe_oidc_clients(ctx):
    clients = [described(OidcClients.fields, client, False) for client in read_all(OidcClients(), ctx) if not client.get("app_id")]
    return sorted(clients, key=lambda entry: (entry.get("name") or "", entry.get("login_redirect_uri") or ""))


def describe_applinks(ctx, minimal=False, files=None):
    links = []
    for link in read_all(Applinks(), ctx):
        entry = sets_sorted(Applinks.fields, described(Applinks.fields, link, minimal, LINK_KEPT))
        if files is not None:
            data = Applinks.icon_data(ctx, link["id"])
            if data:
                entry["icon"] = files.add("applink-icon", data)
        links.append(entry)
    return sorted(links, key=Applinks.key)


def describe_access(ctx, minimal=False, files=None):
    return {"tokens": describe_tokens(ctx), "oidc_clients": describe_oidc_clients(ctx),
            "applinks": describe_applinks(ctx, minimal, files)}

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The server's tenants (admin list, offset pages) and a tenant's public identity."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.status import PROFILE_STATUS, status_word
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError


def tenant(raw):
    return {"id_tag": raw.get("idTag"), "name": raw.get("name"), "type": raw.get("type"), "email": raw.get("email"),
            "status": status_word(raw.get("status"), PROFILE_STATUS), "roles": list(raw.get("roles") or []),
            "profile_pic": raw.get("profilePic"), "created_at": raw.get("createdAt"), "tn_id": raw.get("tnId")}


def tenants(ctx, query=None):
    return sorted((tenant(raw) for raw in ctx.tenants(query)), key=lambda item: item["id_tag"] or "")


def identity(ctx, check_credential=True):
    """What the tenant says about itself (public routes), and whether the credential is accepted."""
    found = ctx.client.data("GET", "/.well-known/cloudillo/id-tag", auth=False) or {}
    me = ctx.client.data("GET", "/api/me", auth=False) or {}
    result = {"reachable": True, "id_tag": found.get("idTag") or me.get("idTag"), "name": me.get("name"),
              "type": me.get("type"), "profile_pic": me.get("profilePic"), "credential_works": None, "credential_error": None}
    if not check_credential:
        return result
    try:
        # any valid credential may list profiles; a scoped key is refused here as on most routes
        ctx.client.call("GET", "/api/profiles", params={"limit": 1})
        result["credential_works"] = True
    except ApiError as exc:
        if exc.status not in (401, 403):
            raise
        result["credential_works"] = False
        result["credential_error"] = str(exc)
    return result

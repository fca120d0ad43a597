# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""OpenID Connect clients of the server (facts 7.15; shapes per the vendor spec): a name, the login redirect URI and
the token signature algorithm; the client id and secret come from the server.

A client is identified by its name (the server does not keep names unique: two of one name are refused, naming their
ids). Unlike a token, a client changes in place: the update route takes the whole client. The secret is handed over
once, from the create answer, like an API token's; the vendor spec shows it in every read too, but it is never taken
from there, so no result but a create carries it. A lost create answer is mended as for tokens (what it made is
deleted and made once more), so the secret handed over is always the one of the client that remains.

The clients the server makes for an app's login (``appId`` set, per the vendor spec's schema) belong to the app: they
are listed, with ``app_id``, but never matched, so no update or removal can break the app's login.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import ADMIN
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.credentials import OwnCredentials
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import Field, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

ALGORITHMS = ("RS256", "EdDSA")
# the route that changes a client in place
UPDATE = "update"

FIELDS = (
    Field("id", read_only=True),
    Field("name", normalize=stripped),
    Field("login_redirect_uri", normalize=stripped, route=UPDATE),
    Field("token_signature_algorithm", choices=ALGORITHMS, route=UPDATE),
    # the app a client belongs to (clients the server makes for an app's login); empty for clients made here
    Field("app_id", read_only=True),
)


class OidcClients(OwnCredentials, Resource):
    """The server's OpenID Connect clients."""

    name = "oidc_client"
    plural = "oidc_clients"
    fields = FIELDS
    required_on_create = ("login_redirect_uri", "token_signature_algorithm")
    path = "/oidc/clients"
    list_key = "clients"
    secret_key = "secret"

    def label(self):
        return "OIDC client"

    def listed(self, ctx):
        """The spec pages nothing here: one read."""
        return ctx.client.call("GET", self.path, role=ADMIN).get(self.list_key) or []

    def find(self, current, item):
        """As for the token user's credentials, but clients belong to the server; an app's clients are never managed:
        a name only they carry is refused (for ``absent`` too), as changing or removing one breaks the app's login."""
        named = [obj for obj in current if obj["name"] == item["name"]]
        found = [obj for obj in named if not obj.get("app_id")]
        if named and not found:
            raise ResourceError("name %r is the name of the OIDC client of app %s only (client ids %s): the server made it "
                                "for the app's login, and this module never changes or removes an app's client; choose "
                                "another name for a client of your own"
                                % (item["name"], ", ".join(sorted(set(obj["app_id"] for obj in named))),
                                   ", ".join(obj["id"] for obj in named)))
        if len(found) > 1:
            raise ResourceError("name %r matches %d OIDC clients (ids %s): refusing to guess which one is meant; delete the "
                                "extra ones (in the dashboard, or by id)" % (item["name"], len(found), ", ".join(obj["id"] for obj in found)))
        return found[0] if found else None

    def canonical(self, ctx, raw):
        """Never the secret, though the vendor spec shows it in every read."""
        return {
            "id": raw.get("id"),
            "name": raw.get("name"),
            "login_redirect_uri": raw.get("loginRedirectUri"),
            "token_signature_algorithm": raw.get("tokenSignatureAlgorithm"),
            "app_id": raw.get("appId") or None,
        }

    @staticmethod
    def api_body(client):
        """The whole client, as both the create and the update route require it."""
        return {"name": client["name"], "loginRedirectUri": client["login_redirect_uri"],
                "tokenSignatureAlgorithm": client["token_signature_algorithm"]}

    def body(self, ctx, item):
        return self.api_body(item)

    def post(self, ctx, item):
        answer = ctx.client.call("POST", self.path, body=self.body(ctx, item), role=ADMIN)
        return answer if isinstance(answer, dict) else {}

    def created_object(self, ctx, answer, item):
        """The spec's create answer is the whole client; what it leaves out is what was asked for."""
        return self.canonical(ctx, dict(self.body(ctx, item), **answer))

    def predict(self, current, item, after):
        """Changed in place: the client keeps its id (a token's recreate would not)."""
        return after

    def write(self, ctx, current, route, values, item):
        if route != UPDATE:  # pragma: no cover - the field table and this dispatch are kept together
            raise ValueError(route)
        wanted = dict(current)
        wanted.update(values)
        ctx.client.call("POST", "%s/%s" % (self.path, current["id"]), body=self.api_body(wanted), role=ADMIN)

    def delete(self, ctx, current):
        ctx.client.call("DELETE", "%s/%s" % (self.path, current["id"]), role=ADMIN)

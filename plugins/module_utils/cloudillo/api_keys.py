# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tenant API keys (``cl_...``) as a resource, identified by their name.

Names are not unique on the server, so a name that matches two keys is refused instead of guessed. The plaintext
key exists only in the create answer: the resource keeps it for the module to return once (or write to a file),
and never puts it into an object, a plan or a diff.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError, TransportError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import SET, Field, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.secret_file import SecretFile
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.times import parse_time

# The scopes the server knows; any other string grants nothing, so it is refused as a typo.
SCOPES = ("apkg:publish", "carddav:read", "carddav:write", "caldav:read", "caldav:write")
SCOPE_PATTERN = "|".join(SCOPES)


def unix_seconds(value):
    """``expires_at`` as the server takes it: Unix seconds, from a number or an ISO 8601 date (UTC unless it says)."""
    if isinstance(value, bool):
        raise ValueError("%r is not a time" % value)
    if isinstance(value, (int, float)):
        return int(value)
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    try:
        return int(parse_time(text))
    except ValueError:
        raise ValueError("%r is neither Unix seconds nor an ISO 8601 date such as 2027-01-31T00:00:00Z" % value)


def scopes_list(value):
    """The server's comma-separated scopes (or None) as a sorted list."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return sorted(set(part.strip() for part in value if part and part.strip()))


FIELDS = (
    Field("name", api="name", normalize=stripped),
    Field("scopes", api="scopes", type="list", elements="str", compare=SET, normalize=stripped, pattern=SCOPE_PATTERN,
          route="patch", default=[]),
    Field("expires_at", api="expiresAt", type="raw", parse=unix_seconds, route="patch"),
    Field("key_id", read_only=True),
    Field("key_prefix", read_only=True),
    Field("created_at", read_only=True),
    Field("last_used_at", read_only=True),
)


def canonical(raw):
    return {
        "name": raw.get("name"),
        "scopes": scopes_list(raw.get("scopes")),
        "expires_at": raw.get("expiresAt"),
        "key_id": raw.get("keyId"),
        "key_prefix": raw.get("keyPrefix"),
        "created_at": raw.get("createdAt"),
        "last_used_at": raw.get("lastUsedAt"),
        "id": raw.get("keyId"),  # the engine names an adopted object by it
    }


class ApiKeys(Resource):
    """The tenant's API keys; ``plaintext`` holds the key a creation returned (at most one per run)."""

    name = "api_key"
    plural = "api_keys"
    fields = FIELDS

    def __init__(self):
        self.plaintext = None
        self.created = None
        self.lost = False  # a create whose answer (and so the plaintext) never arrived

    @staticmethod
    def key(item):
        return item.get("name")

    @staticmethod
    def identity(name):
        return name.strip() if isinstance(name, str) else name

    @staticmethod
    def validate(item):
        if not item.get("name"):
            return ["name: a key is identified by its name, which must not be empty"]
        return []

    def read(self, ctx, items, complete):
        return [canonical(raw) for raw in ctx.api_keys()]

    @staticmethod
    def find(current, item):
        found = [key for key in current if key["name"] == item["name"]]
        if len(found) > 1:
            ids = ", ".join(str(key["key_id"]) for key in found)
            raise ResourceError("name %r matches %d API keys on the server (key ids %s): refusing to guess which one is "
                                "meant; delete the extra ones by hand" % (item["name"], len(found), ids))
        return found[0] if found else None

    @staticmethod
    def check_updates(ctx, updates):
        """The server's PATCH can set scopes and the expiry, never clear them: refused before anything is written."""
        for change in updates:
            if change.writes.get("scopes") == [] and change.current.get("scopes"):
                raise ResourceError("api key %r: scopes cannot be removed from a key (the server can only replace them "
                                    "with others); delete the key and create it again" % change.key)

    @staticmethod
    def body(values):
        body = {}
        if "name" in values:
            body["name"] = values["name"]
        if values.get("scopes"):
            body["scopes"] = ",".join(values["scopes"])
        if values.get("expires_at") is not None:
            body["expiresAt"] = values["expires_at"]
        return body

    def create(self, ctx, item):
        try:
            created = ctx.client.data("POST", "/api/auth/api-keys", body=self.body(item))
        except TransportError as exc:
            # the engine re-reads and adopts a key that was created; its plaintext went with the lost answer
            self.lost = self.lost or exc.maybe_applied
            raise
        self.plaintext = created.get("plaintextKey")
        self.created = canonical(created)  # the answer has every listed field but lastUsedAt
        return {"id": created.get("keyId")}

    def write(self, ctx, current, route, values, item):
        ctx.client.call("PATCH", "/api/auth/api-keys/%s" % current["key_id"], body=self.body(values))

    @staticmethod
    def delete(ctx, current):
        ctx.client.call("DELETE", "/api/auth/api-keys/%s" % current["key_id"])

    def refresh(self, ctx, obj):
        """A created key as the create answer describes it (its id, prefix and times are the server's to fill)."""
        if obj.get("key_id") is None and self.created and self.created["name"] == obj.get("name"):
            return self.created
        return obj


class KeyFile(SecretFile):
    """Where a new key's plaintext goes (``key_file``): written atomically, mode 0600, never through a symlink."""

    def __init__(self, path):
        super().__init__(path, "key_file")


def write_key_file(path, plaintext):
    """The key into ``path`` (mode 0600), atomically; raises ``ResourceError`` or ``OSError``."""
    KeyFile(path).commit(plaintext)

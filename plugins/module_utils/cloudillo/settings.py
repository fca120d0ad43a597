# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Settings of a tenant (or the server-wide defaults) as a resource: one item per key.

A setting "exists" when a value is stored at the chosen level: ``tenant`` (the tenant's own row, which overrides the
global default) or ``global`` (the row every tenant falls back to; admins only). ``absent`` clears the stored row, so
the next level (or the registered default) applies.

Reading: ``GET /api/settings?prefix=<namespace>&level=<level>`` answers the rows stored at that level for one
namespace (matched as ``<namespace>.%``), so any number of keys costs one read per namespace they are in. The
references give one prefix per request; a comma-separated list is not relied on.

Secrets: a key whose last segment names a credential (``password``, ``secret``, ``token``, ``key``, as a word or at its
end: ``email.smtp.password``, ``app.x.api_key``) has a write-only value. This is a safety rule of the collection, not
something the server says: such a value is never compared with the server's (``update_secrets`` decides when it is
written), never shown in results, diffs, ``gathered`` or info, and an export carries a placeholder for it.
"""

from __future__ import annotations

import json
import re

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.client import segment
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import REDACTED, Field, lower, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

LEVELS = ("tenant", "global")
KEY_PATTERN = r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_*-]+)*"


def same(want, have):
    """Values compare as JSON, so ``true`` and ``1`` (equal in Python) differ, as they do on the server."""
    return json.dumps(want, sort_keys=True) == json.dumps(have, sort_keys=True)


class ValueField(Field):
    """The setting's value: a bool, number, string or JSON object, compared by type as well as by value."""

    def differs(self, want, have, append):
        return not same(want, have)


CREDENTIAL_WORDS = ("password", "secret", "token", "key")
SECRET_HELP = ("its key names a credential (%s), so its value is write-only: give it as secret_value (secret_values in "
               "cloudillo_settings, secrets.settings in a description)" % ", ".join(CREDENTIAL_WORDS))


def is_secret(key):
    """Whether ``key`` (a valid one) has a last segment that names a credential: a word of it (split at ``_`` and ``-``)
    ends with one. A key that is not one is refused by name before anything else."""
    if not isinstance(key, str) or not re.match("^%s$" % KEY_PATTERN, key.strip()):
        return False
    words = re.split(r"[_-]", key.rsplit(".", 1)[-1].lower())
    return any(word.endswith(name) or word.endswith(name + "s") for word in words for name in CREDENTIAL_WORDS)


FIELDS = (
    Field("key", api="key", normalize=stripped, pattern=KEY_PATTERN),
    ValueField("value", api="value", type="raw", route="put"),
    # the value of a secret key (is_secret): written, never read back or shown
    Field("secret_value", type="raw", secret=True, route="put"),
    Field("scope", normalize=lower, read_only=True),
    Field("permission", normalize=lower, read_only=True),
)


def namespace(key):
    """The prefix the list route matches (``email`` for ``email.smtp.host``); None for a key without a dot."""
    return key.split(".", 1)[0] if "." in key else None


# Wildcard namespaces the server registers (``ui.*``, ``app.*``): the definitions list leaves them out while they
# have no value, so they are added to it when every stored value is wanted.
WILDCARD_NAMESPACES = ("app", "ui")


def every_namespace(ctx):
    """Keys standing for every namespace: the registered ones (the definitions list, one read) and the wildcards."""
    keys = [raw.get("key") or "" for raw in ctx.client.list_whole("/api/settings")]
    return keys + ["%s.*" % name for name in WILDCARD_NAMESPACES]


def masked(key, value):
    """A value as it may be shown: a secret key's value (when there is one) is the redaction marker."""
    return REDACTED if value is not None and is_secret(key) else value


def canonical(raw):
    # scope and permission are shown lower-case: the handler prints them as "Tenant", the types name them "tenant"
    key = raw.get("key")
    return {"key": key, "value": masked(key, raw.get("value")), "scope": raw.get("scope"),
            "permission": raw.get("permission"), "id": key}


class Settings(Resource):
    """Settings stored at one ``level``, of the connected tenant or (admins) of ``tenant``."""

    name = "setting"
    plural = "settings"
    fields = FIELDS

    def __init__(self, level="tenant", tenant=None):
        self.level = level
        self.tenant = tenant
        self.answers = {}  # key -> the setting as the PUT answered it (with its scope and permission)

    def scope_query(self):
        query = {"level": self.level}
        if self.tenant:
            query["tenant"] = self.tenant
        return query

    @staticmethod
    def key(item):
        return item.get("key")

    @staticmethod
    def validate(item):
        if is_secret(item.get("key")) and "value" in item:
            return ["value: %s" % SECRET_HELP]
        if "secret_value" in item and not is_secret(item.get("key")):
            return ["secret_value: only for a key that names a credential (%s); give this one's value as value"
                    % ", ".join(CREDENTIAL_WORDS)]
        return []

    def resolve(self, ctx, item, current):
        if current is None and "value" not in item and "secret_value" not in item:
            raise ResourceError("setting %r has no value stored at level %s; storing one needs %s"
                                % (item["key"], self.level, "secret_value" if is_secret(item["key"]) else "value"))

    def read(self, ctx, items, complete):
        # The engine asks for everything whenever it plans more than one item; the listed keys are all it looks for
        # (there is no state that touches unlisted settings), so only ``gathered`` (no items) reads every namespace.
        keys = [item["key"] for item in items]
        if not keys and complete:
            keys = every_namespace(ctx)
        prefixes = sorted(set(filter(None, (namespace(key) for key in keys))))
        found = []
        for prefix in prefixes:  # one namespace per read: the references give no list form of prefix
            query = dict(self.scope_query(), prefix=prefix)
            found.extend(canonical(raw) for raw in ctx.client.list_whole("/api/settings", params=query))
        for key in sorted(set(key for key in keys if namespace(key) is None)):
            found.extend(self.read_one(ctx, key))
        return found

    def read_one(self, ctx, key):
        """A key the list route cannot match (no namespace), read on its own."""
        try:
            return [canonical(ctx.client.data("GET", "/api/settings/%s" % segment(key), params=self.scope_query()))]
        except ApiError as exc:
            if exc.missing:
                return []
            raise

    @staticmethod
    def find(current, item):
        return next((found for found in current if found["key"] == item["key"]), None)

    def create(self, ctx, item):
        name = "value" if "value" in item else "secret_value"
        self.write(ctx, None, "put", {name: item[name]}, item)
        return {"id": None}

    def write(self, ctx, current, route, values, item):
        value = values["value"] if "value" in values else values["secret_value"]
        answer = ctx.client.data("PUT", "/api/settings/%s" % segment(item["key"]), params=self.scope_query(),
                                 body={"value": value})
        if isinstance(answer, dict):
            self.answers[item["key"]] = answer

    def refresh(self, ctx, obj):
        """A written setting with the scope and permission its PUT answer names (its value is the one written)."""
        answer = self.answers.get(obj.get("key"))
        if answer is None:
            return obj
        return dict(obj, value=masked(obj.get("key"), answer.get("value", obj.get("value"))),
                    scope=lower(answer.get("scope")), permission=lower(answer.get("permission")))

    def delete(self, ctx, current):
        ctx.client.call("DELETE", "/api/settings/%s" % segment(current["key"]), params=self.scope_query())


SCOPE_ARGSPEC = {
    "level": {"type": "str", "choices": list(LEVELS), "default": "tenant"},
    "tenant": {"type": "str"},
}


def scoped(params):
    """The resource for the module's ``level`` and ``tenant``; raises ``ResourceError`` for a combination the server
    refuses (a global row is shared by every tenant, so it has no tenant)."""
    tenant = (params.get("tenant") or "").strip().lower() or None
    if tenant and params["level"] == "global":
        raise ResourceError("tenant: level=global stores the default every tenant shares; tenant only goes with level=tenant")
    return Settings(params["level"], tenant)


def info(ctx, keys=None, prefixes=None, level=None, tenant=None):
    """Settings with their descriptions: effective values (``level`` None) or those stored at ``level``.

    Without a filter and without a level this is the definitions list (one read). A level needs namespaces: they come
    from the keys or prefixes given, else from the definitions list (a second read)."""
    keys = list(keys or [])
    prefixes = set(prefixes or []) | set(filter(None, (namespace(key) for key in keys)))
    if level and not prefixes and not keys:
        prefixes = set(filter(None, (namespace(key) for key in every_namespace(ctx))))
    query = {}
    if level:
        query["level"] = level
    if tenant:
        query["tenant"] = tenant
    found = []
    for prefix in sorted(prefixes):  # one namespace per read
        found.extend(ctx.client.list_whole("/api/settings", params=dict(query, prefix=prefix)))
    if not prefixes and not keys:
        found = ctx.client.list_whole("/api/settings")
    if keys:
        found = [raw for raw in found if raw.get("key") in keys]
        listed = set(raw.get("key") for raw in found)
        single = dict(query) if level else {}
        for key in keys:
            if key not in listed and namespace(key) is None:
                try:
                    found.append(ctx.client.data("GET", "/api/settings/%s" % segment(key), params=single or None))
                except ApiError as exc:
                    if not exc.missing:
                        raise
    result = []
    for raw in found:
        item = canonical(raw)
        del item["id"]
        item["scope"], item["permission"] = lower(item["scope"]), lower(item["permission"])
        item["description"] = raw.get("description")
        result.append(item)
    return sorted(result, key=lambda item: item["key"] or "")

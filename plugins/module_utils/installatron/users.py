# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installatron users (the hosting company's customers) and their websites, as a resource.

A website's ``path`` is a local directory or a ``sftp://``, ``ftp://``, ``ftps://`` or ``ssh://`` URI. Its
password is a secret kept beside it (``website_passwords``, by path) and put into the URI only when sent:
the server keeps paths encrypted, so websites are compared without their credentials.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import Field, WholeField, lower, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

REMOTE_SCHEMES = ("sftp", "ftp", "ftps", "ssh")
USER_PATTERN = r"[a-z0-9][a-z0-9._-]{0,63}"
WEBSITE_OPTIONS = {
    "path": {"type": "str", "required": True},
    "vhosts": {"type": "dict"},
    "label": {"type": "str"},
    "email": {"type": "str"},
    "server": {"type": "str"},
    "vhost_ip": {"type": "str"},
    "path_backups": {"type": "str"},
    "uid": {"type": "int"},
    "gid": {"type": "int"},
    "mysql_host": {"type": "str"},
    "language": {"type": "str"},
    "suspended": {"type": "bool"},
}


def without_credentials(path):
    """A website path as compared: no password in a URI (its login name stays: the server needs it, and
    ``with_password`` puts the password beside it), no trailing slash, lower-case scheme and host."""
    path = (path or "").strip()
    parts = urlsplit(path)
    if parts.scheme.lower() in REMOTE_SCHEMES:
        login = "%s@" % parts.username if parts.username else ""
        host = parts.hostname or ""
        host = "[%s]" % host if ":" in host else host  # an IPv6 literal keeps its brackets
        port = ":%d" % parts.port if parts.port else ""
        return "%s://%s%s%s%s" % (parts.scheme.lower(), login, host, port, parts.path.rstrip("/") or "/")
    return path.rstrip("/") or "/"


def unset(key, item):
    """Whether a website value is what the server shows for one never set: None, "", {} (``vhosts``) or (``suspended``) false."""
    return item is None or item == "" or item == {} or (key == "suspended" and item is False)


def website(value):
    """One website in its compared form: known keys only, unset values dropped (the server answers every key, with
    "" or null when unset), vhosts with lower-case domains."""
    result = dict((key, item) for key, item in value.items() if key in WEBSITE_OPTIONS and not unset(key, item))
    result["path"] = without_credentials(value.get("path"))
    if "vhosts" in result:
        result["vhosts"] = dict((lower(str(url)).rstrip("/"), str(root)) for url, root in result["vhosts"].items())
    return result


def websites(value):
    """Websites order-free, by path."""
    return sorted((website(entry) for entry in value or []), key=lambda entry: entry["path"])


def no_passwords_in_paths(value):
    """Input check: a password belongs in website_passwords, never in a path (it would show in output)."""
    for entry in value or []:
        if urlsplit(entry.get("path") or "").password:
            raise ValueError("the path of a website holds a password; give it in website_passwords instead")
    return value


def remote(path):
    return urlsplit(path or "").scheme.lower() in REMOTE_SCHEMES


def with_password(path, password):
    """A remote path with its password in the URI (URL-encoded), as the server takes it."""
    parts = urlsplit(path)
    user = parts.username or ""
    netloc = "%s:%s@%s" % (quote(unquote(user), safe=""), quote(password, safe=""), parts.netloc.rsplit("@", 1)[-1])
    return parts._replace(netloc=netloc).geturl()


FIELDS = (
    Field("id", api="id", normalize=lower, pattern=USER_PATTERN),
    Field("email", api="email", normalize=lower, route="edit"),
    Field("type", api="type", choices=("user", "reseller"), route="edit", default="user"),
    Field("parent", api="parent", normalize=stripped, route="edit"),
    Field("package", api="package", normalize=stripped, route="edit"),
    Field("language", api="language", normalize=stripped, route="edit"),
    Field("suspended", api="suspended", type="bool", route="edit", default=False),
    WholeField("websites", websites, WEBSITE_OPTIONS, type="list", elements="dict", parse=no_passwords_in_paths, route="edit",
               default=[]),
    Field("website_passwords", type="dict", secret=True, route="edit"),
)


class Users(Resource):
    """The user resource for the engine."""

    name = "user"
    plural = "users"
    fields = FIELDS

    @staticmethod
    def key(item):
        return item.get("id")

    @staticmethod
    def validate(item):
        paths = [entry["path"] for entry in item.get("websites") or []]
        unknown = sorted(set(without_credentials(path) for path in item.get("website_passwords") or {}) - set(paths))
        return ["website_passwords: no website has the path %s" % ", ".join(unknown)] if unknown else []

    @staticmethod
    def canonical(raw):
        return {
            "id": raw.get("id"),
            "email": raw.get("email") or None,
            "type": raw.get("type") or "user",
            "parent": raw.get("parent") or None,
            "package": raw.get("package") or None,
            "language": raw.get("language", raw.get("locale")) or None,
            "suspended": bool(raw.get("suspended")),
            "websites": raw.get("websites") if isinstance(raw.get("websites"), list) else None,
        }

    def read(self, ctx, items, complete):
        """The list, and a user's own record where the list leaves its websites out (and they are managed)."""
        found = []
        wanted = set(item.get("id") for item in items if "websites" in item)
        for raw in ctx.users():
            if not isinstance(raw.get("websites"), list) and (complete or raw.get("id") in wanted):
                raw = ctx.user(raw["id"]) or raw
            found.append(self.canonical(raw))
        return found

    @staticmethod
    def find(current, item):
        return next((user for user in current if user["id"] == item.get("id")), None)

    @staticmethod
    def protected(ctx, current):
        """``overridden`` never forgets resellers (the administrator is one) or the acting user."""
        return current.get("type") == "reseller" or current.get("id") == lower(ctx.client.acting_user)

    @staticmethod
    def body(item, values):
        """The API body for ``values``, websites with their passwords put back into the paths."""
        body = dict((field.api, values[field.name]) for field in FIELDS if field.api and field.name in values)
        if "websites" in values or "website_passwords" in values:
            passwords = dict((without_credentials(path), secret) for path, secret in (item.get("website_passwords") or {}).items())
            body["websites"] = []
            for entry in item.get("websites") or []:
                sent = dict((key, value) for key, value in entry.items() if value is not None)
                password = passwords.get(entry["path"])
                if password and remote(entry["path"]):
                    sent["path"] = with_password(entry["path"], password)
                body["websites"].append(sent)
        return body

    def create(self, ctx, item):
        body = self.body(item, dict((name, value) for name, value in item.items() if name != "website_passwords"))
        ctx.client.call("POST", "/users", body=body, scope=False)
        return {"id": item["id"]}

    @staticmethod
    def check_updates(ctx, updates):
        """The server replaces a user's whole websites definition and cannot give remote passwords back: changing
        websites without them would lose them, so that is refused before anything is written."""
        for change in updates:
            if "websites" not in change.writes:
                continue
            given = set(without_credentials(path) for path in change.item.get("website_passwords") or {})
            missing = [entry["path"] for entry in change.item.get("websites") or [] if remote(entry["path"]) and entry["path"] not in given]
            if missing:
                raise ResourceError("user %r: changing websites needs the passwords of %s in website_passwords: the server "
                                    "replaces the whole definition and cannot give them back" % (change.key, ", ".join(missing)))

    def write(self, ctx, current, route, values, item):
        ctx.client.call("POST", "/users/%s" % current["id"], body=self.body(item, values), scope=False)

    @staticmethod
    def delete(ctx, current):
        ctx.client.call("DELETE", "/users/%s" % current["id"], scope=False)

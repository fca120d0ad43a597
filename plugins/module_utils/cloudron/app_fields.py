# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fields of a Cloudron app: options, normalisation, and the canonical form read from the server.

Field order is the order changes are applied: settings that change in place (label, tags, access)
first, then the ones that run a task on the server, then the run state.
"""

from __future__ import annotations

import base64
import hashlib
import re

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import SET, DictField, Field, WholeField, as_string, lower

EVERYONE = "everyone"
SIZE_PATTERN = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$", re.I)
SIZE_UNITS = {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3, "t": 1024 ** 4}


def size_in_bytes(value):
    """512 -> 512; '512M' / '512MiB' / '0.5G' -> bytes (binary units, as the dashboard shows them)."""
    if isinstance(value, bool):
        raise ValueError("must be a size such as 512M or 2G, not %r" % value)
    if isinstance(value, (int, float)):
        return int(value)
    match = SIZE_PATTERN.match(str(value))
    if not match:
        raise ValueError("%r is not a size such as 512M or 2G" % value)
    return int(float(match.group(1)) * SIZE_UNITS[match.group(2).lower()])


def locations(value):
    """Extra domains of an app, order-free: sorted dicts with lower-case names."""
    result = []
    for entry in value or []:
        item = {"subdomain": lower(entry.get("subdomain") or ""), "domain": lower(entry.get("domain"))}
        if entry.get("environment_variable"):
            item["environment_variable"] = entry["environment_variable"]
        result.append(item)
    return sorted(result, key=lambda item: (item["domain"] or "", item["subdomain"]))


def access(value):
    """'everyone', or {users, groups} as sorted lower-case names."""
    if isinstance(value, str):
        if value.strip().lower() != EVERYONE:
            raise ValueError("must be 'everyone' or a dict with users and groups, not %r" % value)
        return EVERYONE
    if not isinstance(value, dict) or set(value) - {"users", "groups"}:
        raise ValueError("must be 'everyone' or a dict with users and groups, not %r" % (value,))
    return {"users": sorted(set(lower(name) for name in value.get("users") or [])),
            "groups": sorted(set(lower(name) for name in value.get("groups") or []))}


def fqdn(subdomain, domain):
    return "%s.%s" % (subdomain, domain) if subdomain else domain


def name_list(value):
    return sorted(set(lower(name) for name in value or []))


def string_map(value):
    """Free-form maps (env) hold strings on the server: compare them as strings."""
    return dict((str(key), as_string(item)) for key, item in (value or {}).items())


def port_map(value):
    return dict((str(key), int(item)) for key, item in (value or {}).items())


def read_image(path, hint=""):
    """The bytes of a local image file given as an option; ValueError (naming the file) for one that cannot be read
    or is empty. ``hint`` follows the advice to give an image file."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except (IOError, OSError) as exc:
        raise ValueError("cannot read %s: %s" % (path, exc.strerror or exc))
    if not data:
        raise ValueError("%s is empty; give an image file%s" % (path, hint))
    return data


class IconField(Field):
    """An image file, given by path and compared by the SHA-256 of its bytes (the server keeps them as sent).

    The server cannot tell a custom icon's digest without sending the image, so the current value is
    read (one request) only for apps whose icon is managed. The bytes read here are kept for the write.
    """

    PREFIX = "sha256:"
    images = {}

    def __init__(self, name):
        super().__init__(name, type="path", route=name)

    def parse(self, value):
        data = read_image(value, " (the dashboard uploads a 256x256 PNG)")
        digest = self.digest(data)
        self.images[digest] = data
        return digest

    @classmethod
    def digest(cls, data):
        return cls.PREFIX + hashlib.sha256(data).hexdigest()

    @classmethod
    def encoded(cls, digest):
        return base64.b64encode(cls.images[digest]).decode("ascii")


LOCATION_SUBOPTIONS = {"subdomain": {"type": "str"}, "domain": {"type": "str", "required": True}}
SECONDARY_SUBOPTIONS = dict(LOCATION_SUBOPTIONS, environment_variable={"type": "str"})
NAMES_SUBOPTIONS = {"users": {"type": "list", "elements": "str"}, "groups": {"type": "list", "elements": "str"}}
PROXY_SUBOPTIONS = {"robots_txt": {"type": "str"}, "csp": {"type": "str"}, "hsts_preload": {"type": "bool"}}


MOUNT_SUBOPTIONS = {"volume": {"type": "str", "required": True}, "read_only": {"type": "bool"}}


def app_mounts(value):
    """Volumes an app mounts, order-free: sorted by volume name, ``read_only`` false unless given."""
    result = []
    for entry in value or []:
        if not isinstance(entry, dict) or not entry.get("volume"):
            raise ValueError("each mount needs a volume name, not %r" % (entry,))
        result.append({"volume": entry["volume"].strip(), "read_only": bool(entry.get("read_only"))})
    return sorted(result, key=lambda item: item["volume"])


def _names(value):
    return dict((key, name_list(item)) for key, item in value.items())


FIELDS = (
    Field("id", read_only=True),
    Field("app_store_id", api="appStoreId", normalize=lambda value: value.strip()),
    Field("subdomain", normalize=lower, route="location", default=""),
    Field("domain", api="domain", normalize=lower, route="location"),
    Field("fqdn", read_only=True, default=lambda item: fqdn(item.get("subdomain") or "", item.get("domain"))),
    Field("label", api="label", route="label", default=""),
    Field("notes", create=False, route="notes", default=""),
    Field("tags", type="list", elements="str", normalize=as_string, compare=SET, create=False, route="tags", default=[]),
    WholeField("access_restriction", access, type="raw", route="access_restriction", default=EVERYONE),
    DictField("operators", NAMES_SUBOPTIONS, normalize=_names, create=False, route="operators",
              default={"users": [], "groups": []}),
    Field("enable_backup", api="enableBackup", type="bool", route="automatic_backup", default=True),
    Field("enable_automatic_update", api="enableAutomaticUpdate", type="bool", route="automatic_update", default=True),
    DictField("reverse_proxy_config", PROXY_SUBOPTIONS, create=False, route="reverse_proxy",
              default={"robots_txt": "", "csp": "", "hsts_preload": False}),
    Field("crontab", create=False, route="crontab", default=""),
    Field("upstream_uri", api="upstreamUri", route="upstream_uri", default=""),
    IconField("icon"),
    Field("sso", api="sso", type="bool", default=True),
    WholeField("ports", port_map, type="dict", route="location", default={}),
    WholeField("secondary_domains", locations, SECONDARY_SUBOPTIONS, type="list", elements="dict", route="location", default=[]),
    WholeField("alias_domains", locations, LOCATION_SUBOPTIONS, type="list", elements="dict", route="location", default=[]),
    WholeField("redirect_domains", locations, LOCATION_SUBOPTIONS, type="list", elements="dict", route="location", default=[]),
    Field("version", route="update"),
    # 0: the app's default; -1: unlimited; else bytes
    Field("memory_limit", api="memoryLimit", type="raw", normalize=size_in_bytes, minimum=-1, route="memory_limit", default=0),
    Field("cpu_quota", type="int", minimum=1, maximum=100, create=False, route="cpu_quota", default=100),
    WholeField("env", string_map, type="dict", route="env", default={}),
    WholeField("secret_env", string_map, type="dict", secret=True, route="env"),
    Field("enable_mailbox", api="enableMailbox", type="bool", route="mailbox", default=True),
    Field("mailbox_name", normalize=lower, create=False, route="mailbox",
          default=lambda item: "%s.app" % (item.get("subdomain") or "app")),
    Field("mailbox_domain", normalize=lower, create=False, route="mailbox", default=lambda item: item.get("domain")),
    Field("mailbox_display_name", create=False, route="mailbox", default=""),
    Field("enable_turn", api="enableTurn", type="bool", route="turn", default=True),
    Field("enable_redis", type="bool", create=False, route="redis", default=True),
    # volumes by name; set after the install (the install route takes neither)
    Field("storage_volume", normalize=lambda value: value.strip(), create=False, route="storage", default=""),
    Field("storage_volume_prefix", create=False, route="storage", default=""),
    WholeField("mounts", app_mounts, MOUNT_SUBOPTIONS, type="list", elements="dict", create=False, route="mounts", default=[]),
    Field("run_state", choices=("running", "stopped"), create=False, route="run_state", default="running"),
    Field("installation_state", read_only=True, default="installed"),
    Field("health", read_only=True),
    Field("error", read_only=True),
    Field("overwrite_dns", type="bool", transient=True),
    Field("skip_dns_setup", type="bool", transient=True),
    Field("app_id", transient=True),
    Field("previous_fqdn", normalize=lower, transient=True),
)

# Options of the item that are instructions, not state: they steer lookups and location changes.
LOOKUP_OPTIONS = ("app_id", "previous_fqdn")
LOCATION_EXTRAS = {
    "secondary_domains": "secondaryDomains", "alias_domains": "aliasDomains", "redirect_domains": "redirectDomains",
}


def from_api_locations(entries):
    return [dict(subdomain=entry.get("subdomain") or "", domain=entry.get("domain"),
                 **({"environment_variable": entry["environmentVariable"]} if entry.get("environmentVariable") else {}))
            for entry in entries or []]


def to_api_locations(entries):
    """Extra domains in the API's form."""
    return [dict({"subdomain": entry["subdomain"], "domain": entry["domain"]},
                 **({"environmentVariable": entry["environment_variable"]} if entry.get("environment_variable") else {}))
            for entry in entries or []]


def canonical(ctx, raw):
    """An app object (8.1 or 9.x names) in the option-shaped form."""
    manifest = raw.get("manifest") or {}
    restriction = raw.get("accessRestriction")
    operators = raw.get("operators") or {}
    proxy = raw.get("reverseProxyConfig") or {}
    error = raw.get("error")
    subdomain = raw.get("subdomain", raw.get("location")) or ""
    app = {
        "id": raw.get("id"),
        "app_store_id": raw.get("appStoreId") or manifest.get("id"),
        "subdomain": subdomain,
        "domain": raw.get("domain"),
        "fqdn": raw.get("fqdn") or fqdn(subdomain, raw.get("domain")),
        "label": raw.get("label") or "",
        "notes": raw.get("notes") or "",
        "tags": sorted(raw.get("tags") or []),
        "access_restriction": EVERYONE if restriction is None else {
            "users": ctx.user_labels(restriction.get("users")), "groups": ctx.group_names(restriction.get("groups"))},
        "operators": {"users": ctx.user_labels(operators.get("users")), "groups": ctx.group_names(operators.get("groups"))},
        "enable_backup": raw.get("enableBackup", True),
        "enable_automatic_update": raw.get("enableAutomaticUpdate", True),
        "reverse_proxy_config": {"robots_txt": proxy.get("robotsTxt") or "", "csp": proxy.get("csp") or "",
                                 "hsts_preload": bool(proxy.get("hstsPreload"))},
        "crontab": raw.get("crontab") or "",
        "upstream_uri": raw.get("upstreamUri") or "",
        "sso": raw.get("sso", True),
        "ports": port_map(raw.get("ports", raw.get("portBindings"))),
        "secondary_domains": locations(from_api_locations(raw.get("secondaryDomains"))),
        "alias_domains": locations(from_api_locations(raw.get("aliasDomains"))),
        "redirect_domains": locations(from_api_locations(raw.get("redirectDomains"))),
        "version": manifest.get("version"),
        "memory_limit": raw.get("memoryLimit") or 0,
        "cpu_quota": raw.get("cpuQuota", 100),
        "env": string_map(raw.get("env")),
        "enable_mailbox": raw.get("enableMailbox", False),
        "mailbox_name": raw.get("mailboxName"),
        "mailbox_domain": raw.get("mailboxDomain"),
        "mailbox_display_name": raw.get("mailboxDisplayName") or "",
        "enable_turn": raw.get("enableTurn", False),
        "enable_redis": raw.get("enableRedis", False),
        "run_state": raw.get("runState"),
        "installation_state": raw.get("installationState"),
        "health": raw.get("health"),
        "error": (error.get("message") or str(error)) if isinstance(error, dict) else error,
        "task_id": raw.get("taskId"),
    }
    app.update(volume_references(ctx, raw))
    return app


def volume_references(ctx, raw):
    """The app's storage volume and mounts by volume name.

    Names need the volume list: an app that uses no volume needs no request, and names are filled in only once the
    run has read the list (``name_volumes``); until then they are left out, with the ids kept for that."""
    volume_id = raw.get("storageVolumeId")
    mounts = [{"volume_id": mount.get("volumeId"), "read_only": bool(mount.get("readOnly"))}
              for mount in raw.get("mounts") or [] if isinstance(mount, dict)]
    found = {"storage_volume_prefix": raw.get("storageVolumePrefix") or "", "volume_ids": (volume_id, mounts)}
    if not volume_id and not mounts:
        found.update(storage_volume="", mounts=[])
    elif ctx.volumes_read():
        name_volumes(ctx, found)
    return found


def unnamed_volumes(app):
    """Whether the app uses volumes whose names this run has not read yet."""
    return "storage_volume" not in app and "volume_ids" in app


def name_volumes(ctx, app):
    """Fill in the app's volume names from its ids (reads the volume list once per run)."""
    volume_id, mounts = app["volume_ids"]
    app["storage_volume"] = ctx.volume_name(volume_id) if volume_id else ""
    app["mounts"] = app_mounts([{"volume": ctx.volume_name(mount["volume_id"]), "read_only": mount["read_only"]}
                                for mount in mounts])
    return app

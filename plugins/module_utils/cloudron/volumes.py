# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudron volumes as a resource: a name, a mount type and the mount options of that type.

The options of each type, and which of them a new volume needs, follow the vendor spec's
``volumeByMountType`` schemas (the facts list the option names only). Mount passwords and private keys
are write-only: the server answers them masked or not at all, and a masked value sent back keeps the
stored one. The server changes the options of cifs, nfs and sshfs volumes in place and nothing else,
so any other change is refused before the first write.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import ADMIN
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mount_options import SECRETS, SETTING_OPTIONS, SETTINGS, secret_shown
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import DictField, Field, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

MOUNT_TYPES = ("cifs", "ext4", "filesystem", "mountpoint", "nfs", "sshfs", "xfs")
UPDATABLE = ("cifs", "nfs", "sshfs")
# What each type takes, every one of them needed to create it (the spec's schemas mark them all required).
TYPE_OPTIONS = {
    "cifs": ("host", "remote_dir", "username", "password", "seal"),
    "nfs": ("host", "remote_dir"),
    "sshfs": ("host", "remote_dir", "port", "user", "private_key"),
    "filesystem": ("host_path",),
    "mountpoint": ("host_path",),
    "ext4": ("disk_path",),
    "xfs": ("disk_path",),
}
# The secret field: {password, private_key}, given inside ``mount_options`` (cloudron_volume) or by volume name beside
# ``config`` (cloudron_volumes).
MOUNT_SECRETS = "mount_secrets"


def mount_settings(value):
    """The compared part of mount options: no secrets, no unset keys, the port a number, the host lower-case."""
    found = dict((key, item) for key, item in value.items() if key in SETTINGS and item is not None)
    if isinstance(found.get("port"), str) and found["port"].strip().isdigit():
        found["port"] = int(found["port"])
    if isinstance(found.get("host"), str):  # host names compare without case
        found["host"] = found["host"].strip().lower()
    return found


def secret_options(value):
    """``{password, private_key}`` with the unset ones dropped; any other key is refused."""
    if not isinstance(value, dict):
        raise ValueError("must be a dict with password and/or private_key, not %s" % type(value).__name__)
    unknown = sorted(set(value) - set(SECRETS))
    if unknown:
        raise ValueError("%s: not a secret mount option (password, private_key)" % ", ".join(unknown))
    return dict((key, str(item)) for key, item in value.items() if item is not None)


FIELDS = (
    Field("id", read_only=True),
    Field("name", api="name", normalize=stripped),
    Field("mount_type", api="mountType", choices=MOUNT_TYPES),
    DictField("mount_options", SETTING_OPTIONS, normalize=mount_settings, route="mount_options"),
    Field(MOUNT_SECRETS, type="dict", parse=secret_options, secret=True, route="mount_options"),
    # where the server mounts the volume (filled by the server)
    Field("host_path", read_only=True),
)


def given_secrets(mount_options):
    """The secrets given inside ``mount_options`` (cloudron_volume), for the field ``mount_secrets``."""
    return dict((key, value) for key, value in (mount_options or {}).items() if key in SECRETS and value is not None)


def _listed(names):
    return ", ".join(names)


class Volumes(Resource):
    """The volume resource for the engine."""

    name = "volume"
    plural = "volumes"
    fields = FIELDS
    required_on_create = ("mount_type",)

    @staticmethod
    def key(item):
        return item.get("name")

    @staticmethod
    def identity(name):
        """Volume names keep their case (the spec allows any printable characters)."""
        return name.strip() if isinstance(name, str) else name

    @staticmethod
    def validate(item):
        problems = []
        name = item.get("name")
        if not name or not name.isprintable():
            problems.append("name %r must be a non-empty string of printable characters" % (name,))
        port = (item.get("mount_options") or {}).get("port")
        if port is not None and not 1 <= port <= 65535:
            problems.append("mount_options.port %s is out of range (1 to 65535)" % port)
        if item.get("mount_type"):
            problems.extend(Volumes.foreign_options(item, item["mount_type"]))
        return problems

    @staticmethod
    def foreign_options(item, mount_type):
        """Options given that the mount type does not take."""
        allowed = TYPE_OPTIONS[mount_type]
        given = sorted(set(item.get("mount_options") or {}) | set(item.get(MOUNT_SECRETS) or {}))
        foreign = [option for option in given if option not in allowed]
        if not foreign:
            return []
        return ["mount_options: %s %s of a %s volume (it takes %s)"
                % (_listed(foreign), "is not an option" if len(foreign) == 1 else "are not options", mount_type, _listed(allowed))]

    # -- reading ---------------------------------------------------------------------------------

    @staticmethod
    def canonical(raw):
        options = raw.get("mountOptions") or {}
        settings = dict((option, options[api]) for option, api in SETTINGS.items() if api in options)
        return {
            "id": raw.get("id"),
            "name": raw.get("name"),
            "mount_type": raw.get("mountType"),
            "mount_options": mount_settings(settings),
            "host_path": raw.get("hostPath"),
            # kept out of results (not a field): the options as the server answers them, secrets masked or absent
            "stored_options": dict(options),
        }

    def read(self, ctx, items, complete):
        return [self.canonical(raw) for raw in ctx.volumes(fresh=True)]

    @staticmethod
    def find(current, item):
        return next((volume for volume in current if volume["name"] == item["name"]), None)

    def status(self, ctx, volume):
        """The server's mount status of one volume ({state, message}); one request."""
        return ctx.client.call("GET", "/volumes/%s/status" % volume["id"], role=ADMIN)

    # -- planning --------------------------------------------------------------------------------

    def resolve(self, ctx, item, current):
        """Refuse, before any write, what the server cannot do: a new type, options of a type it does not update,
        options of another type, a new volume without the options its type needs, and a change whose stored secret
        the server does not show (it could not be kept)."""
        label = "volume %r" % item["name"]
        if current is not None and item.get("mount_type") not in (None, current["mount_type"]):
            raise ResourceError("%s: mount_type cannot be changed in place (%s to %s): the server has no route for it; "
                                "delete the volume and create it again" % (label, current["mount_type"], item["mount_type"]))
        mount_type = item.get("mount_type") or (current or {}).get("mount_type")
        if mount_type not in TYPE_OPTIONS:
            return  # creating needs mount_type: the engine says so
        problems = self.foreign_options(item, mount_type)
        if problems:
            raise ResourceError("%s: %s" % (label, "; ".join(problems)))
        given = set(item.get("mount_options") or {}) | set(item.get(MOUNT_SECRETS) or {})
        if current is None:
            missing = [option for option in TYPE_OPTIONS[mount_type] if option not in given]
            if missing:
                raise ResourceError("%s: a new %s volume needs mount_options %s; missing: %s"
                                    % (label, mount_type, _listed(TYPE_OPTIONS[mount_type]), _listed(missing)))
            return
        wanted = item.get("mount_options") or {}
        have = current.get("mount_options") or {}
        changed = sorted(option for option, value in wanted.items() if have.get(option) != value)
        if changed and mount_type not in UPDATABLE:
            raise ResourceError("%s: mount_options cannot be changed in place for a %s volume (%s): the server changes "
                                "only cifs, nfs and sshfs volumes; delete the volume and create it again"
                                % (label, mount_type, ", ".join("%s %r to %r" % (option, have.get(option), wanted[option])
                                                                for option in changed)))
        if changed:
            stored = current.get("stored_options") or {}
            hidden = [option for option in TYPE_OPTIONS[mount_type]
                      if option in SECRETS and not secret_shown(stored.get(SECRETS[option])) and option not in given]
            if hidden:
                raise ResourceError("%s: mount_options.%s is needed to change the mount options: the server does not show "
                                    "the stored one, so it cannot be kept (cloudron_volumes takes it in mount_secrets)"
                                    % (label, hidden[0]))

    # -- writing ---------------------------------------------------------------------------------

    @staticmethod
    def api_options(settings, secrets):
        options = dict((SETTINGS[key], value) for key, value in (settings or {}).items())
        options.update((SECRETS[key], value) for key, value in (secrets or {}).items())
        return options

    def create(self, ctx, item):
        body = {"name": item["name"], "mountType": item["mount_type"],
                "mountOptions": self.api_options(item.get("mount_options"), item.get(MOUNT_SECRETS))}
        created = ctx.client.call("POST", "/volumes", body=body, role=ADMIN)
        ctx.forget_volumes()
        return {"id": created["id"]}

    def write(self, ctx, current, route, values, item):
        if route != "mount_options":  # pragma: no cover - the field table and this dispatch are kept together
            raise ValueError(route)
        # The server wants the whole options: what it stores (secrets as it answered them, so it keeps them) with the
        # options given over it, and the secrets given (sent whenever the options are written, see update_secrets).
        options = dict(current.get("stored_options") or {})
        options.update(self.api_options(item.get("mount_options"), item.get(MOUNT_SECRETS)))
        ctx.client.call("POST", "/volumes/%s" % current["id"], body={"mountOptions": options}, role=ADMIN)

    @staticmethod
    def delete(ctx, current):
        try:
            ctx.client.call("DELETE", "/volumes/%s" % current["id"], role=ADMIN)
        except ApiError as exc:
            if exc.status == 409:
                raise exc.with_hint("volume %r is still in use: change the storage_volume and mounts of the apps "
                                    "that use it first" % current["name"])
            raise
        ctx.forget_volumes()

    def remount(self, ctx, volume):
        """Ask the server to mount the volume again (202, nothing to wait for)."""
        ctx.client.call("POST", "/volumes/%s/remount" % volume["id"], role=ADMIN)

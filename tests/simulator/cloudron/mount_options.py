# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mount types and their mountOptions (the spec's volume schemas), shared by volumes and mounted backup storage."""

from .dns_providers import PLACEHOLDER
from .errors import ApiError

# mountType -> {option: kind}; every option is required (the spec's schemas)
OPTIONS = {
    "cifs": {"host": "string", "remoteDir": "string", "username": "string", "password": "string", "seal": "boolean"},
    "filesystem": {"hostPath": "path"},
    "ext4": {"diskPath": "path"},
    "mountpoint": {"hostPath": "path"},
    "nfs": {"host": "string", "remoteDir": "string"},
    "sshfs": {"host": "string", "remoteDir": "string", "port": "port", "user": "string", "privateKey": "string"},
    "xfs": {"diskPath": "path"},
}
MOUNT_TYPES = tuple(OPTIONS)
# options whose values never show on reads
SECRETS = ("password", "privateKey")


def _checked(label, kind, value):
    if kind == "boolean":
        if not isinstance(value, bool):
            raise ApiError(400, "%s must be a boolean" % label)
    elif kind == "port":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
            raise ApiError(400, "%s must be an integer between 1 and 65535" % label)
    else:
        if not isinstance(value, str) or not value:
            raise ApiError(400, "%s must be a non-empty string" % label)
        if kind == "path" and not value.startswith("/"):
            raise ApiError(400, "%s must be an absolute path" % label)
    return value


def check(mount_type, options, current=None, prefix="mountOptions."):
    """The options to store for ``mount_type`` (unknown keys dropped), or 400 naming the option.

    ``current``: the stored options when the mount type stays the same; a placeholder sent for a secret keeps it.
    """
    if not isinstance(options, dict):
        raise ApiError(400, "mountOptions must be an object")
    stored = {}
    for name, kind in OPTIONS[mount_type].items():
        value = options.get(name)
        if name in SECRETS and value == PLACEHOLDER and current and name in current:
            value = current[name]
        stored[name] = _checked(prefix + name, kind, value)
    return stored


def masked(options, mode):
    """``options`` as reads show them: secrets as the placeholder ("masked") or left out ("absent")."""
    shown = {}
    for name, value in options.items():
        if name in SECRETS:
            if mode == "absent":
                continue
            value = PLACEHOLDER
        shown[name] = value
    return shown


def target(mount_type, options):
    """What a mount of these options reaches: the host, else the path."""
    return options.get("host") or options.get("hostPath") or options.get("diskPath")

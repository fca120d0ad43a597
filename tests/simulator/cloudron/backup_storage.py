# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Backup storage: the providers, their fields, the stored config and how reads show it (GET /backups/config).

Providers: ``filesystem`` (the spec's config schema), ``s3`` (fields of facts 7.4 and the issue; the name is
recalled) and the mount types (the spec's volume mount option schemas). See the README, "Backup storage".
"""

import copy
from urllib.parse import urlparse

from . import mount_options
from .dns_providers import PLACEHOLDER
from .errors import ApiError

FORMATS = ("tgz", "rsync")
# mounted storage: every mount type but filesystem, which is the provider with a backupFolder
MOUNTED = tuple(t for t in mount_options.MOUNT_TYPES if t != "filesystem")
PROVIDERS = ("filesystem", "s3") + MOUNTED
# top-level secrets; mount option secrets live in mount_options
SECRETS = ("password", "secretAccessKey")
DEFAULT = {"provider": "filesystem", "format": "tgz", "backupFolder": "/var/backups", "noHardLinks": False,
           "encryptedFilenames": False}


def _string(body, name, current, required=True, default=None, secret=False):
    value = body.get(name, default if not required else None)
    if secret and value == PLACEHOLDER and current and name in current:
        value = current[name]
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value):
        raise ApiError(400, "%s must be a non-empty string" % name)
    return value


def _filesystem(body, current):
    folder = _string(body, "backupFolder", current)
    if not folder.startswith("/"):
        raise ApiError(400, "backupFolder must be an absolute path")
    no_hard_links = body.get("noHardLinks", False)
    if not isinstance(no_hard_links, bool):
        raise ApiError(400, "noHardLinks must be a boolean")
    return {"backupFolder": folder, "noHardLinks": no_hard_links}


def _s3(body, current):
    fields = {
        "bucket": _string(body, "bucket", current),
        "prefix": _string(body, "prefix", current, required=False, default=""),
        "region": _string(body, "region", current, required=False, default="us-east-1") or "us-east-1",
        "accessKeyId": _string(body, "accessKeyId", current),
        "secretAccessKey": _string(body, "secretAccessKey", current, secret=True),
    }
    endpoint = _string(body, "endpoint", current, required=False)
    if endpoint:
        fields["endpoint"] = endpoint
    return fields


def _mounted(provider):
    def check(body, current):
        options = mount_options.check(provider, body.get("mountOptions"), (current or {}).get("mountOptions"))
        return {"mountOptions": options, "prefix": _string(body, "prefix", current, required=False, default="")}
    return check


_FIELDS = dict({"filesystem": _filesystem, "s3": _s3}, **{t: _mounted(t) for t in MOUNTED})


def check(body, stored):
    """The config to store for a storage POST ``body``; ``stored`` is the config stored so far. 400 on bad input."""
    if body.get("format") not in FORMATS:
        raise ApiError(400, "format must be tgz or rsync")
    provider = body.get("provider")
    if provider not in PROVIDERS:
        raise ApiError(400, "Invalid provider")
    # placeholders only stand for stored secrets of the same provider
    current = stored if stored.get("provider") == provider else None
    config = {"provider": provider, "format": body["format"]}
    config.update(_FIELDS[provider](body, current))
    password = body.get("password")
    if password == PLACEHOLDER and current and "password" in current:
        password = current["password"]
    if not isinstance(password, str):
        raise ApiError(400, "password must be a string")
    encrypted_filenames = body.get("encryptedFilenames")
    if not isinstance(encrypted_filenames, bool):
        raise ApiError(400, "encryptedFilenames must be a boolean")
    if encrypted_filenames and not password:
        raise ApiError(400, "encryptedFilenames needs a password")
    config["encryptedFilenames"] = encrypted_filenames
    if password:
        config["password"] = password
    return config


def unreachable_message(config):
    """The 424 message when the storage of ``config`` cannot be reached (server style, not its words)."""
    provider = config["provider"]
    if provider == "filesystem":
        return "Unable to write to %s: EACCES: permission denied" % config["backupFolder"]
    if provider == "s3":
        host = urlparse(config["endpoint"]).hostname if config.get("endpoint") else None
        return "Error listing objects of bucket %s: getaddrinfo ENOTFOUND %s" % (
            config["bucket"], host or config.get("endpoint") or "s3.%s.amazonaws.com" % config["region"])
    return "Failed to mount %s: mount error(113): Could not connect" % mount_options.target(provider, config["mountOptions"])


# What GET /backups/config shows as ``encryption`` when a password is set: the spec types it null or a string and
# gives only null as an example, so the string is chosen (clients can only rely on null meaning unencrypted).
ENCRYPTION = "v2"


def view(config, mode, filenames=True):
    """``config`` as GET /backups/config shows it: secrets masked or left out (switch ``backup_secret_read``),
    ``encryption`` null without a password, ``encryptedFilenames`` shown or not (switch ``backup_config_filenames``)."""
    shown = {"encryption": ENCRYPTION if config.get("password") else None}
    for name, value in config.items():
        if name == "encryptedFilenames" and not filenames:
            continue
        if name in SECRETS:
            if mode == "absent":
                continue
            value = PLACEHOLDER
        elif name == "mountOptions":
            value = mount_options.masked(value, mode)
        shown[name] = copy.deepcopy(value)
    return shown


def encryption_version(config):
    """What backups made with ``config`` carry as encryptionVersion (2, the spec's example, when encrypted)."""
    return 2 if config.get("password") else None

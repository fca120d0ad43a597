# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where backups go and when they are made, as a singleton resource.

Two routes: the storage (``GET /backups/config``, ``POST /backups/config/storage``, which takes the whole
storage object every time) and the policy (``GET``/``POST /backups/policy``). Only the routes of the
options given are read, and each is written once when it differs; the storage goes first, so a storage
the server refuses leaves the policy untouched.

Secrets (the encryption password, the S3 secret access key, mount passwords and private keys) are
write-only. The server answers them masked or not at all; a masked one sent back keeps the stored one, so
a storage write sends back what it was shown, and refuses, before writing anything, a change that would
lose a secret the server does not show.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mount_options import SECRET_OPTIONS, SETTING_OPTIONS, SETTINGS
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mount_options import SECRETS as MOUNT_SECRETS
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mount_options import secret_shown
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.settings import cron_pattern
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import DictField, Field
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Singleton

ADMIN = "admin"
MASK = u"\u25cf" * 8  # what the server shows in place of a stored secret
FORMATS = ("tgz", "rsync")

# Storage options -> the API's names (``mount_options`` is a dict of its own, below).
STORAGE_KEYS = {
    "provider": "provider", "format": "format", "encrypted_filenames": "encryptedFilenames",
    "backup_folder": "backupFolder", "no_hard_links": "noHardLinks",
    "bucket": "bucket", "prefix": "prefix", "region": "region", "endpoint": "endpoint", "access_key_id": "accessKeyId",
}
MOUNT_KEYS = SETTINGS
# Write-only values: field name (the option path) -> (API key path).
SECRETS = {
    "storage.encryption_password": ("password",),
    "storage.secret_access_key": ("secretAccessKey",),
    "storage.mount_options.password": ("mountOptions", MOUNT_SECRETS["password"]),
    "storage.mount_options.private_key": ("mountOptions", MOUNT_SECRETS["private_key"]),
}
RETENTION_KEYS = {"keep_within_secs": "keepWithinSecs", "keep_daily": "keepDaily", "keep_weekly": "keepWeekly",
                  "keep_monthly": "keepMonthly", "keep_yearly": "keepYearly"}
# Keys of the config answer that are not part of the storage object the storage route takes.
NOT_STORAGE = ("limits", "encryption")

MOUNT_OPTIONS = dict(SETTING_OPTIONS, **SECRET_OPTIONS)
STORAGE_OPTIONS = {
    "provider": {"type": "str"},
    "format": {"type": "str", "choices": list(FORMATS)},
    "encryption_password": {"type": "str", "no_log": True},
    "encrypted_filenames": {"type": "bool"},
    "backup_folder": {"type": "str"},
    "no_hard_links": {"type": "bool"},
    "bucket": {"type": "str"},
    "prefix": {"type": "str"},
    "region": {"type": "str"},
    "endpoint": {"type": "str"},
    "access_key_id": {"type": "str"},
    "secret_access_key": {"type": "str", "no_log": True},
    "mount_options": {"type": "dict", "options": MOUNT_OPTIONS},
}
RETENTION_OPTIONS = dict((name, {"type": "int"}) for name in RETENTION_KEYS)
POLICY_OPTIONS = {"schedule": {"type": "str"}, "retention": {"type": "dict", "options": RETENTION_OPTIONS}}
SECRET_SUBOPTIONS = {"encryption_password", "secret_access_key", "password", "private_key"}


def _settings(value):
    """A dict without unset (None) values and without secrets, nested dicts alike; empty ones dropped."""
    found = {}
    for key, item in (value or {}).items():
        if key in SECRET_SUBOPTIONS:
            continue
        if isinstance(item, dict):
            item = _settings(item)
            if not item:
                continue
        if item is not None:
            found[key] = item
    return found


def storage_settings(value):
    """The compared form of a storage: no secrets, the provider lower-case."""
    found = _settings(value)
    if isinstance(found.get("provider"), str):
        found["provider"] = found["provider"].strip().lower()
    return found


def policy_settings(value):
    found = _settings(value)
    if isinstance(found.get("schedule"), str):
        found["schedule"] = cron_pattern(found["schedule"])
    return found


def _subset_differs(want, have):
    """Whether a key given differs; nested dicts compare by the keys given too."""
    for key, value in want.items():
        if isinstance(value, dict) and isinstance(have.get(key), dict):
            if _subset_differs(value, have[key]):
                return True
        elif have.get(key) != value:
            return True
    return False


def _merged(have, want):
    merged = dict(have or {})
    for key, value in want.items():
        merged[key] = _merged(merged.get(key), value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


class StorageField(DictField):
    """The storage: only the keys given are managed, inside ``mount_options`` as well."""

    def differs(self, want, have, append):
        have = have or {}
        if "encrypted_filenames" not in have:  # not every answer shows it: unknown is not a difference
            want = dict((key, value) for key, value in want.items() if key != "encrypted_filenames")
        return _subset_differs(want, have)

    def merge(self, want, have, append):
        return _merged(have, want)


FIELDS = (
    # first: a storage the server refuses (unreachable, bad fields) must leave the policy unwritten
    StorageField("storage", STORAGE_OPTIONS, normalize=storage_settings, route="storage"),
    DictField("policy", POLICY_OPTIONS, normalize=policy_settings, route="policy"),
) + tuple(Field(name, secret=True, route="storage") for name in SECRETS)
OPTIONS = ("storage", "policy")


def secrets_given(params):
    """The secrets given inside ``storage``, by their field names (for the engine's secret fields)."""
    storage = params.get("storage") or {}
    found = {}
    for name in SECRETS:
        value = storage
        for part in name.split(".")[1:]:
            value = (value or {}).get(part)
        if value is not None:
            found[name] = value
    return found


def storage_view(raw):
    """The storage options of a config answer (API names -> option names; secrets left out)."""
    found = dict((option, raw[api]) for option, api in STORAGE_KEYS.items() if raw.get(api) is not None)
    if "encrypted_filenames" not in found and encrypted(raw) is False:
        found["encrypted_filenames"] = False  # unencrypted backups have no encrypted file names
    mount = raw.get("mountOptions")
    if isinstance(mount, dict):
        found["mount_options"] = dict((option, mount[api]) for option, api in MOUNT_KEYS.items() if mount.get(api) is not None)
    return found


def policy_view(raw):
    retention = raw.get("retention") or {}
    return {"schedule": raw.get("schedule"),
            "retention": dict((option, retention[api]) for option, api in RETENTION_KEYS.items() if retention.get(api) is not None)}


def _shown(raw, path):
    """Whether the answer shows the secret at ``path`` (masked or not)."""
    value = raw
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return secret_shown(value)


def _set(body, path, value):
    for part in path[:-1]:
        body = body.setdefault(part, {})
    body[path[-1]] = value


class BackupConfig(Singleton):
    """The backup storage and policy of one server; an item names the parts it manages."""

    name = "backup_config"
    plural = "backup_configs"
    fields = FIELDS
    # Reading the config already fails on a server without these routes; check mode adds no status read.
    check_server_in_check_mode = False

    @staticmethod
    def validate(item):
        problems = []
        storage = item.get("storage") or {}
        folder = storage.get("backup_folder")
        if folder is not None and not folder.startswith("/"):
            problems.append("storage.backup_folder %r is not an absolute path" % folder)
        port = (storage.get("mount_options") or {}).get("port")
        if port is not None and not 1 <= port <= 65535:
            problems.append("storage.mount_options.port %s is out of range (1 to 65535)" % port)
        policy = item.get("policy") or {}
        schedule = policy.get("schedule")
        if schedule is not None and len(schedule.split()) != 6:
            problems.append("policy.schedule %r is not a cron pattern of 6 fields (seconds first, as the server takes it)" % schedule)
        if "retention" in policy:
            problems.extend(retention_problems(policy["retention"]))
        return problems

    def read(self, ctx, items, complete):
        """The parts named by the item (both when it names neither, or ``complete``), one GET each."""
        wanted = dict(items[0]) if items and items[0] and not complete else {}
        if any(name in wanted for name in SECRETS):
            wanted["storage"] = True  # secrets alone are written with the storage too
        parts = [name for name in OPTIONS if name in wanted] or list(OPTIONS)
        found = {}
        if "storage" in parts:
            raw = ctx.client.call("GET", "/backups/config", role=ADMIN)
            found["storage"] = storage_view(raw)
            # kept out of results (not a field): the answer as read, secrets masked or absent
            found["stored_config"] = raw
        if "policy" in parts:
            raw = ctx.client.call("GET", "/backups/policy", role=ADMIN).get("policy") or {}
            found["policy"] = policy_view(raw)
            found["stored_policy"] = raw
        return [found]

    def check_updates(self, ctx, updates):
        """A storage write that would lose a secret, or a policy write without a retention to send, is refused before
        anything is written (check mode too)."""
        for change in updates:
            if "storage" in change.writes or any(name in SECRETS for name in change.secrets):
                self.storage_body(change.current, change.item)
            if "policy" in change.writes and "retention" not in (change.item.get("policy") or {}) \
                    and (change.current.get("stored_policy") or {}).get("retention") is None:
                raise ResourceError("policy.retention is needed to change the policy: the server's policy has none and "
                                    "the route takes the retention every time")

    @staticmethod
    def predict(current, item, after):
        """A provider switch leaves only the storage settings given."""
        wanted = item.get("storage") or {}
        stored = current.get("storage") or {}
        if wanted.get("provider") not in (None, stored.get("provider")):
            after["storage"] = dict(wanted, format=wanted.get("format", stored.get("format")),
                                    encrypted_filenames=wanted.get("encrypted_filenames", False))
        return after

    @staticmethod
    def storage_body(current, item):
        """The whole storage object the route takes.

        The same provider: what the server showed (secrets masked) with the settings given over it. A new
        provider: only the settings given. A secret not given goes back as shown; one the server does not show,
        or one it cannot keep across a provider switch, must be given."""
        raw = dict(current.get("stored_config") or {})
        wanted = item.get("storage") or {}
        provider = wanted.get("provider", raw.get("provider"))
        same = provider == raw.get("provider")
        body = dict((key, value) for key, value in raw.items() if key not in NOT_STORAGE) if same else {}
        if same and isinstance(body.get("mountOptions"), dict):
            body["mountOptions"] = dict(body["mountOptions"])
        body.update((STORAGE_KEYS[key], value) for key, value in wanted.items() if key in STORAGE_KEYS)
        if "mount_options" in wanted:
            mount = body.setdefault("mountOptions", {})
            mount.update((MOUNT_KEYS[key], value) for key, value in wanted["mount_options"].items())
        body["provider"] = provider
        body["format"] = wanted.get("format", raw.get("format"))
        body["encryptedFilenames"] = bool(wanted.get("encrypted_filenames", raw.get("encryptedFilenames") if same else False))
        problems = []
        for name, path in SECRETS.items():
            if item.get(name) is not None:
                _set(body, path, item[name])
                continue
            if name == "storage.encryption_password":
                state = encrypted(raw)
                if state is False:
                    body["password"] = ""  # the server says there is no encryption: none to lose
                elif not (same and _shown(raw, path)):  # shown masked: sent back, the server keeps it
                    problems.append(_encryption_problem(raw, same, provider, state))
                continue
            if same and not _shown(raw, path) and _provider_uses(raw, path):
                problems.append("%s is needed to change the storage: the server does not show the stored value, so it "
                                "cannot be kept" % name)
        if ("encrypted_filenames" not in wanted and same and "encryptedFilenames" not in raw and encrypted(raw) is not False
                and body.get("password") != ""):
            problems.append("storage.encrypted_filenames is needed to change the storage: the server does not show whether "
                            "file names are encrypted, so it cannot be kept")
        if body["encryptedFilenames"] and body.get("password") == "":
            problems.append("storage.encrypted_filenames needs an encryption password: storage.encryption_password is ''")
        if problems:
            raise ResourceError("storage: " + "; ".join(problems))
        return body

    def write(self, ctx, current, route, values, item):
        if route == "storage":
            body = self.storage_body(current, item)
            try:
                ctx.client.call("POST", "/backups/config/storage", body=body, role=ADMIN)
            except ApiError as exc:
                if exc.status == 424:
                    raise ResourceError("the server cannot reach the backup storage (%s %s returned 424: %s); nothing was "
                                        "changed" % (exc.method, exc.url, exc.message))
                raise
            return None
        stored = current.get("stored_policy") or {}
        wanted = item.get("policy") or {}
        body = {}
        if "retention" in wanted:
            body["retention"] = dict((RETENTION_KEYS[key], value) for key, value in wanted["retention"].items())
        elif stored.get("retention") is not None:
            body["retention"] = stored["retention"]
        schedule = wanted.get("schedule", stored.get("schedule"))
        if schedule is not None:
            body["schedule"] = schedule
        ctx.client.call("POST", "/backups/policy", body=body, role=ADMIN)
        return None


def encrypted(raw):
    """Whether the stored storage is encrypted: True, False, or None when the answer does not say.

    ``encryption`` (the spec's config schema: null or a value) is null without an encryption password; a password
    shown masked says there is one."""
    if _shown(raw, SECRETS["storage.encryption_password"]):
        return True
    if "encryption" not in raw:
        return None
    return raw["encryption"] is not None


def _encryption_problem(raw, same, provider, state):
    """Why the encryption password must be given: it is not shown, or cannot be carried to another provider."""
    name = "storage.encryption_password"
    if state and not same:
        return ("%s is needed to switch the provider from %s to %s: the stored encryption password cannot be carried over"
                % (name, raw.get("provider"), provider))
    if state:
        return ("%s is needed to change the storage: backups are encrypted and the server does not show the password, so "
                "it cannot be kept" % name)
    return ("%s is needed to change the storage: the server does not show whether an encryption password is set, so it "
            "cannot be kept; give it (or '' for unencrypted backups)" % name)


def _provider_uses(raw, path):
    """Whether the stored storage has the object the secret belongs to (S3 keys for the access key, mount options
    for mount secrets): only then can there be a stored value to lose."""
    if path == ("secretAccessKey",):
        return bool(raw.get("accessKeyId"))
    if path[0] == "mountOptions":
        mount = raw.get("mountOptions") or {}
        return bool(mount.get("username")) if path[1] == "password" else bool(mount.get("user"))
    return False


def retention_problems(retention):
    """keep_within_secs alone, or one or more of keep_daily/weekly/monthly/yearly."""
    within = retention.get("keep_within_secs")
    counts = dict((key, value) for key, value in retention.items() if key != "keep_within_secs")
    problems = []
    if within is None and not counts:
        problems.append("policy.retention needs keep_within_secs or one or more of keep_daily, keep_weekly, keep_monthly, "
                        "keep_yearly")
    if within is not None and counts:
        problems.append("policy.retention: keep_within_secs cannot be combined with %s" % ", ".join(sorted(counts)))
    if within is not None and within != -1 and within < 1:
        problems.append("policy.retention.keep_within_secs %s must be at least 1 (or -1 to keep every backup)" % within)
    for key, value in sorted(counts.items()):
        if value < 1:
            problems.append("policy.retention.%s %s must be at least 1" % (key, value))
    return problems

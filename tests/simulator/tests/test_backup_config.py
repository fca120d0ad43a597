# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Backup storage config (per provider, secrets, reachability), policy, mount status."""

import pytest

from conftest import RO
from storage_helpers import PLACEHOLDER, error, readonly_refused, user_refused

S3 = {"provider": "s3", "format": "tgz", "password": "", "encryptedFilenames": False, "bucket": "bk", "accessKeyId": "AK",
      "secretAccessKey": "SK", "region": "eu-central-1"}
CIFS = {"provider": "cifs", "format": "rsync", "password": "enc-pw", "encryptedFilenames": True,
        "mountOptions": {"host": "nas", "remoteDir": "/b", "username": "u", "password": "mount-pw", "seal": True}}
SSHFS = {"provider": "sshfs", "format": "tgz", "password": "", "encryptedFilenames": False,
         "mountOptions": {"host": "h", "remoteDir": "/b", "port": 22, "user": "u", "privateKey": "KEY"}}


def test_default_config(client):
    assert client.call("GET", "/backups/config").outcome == (200, {
        "provider": "filesystem", "format": "tgz", "backupFolder": "/var/backups", "noHardLinks": False, "encryptedFilenames": False,
        "encryption": None})


def test_s3_stored_with_defaults_and_masked(client):
    assert client.call("POST", "/backups/config/storage", S3).outcome == (200, {})
    shown = client.call("GET", "/backups/config").body
    assert shown == {"provider": "s3", "format": "tgz", "bucket": "bk", "prefix": "", "region": "eu-central-1", "accessKeyId": "AK",
                     "secretAccessKey": PLACEHOLDER, "encryptedFilenames": False, "encryption": None}
    assert client.control("GET", "/state")["backup_config"]["secretAccessKey"] == "SK"


def test_masked_secrets_sent_back_keep_the_stored_ones(client):
    client.call("POST", "/backups/config/storage", CIFS)
    shown = client.call("GET", "/backups/config").body
    assert shown["password"] == PLACEHOLDER and shown["mountOptions"]["password"] == PLACEHOLDER
    del shown["encryption"]  # not part of the storage route's body
    assert client.call("POST", "/backups/config/storage", shown).status == 200
    stored = client.control("GET", "/state")["backup_config"]
    assert stored["password"] == "enc-pw" and stored["mountOptions"]["password"] == "mount-pw" and stored["prefix"] == ""


def test_placeholder_of_another_provider_is_stored_as_sent(client):
    client.call("POST", "/backups/config/storage", S3)
    body = dict(SSHFS, mountOptions=dict(SSHFS["mountOptions"], privateKey=PLACEHOLDER))
    client.call("POST", "/backups/config/storage", body)
    assert client.control("GET", "/state")["backup_config"]["mountOptions"]["privateKey"] == PLACEHOLDER


def test_encryption_is_null_only_without_a_password(client):
    client.call("POST", "/backups/config/storage", CIFS)
    assert client.call("GET", "/backups/config").body["encryption"] is not None
    client.control("POST", "/switches", {"backup_secret_read": "absent"})
    assert client.call("GET", "/backups/config").body["encryption"] is not None
    client.call("POST", "/backups/config/storage", S3)
    assert client.call("GET", "/backups/config").body["encryption"] is None


def test_encrypted_filenames_shown_per_switch(client):
    client.call("POST", "/backups/config/storage", CIFS)
    assert client.call("GET", "/backups/config").body["encryptedFilenames"] is True
    client.control("POST", "/switches", {"backup_config_filenames": False})
    assert "encryptedFilenames" not in client.call("GET", "/backups/config").body
    assert client.control("GET", "/state")["backup_config"]["encryptedFilenames"] is True


def test_secrets_absent_switch(client):
    client.control("POST", "/switches", {"backup_secret_read": "absent"})
    client.call("POST", "/backups/config/storage", CIFS)
    shown = client.call("GET", "/backups/config").body
    assert "password" not in shown and "password" not in shown["mountOptions"] and shown["mountOptions"]["username"] == "u"


@pytest.mark.parametrize("body, message", [
    (dict(S3, format="zip"), "format must be tgz or rsync"),
    (dict(S3, provider="ftp"), "Invalid provider"),
    ({k: v for k, v in S3.items() if k != "bucket"}, "bucket must be a non-empty string"),
    (dict(S3, secretAccessKey=""), "secretAccessKey must be a non-empty string"),
    (dict(S3, secretAccessKey=PLACEHOLDER, bucket="b2"), None),
    ({"provider": "filesystem", "format": "tgz", "password": "", "encryptedFilenames": False, "backupFolder": "rel"},
     "backupFolder must be an absolute path"),
    ({"provider": "filesystem", "format": "tgz", "password": "", "encryptedFilenames": False}, "backupFolder must be a non-empty string"),
    (dict(CIFS, mountOptions={"host": "nas"}), "mountOptions.remoteDir must be a non-empty string"),
    (dict(SSHFS, mountOptions=dict(SSHFS["mountOptions"], port=70000)), "mountOptions.port must be an integer between 1 and 65535"),
    (dict(SSHFS, provider="nfs", mountOptions={"host": "h"}), "mountOptions.remoteDir must be a non-empty string"),
    (dict(S3, encryptedFilenames=True), "encryptedFilenames needs a password"),
    ({k: v for k, v in S3.items() if k != "password"}, "password is required"),
    ({k: v for k, v in S3.items() if k != "provider"}, "provider is required"),
    (dict(S3, colour="red"), "colour is not allowed"),
])
def test_bad_storage(client, body, message):
    if message is None:
        # a placeholder without a stored secret of this provider is no secret
        client.call("POST", "/backups/config/storage", body)
        assert client.control("GET", "/state")["backup_config"]["secretAccessKey"] == PLACEHOLDER
        return
    assert error(client, "POST", "/backups/config/storage", body) == (400, message)
    assert client.control("GET", "/state")["backup_config"]["provider"] == "filesystem"


@pytest.mark.parametrize("body, message", [
    (S3, "Error listing objects of bucket bk: getaddrinfo ENOTFOUND s3.eu-central-1.amazonaws.com"),
    (dict(S3, endpoint="https://minio.example.com:9000"), "Error listing objects of bucket bk: getaddrinfo ENOTFOUND minio.example.com"),
    (CIFS, "Failed to mount nas: mount error(113): Could not connect"),
    ({"provider": "filesystem", "format": "tgz", "password": "", "encryptedFilenames": False, "backupFolder": "/mnt/b"},
     "Unable to write to /mnt/b: EACCES: permission denied"),
])
def test_unreachable_storage(client, body, message):
    client.control("POST", "/switches", {"backup_storage_reachable": False})
    assert error(client, "POST", "/backups/config/storage", body) == (424, message)
    assert client.control("GET", "/state")["backup_config"]["provider"] == "filesystem"


def test_unreachable_checks_fields_first(client):
    client.control("POST", "/switches", {"backup_storage_reachable": False})
    assert error(client, "POST", "/backups/config/storage", dict(S3, bucket="")) == (400, "bucket must be a non-empty string")


def test_mount_status(client):
    assert client.call("GET", "/backups/mount_status").outcome == (200, {"state": "active", "message": "mounted"})
    client.control("POST", "/switches", {"backup_storage_reachable": False})
    assert client.call("GET", "/backups/mount_status").body == {
        "state": "inactive", "message": "Unable to write to /var/backups: EACCES: permission denied"}
    assert client.call("POST", "/backups/remount").outcome == (202, {})


def test_policy_default_and_change(client):
    default = {"schedule": "00 00 23 * * *", "retention": {"keepWithinSecs": 172800}}
    assert client.call("GET", "/backups/policy").outcome == (200, {"policy": default})
    assert client.call("POST", "/backups/policy", {"retention": {"keepDaily": 7, "keepWeekly": 4}}).outcome == (200, {})
    assert client.call("GET", "/backups/policy").body["policy"] == dict(default, retention={"keepDaily": 7, "keepWeekly": 4})
    client.call("POST", "/backups/policy", {"schedule": "00 30 1 * * *", "retention": {"keepWithinSecs": -1}})
    assert client.control("GET", "/state")["backup_policy"] == {"schedule": "00 30 1 * * *", "retention": {"keepWithinSecs": -1}}


@pytest.mark.parametrize("body, message", [
    ({}, "retention is required"),
    ({"retention": {}}, "retention must have keepWithinSecs or keepDaily, keepWeekly, keepMonthly, keepYearly"),
    ({"retention": {"keepWithinSecs": 0}}, "keepWithinSecs must be a number > 0 or -1"),
    ({"retention": {"keepWithinSecs": 60, "keepDaily": 1}},
     "keepWithinSecs cannot be combined with keepDaily, keepWeekly, keepMonthly, keepYearly"),
    ({"retention": {"keepDaily": 0}}, "keepDaily must be an integer >= 1"),
    ({"retention": {"keepDaily": 1.5}}, "retention.keepDaily must be integer"),
    ({"retention": {"keepWWithinSecs": 1}}, "retention.keepWWithinSecs is not allowed"),
    ({"retention": {"keepDaily": 1}, "schedule": "daily"}, "schedule must be a cron pattern of 6 fields"),
    ({"retention": {"keepDaily": 1}, "schedule": "never"}, "schedule must be a cron pattern of 6 fields"),
])
def test_bad_policy(client, body, message):
    assert error(client, "POST", "/backups/policy", body) == (400, message)


def test_unknown_retention_key_without_strict_fields(client):
    client.control("POST", "/switches", {"strict_fields": False})
    assert error(client, "POST", "/backups/policy", {"retention": {"keepHourly": 1}}) == (400, "retention: unknown key keepHourly")


@pytest.mark.parametrize("method, path, body", [
    ("POST", "/backups/config/storage", S3), ("POST", "/backups/policy", {"retention": {"keepDaily": 1}}),
    ("POST", "/backups/remount", None),
])
def test_writes_refused_to_readonly_tokens(client, method, path, body):
    assert readonly_refused(client, method, path, body)
    assert client.control("GET", "/state")["backup_config"]["provider"] == "filesystem"


@pytest.mark.parametrize("path", ["/backups/config", "/backups/policy", "/backups/mount_status"])
def test_reads(client, path):
    assert client.call("GET", path, token=RO).status == 200
    assert user_refused(client, "GET", path)


def test_seeded_config_and_policy(client):
    client.control("POST", "/seed", {"backup_config": CIFS, "backup_policy": {"retention": {"keepMonthly": 3}}})
    assert client.call("GET", "/backups/config").body["provider"] == "cifs"
    assert client.call("GET", "/backups/policy").body["policy"]["retention"] == {"keepMonthly": 3}
    result = client.raw("POST", "/_control/seed", b'{"backup_config": {"provider": "ftp", "format": "tgz"}}', {})
    assert (result.status, result.body["message"]) == (400, "backup_config: Invalid provider")

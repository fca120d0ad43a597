# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Volumes and the backup storage and policy in a description: exported with their secrets as placeholders, checked
against the modules' options, apps' volumes looked up in the description and on the server, secrets checked by shape."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.description import describe_storage
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.layout import LAYOUT
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import PLACEHOLDER, check_description
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

MASKED = u"\u25cf" * 8
NAS_ID, KEYS_ID = "a" * 32, "b" * 32
VOLUMES = [
    {"id": NAS_ID, "name": "nas", "mountType": "cifs", "hostPath": "/mnt/volumes/" + NAS_ID,
     "mountOptions": {"host": "NAS.example.com", "remoteDir": "/media", "username": "cloudron", "password": MASKED, "seal": True}},
    {"id": KEYS_ID, "name": "Archive", "mountType": "sshfs", "hostPath": "/mnt/volumes/" + KEYS_ID,
     "mountOptions": {"host": "store.example.com", "remoteDir": "/srv", "port": 22, "user": "cloudron", "privateKey": MASKED}},
    {"id": "c" * 32, "name": "local", "mountType": "filesystem", "hostPath": "/srv/local", "mountOptions": {"hostPath": "/srv/local"}},
]
S3 = {"provider": "s3", "format": "tgz", "bucket": "backups", "prefix": "", "region": "eu-central-1", "accessKeyId": "KEYID",
      "secretAccessKey": MASKED, "encryptedFilenames": False}
POLICY = {"schedule": "00 00 03 * * *", "retention": {"keepDaily": 7, "keepMonthly": 3}}


def make(config=None, volumes=None):
    """A context on a fake server with these volumes and this backup config."""
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/volumes", (200, {"volumes": VOLUMES if volumes is None else volumes}))
    server.on("GET", "/backups/config", (200, S3 if config is None else config))
    server.on("GET", "/backups/policy", (200, {"policy": POLICY}))
    return CloudronContext(CloudronClient(http)), server


def test_volumes_are_sorted_by_name_with_their_options_and_without_secrets_ids_or_server_paths():
    volumes = describe_storage(make()[0])[0]
    assert volumes == [
        {"name": "Archive", "mount_type": "sshfs",
         "mount_options": {"host": "store.example.com", "remote_dir": "/srv", "port": 22, "user": "cloudron"}},
        {"name": "local", "mount_type": "filesystem", "mount_options": {"host_path": "/srv/local"}},
        {"name": "nas", "mount_type": "cifs",
         "mount_options": {"host": "nas.example.com", "remote_dir": "/media", "username": "cloudron", "seal": True}},
    ]


def test_every_volume_of_a_type_with_a_password_or_key_has_a_placeholder():
    assert describe_storage(make()[0])[2] == {"nas": {"password": PLACEHOLDER}, "Archive": {"private_key": PLACEHOLDER}}


def test_the_backup_storage_and_policy_are_written_whole_without_secrets():
    backups = describe_storage(make()[0], minimal=True)[1]
    assert backups == {
        "storage": {"provider": "s3", "format": "tgz", "bucket": "backups", "prefix": "", "region": "eu-central-1",
                    "access_key_id": "KEYID", "encrypted_filenames": False},
        "policy": {"schedule": "00 00 03 * * *", "retention": {"keep_daily": 7, "keep_monthly": 3}},
    }


@pytest.mark.parametrize("config,secrets", [
    # the server says backups are not encrypted
    (dict(S3, encryption=None), {"secret_access_key": PLACEHOLDER}),
    # encrypted, the password not shown
    (dict(S3, encryption="v2"), {"encryption_password": PLACEHOLDER, "secret_access_key": PLACEHOLDER}),
    # the answer does not say: shown secrets and no password prove nothing
    (S3, {"encryption_password": PLACEHOLDER, "secret_access_key": PLACEHOLDER}),
    ({"provider": "filesystem", "format": "tgz", "backupFolder": "/var/backups", "encryption": None}, {}),
    (dict(S3, password=MASKED, encryptedFilenames=True), {"encryption_password": PLACEHOLDER, "secret_access_key": PLACEHOLDER}),
    # secrets left out of answers: an S3 storage still has its key, and nobody can tell whether there is a password
    (dict((key, value) for key, value in S3.items() if key != "secretAccessKey"),
     {"encryption_password": PLACEHOLDER, "secret_access_key": PLACEHOLDER}),
    ({"provider": "filesystem", "format": "rsync", "backupFolder": "/var/backups", "encryptedFilenames": False},
     {"encryption_password": PLACEHOLDER}),
    ({"provider": "cifs", "format": "tgz", "prefix": "", "encryptedFilenames": False, "encryption": None,
      "mountOptions": {"host": "nas", "remoteDir": "/b", "username": "u", "password": MASKED, "seal": False}},
     {"mount_options": {"password": PLACEHOLDER}}),
    ({"provider": "sshfs", "format": "tgz", "prefix": "", "encryptedFilenames": False,
      "mountOptions": {"host": "nas", "remoteDir": "/b", "port": 22, "user": "u"}},
     {"encryption_password": PLACEHOLDER, "mount_options": {"private_key": PLACEHOLDER}}),
])
def test_the_backup_storage_secrets_have_a_placeholder_for_every_secret_it_has_or_may_have(config, secrets):
    assert describe_storage(make(config)[0])[3] == secrets


def test_an_export_reads_the_volumes_and_the_two_backup_objects_and_writes_nothing():
    ctx, server = make()
    text = repr(describe_storage(ctx))
    assert MASKED not in text
    assert server.writes() == []
    assert sorted(entry[1] for entry in server.log) == ["/api/v1/backups/config", "/api/v1/backups/policy", "/api/v1/volumes"]


# -- the description check ---------------------------------------------------------------------------

CIFS = {"name": "nas", "mount_type": "cifs", "mount_options": {"host": "nas.example.com", "remote_dir": "/media", "username": "u", "seal": True}}
APP = {"app_store_id": "com.nextcloud.cloudronapp", "subdomain": "cloud", "domain": "example.com"}
DOMAINS = [{"domain": "example.com", "provider": "noop"}]
STORAGE = {"provider": "s3", "bucket": "b", "access_key_id": "k", "format": "tgz"}


def problems(description, secrets=None, server=True, volumes=()):
    ctx, _server = make(volumes=[{"id": "d" * 32, "name": name} for name in volumes])
    return check_description(ctx, LAYOUT, dict({"domains": DOMAINS}, **description), secrets or {}, server=server)


def test_volumes_apps_using_them_and_backups_with_their_secrets_have_no_problems():
    description = {"volumes": [CIFS], "apps": [dict(APP, storage_volume="nas", mounts=[{"volume": "nas", "read_only": True}])],
                   "backups": {"storage": STORAGE, "policy": {"schedule": "00 00 03 * * *", "retention": {"keep_daily": 7}}}}
    secrets = {"volume_mount_secrets": {"nas": {"password": "p"}},
               "backup_storage_secrets": {"encryption_password": "", "secret_access_key": "s"}}
    assert problems(description, secrets, server=False) == []


def test_the_volumes_of_an_app_are_looked_up_in_the_description_then_on_the_server_with_their_case():
    app = dict(APP, storage_volume="Nas", mounts=[{"volume": "nas"}, {"volume": "old"}, {"volume": "gone"}])
    assert problems({"volumes": [CIFS], "apps": [app]}, {"volume_mount_secrets": {"nas": {"password": "p"}}}, volumes=["old"]) == [
        "apps[0] (cloud.example.com): storage_volume: 'Nas' is not in the description or on the server",
        "apps[0] (cloud.example.com): mounts: 'gone' is not in the description or on the server",
    ]


@pytest.mark.parametrize("volume,problem", [
    (dict(CIFS, mount_options=dict(CIFS["mount_options"], password="inline")), "volumes[0] (nas): unknown option mount_options.password"),
    (dict(CIFS, mount_type="smb"), "volumes[0] (nas): value of mount_type must be one of"),
    (dict(CIFS, mount_options={"host_path": "/srv"}), "volumes[0] (nas): mount_options: host_path is not an option of a cifs volume"),
])
def test_a_bad_volume_is_named_by_its_position_and_name(volume, problem):
    found = problems({"volumes": [volume]}, {"volume_mount_secrets": {"nas": {"password": "p"}}})
    assert [entry for entry in found if entry.startswith(problem)] != [], found


def test_a_new_volume_needs_its_password_or_key_an_existing_one_does_not():
    sshfs = {"name": "keys", "mount_type": "sshfs", "mount_options": {"host": "h", "remote_dir": "/r", "port": 22, "user": "u"}}
    assert problems({"volumes": [CIFS, sshfs]}, volumes=["nas"]) == [
        "volumes[1] (keys): a new sshfs volume needs its private_key in secrets.volume_mount_secrets"]


@pytest.mark.parametrize("secrets,problem", [
    ({"nas": {"passwd": "p"}}, "secrets.volume_mount_secrets (nas): passwd: not a secret mount option (password, private_key)"),
    ({"nas": {"password": "p", "private_key": "k"}},
     "secrets.volume_mount_secrets (nas): mount_options: private_key is not an option of a cifs volume (it takes host, remote_dir, "
     "username, password, seal)"),
    ({"nas": {"password": "p"}, "ghost": {"password": "p"}}, "secrets.volume_mount_secrets: no volume of the description is named 'ghost'"),
])
def test_mount_secrets_are_checked_against_the_volume_they_name(secrets, problem):
    assert problems({"volumes": [CIFS]}, {"volume_mount_secrets": secrets}, volumes=["nas"]) == [problem]


@pytest.mark.parametrize("backups,secrets,problem", [
    ({"storage": dict(STORAGE, secret_access_key="inline")}, {}, "backups: unknown option storage.secret_access_key"),
    ({"storage": dict(STORAGE, format="zip")}, {}, "backups: value of format must be one of: tgz, rsync, got: zip found in storage"),
    ({"policy": {"schedule": "0 3 * * *"}}, {}, "backups: policy.schedule '0 3 * * *' is not a cron pattern of 6 fields"),
    ({"policy": {"retention": {"keep_daily": 0}}}, {}, "backups: policy.retention.keep_daily 0 must be at least 1"),
    ({"policy": {"schedule": "00 00 03 * * *"}}, {"backup_storage_secrets": {"encryption_password": "p"}},
     "secrets.backup_storage_secrets: the description has no backups.storage they belong to"),
    ({"storage": STORAGE}, {"backup_storage_secrets": {"password": "p"}}, "secrets.backup_storage_secrets: unknown option password"),
    ({"storage": STORAGE}, {"backup_storage_secrets": {"secret_access_key": PLACEHOLDER}},
     "secrets.backup_storage_secrets.secret_access_key still holds the export's placeholder"),
])
def test_a_bad_backups_part_or_backup_secret_is_named(backups, secrets, problem):
    found = problems({"backups": backups}, secrets)
    assert len(found) == 1 and found[0].startswith(problem), found


def test_a_backups_part_that_is_not_a_mapping_is_one_problem():
    assert problems({"backups": [STORAGE]}) == ["backups: must be a mapping of settings, not list"]


def test_nothing_is_read_for_volumes_the_description_has_and_secrets_of_existing_volumes_need_the_volume_list_once():
    ctx, server = make(volumes=[{"id": "d" * 32, "name": "nas"}])
    description = {"domains": DOMAINS, "volumes": [CIFS], "apps": [dict(APP, mounts=[{"volume": "nas"}])]}
    assert check_description(ctx, LAYOUT, description, {"volume_mount_secrets": {"nas": {"password": "p"}}}) == []
    assert server.log == []
    assert check_description(ctx, LAYOUT, description, {}) == []
    assert [entry[1] for entry in server.log] == ["/api/v1/volumes"]

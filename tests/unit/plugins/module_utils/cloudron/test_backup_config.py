# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The backup storage and policy through the engine: read only the parts given, write the whole storage keeping
the secrets the server shows masked, refuse to lose one it does not show, quote its refusal."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.backup_config import MASK, BackupConfig, secrets_given
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import PartialFailure, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

S3 = {"provider": "s3", "format": "tgz", "bucket": "backups", "accessKeyId": "AKIA1", "secretAccessKey": MASK,
      "prefix": "", "region": "us-east-1", "encryptedFilenames": True, "password": MASK, "encryption": "v2"}
FILESYSTEM = {"provider": "filesystem", "format": "tgz", "backupFolder": "/var/backups", "noHardLinks": False,
              "encryptedFilenames": False, "encryption": None}
# the storage object the route takes: the answer without encryption
S3_BODY = dict((key, value) for key, value in S3.items() if key != "encryption")
# an answer without the spec's encryption key (the server does not say whether backups are encrypted)
UNSAID = dict((key, value) for key, value in FILESYSTEM.items() if key != "encryption")
POLICY = {"policy": {"schedule": "00 00 23 * * *", "retention": {"keepWithinSecs": 172800}}}


def make(config=None, check_mode=False, update_secrets="on_create"):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/backups/config", (200, dict(config or S3)))
    server.on("POST", "/backups/config/storage", (200, {}))
    server.on("GET", "/backups/policy", (200, POLICY))
    server.on("POST", "/backups/policy", (200, {}))
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode)
    return Engine(BackupConfig(), ctx, check_mode=check_mode, update_secrets=update_secrets), server


def converge(engine, params):
    item = engine.items([params])[0]
    item.update(secrets_given(params))
    return engine.converge([item], "present")


def paths(server, method=None):
    return [entry[1][len("/api/v1"):] for entry in server.log if method is None or entry[0] == method]


def writes(server):
    return [(entry[1][len("/api/v1"):], entry[3]) for entry in server.writes()]


def test_a_no_change_run_reads_the_two_objects_and_nothing_else():
    engine, server = make()
    outcome = converge(engine, {"storage": {"provider": "S3", "bucket": "backups", "format": "tgz", "encrypted_filenames": True},
                                "policy": {"schedule": "00  00 23 * * *", "retention": {"keep_within_secs": 172800}}})
    assert outcome.changed is False
    assert paths(server) == ["/backups/config", "/backups/policy"]
    assert outcome.results[0]["storage"]["access_key_id"] == "AKIA1"
    assert "secret_access_key" not in outcome.results[0]["storage"]


def test_only_the_part_given_is_read():
    engine, server = make()
    assert converge(engine, {"policy": {"schedule": "00 00 23 * * *"}}).changed is False
    assert paths(server) == ["/backups/policy"]
    engine, server = make()
    assert converge(engine, {"storage": {"region": "us-east-1"}}).changed is False
    assert paths(server) == ["/backups/config"]


def test_a_storage_change_posts_the_whole_object_with_the_masked_secrets_sent_back():
    engine, server = make()
    outcome = converge(engine, {"storage": {"bucket": "other", "prefix": "box1"}})
    assert [change.report() for change in outcome.changes] == [{"action": "update", "key": "backup_config", "fields": ["storage"]}]
    assert writes(server) == [("/backups/config/storage", dict(S3_BODY, bucket="other", prefix="box1"))]
    assert outcome.results[0]["storage"]["bucket"] == "other"


def test_secrets_given_are_sent_only_with_a_change_unless_always():
    engine, server = make()
    assert converge(engine, {"storage": {"bucket": "backups", "secret_access_key": "new", "encryption_password": "pw"}}).changed is False
    assert writes(server) == []
    engine, server = make(update_secrets="always")
    outcome = converge(engine, {"storage": {"bucket": "backups", "secret_access_key": "new"}})
    assert outcome.changed is True
    assert writes(server) == [("/backups/config/storage", dict(S3_BODY, secretAccessKey="new"))]
    assert outcome.after["backup_config"]["storage.secret_access_key"] == "********"
    shown = repr(outcome.results) + repr(outcome.before) + repr(outcome.after)
    assert "new" not in shown and MASK not in shown  # the server's masked values stay out too


def test_a_secret_the_server_does_not_show_is_not_lost():
    hidden = dict((key, value) for key, value in S3.items() if value != MASK)
    engine, server = make(config=hidden)
    with pytest.raises(ResourceError) as error:
        converge(engine, {"storage": {"bucket": "other"}})
    assert "storage.encryption_password is needed" in str(error.value)
    assert "storage.secret_access_key is needed" in str(error.value)
    assert server.writes() == []
    engine, server = make(config=hidden)
    converge(engine, {"storage": {"bucket": "other", "secret_access_key": "s", "encryption_password": "pw"}})
    assert writes(server) == [("/backups/config/storage", dict(S3_BODY, bucket="other", secretAccessKey="s", password="pw"))]


def test_check_mode_refuses_what_the_run_would_refuse_and_writes_nothing():
    engine, server = make(config=UNSAID, check_mode=True)
    with pytest.raises(ResourceError) as error:
        converge(engine, {"storage": {"backup_folder": "/srv/backups"}})
    assert "(or '' for unencrypted backups)" in str(error.value)
    engine, server = make(config=UNSAID, check_mode=True)
    outcome = converge(engine, {"storage": {"backup_folder": "/srv/backups", "encryption_password": ""}})
    assert outcome.changed is True
    assert server.writes() == []
    assert outcome.results[0]["storage"]["backup_folder"] == "/srv/backups"


def test_encryption_null_means_no_password_to_lose():
    engine, server = make(config=FILESYSTEM)
    converge(engine, {"storage": {"backup_folder": "/srv/backups"}})
    body = writes(server)[0][1]
    assert body["password"] == "" and body["backupFolder"] == "/srv/backups" and "encryption" not in body


def test_encrypted_backups_without_a_shown_password_are_refused_not_turned_off():
    # shows its other secrets but not the password: only encryption says backups are encrypted
    engine, server = make(config=dict((key, value) for key, value in S3.items() if key != "password"))
    with pytest.raises(ResourceError) as error:
        converge(engine, {"storage": {"region": "eu-central-1"}})
    assert "backups are encrypted and the server does not show the password" in str(error.value)
    assert server.writes() == []
    engine, server = make(config=dict(S3, password=None, encryptedFilenames=False, encryption=None))
    converge(engine, {"storage": {"region": "eu-central-1"}})
    body = writes(server)[0][1]
    assert body["password"] == "" and body["secretAccessKey"] == MASK and body["region"] == "eu-central-1"


def test_encrypted_filenames_are_compared_only_when_shown():
    hidden = dict((key, value) for key, value in S3.items() if key != "encryptedFilenames")
    engine, server = make(config=hidden)
    assert converge(engine, {"storage": {"bucket": "backups", "encrypted_filenames": True}}).changed is False
    assert writes(server) == []
    # not shown and not given: a change cannot keep it
    engine, server = make(config=hidden)
    with pytest.raises(ResourceError) as error:
        converge(engine, {"storage": {"bucket": "other"}})
    assert "storage.encrypted_filenames is needed" in str(error.value)
    engine, server = make(config=hidden)
    converge(engine, {"storage": {"bucket": "other", "encrypted_filenames": True}})
    assert writes(server)[0][1]["encryptedFilenames"] is True
    # unencrypted backups have none: derived from encryption, so compared
    engine, server = make(config=dict((key, value) for key, value in FILESYSTEM.items() if key != "encryptedFilenames"))
    assert converge(engine, {"storage": {"encrypted_filenames": False}}).changed is False
    engine, server = make(config=dict(FILESYSTEM))
    assert converge(engine, {"storage": {"encrypted_filenames": False}}).changed is False


def test_an_empty_password_with_encrypted_filenames_is_refused_before_writing():
    engine, server = make()
    with pytest.raises(ResourceError) as error:
        converge(engine, {"storage": {"bucket": "other", "encryption_password": ""}})
    assert "storage.encrypted_filenames needs an encryption password" in str(error.value)
    assert server.writes() == []


def test_a_provider_switch_sends_only_the_new_settings_and_needs_the_encryption_password():
    engine, server = make()
    with pytest.raises(ResourceError) as error:
        converge(engine, {"storage": {"provider": "filesystem", "backup_folder": "/srv/backups"}})
    assert "cannot be carried over" in str(error.value)
    engine, server = make()
    outcome = converge(engine, {"storage": {"provider": "filesystem", "backup_folder": "/srv/backups", "encryption_password": "pw"}})
    assert writes(server) == [("/backups/config/storage", {"provider": "filesystem", "format": "tgz", "backupFolder": "/srv/backups",
                                                           "encryptedFilenames": False, "password": "pw"})]
    assert outcome.results[0]["storage"] == {"provider": "filesystem", "backup_folder": "/srv/backups", "format": "tgz",
                                             "encrypted_filenames": False}


def test_mount_options_compare_by_the_keys_given_and_keep_the_masked_password():
    cifs = {"provider": "cifs", "format": "rsync", "prefix": "", "encryptedFilenames": False, "encryption": None,
            "mountOptions": {"host": "nas", "remoteDir": "/b", "username": "u", "password": MASK, "seal": True}}
    engine, server = make(config=cifs)
    assert converge(engine, {"storage": {"mount_options": {"host": "nas"}}}).changed is False
    engine, server = make(config=cifs)
    converge(engine, {"storage": {"mount_options": {"remote_dir": "/c"}}})
    assert writes(server)[0][1]["mountOptions"] == {"host": "nas", "remoteDir": "/c", "username": "u", "password": MASK, "seal": True}


def test_the_policy_keeps_the_schedule_not_given_and_replaces_the_retention():
    engine, server = make()
    outcome = converge(engine, {"policy": {"retention": {"keep_daily": 7, "keep_weekly": 4}}})
    assert writes(server) == [("/backups/policy", {"schedule": "00 00 23 * * *", "retention": {"keepDaily": 7, "keepWeekly": 4}})]
    assert outcome.results[0]["policy"]["retention"] == {"keep_daily": 7, "keep_weekly": 4}


def test_a_policy_without_a_stored_retention_needs_one():
    engine, server = make()
    server.on("GET", "/backups/policy", (200, {"policy": {"schedule": "00 00 23 * * *"}}))
    with pytest.raises(ResourceError) as error:
        converge(engine, {"policy": {"schedule": "00 00 02 * * *"}})
    assert "policy.retention is needed" in str(error.value)
    assert server.writes() == []
    converge(engine, {"policy": {"schedule": "00 00 02 * * *", "retention": {"keep_daily": 3}}})
    assert writes(server) == [("/backups/policy", {"schedule": "00 00 02 * * *", "retention": {"keepDaily": 3}})]


@pytest.mark.parametrize("policy, message", [
    ({"schedule": "0 23 * * *"}, "is not a cron pattern of 6 fields"),
    ({"retention": {"keep_within_secs": 60, "keep_daily": 3}}, "cannot be combined with keep_daily"),
    ({"retention": {"keep_daily": 0}}, "keep_daily 0 must be at least 1"),
    ({"retention": {"keep_within_secs": 0}}, "must be at least 1 (or -1"),
])
def test_bad_policies_are_refused_before_any_request(policy, message):
    engine, server = make()
    with pytest.raises(ResourceError) as error:
        converge(engine, {"policy": policy})
    assert message in str(error.value)
    assert server.log == []


def test_an_unreachable_storage_is_quoted_and_leaves_the_policy_unwritten():
    engine, server = make()
    server.on("POST", "/backups/config/storage", (424, {"status": "Failed Dependency",
                                                        "message": "Error listing objects of bucket other: getaddrinfo ENOTFOUND"}))
    with pytest.raises(PartialFailure) as error:
        engine.apply(engine.plan([dict(engine.items([{"storage": {"bucket": "other"}, "policy": {"schedule": "00 00 02 * * *"}}])[0])],
                                 "present"))
    assert "cannot reach the backup storage" in str(error.value.error)
    assert "Error listing objects of bucket other" in str(error.value.error)
    assert paths(server, "POST") == ["/backups/config/storage"]

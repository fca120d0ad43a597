# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A whole server as a description: sorted, every managed value written (defaults left out when minimal), own and directory
objects left out, secrets only as placeholders."""

from __future__ import annotations

import json

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.description import describe
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.export_files import ExportFiles
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.layout import LAYOUT
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import PLACEHOLDER, check_description
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudron.description_fakes import SECRETS as CONFIG_SECRETS
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudron.description_fakes import serve_config
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

CF_TOKEN = "cf-stored-token-4711"
RELAY_PASSWORD = "relay-stored-password-1"
CERT_KEY = "-----BEGIN PRIVATE KEY-----\nprivate-key-material\n-----END PRIVATE KEY-----"
APP_SECRET = "wiki-api-secret-0815"
SECRETS = (CF_TOKEN, CERT_KEY, "private-key-material", APP_SECRET, RELAY_PASSWORD) + CONFIG_SECRETS
CERT = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----"
TLS = {"provider": "letsencrypt-prod", "wildcard": False}

USERS = [
    {"id": "uid-zoe", "username": "zoe", "email": "zoe@example.com", "fallbackEmail": "zoe@example.com", "displayName": "Zoe Z",
     "role": "user", "active": True, "groupIds": ["gid-staff"], "source": ""},
    {"id": "uid-own", "username": "robot", "email": "robot@example.com", "role": "owner", "active": True, "groupIds": [], "source": ""},
    {"id": "uid-dir", "username": "dirk", "email": "dirk@example.com", "role": "user", "active": True, "groupIds": ["gid-dir"],
     "source": "ldap"},
    {"id": "uid-bob", "username": "bob", "email": "bob@example.com", "fallbackEmail": "bob@private.example", "displayName": "",
     "role": "admin", "active": False, "groupIds": [], "source": ""},
    {"id": "uid-carol", "username": None, "email": "carol@example.com", "role": "user", "active": True, "groupIds": [], "source": ""},
]
GROUPS = [
    {"id": "gid-staff", "name": "staff", "source": ""},
    {"id": "gid-dir", "name": "directory", "source": "ldap"},
    {"id": "gid-editors", "name": "editors", "source": ""},
]
DOMAINS = {
    "example.org": {"domain": "example.org", "zoneName": "example.org", "provider": "noop", "config": {}, "tlsConfig": TLS},
    "example.com": {"domain": "example.com", "zoneName": "example.com", "provider": "cloudflare",
                    "config": {"email": "dns@example.com", "tokenType": "GlobalApiKey", "token": CF_TOKEN},
                    "tlsConfig": {"provider": "fallback", "wildcard": True},
                    "fallbackCertificate": {"cert": CERT + "\n", "key": CERT_KEY}},
}
APPS = [
    {"id": "app-wiki", "appStoreId": "org.wiki.cloudronapp", "manifest": {"version": "2.1.0"}, "subdomain": "wiki",
     "domain": "example.com", "fqdn": "wiki.example.com", "accessRestriction": {"users": ["uid-zoe"], "groups": ["gid-staff"]},
     "label": "Team wiki", "env": {"API_KEY": APP_SECRET}, "memoryLimit": 536870912, "cpuQuota": 100, "enableBackup": True,
     "enableAutomaticUpdate": True, "sso": True, "enableMailbox": True, "mailboxName": "wiki.app", "mailboxDomain": "example.com",
     "enableTurn": True, "enableRedis": True, "runState": "running", "installationState": "installed", "health": "healthy"},
    {"id": "app-blog", "appStoreId": "org.blog.cloudronapp", "manifest": {"version": "1.0.0"}, "subdomain": "",
     "domain": "example.com", "fqdn": "example.com", "accessRestriction": None, "env": {}, "memoryLimit": 0, "cpuQuota": 50,
     "enableBackup": False, "enableAutomaticUpdate": True, "sso": True, "enableMailbox": True, "mailboxName": "app.app",
     "mailboxDomain": "example.com", "enableTurn": True, "enableRedis": True, "runState": "stopped", "installationState": "installed",
     "health": "healthy"},
]
SETTINGS = {"/branding/cloudron_name": {"name": "Cloudron"}, "/cloudron/time_zone": {"timeZone": "UTC"},
            "/cloudron/language": {"language": "en"}, "/branding/footer": {"footer": ""},
            "/updater/autoupdate_pattern": {"pattern": "00 00 1,3,5,23 * * *"}, "/network/dynamic_dns": {"enabled": False}}


MASKED = "\u25cf" * 8
MAIL_DOMAINS = {
    "example.org": {"domain": "example.org", "enabled": False, "mailFromValidation": True, "catchAll": [],
                    "relay": {"provider": "cloudron-smtp"}, "banner": {"text": "", "html": ""}},
    "example.com": {"domain": "example.com", "enabled": True, "mailFromValidation": True, "catchAll": ["zoe@example.com", "bob@example.com"],
                    "relay": {"provider": "external-smtp", "host": "smtp.example.net", "port": 587, "username": "relay",
                              "password": MASKED},
                    "banner": {"text": "", "html": ""}},
}
MAILBOXES = {
    "example.com": [
        {"name": "zoe", "domain": "example.com", "ownerId": "uid-zoe", "ownerType": "user", "active": True, "enablePop3": False,
         "storageQuota": 0, "messagesQuota": 0, "aliases": [{"name": "z", "domain": "example.com"}, {"name": "boss", "domain": "example.com"}]},
        {"name": "team", "domain": "example.com", "ownerId": "gid-staff", "ownerType": "group", "active": True, "enablePop3": True,
         "storageQuota": 1073741824, "messagesQuota": 0, "aliases": []},
    ],
    "example.org": [],
}
LISTS = {
    "example.com": [{"name": "all", "domain": "example.com", "members": ["zoe@example.com", "bob@example.com"], "membersOnly": False,
                     "active": True}],
    "example.org": [],
}
MAIL_SERVER = {"/mailserver/location": {"domain": "example.com", "subdomain": "my"}, "/mailserver/max_email_size": {"size": 26214400},
               "/mailserver/dnsbl_config": {"zones": ["zen.spamhaus.org", "bl.example.net"]}, "/mailserver/solr_config": {"enabled": False},
               "/mailserver/mailbox_sharing": {"enabled": False}, "/mailserver/virtual_all_mail": {"enabled": False},
               "/mailserver/spam_acl": {"whitelist": [], "blacklist": []}, "/mailserver/spam_custom_config": {"config": ""}}
VOLUMES = [
    {"id": "0" * 31 + "1", "name": "media", "mountType": "cifs", "hostPath": "/mnt/volumes/" + "0" * 31 + "1",
     "mountOptions": {"host": "nas.example.com", "remoteDir": "/media", "username": "cloudron", "password": MASKED, "seal": True}},
]
BACKUP_CONFIG = {"provider": "filesystem", "format": "tgz", "backupFolder": "/var/backups", "noHardLinks": False,
                 "encryptedFilenames": False}
BACKUP_POLICY = {"schedule": "00 00 23 * * *", "retention": {"keepWithinSecs": 172800}}


def make():
    """A context on a fake server holding the objects above."""
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = serve_config(mount(http, FakeServer()))
    server.on("GET", "/profile", (200, {"id": "uid-own", "username": "robot", "email": "robot@example.com", "role": "owner"}))
    server.on("GET", "/users", (200, {"users": USERS}))
    server.on("GET", "/groups", (200, {"groups": GROUPS}))
    server.on("GET", "/domains", (200, {"domains": [{"domain": name} for name in DOMAINS]}))
    for name, domain in DOMAINS.items():
        server.on("GET", "/domains/" + name, (200, domain))
    server.on("GET", "/apps", (200, {"apps": APPS}))
    for path, answer in list(SETTINGS.items()) + list(MAIL_SERVER.items()):
        server.on("GET", path, (200, answer))
    server.on("GET", "/volumes", (200, {"volumes": VOLUMES}))
    server.on("GET", "/backups/config", (200, BACKUP_CONFIG))
    server.on("GET", "/backups/policy", (200, {"policy": BACKUP_POLICY}))
    for name, mail in MAIL_DOMAINS.items():
        server.on("GET", "/mail/" + name, (200, mail))
        server.on("GET", "/mail/%s/mailboxes" % name, (200, {"mailboxes": MAILBOXES[name]}))
        server.on("GET", "/mail/%s/lists" % name, (200, {"lists": LISTS[name]}))
    return CloudronContext(CloudronClient(http)), server


@pytest.fixture
def described():
    ctx, server = make()
    description, secrets = describe(ctx)
    return description, secrets, server


@pytest.fixture
def minimal():
    ctx, server = make()
    description, secrets = describe(ctx, minimal=True)
    return description, secrets, server


def test_settings_are_all_kept_even_at_their_defaults(described):
    description = described[0]
    assert description["settings"] == {"cloudron_name": "Cloudron", "time_zone": "UTC", "language": "en", "footer": "",
                                       "autoupdate_pattern": "00 00 1,3,5,23 * * *", "dynamic_dns": False}


def test_domains_are_sorted_and_keep_every_managed_value_defaults_included(described):
    assert described[0]["domains"] == [
        {"domain": "example.com", "zone_name": "example.com", "provider": "cloudflare",
         "dns_config": {"email": "dns@example.com", "token_type": "GlobalApiKey"}, "tls_config": {"provider": "fallback", "wildcard": True},
         "fallback_certificate": CERT},
        {"domain": "example.org", "zone_name": "example.org", "provider": "noop", "tls_config": TLS},
    ]


def test_minimal_domains_keep_only_what_differs_from_the_defaults(minimal):
    assert minimal[0]["domains"] == [
        {"domain": "example.com", "provider": "cloudflare", "dns_config": {"email": "dns@example.com", "token_type": "GlobalApiKey"},
         "tls_config": {"provider": "fallback", "wildcard": True}, "fallback_certificate": CERT},
        {"domain": "example.org", "provider": "noop"},
    ]


def test_users_leave_out_the_tokens_own_user_and_directory_users(described):
    assert [user.get("username", user["email"]) for user in described[0]["users"]] == ["bob", "carol@example.com", "zoe"]


def test_users_keep_every_managed_value_defaults_included_and_leave_out_unset_ones(described):
    assert described[0]["users"] == [
        {"username": "bob", "email": "bob@example.com", "display_name": "", "fallback_email": "bob@private.example", "role": "admin",
         "active": False, "groups": []},
        {"email": "carol@example.com", "display_name": "", "role": "user", "active": True, "groups": []},
        {"username": "zoe", "email": "zoe@example.com", "display_name": "Zoe Z", "fallback_email": "zoe@example.com", "role": "user",
         "active": True, "groups": ["staff"]},
    ]


def test_minimal_users_leave_out_defaults_and_a_fallback_email_equal_to_the_email(minimal):
    assert minimal[0]["users"] == [
        {"username": "bob", "email": "bob@example.com", "fallback_email": "bob@private.example", "role": "admin", "active": False},
        {"email": "carol@example.com"},
        {"username": "zoe", "email": "zoe@example.com", "display_name": "Zoe Z", "groups": ["staff"]},
    ]


def test_groups_leave_out_directory_groups_and_are_sorted(described):
    assert described[0]["groups"] == [{"name": "editors"}, {"name": "staff"}]


APP_DEFAULTS = {
    "label": "", "notes": "", "tags": [], "operators": {"users": [], "groups": []}, "enable_backup": True,
    "enable_automatic_update": True, "reverse_proxy_config": {"robots_txt": "", "csp": "", "hsts_preload": False}, "crontab": "",
    "upstream_uri": "", "sso": True, "ports": {}, "secondary_domains": [], "alias_domains": [], "redirect_domains": [],
    "memory_limit": 0, "cpu_quota": 100, "enable_mailbox": True, "mailbox_display_name": "", "enable_turn": True,
    "enable_redis": True, "storage_volume": "", "storage_volume_prefix": "", "mounts": [], "run_state": "running",
}


def test_apps_are_sorted_by_fqdn_with_every_managed_value_but_without_env_version_or_server_filled_fields(described):
    assert described[0]["apps"] == [
        dict(APP_DEFAULTS, app_store_id="org.blog.cloudronapp", subdomain="", domain="example.com", access_restriction="everyone",
             enable_backup=False, cpu_quota=50, run_state="stopped", mailbox_name="app.app", mailbox_domain="example.com"),
        dict(APP_DEFAULTS, app_store_id="org.wiki.cloudronapp", subdomain="wiki", domain="example.com", label="Team wiki",
             access_restriction={"users": ["zoe"], "groups": ["staff"]}, memory_limit=536870912, mailbox_name="wiki.app",
             mailbox_domain="example.com"),
    ]


def test_minimal_apps_keep_only_their_identity_and_what_differs_from_the_defaults(minimal):
    assert minimal[0]["apps"] == [
        {"app_store_id": "org.blog.cloudronapp", "subdomain": "", "domain": "example.com", "access_restriction": "everyone",
         "enable_backup": False, "cpu_quota": 50, "run_state": "stopped"},
        {"app_store_id": "org.wiki.cloudronapp", "subdomain": "wiki", "domain": "example.com", "label": "Team wiki",
         "access_restriction": {"users": ["zoe"], "groups": ["staff"]}, "memory_limit": 536870912},
    ]


def test_minimal_keeps_every_setting_every_group_and_the_same_secrets_skeleton(described, minimal):
    assert (minimal[0]["settings"], minimal[0]["groups"], minimal[1]) == (described[0]["settings"], described[0]["groups"], described[1])


def test_the_secrets_skeleton_has_a_placeholder_for_every_secret(described):
    assert described[1] == {
        "passwords": {},
        "dns_credentials": {"example.com": {"token": PLACEHOLDER}},
        "fallback_certificate_keys": {"example.com": PLACEHOLDER},
        "app_secret_env": {"wiki.example.com": {"API_KEY": PLACEHOLDER}},
        "mail_relay_passwords": {"example.com": PLACEHOLDER},
        "volume_mount_secrets": {"media": {"password": PLACEHOLDER}},
        # the server shows no secret of the storage: whether backups are encrypted is for the operator to say
        "backup_storage_secrets": {"encryption_password": PLACEHOLDER},
        "directory_server_secret": PLACEHOLDER, "external_ldap_bind_password": PLACEHOLDER, "registry_password": PLACEHOLDER,
    }
    assert PLACEHOLDER == "REPLACE-WITH-SECRET"


@pytest.mark.parametrize("mode", ["described", "minimal"])
def test_no_secret_value_appears_anywhere_in_the_output(request, mode):
    description, secrets, server = request.getfixturevalue(mode)
    text = repr((description, secrets))
    assert [secret for secret in SECRETS if secret in text] == []
    assert server.writes() == []


@pytest.mark.parametrize("mode", ["described", "minimal"])
def test_an_export_passes_the_description_check_once_its_secrets_are_filled_in(request, mode, tmp_path):
    description, secrets, _server = request.getfixturevalue(mode)
    ctx, server = make()
    options = {"credentials_dir": str(tmp_path)}
    assert check_description(ctx, LAYOUT, description, secrets, options=options) != []
    filled = json.loads(json.dumps(secrets).replace("REPLACE-WITH-SECRET", "a-real-secret"))
    assert check_description(ctx, LAYOUT, description, filled, options=options) == []
    # the one thing the description does not settle itself: which services the server has
    assert [entry[:2] for entry in server.log] == [("GET", "/api/v1/services")] * 2


def test_an_export_with_its_images_passes_the_check_with_files_taken_from_the_description_directory(tmp_path):
    ctx, server = make()
    description, secrets = describe(ctx, files=ExportFiles(str(tmp_path / "files")))
    assert description["branding"]["avatar"].startswith("files/avatar-")
    assert [link["icon"] for link in description["access"]["applinks"] if "icon" in link] != []
    filled = json.loads(json.dumps(secrets).replace("REPLACE-WITH-SECRET", "a-real-secret"))
    assert check_description(ctx, LAYOUT, description, filled, base_dir=str(tmp_path), options={"credentials_dir": str(tmp_path)}) == []
    assert server.writes() == []


# -- mail -------------------------------------------------------------------------------------------


def test_every_mail_domain_is_described_sorted_with_every_setting_and_without_the_relay_password(described):
    assert described[0]["mail"]["domains"] == [
        {"domain": "example.com", "enabled": True, "mail_from_validation": True, "catch_all": ["bob@example.com", "zoe@example.com"],
         "relay": {"provider": "external-smtp", "host": "smtp.example.net", "port": 587, "username": "relay"},
         "banner": {"text": "", "html": ""}},
        {"domain": "example.org", "enabled": False, "mail_from_validation": True, "catch_all": [], "relay": {"provider": "cloudron-smtp"},
         "banner": {"text": "", "html": ""}},
    ]


def test_minimal_mail_domains_keep_what_differs_from_a_new_domain_and_leave_out_domains_with_nothing_else(minimal):
    assert minimal[0]["mail"]["domains"] == [
        {"domain": "example.com", "enabled": True, "catch_all": ["bob@example.com", "zoe@example.com"],
         "relay": {"provider": "external-smtp", "host": "smtp.example.net", "port": 587, "username": "relay"}},
    ]


def test_mailboxes_are_sorted_by_address_with_their_owner_by_name_and_sorted_aliases(described):
    assert described[0]["mail"]["mailboxes"] == [
        {"name": "team", "domain": "example.com", "owner": "staff", "owner_type": "group", "active": True, "enable_pop3": True,
         "storage_quota": 1073741824, "messages_quota": 0, "aliases": []},
        {"name": "zoe", "domain": "example.com", "owner": "zoe", "owner_type": "user", "active": True, "enable_pop3": False,
         "storage_quota": 0, "messages_quota": 0, "aliases": ["boss@example.com", "z@example.com"]},
    ]


def test_minimal_mailboxes_and_lists_keep_their_identity_owner_and_members(minimal):
    assert minimal[0]["mail"]["mailboxes"] == [
        {"name": "team", "domain": "example.com", "owner": "staff", "owner_type": "group", "enable_pop3": True, "storage_quota": 1073741824},
        {"name": "zoe", "domain": "example.com", "owner": "zoe", "aliases": ["boss@example.com", "z@example.com"]},
    ]
    assert minimal[0]["mail"]["lists"] == [{"name": "all", "domain": "example.com", "members": ["bob@example.com", "zoe@example.com"]}]


def test_lists_are_described_with_sorted_members(described):
    assert described[0]["mail"]["lists"] == [
        {"name": "all", "domain": "example.com", "members": ["bob@example.com", "zoe@example.com"], "members_only": False, "active": True}]


def test_every_mail_server_setting_is_kept_with_sets_sorted(described, minimal):
    server = {"location": {"domain": "example.com", "subdomain": "my"}, "max_email_size": 26214400,
              "dnsbl_zones": ["bl.example.net", "zen.spamhaus.org"], "full_text_search": False, "mailbox_sharing": False,
              "virtual_all_mail": False, "spam_allowlist": [], "spam_blocklist": [], "spam_custom_config": ""}
    assert described[0]["mail"]["server"] == server
    assert minimal[0]["mail"]["server"] == server


def test_a_relay_without_a_login_needs_no_password():
    ctx, _server = make()
    del MAIL_DOMAINS["example.com"]["relay"]["password"]
    MAIL_DOMAINS["example.com"]["relay"]["username"] = ""
    try:
        assert describe(ctx)[1]["mail_relay_passwords"] == {}
    finally:
        MAIL_DOMAINS["example.com"]["relay"].update(password=MASKED, username="relay")


def test_an_export_reads_mail_without_writing_and_without_an_alias_read_when_the_list_carries_them(described):
    server = described[2]
    paths = [entry[1].split("?")[0] for entry in server.log]
    assert server.writes() == []
    assert not [path for path in paths if path.endswith("/aliases")]
    assert paths.count("/api/v1/mail/example.com/mailboxes") == 1

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A whole server as the description the bootstrap role takes, and the skeleton of its secrets.

Lists are sorted by identity, so the same server always gives the same description, and a description
applied elsewhere reads back the same. Every managed value is written, defaults included, so a server
rebuilt from an export keeps noticing drift on them; ``minimal`` leaves values equal to the server's
defaults out (shorter, but drift back to a default is then no longer seen).

Mail is written as ``mail: {server, domains, mailboxes, lists}``; relay passwords, which the server never
shows, become placeholders in the secrets' ``mail_relay_passwords``.

Volumes are written as ``volumes`` (their mount passwords and private keys as placeholders in the secrets'
``volume_mount_secrets``), the backup storage and policy as ``backups: {storage, policy}`` (the storage's secrets as
placeholders in ``backup_storage_secrets``, in the shape of the storage's options).

``access`` (API tokens, OIDC clients, applinks; ``description_access``), ``directory``, ``network``, ``registry``,
``services`` and ``branding`` (``description_system``) follow; their write-only secrets are the placeholders
``directory_server_secret``, ``external_ldap_bind_password`` and ``registry_password``. Images (branding, applink
icons) are written only when ``files`` (an ``export_files.ExportFiles``) says where; otherwise they are left out.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import Apps
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.backup_config import BackupConfig
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.backup_config import encrypted as backup_encrypted
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.description_access import describe_access
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.description_system import describe_system
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.description_system import read_all as _all
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.description_system import sets_sorted as _sets_sorted
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.domains import DNS_CREDENTIALS, Domains
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.groups import Groups
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_domains import NEW_DOMAIN, MailDomains
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_lists import MailLists
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_server import MailServer
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mailboxes import Mailboxes
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.settings import Settings
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.users import Users
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.volumes import SECRETS as VOLUME_SECRETS
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.volumes import TYPE_OPTIONS, Volumes
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import PLACEHOLDER, described

# Always written, even when equal to a default, because they say what the object is (or are needed to create it).
KEPT = ("domain", "provider", "name", "username", "email", "app_store_id", "subdomain", "access_restriction", "owner",
        "members")
# Not part of a description: server-filled, per-run instructions, or pinned by updates rather than by description.
LEFT_OUT = ("version", "env")


def _described(fields, item, minimal):
    return described(fields, item, minimal, KEPT, LEFT_OUT)


def _mail_domain(domain, minimal):
    entry = _sets_sorted(MailDomains.fields, _described(MailDomains.fields, domain, False))
    if minimal:
        # a new domain's mail settings are the defaults
        defaults = MailDomains.canonical(dict(NEW_DOMAIN, domain=domain["domain"]), domain["domain"])
        entry = dict((key, value) for key, value in entry.items() if key == "domain" or value != defaults.get(key))
    return entry


def describe_mail(ctx, minimal=False):
    """Return ``(mail, relay passwords)``: the mail part of the description and the placeholders of its secrets."""
    domains, relay_passwords = [], {}
    for domain in _all(MailDomains(), ctx):
        entry = _mail_domain(domain, minimal)
        if len(entry) > 1 or not minimal:
            domains.append(entry)
        stored = domain.get("stored_relay") or {}
        # a password is shown masked, if at all; a relay that logs in with a username has one
        if stored.get("password") or stored.get("username"):
            relay_passwords[domain["domain"]] = PLACEHOLDER
    server = _sets_sorted(MailServer.fields, _described(MailServer.fields, _all(MailServer(), ctx)[0], False))
    mailboxes = [_sets_sorted(Mailboxes.fields, _described(Mailboxes.fields, mailbox, minimal)) for mailbox in _all(Mailboxes(), ctx)]
    lists = [_sets_sorted(MailLists.fields, _described(MailLists.fields, entry, minimal)) for entry in _all(MailLists(), ctx)]
    mail = {
        # Every server setting, like the server's settings.
        "server": server,
        "domains": sorted(domains, key=MailDomains.key),
        "mailboxes": sorted(mailboxes, key=Mailboxes.key),
        "lists": sorted(lists, key=MailLists.key),
    }
    return mail, relay_passwords


def _storage_secrets(raw):
    """Placeholders for the secrets a backup storage has (``raw`` is the config as the server answered it)."""
    mount = raw.get("mountOptions") if isinstance(raw.get("mountOptions"), dict) else {}
    secrets = {}
    # unless the server says backups are not encrypted, there is or may be a password: only the operator knows it
    if backup_encrypted(raw) is not False or raw.get("encryptedFilenames"):
        secrets["encryption_password"] = PLACEHOLDER
    if raw.get("accessKeyId") or raw.get("secretAccessKey"):
        secrets["secret_access_key"] = PLACEHOLDER
    mount_secrets = dict((option, PLACEHOLDER) for option, api, login in (("password", "password", "username"),
                                                                          ("private_key", "privateKey", "user"))
                         if mount.get(api) or mount.get(login))
    if mount_secrets:
        secrets["mount_options"] = mount_secrets
    return secrets


def describe_storage(ctx, minimal=False):
    """Return ``(volumes, backups, mount secrets, backup storage secrets)``: the volumes and the backup storage and
    policy, and the placeholders of their secrets."""
    volumes, mount_secrets = [], {}
    for volume in _all(Volumes(), ctx):
        volumes.append(_described(Volumes.fields, volume, minimal))
        # every volume of a type with a password or private key has one (the server needs it to create the volume)
        needed = dict((option, PLACEHOLDER) for option in TYPE_OPTIONS.get(volume["mount_type"], ()) if option in VOLUME_SECRETS)
        if needed:
            mount_secrets[volume["name"]] = needed
    config = _all(BackupConfig(), ctx)[0]
    # Every storage and policy setting, like the server's settings.
    backups = _described(BackupConfig.fields, config, False)
    return sorted(volumes, key=Volumes.key), backups, mount_secrets, _storage_secrets(config.get("stored_config") or {})


def describe(ctx, minimal=False, files=None):
    """Return ``(description, secrets)`` of the server behind ``ctx``; images go to ``files`` when given."""
    own_id = ctx.profile().get("id")
    credential_names = dict((api, option) for option, api in DNS_CREDENTIALS.items())
    domains, dns_credentials, certificate_keys = [], {}, {}
    for domain in _all(Domains(), ctx):
        domains.append(_described(Domains.fields, domain, minimal))
        stored = [api for api in domain.get("stored_config") or {} if api in credential_names]
        if stored:
            dns_credentials[domain["domain"]] = dict((credential_names[api], PLACEHOLDER) for api in stored)
        if domain.get("fallback_certificate"):
            certificate_keys[domain["domain"]] = PLACEHOLDER
    users = [_described(Users.fields, user, minimal) for user in _all(Users(), ctx)
             if user["id"] != own_id and not user["source"]]
    for user in users if minimal else ():
        if user.get("fallback_email") == user.get("email"):
            user.pop("fallback_email")
    groups = [{"name": group["name"]} for group in _all(Groups(), ctx) if not group["source"]]
    apps, secret_env = [], {}
    for app in _all(Apps(settle=False), ctx):
        apps.append(_described(Apps.fields, app, minimal))
        if app.get("env"):
            secret_env[app["fqdn"]] = dict((key, PLACEHOLDER) for key in app["env"])
    description = {
        # Every setting: their defaults differ between server versions, so none is left out.
        "settings": _all(Settings(), ctx)[0],
        "domains": sorted(domains, key=Domains.key),
        "groups": sorted(groups, key=Groups.key),
        "users": sorted(users, key=Users.key),
        "apps": sorted(apps, key=Apps.key),
    }
    description["mail"], relay_passwords = describe_mail(ctx, minimal)
    description["volumes"], description["backups"], mount_secrets, storage_secrets = describe_storage(ctx, minimal)
    secrets = {"passwords": {}, "dns_credentials": dns_credentials, "fallback_certificate_keys": certificate_keys,
               "app_secret_env": secret_env, "mail_relay_passwords": relay_passwords, "volume_mount_secrets": mount_secrets,
               "backup_storage_secrets": storage_secrets}
    description["access"] = describe_access(ctx, minimal, files)
    system, system_secrets = describe_system(ctx, minimal, files)
    description.update(system)
    secrets.update(system_secrets)
    return description, secrets

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The parts of a Cloudron description, the references between them and the secrets kept beside them,
for the platform-neutral description check.

Mail is one part with four inside it: ``mail.domains`` (per-domain settings), ``mail.mailboxes`` (with their
aliases), ``mail.lists`` and ``mail.server`` (the server-wide settings).

``volumes`` are the items of cloudron_volumes, which apps name (``storage_volume``, ``mounts``); ``backups`` is the
mapping of cloudron_backup_config's ``storage`` and ``policy``. Their secrets live in the secrets' ``volume_mount_secrets``
(by volume name) and ``backup_storage_secrets`` (the secret options of ``storage``, in its shape).

``services`` are cloudron_service's settings by service name; ``access`` holds the token user's ``tokens``, the
``oidc_clients`` and the ``applinks``; ``directory`` the ``user_directory``, ``server`` (the LDAP server Cloudron exposes)
and ``external_ldap`` settings; ``network``, ``branding`` and ``registry`` are the mappings of cloudron_network,
cloudron_branding and cloudron_docker_registry. Their write-only secrets are plain strings in the secrets
(``directory_server_secret``, ``external_ldap_bind_password``, ``registry_password``); the secrets of new tokens and OIDC
clients exist only once they are created, so the role writes them to files. Images (the branding, applink icons) are
file paths, relative ones taken from the description's own directory."""

from __future__ import annotations

import copy
import os
import re

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_fields import EVERYONE
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.applinks import Applinks
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import Apps
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.backup_config import BackupConfig
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.branding import Branding
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.directory_server import DirectoryServer
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.docker_registry import DockerRegistry
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.domains import Domains
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.external_ldap import ExternalLdap
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.groups import Groups
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_domains import MailDomains
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_lists import MailLists
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_names import mail_key
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_server import MailServer
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mailboxes import Mailboxes
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.network import Network
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.oidc_clients import OidcClients
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.services import Services, service_names
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.settings import Settings
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.tokens import Tokens
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.user_directory import UserDirectory
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.users import Users
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.volumes import SECRETS as VOLUME_SECRETS
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.volumes import MOUNT_SECRETS, TYPE_OPTIONS, Volumes, secret_options
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import Layout, Reference, entry_options, shaped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import argspec

# The secret options of cloudron_backup_config's storage: kept in the secrets' backup_storage_secrets, in the same shape.
BACKUP_SECRETS = {"encryption_password": {"type": "str", "no_log": True}, "secret_access_key": {"type": "str", "no_log": True},
                  "mount_options": {"type": "dict", "options": {"password": {"type": "str", "no_log": True},
                                                                "private_key": {"type": "str", "no_log": True}}}}
# The write-only secrets of settings mappings: one plain string each in the secrets, and the mapping it belongs to.
SETTING_SECRETS = {"directory_server_secret": ("directory.server", "secret"),
                   "external_ldap_bind_password": ("directory.external_ldap", "bind_password"),
                   "registry_password": ("registry", "password")}
# The file the bootstrap role writes a new credential's secret to: <host>.<prefix>.<name, other characters as _>.
CREDENTIAL_FILES = {"access.tokens": "token", "access.oidc_clients": "oidc"}
# Parts whose entries take only the options the module compares (not the server-filled ones a read shows).
WRITABLE_ONLY = ("services", "access.tokens", "access.oidc_clients", "access.applinks")


def _restricted(option, key):
    """The users or groups an access list names (none when it lets everyone in)."""
    def names(app):
        value = app.get(option)
        return (value.get(key) or []) if isinstance(value, dict) and value != EVERYONE else []
    return names


def _app_domains(app):
    domains = [app["domain"]] if app.get("domain") else []
    for option in ("secondary_domains", "alias_domains", "redirect_domains"):
        domains.extend(entry["domain"] for entry in app.get(option) or [])
    return domains


def _owner(owner_type):
    """The owner of a mailbox when it is of ``owner_type`` (an owner given alone is a user)."""
    def names(mailbox):
        return [mailbox["owner"]] if mailbox.get("owner") and mailbox.get("owner_type", "user") == owner_type else []
    return names


def _alias_domains(mailbox):
    return [alias.split("@")[1] for alias in mailbox.get("aliases") or []]


def _location_domain(server):
    return [server["location"]["domain"]] if (server.get("location") or {}).get("domain") else []


def _without(spec, secrets):
    """An argument spec without the secret options (nested alike)."""
    spec = copy.deepcopy(spec)
    for name, option in secrets.items():
        if "options" in option and name in spec:
            spec[name]["options"] = _without(spec[name]["options"], option["options"])
        else:
            spec.pop(name, None)
    return spec


def _short(label):
    """``mail.lists[0]`` of ``mail.lists[0] (team@example.com)``."""
    return label.split(" (")[0]


class CloudronLayout(Layout):
    # domains first: apps are installed on them; groups before users, who join them; mail after users and groups,
    # who own mailboxes
    # volumes before the apps that mount them; the backup storage and policy last (a storage the server cannot
    # reach leaves everything else done)
    # services, directory, network, branding and the registry are the server's own settings, applied with the
    # settings; access (tokens, OIDC clients, links to apps elsewhere) after the users and groups applinks name
    kinds = (("domains", Domains), ("groups", Groups), ("users", Users), ("volumes", Volumes), ("apps", Apps),
             ("mail.domains", MailDomains), ("mail.mailboxes", Mailboxes), ("mail.lists", MailLists), ("services", Services),
             ("access.tokens", Tokens), ("access.oidc_clients", OidcClients), ("access.applinks", Applinks))
    settings = Settings
    mappings = (("mail.server", MailServer), ("backups", BackupConfig), ("directory.user_directory", UserDirectory),
                ("directory.server", DirectoryServer), ("directory.external_ldap", ExternalLdap), ("network", Network),
                ("branding", Branding), ("registry", DockerRegistry))
    file_options = (("branding", "avatar"), ("branding", "background"), ("access.applinks", "icon"))
    references = [
        Reference("users", "groups", "groups", lambda user: user.get("groups") or []),
        Reference("groups", "members", "users", lambda group: group.get("members") or []),
    ] + [Reference("apps", "%s.%s" % (option, key), key, _restricted(option, key))
         for option in ("access_restriction", "operators") for key in ("users", "groups")] + [
        Reference("apps", "domains", "domains", _app_domains),
        Reference("apps", "storage_volume", "volumes", lambda app: [app["storage_volume"]] if app.get("storage_volume") else []),
        Reference("apps", "mounts", "volumes", lambda app: [mount["volume"] for mount in app.get("mounts") or []]),
        Reference("mail.domains", "domain", "domains", lambda domain: [domain["domain"]]),
        Reference("mail.mailboxes", "domain", "domains", lambda mailbox: [mailbox["domain"]]),
        Reference("mail.mailboxes", "owner", "users", _owner("user")),
        Reference("mail.mailboxes", "owner", "groups", _owner("group")),
        Reference("mail.mailboxes", "aliases", "domains", _alias_domains),
        Reference("mail.lists", "domain", "domains", lambda mail_list: [mail_list["domain"]]),
        Reference("mail.server", "location.domain", "domains", _location_domain),
    ] + [Reference("access.applinks", "access_restriction.%s" % key, key, _restricted("access_restriction", key))
         for key in ("users", "groups")]
    secret_keys = {"passwords": ("users", "user"), "dns_credentials": ("domains", "domain"),
                   "fallback_certificate_keys": ("domains", "domain"), "app_secret_env": ("apps", "app"),
                   "mail_relay_passwords": ("mail.domains", "mail domain"), "volume_mount_secrets": ("volumes", "volume")}
    aliases = {"users": lambda user: [user.get("email")]}

    def options(self, kind, resource):
        if kind in WRITABLE_ONLY:
            return argspec([field for field in resource.fields if not field.secret and not field.read_only])
        spec = entry_options(resource)
        if kind == "mail.domains":
            # the relay password is a secret: it lives in the secrets' mail_relay_passwords
            spec = copy.deepcopy(spec)
            del spec["relay"]["options"]["password"]
        if kind == "backups":
            # the storage's secrets live in the secrets' backup_storage_secrets
            spec = dict(spec, storage=dict(spec["storage"], options=_without(spec["storage"]["options"], BACKUP_SECRETS)))
        return spec

    def comparable(self, kind, name):
        # volume names keep their case on the server, and so do the names of the token user's credentials
        return name.strip() if kind in ("volumes", "access.tokens", "access.oidc_clients") else super().comparable(kind, name)

    def check_secrets(self, secrets, entries, on_server):
        return (_backup_secret_problems(secrets, entries) + _mount_secret_problems(secrets, entries, on_server)
                + _setting_secret_problems(dict(self.mappings), secrets, entries))

    def check_context(self, ctx, entries, secrets, options):
        return (_credential_file_problems(entries, options.get("credentials_dir"))
                + _directory_secret_problems(ctx, entries, secrets) + _service_problems(ctx, entries))

    def check(self, entries):
        """Mailboxes, lists and aliases share one name space per domain: an address claimed twice would fail
        part-way through a run, so it is a problem of the description."""
        claimed, problems = {}, []
        for kind in ("mail.mailboxes", "mail.lists"):
            for label, item in entries(kind):
                address = mail_key(item)
                if address in claimed and claimed[address][0] != kind:
                    problems.append("%s: %r is also the address of %s" % (label, address, claimed[address][1]))
                claimed.setdefault(address, (kind, _short(label)))
        for label, mailbox in entries("mail.mailboxes"):
            for alias in sorted(set(mailbox.get("aliases") or [])):
                owner = ("alias", _short(label))
                if alias in claimed and claimed[alias] != owner:
                    kind, where = claimed[alias]
                    what = "an alias of %s" % where if kind == "alias" else "the address of %s" % where
                    problems.append("%s: aliases: %r is also %s" % (label, alias, what))
                claimed.setdefault(alias, owner)
        return problems

    def probe(self, ctx):
        ctx.client.require_supported()

    def server_names(self, ctx, kind):
        if kind == "groups":
            return set(group["name"].lower() for group in ctx.groups())
        if kind == "users":
            return ctx.known_user_labels()
        if kind == "volumes":
            return ctx.known_volume_names()
        return set(domain["domain"] for domain in ctx.client.call("GET", "/domains").get("domains") or [])


def _backup_secret_problems(secrets, entries):
    """backup_storage_secrets: the secret options of the storage, for a described storage."""
    given = secrets.get("backup_storage_secrets")
    if given is None:
        return []
    problems = shaped("secrets.backup_storage_secrets", given, BACKUP_SECRETS)[1]
    backups = entries("backups")  # empty when the part has problems of its own
    if given and not problems and backups and not backups[0][1].get("storage"):
        problems.append("secrets.backup_storage_secrets: the description has no backups.storage they belong to")
    return problems


def _setting_secret_problems(resources, secrets, entries):
    """directory_server_secret, external_ldap_bind_password, registry_password: a string, for a described mapping, and
    checked with it as its module will (noop takes no password, say)."""
    problems = []
    for name, (path, option) in sorted(SETTING_SECRETS.items()):
        given = secrets.get(name)
        if given is None:
            continue
        if not isinstance(given, str):
            problems.append("secrets.%s: must be a string, not %s" % (name, type(given).__name__))
            continue
        if not entries(path):
            continue  # the part has problems of its own, already reported
        item = dict((key, value) for key, value in entries(path)[0][1].items() if value is not None)
        if not item:
            problems.append("secrets.%s: the description has no %s it belongs to" % (name, path))
            continue
        resource = resources[path]()
        known = set(resource.validate(item))
        problems.extend("%s with secrets.%s: %s" % (path, name, problem)
                        for problem in resource.validate(dict(item, **{option: given})) if problem not in known)
    return problems


def credential_file_name(prefix, name):
    """The name (in the credentials directory, after ``<host>.``) of the file a new credential's secret goes to."""
    return "%s.%s" % (prefix, re.sub(r"[^A-Za-z0-9._-]", "_", name))


def _credential_file_problems(entries, credentials_dir):
    """New tokens and OIDC clients need a directory for their secrets, and each its own file there."""
    problems = []
    for kind, prefix in sorted(CREDENTIAL_FILES.items()):
        files = {}
        for label, item in entries(kind):
            if not credentials_dir:
                problems.append("%s: credentials_dir must name the directory its secret is written to when it is "
                                "created (the server shows it only once)" % label)
                continue
            name = credential_file_name(prefix, item["name"])
            if name in files:
                problems.append("%s: its secret would be written to the file <host>.%s, like that of %s; rename one"
                                % (label, name, files[name]))
            files.setdefault(name, label.split(" (")[0])
    if credentials_dir and any(entries(kind) for kind in CREDENTIAL_FILES) and not os.path.isdir(credentials_dir):
        problems.append("credentials_dir: %s is not a directory; create it (mode 0700) before the run" % credentials_dir)
    return problems


def _directory_secret_problems(ctx, entries, secrets):
    """An enabled directory server needs its secret: given, or one the server keeps (read only when needed)."""
    server = entries("directory.server")
    if not server or not server[0][1].get("enabled") or secrets.get("directory_server_secret") is not None:
        return []
    if ctx is not None and (DirectoryServer().read(ctx, [], True)[0].get("stored_answer") or {}).get("secret"):
        return []
    where = "the server shows none it keeps" if ctx is not None else "a new server has none"
    return ["directory.server: enabled needs secrets.directory_server_secret (%s)" % where]


def _service_problems(ctx, entries):
    """Services are the server's own: a name it does not list is a problem (read only when services are described)."""
    described = entries("services")
    if ctx is None or not described:
        return []
    names = service_names(ctx)
    return ["%s: name: %r is not a service of this server (services: %s)" % (label, item["name"], ", ".join(sorted(names)))
            for label, item in described if item["name"] not in names]


def _mount_secret_problems(secrets, entries, on_server):
    """volume_mount_secrets: only a password or private key the volume's mount type takes; a volume the server does
    not have yet needs those of its type (the server creates none without them)."""
    given = secrets.get("volume_mount_secrets") or {}
    problems = []
    if not isinstance(given, dict):
        return ["secrets.volume_mount_secrets: must be a mapping of volume names, not %s" % type(given).__name__]
    for label, volume in entries("volumes"):
        name = volume["name"]
        try:
            values = secret_options(given[name]) if name in given else {}
        except ValueError as exc:
            problems.append("secrets.volume_mount_secrets (%s): %s" % (name, exc))
            continue
        foreign = Volumes.foreign_options({MOUNT_SECRETS: values}, volume["mount_type"]) if volume.get("mount_type") else []
        problems.extend("secrets.volume_mount_secrets (%s): %s" % (name, problem) for problem in foreign)
        needed = [option for option in TYPE_OPTIONS.get(volume.get("mount_type"), ()) if option in VOLUME_SECRETS]
        missing = [option for option in needed if option not in values]
        if missing and not foreign and name not in on_server("volumes"):
            problems.append("%s: a new %s volume needs its %s in secrets.volume_mount_secrets"
                            % (label, volume["mount_type"], " and ".join(missing)))
    return problems


LAYOUT = CloudronLayout()

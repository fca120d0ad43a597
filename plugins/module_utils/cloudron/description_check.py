# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A whole server description checked before anything is written: every entry against the options of
the module that applies it, every value as that module would parse it, and every reference (groups
of users, members, access lists, app domains, secrets) against the description and the server.

Entries are named by kind, position and identity (``users[17] (dennis)``), and every problem is
reported at once, so neither a real run nor ``--check`` gets half-way through a broken description.
"""

from __future__ import annotations

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_fields import EVERYONE
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import Apps
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.description import PLACEHOLDER
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.domains import Domains
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.groups import Groups
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.settings import Settings
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.users import Users
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import argspec

# kind -> the resource that applies it; domains are applied one by one with their secrets as options.
KINDS = (("domains", Domains), ("groups", Groups), ("users", Users), ("apps", Apps))
# secrets kind -> (the kind its keys name, what a key is)
SECRET_KEYS = {"passwords": ("users", "user"), "dns_credentials": ("domains", "domain"),
               "fallback_certificate_keys": ("domains", "domain"), "app_secret_env": ("apps", "app")}


def entry_options(resource):
    """The options one entry of a kind may carry: the module's, without secrets (they live in the secrets)."""
    return argspec([field for field in resource.fields if not field.secret])


def shaped(label, entry, spec):
    """``(options, problems)``: the entry as the module's argument spec converts it (a string given for a list
    becomes a list), or None with the unknown options and values of the wrong type it has."""
    if not isinstance(entry, dict):
        return None, ["%s: must be a mapping of options, not %r" % (label, entry)]
    result = ArgumentSpecValidator(spec).validate(entry)
    problems = []
    if result.unsupported_parameters:
        names = sorted(".".join(name) if isinstance(name, tuple) else name for name in result.unsupported_parameters)
        plural = "s" if len(names) > 1 else ""
        problems.append("%s: unknown option%s %s (known: %s)" % (label, plural, ", ".join(names), ", ".join(sorted(spec))))
    problems.extend("%s: %s" % (label, error) for error in result.errors.errors if not isinstance(error, UnsupportedError))
    return (None if problems else result.validated_parameters), problems


class DescriptionCheck:
    """Collects every problem of a description; reads the server only for references the description does not settle."""

    def __init__(self, ctx, description, secrets, server=True):
        self.ctx = ctx
        self.description = description
        self.secrets = secrets or {}
        self.server = server
        self.problems = []
        self.items = {}
        self.labels = {}
        self.entries = {}  # kind -> the entries as written (empty when the part is not a list)
        self._server_names = {}

    def run(self):
        self._settings()
        for kind, resource in KINDS:
            self._kind(kind, resource())
        self._references()
        self._secret_keys()
        return self.problems

    def _settings(self):
        settings, problems = shaped("settings", self.description.get("settings") or {}, argspec(Settings.fields))
        self.problems.extend(problems)
        if settings is not None:
            self.problems.extend("settings: %s" % problem for problem in Engine(Settings(), self.ctx).parse([settings])[1])

    def _kind(self, kind, resource):
        """Every entry of a kind: its shape, then its values; the entries without problems of their own are kept
        (None in place of the others) for the reference checks."""
        entries = self.description.get(kind) or []
        self.items[kind], self.labels[kind], self.entries[kind] = [], [], []
        if not isinstance(entries, list):
            self.problems.append("%s: must be a list of entries, not %s" % (kind, type(entries).__name__))
            return
        self.entries[kind] = entries
        engine = Engine(resource, self.ctx)
        self.labels[kind] = [engine.label(kind, index, entry)[:-2] for index, entry in enumerate(entries)]
        options = []
        for label, entry in zip(self.labels[kind], entries):
            converted, problems = shaped(label, entry, entry_options(resource))
            options.append(converted)
            self.problems.extend(problems)
        self.items[kind], problems = engine.parse(options, option=kind)
        self.problems.extend(problems)

    # -- references ------------------------------------------------------------------------------

    def _known(self, kind):
        """The names the description gives for ``kind`` (users also by email), also those of entries that have
        problems of their own: a typo in an entry must not make every reference to it a problem too."""
        resource = dict(KINDS)[kind]
        entries = [item for item in self.items[kind] if item is not None]
        entries += [entry for entry in self.entries[kind] if isinstance(entry, dict)]
        names = set()
        for entry in entries:
            for name in [resource.key(entry)] + ([entry.get("email")] if kind == "users" else []):
                if isinstance(name, str):
                    names.add(name.strip().lower())
        return names

    def _on_server(self, kind):
        """The names the server has for ``kind``, read once and only when asked for."""
        if not self.server:
            return set()
        if kind not in self._server_names:
            if kind == "groups":
                names = set(group["name"].lower() for group in self.ctx.groups())
            elif kind == "users":
                names = self.ctx.known_user_labels()
            else:
                names = set(domain["domain"] for domain in self.ctx.client.call("GET", "/domains").get("domains") or [])
            self._server_names[kind] = names
        return self._server_names[kind]

    def _require(self, label, option, kind, names):
        missing = sorted(set(names) - self._known(kind))
        if missing:
            missing = sorted(set(missing) - self._on_server(kind))
        if missing:
            where = "the description or on the server" if self.server else "the description"
            self.problems.append("%s: %s: %s %s not in %s" % (label, option, ", ".join(repr(name) for name in missing),
                                                              "is" if len(missing) == 1 else "are", where))

    def _entries(self, kind):
        return [(label, item) for label, item in zip(self.labels[kind], self.items[kind]) if item is not None]

    def _references(self):
        for label, user in self._entries("users"):
            self._require(label, "groups", "groups", user.get("groups") or [])
        for label, group in self._entries("groups"):
            self._require(label, "members", "users", group.get("members") or [])
        for label, app in self._entries("apps"):
            for option in ("access_restriction", "operators"):
                value = app.get(option)
                if isinstance(value, dict) and value != EVERYONE:
                    self._require(label, option + ".users", "users", value.get("users") or [])
                    self._require(label, option + ".groups", "groups", value.get("groups") or [])
            domains = [app["domain"]] if app.get("domain") else []
            for option in ("secondary_domains", "alias_domains", "redirect_domains"):
                domains.extend(entry["domain"] for entry in app.get(option) or [])
            self._require(label, "domains", "domains", domains)

    def _secret_keys(self):
        for name, (kind, what) in sorted(SECRET_KEYS.items()):
            given = self.secrets.get(name) or {}
            known = self._known(kind)
            stray = sorted(key for key in given if key.strip().lower() not in known)
            if stray:
                self.problems.append("secrets.%s: no %s of the description is named %s"
                                     % (name, what, ", ".join(repr(key) for key in stray)))


def placeholders(value, path="secrets"):
    """The paths of values that still hold the export's placeholder (never applied literally)."""
    if isinstance(value, dict):
        return [found for key, item in sorted(value.items()) for found in placeholders(item, "%s.%s" % (path, key))]
    return [path] if value == PLACEHOLDER else []


def check_description(ctx, description, secrets, server=True):
    """Every problem of the description, each naming its entry; empty when it can be applied."""
    if not isinstance(description, dict):
        return ["the description must be a mapping of settings, domains, groups, users and apps"]
    if not isinstance(description.get("settings") or {}, dict):
        return ["settings: must be a mapping of settings, not %s" % type(description["settings"]).__name__]
    known = set(["settings"] + [kind for kind, _resource in KINDS])
    unknown = sorted(set(description) - known)
    problems = []
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        problems.append("unknown part%s %s of the description (known: %s)" % (plural, ", ".join(unknown), ", ".join(sorted(known))))
    # the placeholder itself is not quoted: as a secret's value, it would be masked in the message
    problems.extend("%s still holds the export's placeholder; put the real value in (a vault)" % path
                    for path in placeholders(secrets or {}))
    return problems + DescriptionCheck(ctx, description, secrets, server).run()


def counts(description):
    """How many settings, domains, groups, users and apps the description holds."""
    return dict((kind, len(description.get(kind) or [])) for kind in ["settings"] + [kind for kind, _resource in KINDS])

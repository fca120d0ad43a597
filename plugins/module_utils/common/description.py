# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A whole server description checked before anything is written: every entry against the options of the
module that applies it, every value as that module would parse it, every reference between entries against
the description and the server, and the keys of the secrets kept beside it.

A platform describes its description once (a ``Layout``: its kinds, settings, references and secrets); the
check is the same for every platform. Entries are named by kind, position and identity (``users[17] (dennis)``),
and every problem is reported at once, so neither a real run nor ``--check`` gets half-way through a broken one.
"""

from __future__ import annotations

import copy
import os

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import argspec

# The options of every platform's description_validate module.
VALIDATE_OPTIONS = {
    "description": {"type": "dict", "required": True},
    "secrets": {"type": "dict", "no_log": True},
    "check_server": {"type": "bool", "default": True},
}

# The options of every platform's description_info module.
EXPORT_OPTIONS = {"minimal": {"type": "bool", "default": False}}

# What an export writes in place of a secret; never applied literally.
PLACEHOLDER = "REPLACE-WITH-SECRET"


class Reference:
    """An option of the entries of ``kind`` that names entries of ``target``; ``names(item)`` lists them."""

    def __init__(self, kind, option, target, names):
        self.kind = kind
        self.option = option
        self.target = target
        self.names = names


class Layout:
    """A platform's description: override the attributes, and ``server_names``.

    kinds        (path, resource class) of every list, in the order they are applied
    settings     the Singleton resource class of the ``settings`` mapping, or None
    mappings     (path, Singleton resource class) of further mappings of settings
    references   the ``Reference`` list (its ``kind`` may also be the path of a mapping)
    secret_keys  secrets part -> (the kind its keys name, what a key is)
    aliases      kind -> a function giving further names an entry is known by (users by email)
    file_options (path, option) of options that name a local file (an image): a relative path is taken from the
                 description's own directory (``base_dir``), not from wherever the check runs

    A path is a part of the description (``users``) or a part inside one (``mail.mailboxes``: the
    ``mailboxes`` of the mapping ``mail``), so related parts can be grouped under one name.
    """

    kinds = ()
    settings = None
    mappings = ()
    references = ()
    secret_keys = {}
    aliases = {}
    file_options = ()

    def singletons(self):
        """(path, resource class) of every mapping of settings."""
        return ([("settings", self.settings)] if self.settings else []) + list(self.mappings)

    def paths(self):
        """Every part by its path, as checked: ``settings``, the kinds, then the further mappings."""
        return (["settings"] if self.settings else []) + [kind for kind, _resource in self.kinds] + \
            [path for path, _resource in self.mappings]

    def parts(self):
        """The top-level parts, in order."""
        parts = []
        for path in self.paths():
            if path.split(".")[0] not in parts:
                parts.append(path.split(".")[0])
        return parts

    def groups(self):
        """Top-level part -> the sorted names of the parts inside it."""
        groups = {}
        for path in self.paths():
            if "." in path:
                group, name = path.split(".", 1)
                groups.setdefault(group, []).append(name)
        return dict((group, sorted(names)) for group, names in groups.items())

    def options(self, kind, resource):
        """The options an entry of ``kind`` may carry (a platform may narrow them)."""
        return entry_options(resource)

    def check(self, entries):
        """Further problems across kinds; ``entries(kind)`` gives the (label, item) of the entries without problems."""
        return []

    def check_secrets(self, secrets, entries, on_server):
        """Problems of the secrets beyond their keys (their shape, what the entries they name need);
        ``on_server(kind)`` gives the server's names of a kind (none when the server is not checked)."""
        return []

    def check_context(self, ctx, entries, secrets, options):
        """Problems that depend on what the server holds beyond names (``ctx`` is None when the server is not checked)
        or on the validate module's own further ``options``."""
        return []

    def comparable(self, kind, name):
        """A name of ``kind`` as names are compared: without case or surrounding blanks."""
        return name.strip().lower()

    def probe(self, ctx):
        """Fail early when the server cannot be checked against (an unsupported version, say)."""

    def server_names(self, ctx, kind):
        """The names the server has for ``kind`` (read only when a reference needs them)."""
        return set()


def part(description, path):
    """The value at ``path`` (``mail.mailboxes``), or None where a step is missing or not a mapping."""
    value = description
    for name in path.split("."):
        value = value.get(name) if isinstance(value, dict) else None
    return value


def listing(names):
    """``a, b and c``."""
    return "%s and %s" % (", ".join(names[:-1]), names[-1]) if len(names) > 1 else "".join(names)


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

    def __init__(self, ctx, layout, description, secrets, server=True, options=None):
        self.ctx = ctx
        self.layout = layout
        self.description = description
        self.secrets = secrets or {}
        self.server = server
        self.options = options or {}
        self.problems = []
        self.items = {}
        self.labels = {}
        self.entries = {}  # kind -> the entries as written (empty when the part is not a list)
        self._server_names = {}

    def run(self):
        if self.layout.settings:
            self._settings("settings", self.layout.settings())
        for kind, resource in self.layout.kinds:
            self._kind(kind, resource())
        for path, resource in self.layout.mappings:
            self._settings(path, resource())
        self._references()
        self.problems.extend(self.layout.check(self._entries))
        self._secret_keys()
        self.problems.extend(self.layout.check_secrets(self.secrets, self._entries, self._on_server))
        self.problems.extend(self.layout.check_context(self.ctx if self.server else None, self._entries, self.secrets, self.options))
        return self.problems

    def _settings(self, path, resource):
        """A mapping of settings; kept (as the one entry of its path) for the reference checks."""
        settings, problems = shaped(path, part(self.description, path) or {}, self.layout.options(path, resource))
        self.problems.extend(problems)
        if settings is not None:
            problems = Engine(resource, self.ctx).parse([settings])[1]
            self.problems.extend("%s: %s" % (path, problem) for problem in problems)
            if problems:
                settings = None
        self.items[path], self.labels[path], self.entries[path] = [settings], [path], []

    def _kind(self, kind, resource):
        """Every entry of a kind: its shape, then its values; the entries without problems of their own are kept
        (None in place of the others) for the reference checks."""
        entries = part(self.description, kind) or []
        self.items[kind], self.labels[kind], self.entries[kind] = [], [], []
        if not isinstance(entries, list):
            self.problems.append("%s: must be a list of entries, not %s" % (kind, type(entries).__name__))
            return
        self.entries[kind] = entries
        engine = Engine(resource, self.ctx)
        self.labels[kind] = [engine.label(kind, index, entry)[:-2] for index, entry in enumerate(entries)]
        options = []
        for label, entry in zip(self.labels[kind], entries):
            converted, problems = shaped(label, entry, self.layout.options(kind, resource))
            options.append(converted)
            self.problems.extend(problems)
        self.items[kind], problems = engine.parse(options, option=kind)
        self.problems.extend(problems)

    # -- references ------------------------------------------------------------------------------

    def _known(self, kind):
        """The names the description gives for ``kind`` (and its aliases), also those of entries that have
        problems of their own: a typo in an entry must not make every reference to it a problem too."""
        resource = dict(self.layout.kinds)[kind]
        alias = self.layout.aliases.get(kind, lambda entry: [])
        entries = [item for item in self.items[kind] if item is not None]
        entries += [entry for entry in self.entries[kind] if isinstance(entry, dict)]
        names = set()
        for entry in entries:
            for name in [resource.key(entry)] + list(alias(entry)):
                if isinstance(name, str):
                    names.add(self.layout.comparable(kind, name))
        return names

    def _on_server(self, kind):
        """The names the server has for ``kind``, read once and only when asked for."""
        if not self.server:
            return set()
        if kind not in self._server_names:
            self._server_names[kind] = set(self.layout.comparable(kind, name) for name in self.layout.server_names(self.ctx, kind))
        return self._server_names[kind]

    def _require(self, label, option, kind, names):
        known = self._known(kind)
        missing = sorted(name for name in set(names) if self.layout.comparable(kind, name) not in known)
        if missing:
            missing = [name for name in missing if self.layout.comparable(kind, name) not in self._on_server(kind)]
        if missing:
            where = "the description or on the server" if self.server else "the description"
            self.problems.append("%s: %s: %s %s not in %s" % (label, option, ", ".join(repr(name) for name in missing),
                                                              "is" if len(missing) == 1 else "are", where))

    def _entries(self, kind):
        return [(label, item) for label, item in zip(self.labels[kind], self.items[kind]) if item is not None]

    def _references(self):
        for reference in self.layout.references:
            for label, item in self._entries(reference.kind):
                self._require(label, reference.option, reference.target, list(reference.names(item)))

    def _secret_keys(self):
        for name, (kind, what) in sorted(self.layout.secret_keys.items()):
            given = self.secrets.get(name) or {}
            known = self._known(kind)
            stray = sorted(key for key in given if self.layout.comparable(kind, key) not in known)
            if stray:
                self.problems.append("secrets.%s: no %s of the description is named %s"
                                     % (name, what, ", ".join(repr(key) for key in stray)))


def described(fields, item, minimal, kept=(), left_out=()):
    """An object read from the server as a description entry: compared, set fields only, without secrets and the
    fields in ``left_out``; when ``minimal``, also without values equal to the server's defaults (except ``kept``)."""
    result = {}
    for field in fields:
        if field.name not in item or not field.compared or field.name in left_out or item[field.name] is None:
            continue
        value = item[field.name]
        if minimal and field.name not in kept and (value == "" or value == field.server_default(item)):
            continue
        result[field.name] = value
    return result


def placeholders(value, path="secrets"):
    """The paths of values that still hold the export's placeholder (never applied literally)."""
    if isinstance(value, dict):
        return [found for key, item in sorted(value.items()) for found in placeholders(item, "%s.%s" % (path, key))]
    return [path] if value == PLACEHOLDER else []


def under(base_dir, path):
    """A file path of a description: absolute as given (``~`` expanded), else taken from ``base_dir``."""
    if not isinstance(path, str):
        return path
    path = os.path.expanduser(path)
    return path if not base_dir or os.path.isabs(path) else os.path.join(base_dir, path)


def with_files_under(layout, description, base_dir):
    """The description with the paths of its ``file_options`` as the modules will read them (a copy): ``~`` expanded,
    relative ones taken from ``base_dir``."""
    description = copy.deepcopy(description)
    for path, option in layout.file_options:
        value = part(description, path)
        for entry in value if isinstance(value, list) else [value]:
            if isinstance(entry, dict) and entry.get(option) is not None:
                entry[option] = under(base_dir, entry[option])
    return description


def check_description(ctx, layout, description, secrets, server=True, base_dir=None, options=None):
    """Every problem of the description, each naming its entry; empty when it can be applied."""
    if not isinstance(description, dict):
        return ["the description must be a mapping of %s" % listing(layout.parts())]
    description = with_files_under(layout, description, base_dir)
    groups = layout.groups()
    shapes = [(group, "mapping of %s" % listing(names)) for group, names in sorted(groups.items())]
    shapes += [(path, "mapping of settings") for path, _resource in layout.singletons()]
    wrong = ["%s: must be a %s, not %s" % (path, shape, type(part(description, path)).__name__) for path, shape in shapes
             if part(description, path) is not None and not isinstance(part(description, path), dict)]
    if wrong:
        return wrong
    problems = []
    known = [(sorted(set(description) - set(layout.parts())), sorted(layout.parts()))]
    known += [(sorted("%s.%s" % (group, name) for name in set(description.get(group) or {}) - set(names)),
               ["%s.%s" % (group, name) for name in names]) for group, names in sorted(groups.items())]
    for unknown, names in known:
        if unknown:
            plural = "s" if len(unknown) > 1 else ""
            problems.append("unknown part%s %s of the description (known: %s)" % (plural, ", ".join(unknown), ", ".join(names)))
    # the placeholder itself is not quoted: as a secret's value, it would be masked in the message
    problems.extend("%s still holds the export's placeholder; put the real value in (a vault)" % path
                    for path in placeholders(secrets or {}))
    return problems + DescriptionCheck(ctx, layout, description, secrets, server, options).run()


def counts(layout, description):
    """How many entries (and settings) of each part the description holds, by path."""
    return dict((path, len(part(description, path) or [])) for path in layout.paths())


def validate(run, layout):
    """The body of a platform's description_validate module: fails listing every problem, else the counts."""
    params = run.params

    def body(ctx):
        if params["check_server"]:
            layout.probe(ctx)
        problems = check_description(ctx, layout, params["description"], params.get("secrets"), server=params["check_server"],
                                     base_dir=params.get("base_dir"), options=params)
        if problems:
            summary = "the description has %d problem%s: %s" % (len(problems), "s" if len(problems) > 1 else "", "; ".join(problems))
            run.fail(ResourceError(summary), problems=problems)
        return {"changed": False, "problems": [], "counts": counts(layout, params["description"])}

    return body


def export(run, describe):
    """The body of a platform's description_info module; ``describe(ctx, minimal)`` gives (description, secrets)."""

    def body(ctx):
        description, secrets = describe(ctx, minimal=run.params["minimal"])
        return {"changed": False, "description": description, "secrets": secrets}

    return body

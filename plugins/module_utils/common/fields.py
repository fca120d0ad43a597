# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Field declarations: how each option is parsed, bounded, normalised, compared, written and shown.

A resource is a tuple of ``Field``; the engine needs nothing else to decide what changed.
Everything is compared in the canonical (snake_case, option-shaped) form, never in API form, and
a field's ``normalize`` is applied to both sides: the wanted value and the server's.
"""

from __future__ import annotations

import re

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError

REDACTED = "********"

SCALAR = "scalar"
SET = "set"
LIST = "list"
SUBSET = "subset"


def lower(value):
    return value.strip().lower() if isinstance(value, str) else value


def stripped(value):
    return value.strip() if isinstance(value, str) else value


def as_string(value):
    """Free-form values are compared as the strings the server stores."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _dropped_nones(value):
    return dict((key, item) for key, item in (value or {}).items() if item is not None)


class Field:
    """One option of a resource.

    name        option name (snake_case), also the key in results, diff and ``gathered``
    api         the API's field name, when it maps one to one
    type        Ansible argument type; ``elements`` for lists
    parse       input only: turn what the user gave into what ``normalize`` takes; may refuse it (ValueError)
    normalize   canonical form of a wanted and of a server value (of each element of a list)
    compare     SCALAR, SET (order-free list), LIST (ordered) or SUBSET (dict keys given must match)
    minimum     lowest number allowed (numbers only), checked before anything is sent
    maximum     highest number allowed
    pattern     regular expression a string (each string of a list) must match in full
    secret      write-only: never read back, never compared, redacted everywhere
    read_only   filled by the server (ids, sources): shown, accepted as input, never compared
    create      sent in the create request; otherwise applied through ``route`` after creation
    route       name of the update route that changes this field (None: cannot change)
    default     the server's value when the field is not sent at creation (a callable gets the wanted item)
    set_once    may only be written while the server's value is still empty
    transient   an instruction for creation (send an invite): never stored, compared or shown
    """

    def __init__(self, name, api=None, type="str", elements=None, choices=None, parse=None, normalize=None, compare=SCALAR,
                 minimum=None, maximum=None, pattern=None, secret=False, read_only=False, create=True, route=None,
                 default=None, set_once=False, transient=False):
        self.name = name
        self.parser = parse
        self.api = api
        self.type = type
        self.elements = elements
        self.choices = choices
        self.normalize = normalize
        self.compare = compare
        self.minimum = minimum
        self.maximum = maximum
        self.pattern = re.compile(pattern) if pattern else None
        self.secret = secret
        self.read_only = read_only
        self.create = create and not read_only
        self.route = route
        self.default = default
        self.set_once = set_once
        self.transient = transient

    @property
    def compared(self):
        """Whether the field takes part in the comparison with the server."""
        return not (self.read_only or self.secret or self.transient)

    def argspec(self):
        spec = {"type": self.type}
        if self.elements:
            spec["elements"] = self.elements
        if self.choices:
            spec["choices"] = list(self.choices)
        if self.secret:
            spec["no_log"] = True
        return spec

    def parse(self, value):
        """Input -> the value to normalise (files read, sizes converted); raises ValueError."""
        return self.parser(value) if self.parser else value

    def canonical(self, value):
        """The compared form of a wanted or a server value; None stays None (not managed / unknown)."""
        if value is None or self.normalize is None:
            return value
        if self.compare in (SET, LIST):
            return [self.normalize(item) for item in value]
        if self.compare == SUBSET:
            return dict((key, self.normalize(item)) for key, item in value.items())
        return self.normalize(value)

    def clean(self, value):
        """An input value, parsed, checked against its bounds and normalised; raises ValueError."""
        if value is None:
            return None
        value = self.canonical(self.parse(value))
        problem = self.problem(value)
        if problem:
            raise ValueError(problem)
        return value

    def problem(self, value):
        """What is wrong with a parsed value (numbers out of range, strings not matching), or None."""
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                if self.minimum is not None and item < self.minimum or self.maximum is not None and item > self.maximum:
                    return "%s is out of range (%s)" % (item, self._range())
            if self.pattern is not None and isinstance(item, str) and not self.pattern.fullmatch(item):
                return "%r does not match %s" % (item, self.pattern.pattern)
        return None

    def _range(self):
        if self.minimum is not None and self.maximum is not None:
            return "%s to %s" % (self.minimum, self.maximum)
        return "at least %s" % self.minimum if self.minimum is not None else "at most %s" % self.maximum

    def server_default(self, wanted):
        return self.default(wanted) if callable(self.default) else self.default

    def merge(self, want, have, append):
        """The value after applying ``want`` over ``have``."""
        if self.compare == SET:
            merged = set(want) | set(have or []) if append else set(want)
            return sorted(merged)
        if self.compare == SUBSET:
            merged = dict(have or {})
            merged.update(want)
            return merged
        return want

    def differs(self, want, have, append):
        if self.compare == SET:
            return set(self.merge(want, have, append)) != set(have or [])
        if self.compare == SUBSET:
            have = have or {}
            return any(have.get(key) != value for key, value in want.items())
        return want != have


class WholeField(Field):
    """A value normalised as a whole (dicts, lists of dicts), then compared exactly."""

    def __init__(self, name, normalize, suboptions=None, **kwargs):
        super().__init__(name, **kwargs)
        self.whole = normalize
        self.suboptions = suboptions

    def argspec(self):
        spec = super().argspec()
        if self.suboptions:
            spec["options"] = self.suboptions
        return spec

    def canonical(self, value):
        return None if value is None else self.whole(value)


class DictField(Field):
    """A dict with typed sub-options of which only the keys given are managed (unset ones are not)."""

    def __init__(self, name, suboptions, normalize=None, **kwargs):
        super().__init__(name, type="dict", compare=SUBSET, **kwargs)
        self.suboptions = suboptions
        self.whole = normalize

    def argspec(self):
        spec = super().argspec()
        spec["options"] = self.suboptions
        return spec

    def canonical(self, value):
        if value is None:
            return None
        value = _dropped_nones(value)
        return (self.whole(value) if self.whole else value) or None


def argspec(fields, skip=()):
    """Argument spec entries for the fields (no defaults: an unset option is not managed)."""
    return dict((field.name, field.argspec()) for field in fields if field.name not in skip)


def wanted(fields, params):
    """The managed part of the input: parsed, checked, normalised, None dropped, read-only fields ignored.

    Raises ``ResourceError`` naming every option that is wrong.
    """
    result, problems = {}, []
    for field in fields:
        value = params.get(field.name)
        if value is None or field.read_only:
            continue
        try:
            value = field.clean(value)
        except (TypeError, ValueError) as exc:
            problems.append("%s: %s" % (field.name, exc))
            continue
        if value is not None:
            result[field.name] = value
    if problems:
        raise ResourceError("; ".join(problems))
    return result


def canonical(fields, item):
    """A server object with every field in its compared form (the resource reads raw API names itself)."""
    result = dict(item)
    for field in fields:
        if field.name in result and not field.transient:
            result[field.name] = field.canonical(result[field.name])
    return result


def public(fields, item):
    """A canonical object without its secrets, with keys in declaration order."""
    return dict((field.name, item.get(field.name)) for field in fields
                if not (field.secret or field.transient) and field.name in item)


def shown(fields, item, secrets):
    """A canonical object for diff output: secrets being written appear as a redaction marker."""
    result = public(fields, item)
    for name in secrets:
        result[name] = REDACTED
    return result

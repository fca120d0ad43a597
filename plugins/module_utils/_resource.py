# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Field declarations: how each option is normalised, compared, written and shown.

A resource is a tuple of ``Field``; the engine needs nothing else to decide what changed.
Everything is compared in the canonical (snake_case, option-shaped) form, never in API form.
"""

from __future__ import annotations

REDACTED = "********"


class ResourceError(Exception):
    """Bad input or a state the module refuses to act on; raised before any write when possible."""


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


class Field:
    """One option of a resource.

    name        option name (snake_case), also the key in results, diff and ``gathered``
    api         the API's field name, when it maps one to one
    type        Ansible argument type; ``elements`` for lists
    normalize   applied to wanted and current values (each element of a list)
    compare     SCALAR, SET (order-free list), LIST (ordered) or SUBSET (dict keys given must match)
    secret      write-only: never read back, never compared, redacted everywhere
    read_only   filled by the server (ids, sources): shown, accepted as input, never compared
    create      sent in the create request; otherwise applied through ``route`` after creation
    route       name of the update route that changes this field (None: cannot change)
    default     the server's value when the field is not sent at creation (a callable gets the wanted item)
    set_once    may only be written while the server's value is still empty
    transient   an instruction for creation (send an invite): never stored, compared or shown
    """

    def __init__(self, name, api=None, type="str", elements=None, choices=None, normalize=None, compare=SCALAR,
                 secret=False, read_only=False, create=True, route=None, default=None, set_once=False, transient=False):
        self.name = name
        self.api = api
        self.type = type
        self.elements = elements
        self.choices = choices
        self.normalize = normalize
        self.compare = compare
        self.secret = secret
        self.read_only = read_only
        self.create = create and not read_only
        self.route = route
        self.default = default
        self.set_once = set_once
        self.transient = transient

    def argspec(self):
        spec = {"type": self.type}
        if self.elements:
            spec["elements"] = self.elements
        if self.choices:
            spec["choices"] = list(self.choices)
        if self.secret:
            spec["no_log"] = True
        return spec

    def clean(self, value):
        """Normalise a wanted or current value; None stays None (not managed / unknown)."""
        if value is None or self.normalize is None:
            return value
        if self.compare in (SET, LIST):
            return [self.normalize(item) for item in value]
        if self.compare == SUBSET:
            return dict((key, self.normalize(item)) for key, item in value.items())
        return self.normalize(value)

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


def argspec(fields, skip=()):
    """Argument spec entries for the fields (no defaults: an unset option is not managed)."""
    return dict((field.name, field.argspec()) for field in fields if field.name not in skip)


def wanted(fields, params):
    """The managed part of the input: normalised, None dropped, read-only fields ignored."""
    result = {}
    for field in fields:
        value = params.get(field.name)
        if value is None or field.read_only:
            continue
        try:
            value = field.clean(value)
        except (TypeError, ValueError) as exc:
            raise ResourceError("%s: %s" % (field.name, exc))
        if value is not None:
            result[field.name] = value
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


class Resource:
    """What the engine needs from a resource beyond its fields; the defaults suit simple objects.

    Subclasses set ``name``, ``plural`` and ``fields`` and implement ``key``, ``read``, ``find``,
    ``create``, ``write`` and ``delete``.
    """

    name = None
    plural = None
    fields = ()
    required_on_create = ()
    supports_replaced = False

    def validate(self, item):
        """Problems with one item, found without the server."""
        return []

    def resolve(self, ctx, item, current):
        """Check (and canonicalise) references to other objects; may refuse the current state."""
        return None

    def after_create(self, ctx, created, item):
        """Finish a creation (wait for it, send an invitation)."""
        return None

    def protected(self, ctx, current):
        """True for objects ``overridden`` must never delete."""
        return False

    def check_deletions(self, ctx, deletions, force):
        """Refuse planned deletions before anything is written."""
        return None

    def check_updates(self, ctx, updates):
        """Refuse planned updates before anything is written."""
        return None

    def refresh(self, ctx, obj):
        """The object as the server has it after the writes (objects the engine predicts exactly need no read)."""
        return obj

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the engine needs from a resource beyond its fields.

The abstract methods are the API calls every resource must provide; a platform class that forgets
one cannot be instantiated (a unit test instantiates every resource). The other methods are hooks
whose defaults suit simple objects.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError


class Resource(ABC):
    """A kind of object on a server: ``name`` (the result key), ``plural`` and ``fields``."""

    name = None
    plural = None
    fields = ()
    required_on_create = ()
    supports_replaced = False
    # Whether check mode also asks the platform, when something would change, if it supports the
    # server (``Context.before_write``), so the plan fails where the run would.
    check_server_in_check_mode = True

    @abstractmethod
    def key(self, item):
        """The identity of an item or object as users name it (also the key in plans and diffs)."""

    @staticmethod
    def identity(name):
        """A name given by users (a key of a secrets map) in the form ``key`` gives: names compare without case."""
        return name.strip().lower() if isinstance(name, str) else name

    @abstractmethod
    def read(self, ctx, items, complete):
        """Canonical objects from the server: all of them when ``complete``, else at least those matching ``items``."""

    @abstractmethod
    def find(self, current, item):
        """The object of ``current`` that ``item`` means, or None."""

    @abstractmethod
    def create(self, ctx, item):
        """Create the object; return at least ``{"id": ...}``."""

    @abstractmethod
    def write(self, ctx, current, route, values, item):
        """Send the ``values`` (option name -> wanted value) that change through ``route``.

        Returning ``False`` says the values were left for a later run (reported as ``postponed``)."""

    @abstractmethod
    def delete(self, ctx, current):
        """Delete the object; a "no such object" answer (``ApiError.missing``) counts as done."""

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

    def predict(self, current, item, after):
        """The object a planned update leaves (by default: the current one with the writes applied)."""
        return after

    def refresh(self, ctx, obj):
        """The object as the server has it after the writes (objects the engine predicts exactly need no read)."""
        return obj


class Singleton(Resource):
    """A resource of which a server has exactly one (its settings): it always exists and is only updated."""

    def key(self, item):
        return self.name

    def find(self, current, item):
        return current[0] if current else None

    def create(self, ctx, item):
        raise ResourceError("%s cannot be created; the server has it from the start" % self.name)

    def delete(self, ctx, current):
        raise ResourceError("%s cannot be deleted" % self.name)

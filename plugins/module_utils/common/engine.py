# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The resource engine: lookup -> compare -> create / update / delete -> result, for every module.

One plan decides ``changed`` before any write, and the same plan runs in check mode, where it
predicts the result and the diff without a single write request. A singular module is the same
engine with a list of one.

A resource is a ``resource.Resource``: its fields plus the API calls. The engine reaches the platform
only through the resource and the context's hooks (``before_write``, ``forget``), never a client.
Creations are started in list order and finished at the end, so slow ones (app installs) run side by
side on the server while the module waits for all of them.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import (
    UNEXPECTED_DATA, ApiError, PartialFailure, ResourceError, ServerDataError, TransportError, WaitError, unexpected_answer,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import canonical, public, shown, wanted

CREATE = "create"
UPDATE = "update"
DELETE = "delete"
ADOPT = "adopt"  # a planned creation found done by someone else (a racing run): nothing created twice


class Change:
    """One planned action on one object, with everything needed to apply and report it."""

    def __init__(self, action, key, item=None, current=None, after=None, writes=None, secrets=()):
        self.action = action
        self.key = key
        self.item = item
        self.current = current
        self.after = after
        self.writes = writes or {}
        self.secrets = tuple(secrets)
        self.created = None
        self.adopted = False  # found existing after the create request: brought to the wanted state, not created
        self.raced = False  # ... because another run created it first (a 409), not because our answer was lost
        self.done = []  # fields written so far, for a change that fails between its routes
        self.postponed = []  # fields the resource left for a later run (it said so by returning False)
        self.failing = []  # the fields of the route being written when it failed

    def fields(self):
        if self.action == DELETE:
            return []
        return sorted(set(self.writes) | set(self.secrets))

    def partial(self):
        """What a change that failed part-way had written: a change of its own in the report."""
        return Change(self.action, self.key, self.item, self.current, self.after, dict((name, None) for name in self.done))

    def report(self):
        if self.raced:  # another run created it meanwhile: say so, and what this run still wrote to it
            return {"action": ADOPT, "key": self.key, "fields": sorted(set(self.done))}
        report = {"action": self.action, "key": self.key, "fields": [name for name in self.fields() if name not in self.postponed]}
        if self.postponed:
            report["postponed"] = sorted(self.postponed)
        return report


class Outcome:
    """What a run produced: the changes applied (or predicted), results per item and a diff."""

    def __init__(self, changes, results, before, after):
        self.changes = changes
        self.results = results
        self.before = before
        self.after = after

    @property
    def changed(self):
        """Whether this run changed anything (an object another run created, left untouched, does not count)."""
        return any(not (change.raced and not change.done) for change in self.changes)


class Engine:
    """Plans and applies changes for one resource type."""

    def __init__(self, resource, ctx, check_mode=False, append=False, update_secrets="on_create", force=False):
        self.resource = resource
        self.fields = resource.fields
        self.ctx = ctx
        self.check_mode = check_mode
        self.append = append
        self.update_secrets = update_secrets
        self.force = force
        self.matches = []
        self.replace = False

    # -- planning ------------------------------------------------------------------------------

    def items(self, entries, option=None, extras=None):
        """Parse and check every entry before reading or writing anything; return the wanted items.

        ``option`` names the list for error messages (``config[3] (dennis): ...``); ``extras`` are values
        kept beside the list (secrets), as ``(option, field name, {identity: value})``, checked like the item's own.
        Every problem of every entry is reported at once.
        """
        items, problems = self.parse(entries, option, extras)
        if problems:
            raise ResourceError("; ".join(problems))
        return items

    def parse(self, entries, option=None, extras=None):
        """``(items, problems)``: what ``items`` checks, without raising; an entry that is None or has a problem
        of its own gives None in its place."""
        items, problems = [], []
        for index, entry in enumerate(entries):
            if entry is None:
                items.append(None)
                continue
            try:
                items.append(wanted(self.fields, entry))
            except ResourceError as exc:
                items.append(None)
                problems.append("%s%s" % (self.label(option, index, entry), exc))
        by_key = dict((self.resource.key(item), item) for item in items if item is not None)
        for beside, name, values in extras or ():
            for key, value in (values or {}).items():
                target = by_key.get(self.resource.identity(key))
                if target is None:
                    problems.append("%s: no item of %s is named %r" % (beside, option or "the input", key))
                    continue
                try:
                    target.update(wanted(self.fields, {name: value}))
                except ResourceError as exc:
                    problems.append("%s (%s): %s" % (beside, key, exc))
        seen = {}
        for index, item in enumerate(items):
            if item is None:
                continue
            label = self.label(option, index, item)
            problems.extend(label + problem for problem in self.resource.validate(item))
            key = self.resource.key(item)
            if key in seen:
                earlier = "%s[%d]" % (option, seen[key]) if option else "item %d" % (seen[key] + 1)
                problems.append("%s%s %r is listed twice (also %s; compared after normalisation)"
                                % (label, self.resource.name, key, earlier))
            seen.setdefault(key, index)
        return items, problems

    def label(self, option, index, entry):
        """How an entry of a list is named in errors: ``users[17] (dennis): ``."""
        if option is None:
            return ""
        try:
            key = self.resource.key(entry)
        except (AttributeError, KeyError, TypeError):
            key = None
        return "%s[%d]%s: " % (option, index, " (%s)" % key if key else "")

    def read(self, items, complete):
        """The server's objects in their compared form."""
        return [canonical(self.fields, obj) for obj in self.resource.read(self.ctx, items, complete=complete)]

    def plan(self, items, state):
        """Return the list of changes for ``state`` (present, absent, replaced or overridden)."""
        self.replace = state == "replaced"
        current_all = self.read(items, complete=(state == "overridden" or len(items) != 1))
        changes, matched, self.matches = [], set(), []
        for item in items:
            current = self.resource.find(current_all, item)
            self.matches.append((item, current))
            if current is not None:
                matched.add(self.resource.key(current))
            change = self._plan_delete(item, current) if state == "absent" else self._plan_present(item, current)
            if change:
                changes.append(change)
        if state == "overridden":
            for current in current_all:
                if self.resource.key(current) not in matched and not self.resource.protected(self.ctx, current):
                    changes.append(Change(DELETE, self.resource.key(current), current=current))
        deletions = [change.current for change in changes if change.action == DELETE]
        if deletions:
            self.resource.check_deletions(self.ctx, deletions, self.force)
        updates = [change for change in changes if change.action == UPDATE]
        if updates:
            self.resource.check_updates(self.ctx, updates)
        if changes and (self.resource.check_server_in_check_mode or not self.check_mode):
            self.ctx.before_write()
        return changes

    def _plan_delete(self, item, current):
        if current is None:
            return None
        return Change(DELETE, self.resource.key(current), item=item, current=current)

    def _plan_present(self, item, current):
        if self.replace and current is not None:
            item.update((name, value) for name, value in self._resets(item).items() if name not in item)
        self.resource.resolve(self.ctx, item, current)
        if current is None:
            missing = [name for name in self.resource.required_on_create if name not in item]
            if missing:
                raise ResourceError("%s %r does not exist; creating it needs %s"
                                    % (self.resource.name, self.resource.key(item), ", ".join(missing)))
            predicted = self._predict_created(item)
            writes = dict((name, value) for name, value in predicted.items() if name in item)
            return Change(CREATE, self.resource.key(item), item=item, after=predicted, writes=writes,
                          secrets=self._secrets(item))
        writes = self._differences(current, item)
        secrets = self._secrets(item) if self.update_secrets == "always" else ()
        if not writes and not secrets:
            return None
        after = dict(current)
        after.update(writes)
        after = self.resource.predict(current, item, after)
        return Change(UPDATE, self.resource.key(current), item=item, current=current, after=after,
                      writes=writes, secrets=secrets)

    def _resets(self, item):
        """For ``replaced``: every changeable field not given goes back to its declared default."""
        resets = dict((field.name, field.server_default(item)) for field in self.fields
                      if field.route and not (field.read_only or field.secret or field.transient or field.set_once))
        return dict((name, value) for name, value in resets.items() if value is not None)

    def _secrets(self, item):
        return [field.name for field in self.fields if field.secret and field.name in item]

    def _differences(self, current, item):
        writes = {}
        for field in self.fields:
            if not field.compared or field.name not in item:
                continue
            have = current.get(field.name)
            if have is None and field.route is None:
                continue  # the server does not say, and it cannot be changed anyway: nothing to compare
            if not field.differs(item[field.name], have, self.append):
                continue
            if field.route is None or (field.set_once and have not in (None, "")):
                raise ResourceError("%s %r: %s cannot be changed from %r to %r"
                                    % (self.resource.name, self.resource.key(current), field.name, have, item[field.name]))
            writes[field.name] = field.merge(item[field.name], have, self.append)
        return writes

    def _predict_created(self, item):
        predicted = {}
        for field in self.fields:
            if field.secret or field.transient:
                continue
            if field.name in item:
                predicted[field.name] = field.merge(item[field.name], field.server_default(item), False)
            else:
                predicted[field.name] = field.server_default(item)
        if "id" not in item:
            predicted["id"] = None  # the server assigns it, unless the id is the identity the item names
        return predicted

    # -- applying ------------------------------------------------------------------------------

    def apply(self, changes):
        """Apply planned changes in order, finishing creations last; on failure raise ``PartialFailure``
        with every change that already wrote something."""
        applied, started = [], []
        change = None
        try:
            for change in changes:
                if change.action == CREATE:
                    self._start_create(change)
                    started.append(change)
                else:
                    self._update_or_delete(change)
                applied.append(change)
            for change in started:
                self._finish_create(change)
        except (ApiError, TransportError, ResourceError, WaitError, ServerDataError) as exc:
            raise self._failure(applied, change, exc)
        except UNEXPECTED_DATA as exc:
            raise self._failure(applied, change, unexpected_answer(exc, self.ctx.http.last if self.ctx.http else None))
        return applied

    @staticmethod
    def _failure(applied, change, error):
        """The ``PartialFailure`` for ``error``, counting what a change written part-way had already applied."""
        if change is not None and change.done and change not in applied:
            applied.append(change.partial())
        return PartialFailure(applied, change, error)

    def _update_or_delete(self, change):
        if change.action == UPDATE:
            self._write(change.current, change.writes, change.secrets, change.item, change)
            return
        try:
            self.resource.delete(self.ctx, change.current)
        except ApiError as exc:
            if not exc.missing:  # only a confirmed "no such object" means the goal is reached
                raise

    def _start_create(self, change):
        """Create, reconciling when the answer is lost or the object appeared meanwhile.

        A POST whose connection dropped, or a 409 after our lookup missed, means: read again. If the
        object now exists with our identity it is adopted and brought to the wanted state; a POST
        that provably did not create anything is sent once more.
        """
        item = change.item
        try:
            change.created = self.resource.create(self.ctx, item)
            return
        except TransportError as exc:
            if not exc.maybe_applied:
                raise
            found = self._reread(item)
            if found is None:
                change.created = self.resource.create(self.ctx, item)
                return
        except ApiError as exc:
            if exc.status != 409:
                raise
            found = self._reread(item)
            if found is None:
                raise
            change.raced = True
        change.created, change.adopted = found, True

    def _finish_create(self, change):
        item = change.item
        if change.adopted:
            self._write(change.created, self._differences(change.created, item), self._secrets(item), item, change)
        else:
            self.resource.after_create(self.ctx, change.created, item)
            # Fields the create request cannot carry are written through their routes afterwards.
            baseline = self._predict_created(dict((f.name, item[f.name]) for f in self.fields if f.create and f.name in item))
            baseline["id"] = change.created["id"]
            later = dict((name, value) for name, value in self._differences(baseline, item).items()
                         if not self._field(name).create)
            self._write(baseline, later, (), item, change)
        change.after["id"] = change.created["id"]

    def _reread(self, item):
        """After a conflict or a lost answer: the whole list, since a narrow lookup (a search) may be what missed it."""
        self.ctx.forget()
        return self.resource.find(self.read([item], complete=True), item)

    def _write(self, current, writes, secrets, item, change=None):
        """Send the writes route by route, in field order; ``change`` records what was written and what failed."""
        routes = {}
        for name in list(writes) + list(secrets):
            routes.setdefault(self._field(name).route, {})[name] = writes.get(name, item.get(name))
        for route in sorted(routes, key=self._route_order):
            if change is not None:
                change.failing = sorted(routes[route])
            written = self.resource.write(self.ctx, current, route, routes[route], item)
            if change is not None:
                (change.postponed if written is False else change.done).extend(routes[route])
                change.failing = []

    def _route_order(self, route):
        order = [field.route for field in self.fields]
        return order.index(route)

    def _field(self, name):
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)

    # -- running -------------------------------------------------------------------------------

    def converge(self, items, state):
        """Plan, apply unless in check mode, and describe the result."""
        changes = self.plan(items, state)
        if not self.check_mode:
            self.apply(changes)
            for change in changes:
                if change.action != DELETE:
                    change.after = self.resource.refresh(self.ctx, change.after)
        before, after = {}, {}
        for change in changes:
            if change.current is not None:
                before[change.key] = public(self.fields, change.current)
            if change.action != DELETE:
                after[change.key] = shown(self.fields, change.after, change.secrets)
        return Outcome(changes, self._results(state, changes), before, after)

    def _results(self, state, changes):
        """The canonical object of every item after the run (None for absent ones)."""
        by_item = dict((id(change.item), change) for change in changes if change.item is not None)
        results = []
        for item, current in self.matches:
            change = by_item.get(id(item))
            if state == "absent":
                results.append(None)
            elif change is not None:
                results.append(public(self.fields, change.after))
            else:
                results.append(public(self.fields, current) if current is not None else None)
        return results

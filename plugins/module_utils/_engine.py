# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource engine: lookup -> compare -> create / update / delete -> result, for every module.

One plan decides ``changed`` before any write, and the same plan runs in check mode, where it
predicts the result and the diff without a single write request. A singular module is the same
engine with a list of one.

A resource is a ``_resource.Resource``: its fields plus the API calls (see ``_cloudron_users.py``).
Creations are started in list order and finished at the end, so slow ones (app installs) run side by
side on the server while the module waits for all of them.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils._http import ApiError, TransportError
from ansible_collections.selfhosted.platforms.plugins.module_utils._resource import ResourceError, public, shown
from ansible_collections.selfhosted.platforms.plugins.module_utils._wait import WaitError

CREATE = "create"
UPDATE = "update"
DELETE = "delete"


class PartialFailure(Exception):
    """A write failed after others succeeded: carries what was applied so the result can say so."""

    def __init__(self, applied, change, error):
        super().__init__("%s %s failed: %s" % (change.action, change.key, error))
        self.applied = applied
        self.change = change
        self.error = error


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
        self.adopted = False

    def fields(self):
        if self.action == DELETE:
            return []
        return sorted(set(self.writes) | set(self.secrets))

    def report(self):
        return {"action": self.action, "key": self.key, "fields": self.fields()}


class Outcome:
    """What a run produced: the changes applied (or predicted), results per item and a diff."""

    def __init__(self, changes, results, before, after):
        self.changes = changes
        self.results = results
        self.before = before
        self.after = after

    @property
    def changed(self):
        return bool(self.changes)


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

    def validate(self, items):
        """Validate the whole list before reading or writing anything."""
        errors, seen = [], {}
        for index, item in enumerate(items):
            errors.extend(self.resource.validate(item))
            key = self.resource.key(item)
            if key in seen:
                errors.append("%s %r is listed twice (items %d and %d, compared after normalisation)"
                              % (self.resource.name, key, seen[key] + 1, index + 1))
            seen.setdefault(key, index)
        if errors:
            raise ResourceError("; ".join(errors))

    def plan(self, items, state):
        """Return the list of changes for ``state`` (present, absent, replaced or overridden)."""
        self.validate(items)
        self.replace = state == "replaced"
        current_all = self.resource.read(self.ctx, items, complete=(state == "overridden" or len(items) != 1))
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
        if changes:
            self.ctx.client.require_supported()
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
            if field.read_only or field.secret or field.transient or field.name not in item:
                continue
            have = current.get(field.name)
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
        predicted["id"] = None
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
        except (ApiError, TransportError, ResourceError, WaitError) as exc:
            raise PartialFailure(applied, change, exc)
        return applied

    def _update_or_delete(self, change):
        if change.action == UPDATE:
            self._write(change.current, change.writes, change.secrets, change.item)
            return
        try:
            self.resource.delete(self.ctx, change.current)
        except ApiError as exc:
            if exc.status != 404:  # already gone: the goal is reached
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
        change.created, change.adopted = found, True

    def _finish_create(self, change):
        item = change.item
        if change.adopted:
            self._write(change.created, self._differences(change.created, item), self._secrets(item), item)
        else:
            self.resource.after_create(self.ctx, change.created, item)
            # Fields the create request cannot carry are written through their routes afterwards.
            baseline = self._predict_created(dict((f.name, item[f.name]) for f in self.fields if f.create and f.name in item))
            baseline["id"] = change.created["id"]
            later = dict((name, value) for name, value in self._differences(baseline, item).items()
                         if not self._field(name).create)
            self._write(baseline, later, (), item)
        change.after["id"] = change.created["id"]

    def _reread(self, item):
        self.ctx.invalidate()
        return self.resource.find(self.resource.read(self.ctx, [item], complete=False), item)

    def _write(self, current, writes, secrets, item):
        routes = {}
        for name in list(writes) + list(secrets):
            routes.setdefault(self._field(name).route, {})[name] = writes.get(name, item.get(name))
        for route in sorted(routes, key=self._route_order):
            self.resource.write(self.ctx, current, route, routes[route], item)

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

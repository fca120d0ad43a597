# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The engine's decisions on an in-memory resource: one plan, check mode, secrets, guards, races."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.context import Context
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import (
    ApiError, PartialFailure, ResourceError, TransportError,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import REDACTED, SET, Field, lower
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

FIELDS = (
    Field("id", read_only=True),
    Field("name", normalize=lower),
    Field("title", route="details", default=""),
    Field("level", route="level", default="low"),
    Field("tags", type="list", elements="str", normalize=lower, compare=SET, create=False, route="tags", default=[]),
    Field("nick", route="details", set_once=True),
    Field("secret", secret=True, route="secret"),
)


class Ctx(Context):
    def __init__(self):
        super().__init__()
        self.version_checks = 0
        self.invalidations = 0

    def before_write(self):
        self.version_checks += 1

    def forget(self):
        self.invalidations += 1


class Memory(Resource):
    """A resource stored in a dict; records every write and can be told to fail."""

    name = "thing"
    plural = "things"
    fields = FIELDS
    required_on_create = ("title",)

    def __init__(self, *things):
        self.store = dict((t["id"], dict(t)) for t in things)
        self.writes = []
        self.reads = 0
        self.fail_on = {}
        self.protect = set()
        self.blocked = set()

    def _maybe_fail(self, action):
        error = self.fail_on.pop(action, None)
        if error is not None:
            if callable(error):
                error()
            raise error

    @staticmethod
    def key(item):
        return item.get("name")

    @staticmethod
    def validate(item):
        return ["name %r is reserved" % item["name"]] if item.get("name") == "root" else []

    def read(self, ctx, items, complete):
        self.reads += 1
        return [dict(t) for t in self.store.values()]

    @staticmethod
    def find(current, item):
        return next((t for t in current if t["name"] == item["name"]), None)

    def create(self, ctx, item):
        self.writes.append(("create", item["name"]))
        self._maybe_fail("create")
        new_id = "id-%d" % (len(self.store) + 1)
        stored = dict((f.name, item.get(f.name, f.server_default(item))) for f in FIELDS if f.create and not f.secret)
        stored.update(id=new_id, tags=[])
        self.store[new_id] = stored
        return {"id": new_id}

    def write(self, ctx, current, route, values, item):
        self.writes.append((route, current["name"], tuple(sorted(values))))
        self._maybe_fail(route)
        if route != "secret":
            self.store[current["id"]].update(values)

    def delete(self, ctx, current):
        self.writes.append(("delete", current["name"]))
        self._maybe_fail("delete")
        self.store.pop(current["id"], None)

    def protected(self, ctx, current):
        return current["name"] in self.protect

    def check_deletions(self, ctx, deletions, force):
        blocked = [d["name"] for d in deletions if d["name"] in self.blocked]
        if blocked and not force:
            raise ResourceError("blocked: %s" % blocked)


def thing(id_, name, title="", level="low", tags=(), nick=None):
    return {"id": id_, "name": name, "title": title, "level": level, "tags": list(tags), "nick": nick}


def run(resource, params_list, state="present", check_mode=False, **kwargs):
    engine = Engine(resource, Ctx(), check_mode=check_mode, **kwargs)
    return engine.converge(engine.items(params_list, option="config"), state)


def test_no_change_when_everything_matches_after_normalisation():
    memory = Memory(thing("1", "alpha", "A", tags=["x", "y"]))
    outcome = run(memory, [{"name": " ALPHA ", "title": "A", "tags": ["Y", "x"]}])
    assert not outcome.changed
    assert memory.writes == []
    assert outcome.results[0]["tags"] == ["x", "y"]


def test_unset_options_are_not_managed():
    memory = Memory(thing("1", "alpha", "A", level="high"))
    assert not run(memory, [{"name": "alpha", "title": None, "level": None}]).changed


def test_update_writes_only_the_changed_routes_in_declaration_order():
    memory = Memory(thing("1", "alpha", "A"))
    outcome = run(memory, [{"name": "alpha", "title": "B", "tags": ["t"], "level": "high"}])
    assert [c.report() for c in outcome.changes] == [{"action": "update", "key": "alpha", "fields": ["level", "tags", "title"]}]
    assert memory.writes == [("details", "alpha", ("title",)), ("level", "alpha", ("level",)), ("tags", "alpha", ("tags",))]
    assert outcome.before["alpha"]["title"] == "A" and outcome.after["alpha"]["title"] == "B"


def test_check_mode_predicts_without_writing():
    memory = Memory(thing("1", "alpha", "A"))
    outcome = run(memory, [{"name": "alpha", "title": "B"}, {"name": "beta", "title": "new", "tags": ["b"]}], check_mode=True)
    assert memory.writes == []
    assert [c.action for c in outcome.changes] == ["update", "create"]
    assert outcome.results[1] == {"id": None, "name": "beta", "title": "new", "level": "low", "tags": ["b"], "nick": None}
    assert outcome.results[0]["title"] == "B"


def test_create_sends_create_fields_then_routes_for_the_rest():
    memory = Memory()
    outcome = run(memory, [{"name": "beta", "title": "new", "tags": ["b"]}])
    assert memory.writes == [("create", "beta"), ("tags", "beta", ("tags",))]
    assert outcome.results[0]["id"] == "id-1"
    assert memory.store["id-1"]["tags"] == ["b"]


def test_required_on_create_fails_before_writing():
    memory = Memory()
    with pytest.raises(ResourceError, match="creating it needs title"):
        run(memory, [{"name": "beta"}])
    assert memory.writes == []


def test_append_only_adds():
    memory = Memory(thing("1", "alpha", tags=["x"]))
    assert not run(memory, [{"name": "alpha", "tags": ["x"]}], append=True).changed
    outcome = run(memory, [{"name": "alpha", "tags": ["y"]}], append=True)
    assert outcome.results[0]["tags"] == ["x", "y"]


def test_secrets_on_create_only_by_default_and_redacted_in_diff():
    memory = Memory(thing("1", "alpha"))
    assert not run(memory, [{"name": "alpha", "secret": "hunter22"}]).changed
    outcome = run(memory, [{"name": "alpha", "secret": "hunter22"}], update_secrets="always")
    assert outcome.changed and memory.writes == [("secret", "alpha", ("secret",))]
    assert outcome.after["alpha"]["secret"] == REDACTED
    assert "secret" not in outcome.results[0]
    created = run(Memory(), [{"name": "beta", "title": "b", "secret": "hunter22"}])
    assert created.after["beta"]["secret"] == REDACTED
    assert "hunter22" not in repr(created.before) + repr(created.after) + repr(created.results)


def test_set_once_field_may_be_filled_but_never_changed():
    memory = Memory(thing("1", "alpha"))
    assert run(memory, [{"name": "alpha", "nick": "al"}]).changed
    with pytest.raises(ResourceError, match="nick cannot be changed from 'al' to 'bob'"):
        run(memory, [{"name": "alpha", "nick": "bob"}])


def test_whole_list_is_validated_first():
    memory = Memory()
    with pytest.raises(ResourceError) as info:
        run(memory, [{"name": "root", "title": "x"}, {"name": "Beta", "title": "x"}, {"name": "beta", "title": "y"}])
    assert "config[0] (root): name 'root' is reserved" in str(info.value)
    assert "config[2] (beta): thing 'beta' is listed twice (also config[1]" in str(info.value)
    assert memory.reads == 0 and memory.writes == []


def test_overridden_deletes_unlisted_but_never_protected():
    memory = Memory(thing("1", "keep"), thing("2", "owner"), thing("3", "stale"))
    memory.protect.add("owner")
    outcome = run(memory, [{"name": "keep"}], state="overridden")
    assert [c.report() for c in outcome.changes] == [{"action": "delete", "key": "stale", "fields": []}]
    assert sorted(t["name"] for t in memory.store.values()) == ["keep", "owner"]


def test_absent_twice_is_fine_and_a_vanished_object_is_not_an_error():
    memory = Memory(thing("1", "alpha"))
    memory.fail_on["delete"] = ApiError("DELETE", "u", 404, "No such thing", missing=True)
    assert run(memory, [{"name": "alpha"}], state="absent").changed
    assert not run(memory, [{"name": "ghost"}], state="absent").changed


def test_a_404_that_is_not_a_missing_object_fails_the_delete():
    memory = Memory(thing("1", "alpha"))
    memory.fail_on["delete"] = ApiError("DELETE", "u", 404, "No such route")
    with pytest.raises(PartialFailure) as info:
        run(memory, [{"name": "alpha"}], state="absent")
    assert info.value.error.status == 404


def test_deletion_guards_run_before_any_write():
    memory = Memory(thing("1", "alpha"), thing("2", "boxed"))
    memory.blocked.add("boxed")
    with pytest.raises(ResourceError, match="blocked"):
        run(memory, [{"name": "alpha"}, {"name": "boxed"}], state="absent")
    assert memory.writes == []
    assert run(memory, [{"name": "boxed"}], state="absent", force=True).changed


def test_partial_failure_reports_what_was_applied():
    memory = Memory(thing("1", "alpha"))
    memory.fail_on["create"] = ApiError("POST", "u", 400, "bad")
    with pytest.raises(PartialFailure) as info:
        run(memory, [{"name": "alpha", "title": "x"}, {"name": "beta", "title": "y"}])
    assert [c.key for c in info.value.applied] == ["alpha"]
    assert info.value.change.key == "beta"


def test_version_is_checked_only_when_something_changes():
    memory = Memory(thing("1", "alpha"))
    engine = Engine(memory, Ctx())
    engine.converge([{"name": "alpha"}], "present")
    assert engine.ctx.version_checks == 0
    engine.converge([{"name": "alpha", "title": "z"}], "present")
    assert engine.ctx.version_checks == 1


def test_a_conflict_after_a_lookup_miss_adopts_the_object_created_meanwhile():
    memory = Memory()

    def racing_create():
        memory.store["id-9"] = thing("id-9", "beta", "other")

    memory.fail_on["create"] = _raise_after(racing_create, ApiError("POST", "u", 409, "already exists"))
    outcome = run(memory, [{"name": "beta", "title": "mine"}])
    assert memory.writes == [("create", "beta"), ("details", "beta", ("title",))]
    assert outcome.results[0]["id"] == "id-9"
    assert memory.store["id-9"]["title"] == "mine"
    assert [change.report() for change in outcome.changes] == [{"action": "adopt", "key": "beta", "fields": ["title"]}]
    assert outcome.changed


def test_an_object_adopted_as_it_was_wanted_is_no_change_of_this_run():
    memory = Memory()

    def racing_create():
        memory.store["id-9"] = thing("id-9", "beta", "same")

    memory.fail_on["create"] = _raise_after(racing_create, ApiError("POST", "u", 409, "already exists"))
    outcome = run(memory, [{"name": "beta", "title": "same"}])
    assert [change.report() for change in outcome.changes] == [{"action": "adopt", "key": "beta", "fields": []}]
    assert not outcome.changed
    assert memory.writes == [("create", "beta")]


def test_after_a_conflict_the_whole_list_is_read_again_since_a_narrow_lookup_may_be_what_missed_the_object():
    class Narrow(Memory):
        """A lookup of one item that misses what exists (like a search that ignores emails)."""

        def read(self, ctx, items, complete):
            return super().read(ctx, items, complete) if complete else []

    memory = Narrow(thing("id-9", "beta", "other"))
    memory.fail_on["create"] = ApiError("POST", "u", 409, "already exists")
    outcome = run(memory, [{"name": "beta", "title": "mine"}])
    assert memory.writes == [("create", "beta"), ("details", "beta", ("title",))]
    assert outcome.results[0]["id"] == "id-9"


def test_a_conflict_with_nothing_to_adopt_is_an_error():
    memory = Memory()
    memory.fail_on["create"] = ApiError("POST", "u", 409, "email already exists")
    with pytest.raises(PartialFailure, match="email already exists"):
        run(memory, [{"name": "beta", "title": "x"}])


def test_a_dropped_post_that_created_the_object_is_not_repeated():
    memory = Memory()
    real_create = memory.create

    def create_then_drop(ctx, item):
        real_create(ctx, item)
        raise TransportError("POST", "u", "connection reset", maybe_applied=True)

    memory.create = create_then_drop
    outcome = run(memory, [{"name": "beta", "title": "x", "tags": ["t"]}])
    assert [w for w in memory.writes if w[0] == "create"] == [("create", "beta")]
    assert len(memory.store) == 1 and memory.store["id-1"]["tags"] == ["t"]
    assert outcome.results[0]["id"] == "id-1"
    # our own request made it: a creation of this run, not another run's object
    assert outcome.changed and outcome.changes[0].report()["action"] == "create"


def test_a_dropped_post_that_created_nothing_is_sent_once_more():
    memory = Memory()
    memory.fail_on["create"] = TransportError("POST", "u", "connection reset", maybe_applied=True)
    run(memory, [{"name": "beta", "title": "x"}])
    assert [w for w in memory.writes if w[0] == "create"] == [("create", "beta"), ("create", "beta")]
    assert len(memory.store) == 1


def _raise_after(action, error):
    def run_then_raise():
        action()
        raise error
    return run_then_raise


def test_creations_start_in_order_and_finish_last():
    memory = Memory(thing("1", "alpha"))
    finished = []
    memory.after_create = lambda ctx, created, item: finished.append((item["name"], len(memory.writes)))
    run(memory, [{"name": "beta", "title": "b", "tags": ["x"]}, {"name": "alpha", "title": "new"},
                 {"name": "gamma", "title": "g"}])
    assert memory.writes[:3] == [("create", "beta"), ("details", "alpha", ("title",)), ("create", "gamma")]
    # both creations were started before the first one was finished (waited on)
    assert finished == [("beta", 3), ("gamma", 4)]
    assert memory.writes[3] == ("tags", "beta", ("tags",))


def test_replaced_resets_unlisted_fields_to_their_defaults():
    memory = Memory(thing("1", "alpha", "A", level="high", tags=["x"], nick="al"))
    outcome = run(memory, [{"name": "alpha", "title": "A"}], state="replaced")
    assert outcome.changes[0].report()["fields"] == ["level", "tags"]
    assert memory.store["1"]["level"] == "low" and memory.store["1"]["tags"] == []
    assert memory.store["1"]["nick"] == "al"  # set-once fields are never reset
    assert not run(memory, [{"name": "alpha", "title": "A"}], state="replaced").changed


def test_a_failure_while_finishing_a_creation_reports_it_as_applied():
    memory = Memory()
    memory.fail_on["tags"] = ApiError("POST", "u", 500, "Internal error")
    with pytest.raises(PartialFailure) as info:
        run(memory, [{"name": "beta", "title": "b", "tags": ["x"]}])
    assert [c.key for c in info.value.applied] == ["beta"]
    assert "Internal error" in str(info.value)


def test_routes_the_resource_leaves_for_a_later_run_are_reported_postponed_and_not_as_written():
    class Deferring(Memory):
        """Leaves the tags for later (returns False), like an app whose task was only started."""

        def write(self, ctx, current, route, values, item):
            if route == "tags":
                return False
            return super().write(ctx, current, route, values, item)

    memory = Deferring(thing("1", "alpha", "A"))
    outcome = run(memory, [{"name": "alpha", "title": "B", "tags": ["t"]}, {"name": "beta", "title": "b", "tags": ["u"]}])
    assert [c.report() for c in outcome.changes] == [
        {"action": "update", "key": "alpha", "fields": ["title"], "postponed": ["tags"]},
        {"action": "create", "key": "beta", "fields": ["name", "title"], "postponed": ["tags"]}]
    assert memory.writes == [("details", "alpha", ("title",)), ("create", "beta")]

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The module runner: result shapes, check mode and diff, input errors, failure reports, retries and warnings."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.common import runner as _runner
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.context import Context
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ConfigError, TaskFailed
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import REDACTED, SET, Field, lower
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource, Singleton
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import ModuleRun, Platform

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_module import FakeModule, ModuleExit, ModuleFail

BASE = "https://my.example.com/api/v1"
PLAIN_HTTP = "api_url %s is plain http: the credential is sent unencrypted; use https:// unless the network is trusted"

FIELDS = (
    Field("id", read_only=True),
    Field("name", normalize=lower),
    Field("title", route="details", default=""),
    Field("level", route="level", default="low", pattern="low|high"),
    Field("tags", type="list", elements="str", normalize=lower, compare=SET, create=False, route="tags", default=[]),
    Field("password", secret=True, route="password"),
)


# -- a platform and its context -----------------------------------------------------------------------


class FakeContext(Context):
    def __init__(self, http, check_mode=False, warn=None, progress=None):
        super().__init__(http, check_mode=check_mode, warn=warn, progress=progress)
        self.announced_writes = 0

    def before_write(self):
        self.announced_writes += 1


class FakePlatform(Platform):
    """Connects an ``HttpClient`` to a fake server; records every check and connection."""

    name = "fake"
    credentials = ("api_token",)
    connection_argspec = {"api_url": {"type": "str"}, "api_token": {"type": "str", "no_log": True}}

    def __init__(self, server=None, refuse=None, refuse_connection=None):
        self.server = server if server is not None else FakeServer(BASE)
        self.refuse = refuse
        self.refuse_connection = refuse_connection
        self.checks = []
        self.connections = []
        self.sleeps = []
        self.contexts = []

    def check(self, params, require_credentials):
        self.checks.append(require_credentials)
        if self.refuse:
            raise ConfigError(self.refuse)

    def connect(self, params, check_mode, warn, progress):
        self.connections.append(check_mode)
        if self.refuse_connection:
            raise ConfigError(self.refuse_connection)
        http = HttpClient(params["api_url"], auth=BearerAuth(params.get("api_token") or ""), sleep=self.sleeps.append, rand=lambda: 0.5)
        mount(http, self.server)
        ctx = FakeContext(http, check_mode=check_mode, warn=warn, progress=progress)
        self.contexts.append(ctx)
        return ctx


# -- resources ---------------------------------------------------------------------------------------


class Memory(Resource):
    """Things kept in a dict; every write is logged and any step can be told to fail once."""

    name = "thing"
    plural = "things"
    fields = FIELDS
    required_on_create = ("title",)

    def __init__(self, *things):
        self.store = dict((t["id"], dict(t)) for t in things)
        self.writes = []
        self.passwords = {}
        self.reads = 0
        self.fail_on = {}
        self.protect = set()

    def _step(self, step):
        error = self.fail_on.pop(step, None)
        if error is not None:
            raise error

    @staticmethod
    def key(item):
        return item.get("name")

    @staticmethod
    def validate(item):
        return ["name %r is reserved" % item["name"]] if item.get("name") == "root" else []

    def read(self, ctx, items, complete):
        self.reads += 1
        self._step("read")
        return [dict(t) for t in self.store.values()]

    @staticmethod
    def find(current, item):
        return next((t for t in current if t["name"] == item["name"]), None)

    def create(self, ctx, item):
        self.writes.append(("create", item["name"]))
        self._step("create")
        new_id = "id-%d" % (len(self.store) + 1)
        self.store[new_id] = {"id": new_id, "name": item["name"], "title": item.get("title", ""), "level": item.get("level", "low"), "tags": []}
        if "password" in item:
            self.passwords[item["name"]] = item["password"]
        return {"id": new_id}

    def after_create(self, ctx, created, item):
        self._step("after_create")

    def write(self, ctx, current, route, values, item):
        self.writes.append((route, current["name"], tuple(sorted(values))))
        self._step(route)
        if route == "password":
            self.passwords[current["name"]] = values["password"]
        else:
            self.store[current["id"]].update(values)

    def delete(self, ctx, current):
        self.writes.append(("delete", current["name"]))
        self._step("delete")
        self.store.pop(current["id"], None)

    def protected(self, ctx, current):
        return current["name"] in self.protect


class Settings(Singleton):
    """The one settings object of a server."""

    name = "settings"
    plural = "settings"
    fields = (Field("title", route="details", default=""), Field("level", route="level", default="low"))

    def __init__(self, **values):
        self.store = {"title": "", "level": "low"}
        self.store.update(values)
        self.writes = []
        self.fail_on = {}

    def read(self, ctx, items, complete):
        error = self.fail_on.pop("read", None)
        if error is not None:
            raise error
        return [dict(self.store)]

    def write(self, ctx, current, route, values, item):
        self.writes.append((route, tuple(sorted(values))))
        error = self.fail_on.pop(route, None)
        if error is not None:
            raise error
        self.store.update(values)


def _answer(response):
    if response.status >= 400:
        raise response.error(response.json.get("message", "") if response.is_json else response.summary(), missing=response.status == 404)
    return response.json


class Remote(Resource):
    """Things on the fake server: GET /things, POST /things, PUT /things/<id>/<route>, DELETE /things/<id>."""

    name = "thing"
    plural = "things"
    fields = FIELDS
    required_on_create = ("title",)

    @staticmethod
    def key(item):
        return item.get("name")

    def read(self, ctx, items, complete):
        names = [field.name for field in self.fields if not field.secret]
        return [dict((name, obj.get(name)) for name in names) for obj in _answer(ctx.http.request("GET", "/things"))["things"]]

    @staticmethod
    def find(current, item):
        return next((t for t in current if t["name"] == item["name"]), None)

    def create(self, ctx, item):
        return _answer(ctx.http.request("POST", "/things", body=item))

    def write(self, ctx, current, route, values, item):
        _answer(ctx.http.request("PUT", "/things/%s/%s" % (current["id"], route), body=values))

    def delete(self, ctx, current):
        _answer(ctx.http.request("DELETE", "/things/%s" % current["id"]))


# -- helpers -----------------------------------------------------------------------------------------


def thing(id_, name, title="", level="low", tags=()):
    """A stored thing, which is also how results show it (declaration order, no secrets)."""
    return {"id": id_, "name": name, "title": title, "level": level, "tags": list(tags)}


def params(**values):
    """Module parameters as AnsibleModule would hand them over: every option present, unset ones None."""
    result = {
        "api_url": BASE, "api_token": "t0ken",
        "name": None, "title": None, "level": None, "tags": None, "password": None,
        "state": "present", "config": None, "allow_empty": False, "passwords": None, "update_password": "on_create",
        "append": False, "force": False, "wait_timeout": 60,
    }
    result.update(values)
    return result


def start(platform=None, check_mode=False, diff=False, limits=None, require_credentials=True, **values):
    module = FakeModule(params(**values), check_mode=check_mode, diff=diff)
    return ModuleRun(platform if platform is not None else FakePlatform(), module, require_credentials=require_credentials, limits=limits)


def start_list(platform=None, state="merged", **values):
    """A run of a list module (``config`` and the network resource states)."""
    return start(platform, state=state, **values)


def exited(call, *args, **kwargs):
    with pytest.raises(ModuleExit) as info:
        call(*args, **kwargs)
    return info.value.result


def failed(call, *args, **kwargs):
    with pytest.raises(ModuleFail) as info:
        call(*args, **kwargs)
    return info.value.result


# -- singular ----------------------------------------------------------------------------------------


def test_singular_create_returns_changed_and_the_object_under_the_resource_name():
    memory = Memory()
    result = exited(start(name=" Beta ", title="B").singular, memory)
    assert result == {"changed": True, "thing": thing("id-1", "beta", "B")}
    assert list(result["thing"]) == ["id", "name", "title", "level", "tags"]
    assert memory.writes == [("create", "beta")]


def test_singular_without_a_difference_is_unchanged_and_writes_nothing():
    memory = Memory(thing("1", "alpha", "A", tags=["x"]))
    result = exited(start(name="ALPHA", title="A", tags=["X"]).singular, memory)
    assert result == {"changed": False, "thing": thing("1", "alpha", "A", tags=["x"])}
    assert memory.writes == []


def test_singular_diff_has_before_and_after_only_when_diff_is_asked_for():
    with_diff = exited(start(diff=True, name="alpha", title="B").singular, Memory(thing("1", "alpha", "A")))
    without_diff = exited(start(diff=False, name="alpha", title="B").singular, Memory(thing("1", "alpha", "A")))
    assert with_diff["diff"] == {"before": thing("1", "alpha", "A"), "after": thing("1", "alpha", "B")}
    assert sorted(without_diff) == ["changed", "thing"]


def test_singular_diff_of_a_creation_has_an_empty_before():
    result = exited(start(diff=True, name="beta", title="B").singular, Memory())
    assert result["diff"] == {"before": {}, "after": thing("id-1", "beta", "B")}


def test_singular_check_mode_predicts_the_result_and_writes_nothing():
    memory = Memory(thing("1", "alpha", "A"))
    updated = exited(start(check_mode=True, diff=True, name="alpha", title="B").singular, memory)
    created = exited(start(check_mode=True, name="beta", title="new", tags=["T"]).singular, memory)
    assert updated == {"changed": True, "thing": thing("1", "alpha", "B"),
                       "diff": {"before": thing("1", "alpha", "A"), "after": thing("1", "alpha", "B")}}
    assert created == {"changed": True, "thing": thing(None, "beta", "new", tags=["t"])}
    assert memory.writes == []
    assert memory.store == {"1": thing("1", "alpha", "A")}


def test_singular_check_mode_connects_with_check_mode_set():
    platform = FakePlatform()
    run = start(platform, check_mode=True, name="alpha", title="B")
    exited(run.singular, Memory(thing("1", "alpha", "A")))
    assert platform.connections == [True]
    assert run.check_mode is True
    assert platform.contexts[0].check_mode is True


def test_singular_absent_deletes_and_returns_none():
    memory = Memory(thing("1", "alpha"))
    result = exited(start(state="absent", name="alpha").singular, memory)
    assert result == {"changed": True, "thing": None}
    assert memory.writes == [("delete", "alpha")]


def test_singular_state_and_extra_values_given_by_the_module_win_over_params():
    memory = Memory()
    result = exited(start(state="absent", name="beta", title="B").singular, memory, state="present", extra={"level": "high"})
    assert result["thing"] == thing("id-1", "beta", "B", "high")
    assert memory.store["id-1"]["level"] == "high"


def test_singular_finish_gets_the_context_and_the_result_before_exit():
    seen = []

    def finish(ctx, result):
        seen.append(ctx.check_mode)
        result["restarted"] = result["changed"]

    result = exited(start(name="alpha", title="B").singular, Memory(thing("1", "alpha", "A")), finish=finish)
    assert seen == [False]
    assert result["restarted"] is True


def test_singular_secret_is_written_on_update_only_with_the_always_policy():
    memory = Memory(thing("1", "alpha"))
    kept = exited(start(name="alpha", password="hunter22").singular, memory, secrets_option="update_password")
    assert kept == {"changed": False, "thing": thing("1", "alpha")}
    assert memory.writes == []
    result = exited(start(diff=True, name="alpha", password="hunter22", update_password="always").singular, memory,
                    secrets_option="update_password")
    assert result["changed"] is True
    assert result["diff"]["after"]["password"] == REDACTED
    assert "hunter22" not in repr(result)
    assert memory.writes == [("password", "alpha", ("password",))]
    assert memory.passwords == {"alpha": "hunter22"}


def test_singular_changed_fields_lists_changed_options_in_declaration_order():
    memory = Memory(thing("1", "alpha", "A"))
    changed = exited(start(name="alpha", level="high", title="B").singular, memory, changed_fields="changed_options")
    unchanged = exited(start(name="alpha", level="high", title="B").singular, memory, changed_fields="changed_options")
    assert changed["changed_options"] == ["title", "level"]
    assert unchanged["changed_options"] == []


def test_singular_invalid_option_fails_naming_it_and_writes_nothing():
    memory = Memory(thing("1", "alpha"))
    result = failed(start(name="alpha", level="medium").singular, memory)
    assert result == {"msg": "level: 'medium' does not match low|high"}
    assert memory.writes == []


# -- plural ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("config", [None, []], ids=["none", "empty"])
def test_deleted_with_an_empty_config_refuses_to_delete_everything(config):
    platform = FakePlatform()
    memory = Memory(thing("1", "alpha"))
    result = failed(start(platform, state="deleted", config=config).plural, memory)
    assert result == {"msg": "state=deleted needs a non-empty config listing what to delete; it never deletes everything"}
    assert memory.writes == []
    assert platform.connections == []


@pytest.mark.parametrize("config", [None, []], ids=["none", "empty"])
def test_overridden_with_an_empty_config_needs_allow_empty(config):
    memory = Memory(thing("1", "alpha"))
    result = failed(start(state="overridden", config=config).plural, memory)
    assert result == {"msg": "state=overridden with an empty config would delete every thing that is not protected; "
                             "set allow_empty=true if that is really wanted"}
    assert memory.writes == []


def test_overridden_with_allow_empty_deletes_everything_not_protected():
    memory = Memory(thing("1", "alpha"), thing("2", "owner"))
    memory.protect.add("owner")
    result = exited(start(state="overridden", config=[], allow_empty=True).plural, memory)
    assert result == {"changed": True, "changes": [{"action": "delete", "key": "alpha", "fields": []}], "things": []}
    assert list(memory.store) == ["2"]


def test_gathered_returns_sorted_canonical_objects_and_changes_nothing():
    platform = FakePlatform()
    zeta = dict(thing("1", "Zeta", "Z", tags=["B", "a"]), internal="not an option")
    memory = Memory(zeta, thing("2", "alpha", "A"))
    result = exited(start(platform, state="gathered", config=[{"name": "ignored", "title": "x"}]).plural, memory)
    assert result == {"changed": False, "gathered": [thing("2", "alpha", "A"), thing("1", "zeta", "Z", tags=["b", "a"])]}
    assert memory.writes == []
    assert platform.contexts[0].announced_writes == 0


def test_gathered_view_shapes_each_gathered_object():
    memory = Memory(thing("1", "beta", "B"), thing("2", "alpha", "A"))
    result = exited(start(state="gathered").plural, memory, gathered_view=lambda item: {"name": item["name"], "title": "(masked)"})
    assert result["gathered"] == [{"name": "alpha", "title": "(masked)"}, {"name": "beta", "title": "(masked)"}]


def test_plural_merged_reports_each_change_and_every_listed_object():
    memory = Memory(thing("1", "alpha", "A"), thing("2", "same", "S"))
    config = [{"name": "alpha", "title": "B"}, {"name": "same", "title": "S"}, {"name": "beta", "title": "new", "tags": ["t"]}]
    result = exited(start_list(config=config).plural, memory)
    assert result == {
        "changed": True,
        "changes": [{"action": "update", "key": "alpha", "fields": ["title"]},
                    {"action": "create", "key": "beta", "fields": ["name", "tags", "title"]}],
        "things": [thing("1", "alpha", "B"), thing("2", "same", "S"), thing("id-3", "beta", "new", tags=["t"])],
    }


def test_plural_without_differences_is_unchanged():
    memory = Memory(thing("1", "alpha", "A"))
    result = exited(start_list(config=[{"name": "Alpha", "title": "A"}]).plural, memory)
    assert result == {"changed": False, "changes": [], "things": [thing("1", "alpha", "A")]}
    assert memory.writes == []


def test_plural_diff_is_keyed_by_identity_only_when_diff_is_asked_for():
    config = [{"name": "alpha", "title": "B"}, {"name": "beta", "title": "new"}]
    result = exited(start_list(diff=True, config=config).plural, Memory(thing("1", "alpha", "A")))
    plain = exited(start_list(config=config).plural, Memory(thing("1", "alpha", "A")))
    assert result["diff"] == {"before": {"alpha": thing("1", "alpha", "A")},
                              "after": {"alpha": thing("1", "alpha", "B"), "beta": thing("id-2", "beta", "new")}}
    assert "diff" not in plain


def test_plural_check_mode_reports_the_plan_and_writes_nothing():
    memory = Memory(thing("1", "alpha", "A"), thing("2", "stale"))
    result = exited(start(check_mode=True, state="overridden", config=[{"name": "alpha", "title": "B"}]).plural, memory)
    assert result["changes"] == [{"action": "update", "key": "alpha", "fields": ["title"]}, {"action": "delete", "key": "stale", "fields": []}]
    assert result["things"] == [thing("1", "alpha", "B")]
    assert memory.writes == []
    assert memory.store == {"1": thing("1", "alpha", "A"), "2": thing("2", "stale")}


def test_plural_deleted_removes_only_the_listed_objects_that_exist():
    memory = Memory(thing("1", "alpha"), thing("2", "beta"))
    result = exited(start(state="deleted", config=[{"name": "alpha"}, {"name": "ghost"}]).plural, memory)
    assert result == {"changed": True, "changes": [{"action": "delete", "key": "alpha", "fields": []}], "things": []}
    assert list(memory.store) == ["2"]


def test_plural_check_mode_over_http_sends_only_reads():
    server = FakeServer(BASE).on("GET", "/things", (200, {"things": [thing("1", "alpha", "A")]}))
    result = exited(start_list(FakePlatform(server), check_mode=True, config=[{"name": "alpha", "title": "B"}]).plural, Remote())
    assert result["changes"] == [{"action": "update", "key": "alpha", "fields": ["title"]}]
    assert [entry[:2] for entry in server.log] == [("GET", "/api/v1/things")]


def test_plural_over_http_writes_each_changed_route():
    server = FakeServer(BASE).on("GET", "/things", (200, {"things": [thing("1", "alpha", "A")]})).on("PUT", "/things/1/details", (200, {}))
    result = exited(start_list(FakePlatform(server), config=[{"name": "alpha", "title": "B"}]).plural, Remote())
    assert result == {"changed": True, "changes": [{"action": "update", "key": "alpha", "fields": ["title"]}],
                      "things": [thing("1", "alpha", "B")]}
    assert [(entry[0], entry[1], entry[3]) for entry in server.writes()] == [("PUT", "/api/v1/things/1/details", {"title": "B"})]
    assert server.log[0][2]["Authorization"] == "Bearer t0ken"


def test_secrets_beside_config_are_matched_by_identity():
    memory = Memory(thing("1", "alpha"))
    config = [{"name": "alpha"}, {"name": "beta", "title": "B"}]
    result = exited(start_list(config=config, passwords={" Beta ": "pw-beta", "ALPHA": "pw-alpha"}, update_password="always").plural,
                    memory, secrets_option="update_password", secrets=("passwords", "password"))
    assert result["changes"] == [{"action": "update", "key": "alpha", "fields": ["password"]},
                                 {"action": "create", "key": "beta", "fields": ["name", "password", "title"]}]
    assert memory.passwords == {"alpha": "pw-alpha", "beta": "pw-beta"}
    assert "pw-" not in repr(result)


def test_a_secret_for_an_unknown_item_is_an_error_naming_passwords_and_config():
    memory = Memory(thing("1", "alpha"))
    result = failed(start_list(config=[{"name": "alpha"}], passwords={"ghost": "pw"}).plural, memory,
                    secrets_option="update_password", secrets=("passwords", "password"))
    assert result == {"msg": "passwords: no item of config is named 'ghost'", "changes": []}
    assert memory.writes == []
    assert memory.passwords == {}


def test_parse_and_validation_errors_name_each_entry_and_nothing_is_read_or_written():
    memory = Memory(thing("1", "alpha", "A"))
    config = [{"name": "alpha", "title": "B"}, {"name": "Beta", "level": "medium"}, {"name": "root", "title": "R"}]
    result = failed(start_list(config=config).plural, memory)
    assert result == {"msg": "config[1] (Beta): level: 'medium' does not match low|high; config[2] (root): name 'root' is reserved",
                      "changes": []}
    assert memory.reads == 0
    assert memory.writes == []


def test_an_entry_listed_twice_is_an_error():
    memory = Memory()
    result = failed(start_list(config=[{"name": "beta", "title": "x"}, {"name": "BETA", "title": "y"}]).plural, memory)
    assert result["msg"] == "config[1] (beta): thing 'beta' is listed twice (also config[0]; compared after normalisation)"
    assert memory.writes == []


# -- failures part-way ------------------------------------------------------------------------------


def test_partial_failure_reports_what_was_applied_and_names_the_failing_change():
    memory = Memory(thing("1", "alpha", "A"))
    memory.fail_on["create"] = ApiError("POST", BASE + "/things", 400, "name taken")
    result = failed(start_list(config=[{"name": "alpha", "title": "B"}, {"name": "beta", "title": "x"}]).plural, memory)
    assert result == {
        "msg": "thing 'beta': create failed (options: name, title): POST %s/things returned 400: name taken" % BASE,
        "changed": True,
        "changes": [{"action": "update", "key": "alpha", "fields": ["title"]}],
        "error": {"method": "POST", "url": BASE + "/things", "status": 400, "message": "name taken", "body": None},
    }


def test_a_failure_between_routes_reports_the_written_options_and_names_only_the_failing_ones():
    memory = Memory(thing("1", "alpha", "A"))
    memory.fail_on["level"] = ApiError("PUT", BASE + "/things/1/level", 500, "boom")
    result = failed(start_list(config=[{"name": "alpha", "title": "B", "level": "high"}]).plural, memory)
    assert result["msg"] == "thing 'alpha': update failed (options: level): PUT %s/things/1/level returned 500: boom" % BASE
    assert result["changed"] is True
    assert result["changes"] == [{"action": "update", "key": "alpha", "fields": ["title"]}]
    assert memory.store["1"]["title"] == "B"


def test_a_failure_before_any_write_is_unchanged():
    memory = Memory(thing("1", "alpha", "A"))
    memory.fail_on["details"] = ApiError("PUT", BASE + "/things/1/details", 500, "boom")
    result = failed(start_list(config=[{"name": "alpha", "title": "B"}]).plural, memory)
    assert result["msg"] == "thing 'alpha': update failed (options: title): PUT %s/things/1/details returned 500: boom" % BASE
    assert result["changed"] is False
    assert result["changes"] == []


def test_a_failed_delete_names_the_change_without_options():
    memory = Memory(thing("1", "alpha"))
    memory.fail_on["delete"] = ApiError("DELETE", BASE + "/things/1", 500, "locked")
    result = failed(start(state="deleted", config=[{"name": "alpha"}]).plural, memory)
    assert result["msg"] == "thing 'alpha': delete failed: DELETE %s/things/1 returned 500: locked" % BASE
    assert result["changes"] == []


def test_singleton_failure_is_prefixed_with_the_failing_options_only():
    settings = Settings()
    settings.fail_on["level"] = ApiError("PUT", BASE + "/settings/level", 500, "boom")
    result = failed(start(title="T", level="high").singular, settings, changed_fields="changed_settings")
    assert result == {
        "msg": "level: PUT %s/settings/level returned 500: boom" % BASE,
        "changed": True,
        "changes": [{"action": "update", "key": "settings", "fields": ["title"]}],
        "changed_settings": ["title"],
        "error": {"method": "PUT", "url": BASE + "/settings/level", "status": 500, "message": "boom", "body": None},
    }
    assert settings.store == {"title": "T", "level": "low"}


def test_singleton_success_lists_the_changed_settings():
    settings = Settings(title="old")
    result = exited(start(title="new", level="high").singular, settings, changed_fields="changed_settings")
    assert result == {"changed": True, "settings": {"title": "new", "level": "high"}, "changed_settings": ["title", "level"]}
    assert settings.writes == [("details", ("title",)), ("level", ("level",))]


def test_changed_fields_is_empty_when_the_run_fails_before_writing():
    settings = Settings()
    settings.fail_on["read"] = ApiError("GET", BASE + "/settings", 503, "maintenance", body={"message": "maintenance"})
    result = failed(start(title="T").singular, settings, changed_fields="changed_settings")
    assert result == {
        "msg": "GET %s/settings returned 503: maintenance" % BASE,
        "changed_settings": [],
        "error": {"method": "GET", "url": BASE + "/settings", "status": 503, "message": "maintenance", "body": {"message": "maintenance"}},
    }


# -- API and wait errors ----------------------------------------------------------------------------


def test_an_api_error_from_the_server_carries_the_error_details():
    server = FakeServer(BASE).on("GET", "/things", (500, {"message": "database down"}))
    result = failed(start_list(FakePlatform(server), config=[{"name": "alpha"}]).plural, Remote())
    assert result == {
        "msg": "GET %s/things returned 500: database down" % BASE,
        "changes": [],
        "error": {"method": "GET", "url": BASE + "/things", "status": 500, "message": "database down", "body": {"message": "database down"}},
    }


def test_a_wait_error_carries_the_task_details():
    memory = Memory()
    memory.fail_on["after_create"] = TaskFailed("task 7 failed: out of disk", task_id="7", last={"state": "error"}, logs=["disk full"])
    result = failed(start_list(config=[{"name": "beta", "title": "B"}]).plural, memory)
    assert result == {
        "msg": "thing 'beta': create failed (options: name, title): task 7 failed: out of disk",
        "changed": True,
        "changes": [{"action": "create", "key": "beta", "fields": ["name", "title"]}],
        "error": {"task_id": "7", "last_state": {"state": "error"}, "log_tail": ["disk full"]},
    }


def test_a_resource_error_carries_no_error_details():
    memory = Memory()
    result = failed(start_list(config=[{"name": "beta"}]).plural, memory)
    assert result == {"msg": "thing 'beta' does not exist; creating it needs title", "changes": []}


# -- retries -----------------------------------------------------------------------------------------


def test_http_retries_are_reported_when_the_client_retried():
    server = FakeServer(BASE).on("GET", "/things", (503, "busy"), (200, {"things": [thing("1", "alpha", "A")]}))
    platform = FakePlatform(server)
    run = start(platform, state="gathered")
    result = exited(run.plural, Remote())
    assert result == {"changed": False, "gathered": [thing("1", "alpha", "A")],
                      "http_retries": {"count": 1, "last_reason": "GET /things: 503", "waited": 0.4}}
    assert platform.sleeps == [0.375]
    assert run.module.warnings == []


def test_no_http_retries_key_without_retries():
    server = FakeServer(BASE).on("GET", "/things", (200, {"things": []}))
    result = exited(start(FakePlatform(server), state="gathered").plural, Remote())
    assert result == {"changed": False, "gathered": []}


def test_retries_that_add_more_than_five_seconds_warn():
    server = FakeServer(BASE).on("GET", "/things", (429, "slow down", {"Retry-After": "6"}), (200, {"things": []}))
    run = start(FakePlatform(server), state="gathered")
    result = exited(run.plural, Remote())
    assert result["http_retries"] == {"count": 1, "last_reason": "GET /things: 429", "waited": 6.0}
    assert run.module.warnings == ["requests were retried 1 times, adding 6.0s (last: GET /things: 429)"]


def test_retries_of_five_seconds_do_not_warn():
    server = FakeServer(BASE).on("GET", "/things", (429, "slow down", {"Retry-After": "5"}), (200, {"things": []}))
    run = start(FakePlatform(server), state="gathered")
    result = exited(run.plural, Remote())
    assert result["http_retries"] == {"count": 1, "last_reason": "GET /things: 429", "waited": 5.0}
    assert run.module.warnings == []


def test_execute_adds_what_on_failure_reports_to_a_failure_and_nothing_to_a_success():
    seen = []

    def on_failure(error):
        seen.append(error)
        return {"changed": True, "steps": ["first"]}

    def broken(ctx):
        raise TaskFailed("task 7 failed: out of disk", task_id=7)

    result = failed(start().execute, broken, on_failure=on_failure, changes=[])
    assert result == {"msg": "task 7 failed: out of disk", "changed": True, "steps": ["first"], "changes": [],
                      "error": {"task_id": 7, "last_state": None, "log_tail": []}}
    assert [str(error) for error in seen] == ["task 7 failed: out of disk"]
    assert exited(start().execute, lambda ctx: {"changed": False}, on_failure=on_failure) == {"changed": False}
    assert len(seen) == 1


def test_execute_hands_on_failure_the_error_an_unexpected_answer_became():
    seen = []
    result = failed(start().execute, lambda ctx: {}["missing"], on_failure=lambda error: seen.append(error) or {})
    assert result["msg"].startswith("unexpected answer from the server: KeyError: 'missing'")
    assert [type(error).__name__ for error in seen] == ["ServerDataError"]


def test_http_retries_are_reported_on_failure_too():
    server = FakeServer(BASE).on("GET", "/things", (503, "busy"), (500, {"message": "broken"}))
    run = start_list(FakePlatform(server), config=[{"name": "alpha"}])
    result = failed(run.plural, Remote())
    assert result["msg"] == "GET %s/things returned 500: broken" % BASE
    assert result["http_retries"] == {"count": 1, "last_reason": "GET /things: 503", "waited": 0.4}


# -- connection warnings and errors -----------------------------------------------------------------


def test_a_plain_http_url_with_a_credential_warns():
    run = start(api_url="http://cloud.example.com/api/v1")
    assert run.ctx.http.base_url == "http://cloud.example.com/api/v1"
    assert run.module.warnings == [PLAIN_HTTP % "http://cloud.example.com/api/v1"]


@pytest.mark.parametrize("url", ["http://127.0.0.1:3000/api/v1", "http://localhost/api/v1", "http://[::1]:8080", "https://cloud.example.com"],
                         ids=["ipv4-loopback", "localhost", "ipv6-loopback", "https"])
def test_loopback_or_https_urls_do_not_warn(url):
    run = start(api_url=url)
    assert run.ctx.http.base_url == url
    assert run.module.warnings == []


def test_a_plain_http_url_without_a_credential_does_not_warn():
    run = start(api_url="http://cloud.example.com/api/v1", api_token=None)
    assert run.ctx.http.base_url == "http://cloud.example.com/api/v1"
    assert run.module.warnings == []


def test_the_context_is_connected_once_on_first_use():
    platform = FakePlatform()
    run = start(platform)
    assert platform.connections == []
    first = run.ctx
    assert run.ctx is first
    assert platform.connections == [False]


def test_a_config_error_while_connecting_fails_on_first_use_of_the_context():
    platform = FakePlatform(refuse_connection="api_url 'ftp://x' is not an http(s) URL or host name")
    run = start(platform)
    assert failed(lambda: run.ctx) == {"msg": "api_url 'ftp://x' is not an http(s) URL or host name"}
    assert platform.connections == [False]


def test_a_config_error_while_connecting_fails_with_its_message():
    platform = FakePlatform(refuse_connection="api_url 'ftp://x' is not an http(s) URL or host name")
    memory = Memory()
    result = failed(start(platform, name="alpha", title="A").singular, memory)
    assert result == {"msg": "api_url 'ftp://x' is not an http(s) URL or host name"}
    assert memory.reads == 0


# -- unexpected server data --------------------------------------------------------------------------


def test_unexpected_server_data_names_the_last_request_and_keeps_the_traceback():
    server = FakeServer(BASE).on("GET", "/things", (200, {"items": []}))
    result = failed(start_list(FakePlatform(server), config=[{"name": "alpha", "title": "A"}]).plural, Remote())
    assert result["msg"] == "unexpected answer from the server to GET %s/things: KeyError: 'things'" % BASE
    assert result["exception"].startswith("Traceback (most recent call last):")
    assert result["exception"].rstrip().endswith("KeyError: 'things'")
    assert result["changes"] == []


@pytest.mark.parametrize("error", [KeyError("id"), TypeError("not subscriptable"), AttributeError("no get"), IndexError("out of range"),
                                   ValueError("bad date")], ids=lambda error: error.__class__.__name__)
def test_unexpected_data_before_any_request_names_no_request(error):
    memory = Memory()
    memory.fail_on["read"] = error
    result = failed(start(name="alpha", title="A").singular, memory, changed_fields="changed_options")
    assert result["msg"] == "unexpected answer from the server: %s: %s" % (error.__class__.__name__, error)
    assert sorted(result) == ["changed_options", "exception", "msg"]
    assert result["changed_options"] == []


def test_a_programming_error_is_not_reported_as_server_data():
    memory = Memory()
    memory.fail_on["read"] = RuntimeError("bug")
    with pytest.raises(RuntimeError, match="^bug$"):
        start(name="alpha", title="A").singular(memory)


# -- limits and platform checks ----------------------------------------------------------------------


def test_a_negative_wait_timeout_fails_before_any_check_or_connection():
    platform = FakePlatform()
    result = failed(start, platform, wait_timeout=-1)
    assert result == {"msg": "wait_timeout must be at least 0, not -1"}
    assert platform.checks == []
    assert platform.connections == []


def test_a_custom_limit_is_checked_beside_the_standard_ones():
    result = failed(start, limits={"retries": (1, 10)}, retries=11)
    both = failed(start, limits={"retries": (1, 10)}, retries=0, wait_timeout=-1)
    assert result == {"msg": "retries must be between 1 and 10, not 11"}
    assert both == {"msg": "retries must be between 1 and 10, not 0; wait_timeout must be at least 0, not -1"}


def test_a_custom_limit_may_replace_a_standard_one():
    result = failed(start, limits={"wait_timeout": (10, None)}, wait_timeout=5)
    assert result == {"msg": "wait_timeout must be at least 10, not 5"}


@pytest.mark.parametrize("value", [None, 1, 10, True, False], ids=["unset", "low", "high", "true", "false"])
def test_values_within_bounds_unset_or_boolean_pass(value):
    platform = FakePlatform()
    start(platform, limits={"retries": (1, 10)}, retries=value, wait_timeout=0)
    assert platform.checks == [True]


def test_a_limit_with_only_a_maximum_says_at_most():
    result = failed(start, limits={"retries": (None, 10)}, retries=11)
    assert result == {"msg": "retries must be at most 10, not 11"}


def test_a_config_error_from_the_platform_check_fails_with_its_message():
    platform = FakePlatform(refuse="api_token is required: set it or FAKE_TOKEN")
    result = failed(start, platform, api_token=None)
    assert result == {"msg": "api_token is required: set it or FAKE_TOKEN"}
    assert platform.connections == []


@pytest.mark.parametrize("required", [True, False])
def test_the_platform_check_is_told_whether_credentials_are_required(required):
    platform = FakePlatform()
    start(platform, require_credentials=required)
    assert platform.checks == [required]


def test_a_missing_requests_library_fails_before_anything_else(monkeypatch):
    monkeypatch.setattr(_runner, "HAS_REQUESTS", False)
    monkeypatch.setattr(_runner, "REQUESTS_IMPORT_ERROR", ImportError("No module named 'requests'"))
    platform = FakePlatform()
    result = failed(start, platform)
    assert result["msg"].startswith("Failed to import the required Python library (requests)")
    assert result["exception"] == "No module named 'requests'"
    assert platform.checks == []


def test_platform_module_adds_the_connection_options_and_supports_check_mode(monkeypatch):
    made = []

    def fake_ansible_module(argument_spec, **kwargs):
        made.append((argument_spec, kwargs))
        return FakeModule(params(wait_timeout=-1))

    monkeypatch.setattr(_runner, "AnsibleModule", fake_ansible_module)
    platform = FakePlatform()
    spec = {"name": {"type": "str"}, "api_url": {"type": "str", "required": True}}
    result = failed(platform.module, spec, require_credentials=False, limits={"retries": (1, 3)}, mutually_exclusive=[["a", "b"]])
    assert made == [({"api_url": {"type": "str", "required": True}, "api_token": {"type": "str", "no_log": True}, "name": {"type": "str"}},
                     {"supports_check_mode": True, "mutually_exclusive": [["a", "b"]]})]
    assert result == {"msg": "wait_timeout must be at least 0, not -1"}
    assert FakePlatform.connection_argspec == {"api_url": {"type": "str"}, "api_token": {"type": "str", "no_log": True}}


# -- info --------------------------------------------------------------------------------------------


def test_info_lists_sorted_public_objects():
    memory = Memory(thing("1", "beta", "B"), dict(thing("2", "Alpha", "A"), internal=1))
    result = exited(start().info, memory)
    assert result == {"changed": False, "things": [thing("2", "alpha", "A"), thing("1", "beta", "B")]}


def test_info_select_keeps_only_the_chosen_objects():
    memory = Memory(thing("1", "beta", level="high"), thing("2", "alpha"))
    result = exited(start().info, memory, select=lambda item: item["level"] == "high")
    assert result == {"changed": False, "things": [thing("1", "beta", level="high")]}


@pytest.mark.parametrize("name, expected", [("beta", ["beta"]), ("ghost", [])], ids=["found", "missing"])
def test_info_lookup_returns_one_object_or_none(name, expected):
    memory = Memory(thing("1", "beta"), thing("2", "alpha"))
    result = exited(start().info, memory, lookup={"name": name})
    assert [item["name"] for item in result["things"]] == expected


# -- report_unless_given -----------------------------------------------------------------------------


def test_report_unless_given_reads_the_whole_resource_and_writes_nothing():
    settings = Settings(title="T")
    result = exited(start(diff=True).report_unless_given, settings, "changed_settings", extra=lambda ctx: {"more": 1})
    assert result == {"changed": False, "changed_settings": [], "settings": {"title": "T", "level": "low"}, "more": 1}
    assert settings.writes == []


def test_report_unless_given_returns_when_an_option_is_given():
    assert start(level="high").report_unless_given(Settings(), "changed_settings") is None
    assert start(name="x").report_unless_given(Settings(), "changed_settings", options=["name"]) is None
    # only the options named count: a level given does not stop the report when the options are ["name"]
    assert exited(start(level="high").report_unless_given, Settings(), "changed_settings", options=["name"])["changed"] is False

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Settings: one read for any number of keys, typed comparison, writes only where a value differs."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.settings import Settings, is_secret, scoped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudillo.fake_cloudillo import env, make, paths

KEYS = ["ui.k%02d" % number for number in range(40)] + ["app.k%02d" % number for number in range(10)]


def stored(values):
    return env([{"key": key, "value": value, "scope": "Tenant", "permission": "User", "description": "d"}
                for key, value in values.items()], pagination={"offset": 0, "limit": 100, "total": len(values)})


def converge(ctx, config, state="present", resource=None):
    engine = Engine(resource or Settings(), ctx, ctx.check_mode)
    return engine.converge(engine.items(config, option="config"), state)


def test_fifty_keys_without_a_change_cost_one_read_per_namespace():
    ctx, server = make()
    values = dict((key, index) for index, key in enumerate(KEYS))
    # answers in the order of the reads: app, then ui
    server.on("GET", "/api/settings", stored(dict((key, value) for key, value in values.items() if key.startswith("app."))),
              stored(dict((key, value) for key, value in values.items() if key.startswith("ui."))))
    outcome = converge(ctx, [{"key": key, "value": index} for index, key in enumerate(KEYS)])
    assert not outcome.changed
    # one prefix per read, never a comma list
    assert paths(server) == ["GET /api/settings?level=tenant&prefix=app", "GET /api/settings?level=tenant&prefix=ui"]


def test_only_the_differing_keys_are_written():
    ctx, server = make()
    server.on("GET", "/api/settings", stored({"ui.a": "dark", "ui.b": 1}))
    server.on("PUT", "/api/settings/ui.b", env({"key": "ui.b", "value": 2}))
    server.on("PUT", "/api/settings/ui.c", env({"key": "ui.c", "value": True}))
    outcome = converge(ctx, [{"key": "ui.a", "value": "dark"}, {"key": "ui.b", "value": 2}, {"key": "ui.c", "value": True}])
    assert [(change.action, change.key) for change in outcome.changes] == [("update", "ui.b"), ("create", "ui.c")]
    assert paths(server)[1:] == ["PUT /api/settings/ui.b?level=tenant", "PUT /api/settings/ui.c?level=tenant"]
    assert [entry[3] for entry in server.writes()] == [{"value": 2}, {"value": True}]


@pytest.mark.parametrize("have,want", [(1, True), (True, 1), (5, "5"), ({"a": 1}, {"a": "1"})])
def test_values_compare_by_type(have, want):
    ctx, server = make(check_mode=True)
    server.on("GET", "/api/settings", stored({"ui.x": have}))
    outcome = converge(ctx, [{"key": "ui.x", "value": want}])
    assert outcome.changed
    assert server.writes() == []


def test_check_mode_writes_nothing_and_deleted_clears_only_what_is_stored():
    ctx, server = make(check_mode=True)
    server.on("GET", "/api/settings", stored({"ui.a": 1}))
    outcome = converge(ctx, [{"key": "ui.a"}, {"key": "ui.b"}], state="absent")
    assert [(change.action, change.key) for change in outcome.changes] == [("delete", "ui.a")]
    assert server.writes() == []
    ctx, server = make()
    server.on("GET", "/api/settings", stored({"ui.a": 1}))
    server.on("DELETE", "/api/settings/ui.a", (204, ""))
    converge(ctx, [{"key": "ui.a"}, {"key": "ui.b"}], state="absent")
    assert paths(server)[1:] == ["DELETE /api/settings/ui.a?level=tenant"]


def test_another_tenant_and_the_global_level_reach_the_query():
    ctx, server = make()
    server.on("GET", "/api/settings", stored({}))
    server.on("PUT", "/api/settings/auth.session_timeout", env({}))
    converge(ctx, [{"key": "auth.session_timeout", "value": 60}], resource=scoped({"level": "tenant", "tenant": "Bob.Example"}))
    assert paths(server) == ["GET /api/settings?level=tenant&tenant=bob.example&prefix=auth",
                             "PUT /api/settings/auth.session_timeout?level=tenant&tenant=bob.example"]
    with pytest.raises(ResourceError, match="tenant only goes with level=tenant"):
        scoped({"level": "global", "tenant": "bob.example"})


def test_bad_input_is_refused_before_any_request():
    ctx, server = make()
    with pytest.raises(ResourceError) as caught:
        converge(ctx, [{"key": "ui.a", "value": 1}, {"key": "bad key", "value": 1}, {"key": "ui.a", "value": 2}])
    assert "config[1] (bad key): key:" in str(caught.value)
    assert "config[2] (ui.a): setting 'ui.a' is listed twice" in str(caught.value)
    assert server.log == []


def test_a_new_setting_needs_a_value():
    ctx, server = make()
    server.on("GET", "/api/settings", stored({}))
    with pytest.raises(ResourceError, match="has no value stored at level tenant; storing one needs value"):
        converge(ctx, [{"key": "ui.a"}])
    with pytest.raises(ResourceError, match="storing one needs secret_value"):
        converge(ctx, [{"key": "email.smtp.password"}])
    assert server.writes() == []


@pytest.mark.parametrize("key,secret", [("email.smtp.password", True), ("app.mail.api_key", True), ("ui.apikey", True),
                                        ("auth.jwt_secret", True), ("app.x.tokens", True), ("email.smtp.host", False),
                                        ("ui.theme", False), ("password.length", False)])
def test_a_key_whose_last_segment_names_a_credential_is_secret(key, secret):
    assert is_secret(key) is secret


SECRET = "s3cr3t-smtp-pass"


def test_a_secret_value_is_refused_as_value_and_never_shown_or_compared():
    ctx, server = make()
    with pytest.raises(ResourceError, match=r"config\[0\] \(email.smtp.password\): value: its key names a credential"):
        converge(ctx, [{"key": "email.smtp.password", "value": SECRET}])
    with pytest.raises(ResourceError, match="secret_value: only for a key that names a credential"):
        converge(ctx, [{"key": "ui.theme", "secret_value": "x"}])
    assert server.log == []

    # stored already: on_create leaves it alone, whatever the server shows
    server.on("GET", "/api/settings", stored({"email.smtp.password": "something-else"}))
    outcome = converge(ctx, [{"key": "email.smtp.password", "secret_value": SECRET}])
    assert not outcome.changed and server.writes() == []
    assert outcome.results[0]["value"] == "********"
    assert "something-else" not in repr(outcome.results) + repr(outcome.before) + repr(outcome.after)


def test_a_secret_value_is_written_on_create_and_with_always_but_never_shown():
    ctx, server = make()
    server.on("GET", "/api/settings", stored({}))
    server.on("PUT", "/api/settings/email.smtp.password", env({"key": "email.smtp.password", "value": SECRET}))
    outcome = converge(ctx, [{"key": "email.smtp.password", "secret_value": SECRET}])
    assert [entry[3] for entry in server.writes()] == [{"value": SECRET}]
    shown = repr(outcome.results) + repr(outcome.after) + repr([change.report() for change in outcome.changes])
    assert SECRET not in shown and outcome.results[0]["value"] == "********"

    ctx, server = make()
    server.on("GET", "/api/settings", stored({"email.smtp.password": SECRET}))
    server.on("PUT", "/api/settings/email.smtp.password", env({"key": "email.smtp.password", "value": SECRET}))
    engine = Engine(Settings(), ctx, update_secrets="always")
    outcome = engine.converge(engine.items([{"key": "email.smtp.password", "secret_value": SECRET}]), "present")
    assert outcome.changed and [entry[3] for entry in server.writes()] == [{"value": SECRET}]
    assert SECRET not in repr(outcome.results) + repr(outcome.before) + repr(outcome.after)

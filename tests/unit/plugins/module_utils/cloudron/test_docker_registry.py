# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The container registry: the whole configuration written every time, the password write-only and kept when the
server shows it, a provider switch carrying nothing over, and configurations that cannot work refused before writing."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.docker_registry import DockerRegistry
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import REDACTED
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

MASK = u"\u25cf" * 8
QUAY = {"provider": "quay", "serverAddress": "quay.io", "username": "bot", "email": "Bot@Example.com", "password": MASK}


def make(stored, check_mode=False, update_secrets="on_create"):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/docker/registry_config", (200, stored))
    server.on("POST", "/docker/registry_config", (200, {}))
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode)
    return Engine(DockerRegistry(), ctx, check_mode=check_mode, update_secrets=update_secrets), server


def converge(engine, params):
    return engine.converge(engine.items([params]), "present")


def bodies(server):
    return [entry[3] for entry in server.writes()]


def test_the_same_settings_and_a_password_write_nothing_on_create_policy():
    engine, server = make(QUAY)
    outcome = converge(engine, {"provider": "Quay", "email": "bot@example.com", "password": "new"})
    assert not outcome.changed and server.writes() == []
    assert outcome.results == [{"provider": "quay", "server_address": "quay.io", "username": "bot", "email": "bot@example.com"}]


def test_a_change_sends_what_the_server_showed_with_the_given_over_it():
    engine, server = make(QUAY)
    outcome = converge(engine, {"username": "robot"})
    assert outcome.results == [{"provider": "quay", "server_address": "quay.io", "username": "robot", "email": "bot@example.com"}]
    assert bodies(server) == [dict(QUAY, username="robot")]


def test_a_password_given_goes_out_with_a_change_and_always_rotates_it():
    engine, server = make(QUAY)
    converge(engine, {"username": "robot", "password": "s3cret"})
    assert bodies(server) == [dict(QUAY, username="robot", password="s3cret")]
    engine, server = make(QUAY, update_secrets="always")
    outcome = converge(engine, {"password": "rotated"})
    assert outcome.changed and bodies(server) == [dict(QUAY, password="rotated")]
    assert outcome.after["docker_registry"]["password"] == "********"


def test_a_provider_switch_sends_only_the_given_settings():
    engine, server = make(QUAY)
    outcome = converge(engine, {"provider": "dockerhub", "server_address": "docker.io"})
    assert bodies(server) == [{"provider": "dockerhub", "serverAddress": "docker.io"}]
    assert outcome.results == [{"provider": "dockerhub", "server_address": "docker.io", "username": None, "email": None}]


def test_noop_turns_it_off_with_nothing_else():
    engine, server = make(QUAY)
    converge(engine, {"provider": "noop"})
    assert bodies(server) == [{"provider": "noop"}]


@pytest.mark.parametrize("stored,params,message", [
    (QUAY, {"provider": "dockerhub", "server_address": "docker.io", "username": "bot"},
     "password is required to switch the provider from quay to dockerhub"),
    (dict((k, v) for k, v in QUAY.items() if k != "password"), {"username": "robot"},
     "password is required to change the registry: the server does not show the stored password"),
    ({"provider": "noop"}, {"provider": "quay", "username": "bot", "password": "x"}, "server_address is required with provider quay"),
])
def test_a_configuration_that_cannot_work_is_refused_before_writing_in_check_mode_too(stored, params, message):
    for check_mode in (True, False):
        engine, server = make(stored, check_mode=check_mode)
        with pytest.raises(ResourceError) as error:
            converge(engine, params)
        assert message in str(error.value)
        assert server.writes() == []


def test_noop_with_other_settings_is_refused_without_a_request():
    engine, server = make(QUAY)
    with pytest.raises(ResourceError) as error:
        engine.items([{"provider": "noop", "username": "bot", "password": "x"}])
    assert "provider noop turns the registry off; username, password cannot be given with it" in str(error.value)
    assert server.log == []


def test_a_password_given_is_named_with_the_change_and_masked_in_the_diff():
    engine, server = make(QUAY, check_mode=True)
    outcome = converge(engine, {"username": "robot", "password": "s3cret"})
    assert [change.fields() for change in outcome.changes] == [["password", "username"]]
    assert list(outcome.after.values())[0]["password"] == REDACTED
    assert server.writes() == []

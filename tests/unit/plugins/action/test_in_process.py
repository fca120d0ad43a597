# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""When a module runs in the worker, and when the usual way."""

from __future__ import annotations

from unittest.mock import MagicMock

import pytest

from ansible_collections.selfhosted.platforms.plugins.plugin_utils.in_process import SWITCH, InProcessAction


def action(transport="local", become=False, async_val=0):
    task = MagicMock(async_val=async_val, action="selfhosted.platforms.cloudron_user", resolved_action="selfhosted.platforms.cloudron_user")
    connection = MagicMock(transport=transport)
    play_context = MagicMock(become=become)
    templar = MagicMock()
    templar.template.side_effect = lambda value: value
    return InProcessAction(task, connection, play_context, MagicMock(), templar, MagicMock())


def test_a_local_connection_runs_in_process():
    assert action()._remote_reason({}) is None
    assert action()._remote_reason({SWITCH: True}) is None


@pytest.mark.parametrize("plugin,task_vars,reason", [
    (action(transport="ssh"), {}, "the connection is ssh, not local"),
    (action(become=True), {}, "become is set"),
    (action(async_val=30), {}, "the task is async"),
    (action(), {SWITCH: False}, "%s is false" % SWITCH),
    (action(), {SWITCH: "no"}, "%s is false" % SWITCH),
], ids=["ssh", "become", "async", "switch-off", "switch-no"])
def test_anything_else_runs_the_usual_way_and_says_why(plugin, task_vars, reason):
    assert plugin._remote_reason(task_vars) == reason


def test_the_module_is_named_by_its_resolved_action():
    assert action()._module_name() == "cloudron_user"

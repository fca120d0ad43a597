# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every module has its in-process action plugin, and nothing else lives in plugins/action."""

from __future__ import annotations

import importlib
import os

import pytest

from ansible_collections.selfhosted.platforms.plugins.plugin_utils.in_process import InProcessAction

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def names(folder):
    return sorted(name[:-3] for name in os.listdir(os.path.join(ROOT, "plugins", folder))
                  if name.endswith(".py") and name != "__init__.py")


def test_the_action_plugins_are_exactly_the_modules():
    assert names("action") == names("modules")


@pytest.mark.parametrize("name", names("modules"))
def test_each_action_plugin_runs_its_module_in_process(name):
    plugin = importlib.import_module("ansible_collections.selfhosted.platforms.plugins.action.%s" % name)
    assert issubclass(plugin.ActionModule, InProcessAction)
    assert name in plugin.ActionModule.__doc__

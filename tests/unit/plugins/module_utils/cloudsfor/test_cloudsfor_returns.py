# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The VM a module returns is documented three times (ansible-doc reads each module's own RETURN): the three
descriptions of its keys must stay one and the same, and match what the view returns."""

from __future__ import annotations

import importlib

import yaml

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.view import VIEW_KEYS

MODULES = {"cloudsfor_vm": "vm", "cloudsfor_vm_action": "vm", "cloudsfor_vm_info": "vms"}


def documented(module, key):
    found = importlib.import_module("ansible_collections.selfhosted.platforms.plugins.modules.%s" % module)
    return yaml.safe_load(found.RETURN)[key]["contains"]


def test_the_three_vm_descriptions_are_identical():
    trees = dict((module, documented(module, key)) for module, key in MODULES.items())
    assert trees["cloudsfor_vm_action"] == trees["cloudsfor_vm"]
    assert trees["cloudsfor_vm_info"] == trees["cloudsfor_vm"]


def test_every_key_of_the_view_is_documented_in_its_order():
    assert tuple(documented("cloudsfor_vm", "vm")) == VIEW_KEYS

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The rule of the neutral core: nothing under module_utils/common imports a platform package,
and every resource a platform declares provides what the engine needs."""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import pkgutil

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", ".."))
UTILS = os.path.join(ROOT, "plugins", "module_utils")
PREFIX = "ansible_collections.selfhosted.platforms.plugins.module_utils."
PLATFORMS = sorted(name for name in os.listdir(UTILS) if os.path.isdir(os.path.join(UTILS, name))
                   and name not in ("common", "__pycache__"))


def imports(path):
    """Every module name a file imports."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            for alias in node.names:
                yield "%s.%s" % (node.module, alias.name)


def common_files():
    folder = os.path.join(UTILS, "common")
    return sorted(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".py"))


def test_there_is_a_platform_to_keep_apart():
    assert "cloudron" in PLATFORMS


@pytest.mark.parametrize("path", common_files(), ids=os.path.basename)
def test_the_common_package_imports_no_platform(path):
    for name in imports(path):
        if name.startswith(PREFIX):
            package = name[len(PREFIX):].split(".")[0]
            assert package == "common", "%s imports %s" % (os.path.basename(path), name)


def platform_modules():
    for platform in PLATFORMS:
        package = importlib.import_module(PREFIX + platform)
        for info in pkgutil.iter_modules(package.__path__):
            yield importlib.import_module("%s%s.%s" % (PREFIX, platform, info.name))


def resource_classes():
    found = {}
    for module in platform_modules():
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Resource) and value.__module__ == module.__name__:
                found[value.__module__ + "." + value.__name__] = value
    return [found[name] for name in sorted(found)]


@pytest.mark.parametrize("resource", resource_classes(), ids=lambda cls: cls.__name__)
def test_every_resource_implements_what_the_engine_calls(resource):
    assert not inspect.isabstract(resource), "%s lacks %s" % (resource.__name__, sorted(resource.__abstractmethods__))
    assert resource.name and resource.plural and resource.fields
    names = [field.name for field in resource.fields]
    assert len(names) == len(set(names)), "duplicate field names in %s" % resource.__name__


def test_a_resource_that_forgets_a_method_cannot_be_made():
    class Forgetful(Resource):
        name, plural = "thing", "things"

        def key(self, item):
            return item["name"]

    with pytest.raises(TypeError, match="abstract"):
        Forgetful()  # pylint: disable=abstract-class-instantiated

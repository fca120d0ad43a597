# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What README.md says about check mode and diff mode is what each module's ``attributes`` say."""

from __future__ import annotations

import ast
import importlib
import os
import re

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULES = os.path.join(ROOT, 'plugins', 'modules')
READ_ONLY_SUFFIXES = ('_info', '_validate')


def _readme():
    with open(os.path.join(ROOT, 'README.md'), encoding='utf-8') as handle:
        return ' '.join(handle.read().split())


def _fragment_attributes(reference):
    """The attributes a doc fragment such as ``selfhosted.platforms.cloudron.attributes`` adds."""
    parts = reference.split('.')[2:]
    module = importlib.import_module('ansible_collections.selfhosted.platforms.plugins.doc_fragments.' + parts[0])
    text = getattr(module.ModuleDocFragment, (parts[1] if len(parts) > 1 else 'documentation').upper())
    return yaml.safe_load(text).get('attributes') or {}


def _attributes():
    """{module: {attribute: support}} from each module's DOCUMENTATION and its doc fragments (its own win, as in
    ansible-doc)."""
    found = {}
    for name in sorted(os.listdir(MODULES)):
        if not name.endswith('.py'):
            continue
        with open(os.path.join(MODULES, name), encoding='utf-8') as handle:
            tree = ast.parse(handle.read())
        documentation = yaml.safe_load(next(node.value.value for node in tree.body if isinstance(node, ast.Assign)
                                            and any(getattr(target, 'id', None) == 'DOCUMENTATION' for target in node.targets)))
        attributes = {}
        for reference in documentation.get('extends_documentation_fragment') or []:
            attributes.update(_fragment_attributes(reference))
        attributes.update(documentation.get('attributes') or {})
        found[name[:-3]] = {key: (value or {}).get('support') for key, value in attributes.items()}
    return found


def _named(pattern, text):
    """The module names in backticks inside the first group of ``pattern``."""
    match = re.search(pattern, text)
    assert match, 'README.md no longer says %r' % pattern
    return set(re.findall(r'`([a-z_]+)`', match.group(1)))


def test_every_module_supports_check_mode():
    assert 'Every module supports check mode' in _readme()
    partial = sorted(name for name, attributes in _attributes().items() if attributes.get('check_mode') != 'full')
    assert not partial, 'README.md says every module supports check mode; these do not fully: %s' % partial


def test_diff_mode_is_what_readme_says():
    text = _readme()
    actions = _named(r'the modules that run an action \(([^)]*)\) return what they did instead of a diff', text)
    partial = _named(r'instead of a diff; (`[a-z_]+`) has a diff only when', text)
    attributes = _attributes()
    assert actions | partial <= set(attributes), 'README.md names modules that do not exist: %s' % sorted(actions | partial - set(attributes))
    for name, supports in attributes.items():
        if name.endswith(READ_ONLY_SUFFIXES) or name in actions:
            wanted = 'none'
        elif name in partial:
            wanted = 'partial'
        else:
            wanted = 'full'
        assert supports.get('diff_mode') == wanted, '%s: README.md says diff mode %s, its attributes say %s' % (
            name, wanted, supports.get('diff_mode'))

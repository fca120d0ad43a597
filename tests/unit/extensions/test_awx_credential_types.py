# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The AWX credential types in extensions/awx/credential_types inject exactly the environment variables the modules read."""

from __future__ import annotations

import copy
import os
import re

import pytest
import yaml

from ansible.module_utils.basic import env_fallback

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.platform import CLOUDSFOR
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.platform import INSTALLATRON

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
TYPES_DIR = os.path.join(ROOT, 'extensions', 'awx', 'credential_types')
PLATFORMS = {platform.name: platform for platform in (CLOUDRON, INSTALLATRON, CLOUDILLO, CLOUDSFOR)}
FIELD_REFERENCE = re.compile(r'^\{\{\s*(\w+)\s*\}\}$')


def env_options(platform):
    """{option: [environment variables it falls back to]} of a platform's connection options."""
    found = {}
    for option, spec in platform.connection_argspec.items():
        fallback = spec.get('fallback')
        if fallback and fallback[0] is env_fallback:
            found[option] = list(fallback[1])
    return found


def load(name):
    with open(os.path.join(TYPES_DIR, name + '.yml'), encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def problems(platform, definition):
    """What is wrong with a credential type for ``platform``; empty when nothing is."""
    found = []
    options = env_options(platform)
    option_of = {variable: option for option, variables in options.items() for variable in variables}
    fields = {field['id']: field for field in definition.get('inputs', {}).get('fields', [])}
    if definition.get('kind') != 'cloud':
        found.append('kind is %r, not cloud' % definition.get('kind'))
    if set(definition.get('injectors', {})) != {'env'}:
        found.append('injectors other than env: %s' % sorted(set(definition.get('injectors', {})) - {'env'}))
    injected = definition.get('injectors', {}).get('env', {})
    for variable, template in sorted(injected.items()):
        if variable not in option_of:
            found.append('%s is not an environment variable the %s modules read' % (variable, platform.name))
            continue
        match = FIELD_REFERENCE.match(str(template))
        if not match or match.group(1) not in fields:
            found.append('%s is set from %r, not from one input field' % (variable, template))
            continue
        field = fields[match.group(1)]
        no_log = platform.connection_argspec[option_of[variable]].get('no_log', False)
        if no_log and field.get('secret') is not True:
            found.append('field %s carries %s (no_log option %s) but is not marked secret' % (field['id'], variable, option_of[variable]))
    for option, variables in sorted(options.items()):
        if not set(variables) & set(injected):
            found.append('option %s (%s) is not injected' % (option, ' or '.join(variables)))
    for field_id, field in sorted(fields.items()):
        spec = platform.connection_argspec.get(field_id, {})
        if spec.get('no_log') and field.get('secret') is not True:
            found.append('field %s is a secret option but is not marked secret' % field_id)
    return found


def test_one_credential_type_per_platform():
    names = sorted(name[:-len('.yml')] for name in os.listdir(TYPES_DIR) if name.endswith('.yml'))
    assert names == sorted(PLATFORMS)


@pytest.mark.parametrize('name', sorted(PLATFORMS))
def test_credential_type_matches_platform(name):
    definition = load(name)
    assert problems(PLATFORMS[name], definition) == []
    assert definition['name'] and definition['description']
    required = set(definition['inputs'].get('required', []))
    assert required <= {field['id'] for field in definition['inputs']['fields']}
    # every field a module needs and the modules do not default is required, so AWX refuses an incomplete credential
    for field in definition['inputs']['fields']:
        if field.get('secret'):
            assert field['id'] in required or name == 'cloudillo', field['id']


@pytest.mark.parametrize('name', sorted(PLATFORMS))
def test_check_fails_on_wrong_definitions(name):
    platform = PLATFORMS[name]
    good = load(name)
    secret_field = next(field for field in good['inputs']['fields'] if field.get('secret'))

    unknown = copy.deepcopy(good)
    unknown['injectors']['env']['%s_UNKNOWN' % name.upper()] = '{{ %s }}' % secret_field['id']
    assert any('not an environment variable' in problem for problem in problems(platform, unknown))

    missing = copy.deepcopy(good)
    variable = next(var for var, template in good['injectors']['env'].items() if secret_field['id'] in template)
    del missing['injectors']['env'][variable]
    assert any('is not injected' in problem for problem in problems(platform, missing))

    not_secret = copy.deepcopy(good)
    next(field for field in not_secret['inputs']['fields'] if field['id'] == secret_field['id'])['secret'] = False
    assert any('not marked secret' in problem for problem in problems(platform, not_secret))


def test_cloudsfor_url_keeps_the_module_default():
    """An empty injected CLOUDSFOR_API_URL would replace the modules' default URL: the field has it as its default."""
    field = next(field for field in load('cloudsfor')['inputs']['fields'] if field['id'] == 'api_url')
    assert field['default'] == CLOUDSFOR.connection_argspec['api_url']['default']

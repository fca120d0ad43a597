# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a run against a real Cloudron server needs (tools/test.py --stage real): its settings, a run prefix, the config.

The token is read from the environment and written only into the collection copy's integration_config.yml;
nothing here prints it.
"""

from __future__ import annotations

import json
import os
import secrets

URL_VAR = 'CLOUDRON_TEST_API_URL'
TOKEN_VAR = 'CLOUDRON_TEST_TOKEN'
DOMAIN_VAR = 'CLOUDRON_TEST_DOMAIN'
API_SUFFIX = '/api/v1'

# Run afterwards as well as in each target's `always:`, for a target stopped before its own cleanup ran.
CLEANUP_PLAYBOOK = """---
- name: Remove what the test run created on the real server
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Remove the run's apps, users and groups
      ansible.builtin.include_role:
        name: cloudron_sim
        tasks_from: real_cleanup
"""


class Settings:
    """The server to test against; repr() leaves the token out."""

    def __init__(self, url, token, domain):
        self.url = url
        self.token = token
        self.domain = domain

    def __repr__(self):
        return 'Settings(url=%r, domain=%r)' % (self.url, self.domain)


def normalize_url(value):
    """A bare host means HTTPS; the base URL is kept without a trailing slash or /api/v1, as sim_url is."""
    url = value.strip().rstrip('/')
    if '://' not in url:
        url = 'https://' + url
    if url.endswith(API_SUFFIX):
        url = url[:-len(API_SUFFIX)]
    return url


def from_environ(environ=None):
    """Read the settings; raise ValueError naming the variables that are missing."""
    environ = os.environ if environ is None else environ
    missing = [name for name in (URL_VAR, TOKEN_VAR) if not environ.get(name, '').strip()]
    if missing:
        raise ValueError('set %s to test against a real Cloudron server (an owner or admin token with read and write '
                         'access; see docs/docsite/rst/testing.rst)' % ' and '.join(missing))
    return Settings(normalize_url(environ[URL_VAR]), environ[TOKEN_VAR].strip(), environ.get(DOMAIN_VAR, '').strip().lower())


def run_prefix():
    """A prefix valid in usernames, group names and subdomains, unique enough per run: anstest-<6 hex>-."""
    return 'anstest-%s-' % secrets.token_hex(3)


def integration_config(settings, prefix):
    """The content of tests/integration/integration_config.yml for a real server (values JSON-quoted, valid YAML)."""
    values = [('sim_url', settings.url), ('sim_token', settings.token), ('cloudron_real', True),
              ('cloudron_run_prefix', prefix), ('cloudron_test_domain', settings.domain)]
    lines = ['---', '# Written by tools/test.py --stage real for this run only; it holds the API token.']
    lines += ['%s: %s' % (key, json.dumps(value)) for key, value in values]
    return '\n'.join(lines) + '\n'

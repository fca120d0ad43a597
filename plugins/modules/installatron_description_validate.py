#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: installatron_description_validate
short_description: Check a whole Installatron Server description before anything is applied
version_added: 0.1.0
description:
  - Checks the description the P(selfhosted.platforms.installatron_bootstrap#role) role takes, and its secrets, as a
    whole; every entry against the options of the module that applies it (unknown options, wrong types), every value as
    that module would parse it (user names, URLs, choices, duplicates after normalisation), and every reference (the
    customer of an install or a plugin, the install of a plugin, the keys of the secrets) against the description itself
    and, where the description does not settle it, the server.
  - Fails with every problem at once, each naming its entry as C(users[17] (dennis)) or
    C(installs[3] (https://example.com/blog)), so that neither a real run nor C(--check) gets half-way through a broken
    description.
  - Secrets that still hold the placeholder C(REPLACE-WITH-SECRET) the export writes are problems too.
  - With O(check_server), it first reads the customer list, so a wrong key or URL fails here.
  - Reads the server only for that and for references the description does not settle; writes nothing, and runs the
    same in check mode.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.installatron
  - selfhosted.platforms.installatron.info_attributes
options:
  description:
    description:
      - The server description, as the C(installatron_bootstrap_description) variable of the role, with C(users),
        C(installs) and C(plugins).
    type: dict
    required: true
  secrets:
    description:
      - The secrets beside it, as the C(installatron_bootstrap_secrets) variable of the role, with C(website_passwords)
        (customer, then website path) and C(install_passwords) (install URL). Only their keys are checked; their values
        are never shown.
    type: dict
  check_server:
    description:
      - Read the server. First the customer list, then, when the description does not settle a reference, what it
        names. With V(false) nothing is read and every reference must be in the description.
    type: bool
    default: true
seealso:
  - module: selfhosted.platforms.installatron_description_info
"""

EXAMPLES = r"""
- name: Check the description before applying it
  selfhosted.platforms.installatron_description_validate:
    api_url: https://server.example.com
    api_key: "{{ installatron_api_key }}"
    description: "{{ installatron_bootstrap_description }}"
    secrets: "{{ installatron_bootstrap_secrets }}"
"""

RETURN = r"""
counts:
  description: How many customers, installs and plugins the description holds.
  returned: success
  type: dict
  contains:
    users:
      description: The number of C(users) entries.
      type: int
      sample: 12
    installs:
      description: The number of C(installs) entries.
      type: int
      sample: 20
    plugins:
      description: The number of C(plugins) entries.
      type: int
      sample: 31
  sample: {users: 12, installs: 20, plugins: 31}
problems:
  description: Every problem found, each naming its entry; the module fails when there is one.
  returned: always
  type: list
  elements: str
  sample: ["plugins[4] (https://example.com/blog akismet): url: 'https://example.com/blog' is not in the description or on the server"]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import VALIDATE_OPTIONS, validate
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.layout import LAYOUT
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.platform import INSTALLATRON


def main():
    run = INSTALLATRON.module(VALIDATE_OPTIONS, require_credentials=False)
    run.execute(validate(run, LAYOUT))


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_app_password_info
short_description: List the app passwords of the Cloudron token's own user
version_added: 0.1.0
description:
  - Read the app passwords of the user that O(api_token) belongs to, in the same form
    M(selfhosted.platforms.cloudron_app_password) takes and returns. No password is ever returned; the server shows it
    only once, when it is created.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  name:
    description: Only the app passwords with exactly this name (surrounding spaces ignored); names need not be unique.
    type: str
notes:
  - Any role may read its own app passwords; a read-only token is enough.
seealso:
  - module: selfhosted.platforms.cloudron_app_password
"""

EXAMPLES = r"""
- name: List the app passwords
  selfhosted.platforms.cloudron_app_password_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
  register: result

- name: Show those that open mail
  ansible.builtin.debug:
    msg: "{{ result.app_passwords | selectattr('mail') | map(attribute='name') | list }}"
"""

RETURN = r"""
app_passwords:
  description:
    - The matching app passwords, sorted by name, each in the form of
      RV(selfhosted.platforms.cloudron_app_password#module:app_password).
    - Empty when nothing matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The app password's id.
      type: str
      sample: uid-1bf6f7a0-c909-41f5-96a1-68183a6edd8b
    name:
      description: The name.
      type: str
      sample: laptop sync
    app:
      description: The FQDN of the app it opens; V(null) for mail. An app the token's user does not see is shown by its id.
      type: str
      sample: cloud.example.com
    mail:
      description: Whether it opens mail.
      type: bool
      sample: false
    creation_time:
      description: When it was created, as the server says.
      type: str
      sample: "2026-11-30T10:15:00.000Z"
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_passwords import AppPasswords
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON


def main():
    run = CLOUDRON.module({"name": {"type": "str"}})
    name = AppPasswords.identity(run.params["name"])
    run.info(AppPasswords(), select=lambda password: name is None or password["name"] == name)


if __name__ == "__main__":
    main()

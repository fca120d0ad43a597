#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: installatron_user_info
short_description: List Installatron Server users and their websites
version_added: 0.1.0
description:
  - Read users (customers) from an Installatron Server in the same form M(selfhosted.platforms.installatron_user) takes
    and returns, websites included.
  - With O(id), one user is read; otherwise every user, with one more request per user whose websites the list leaves out.
  - Passwords are never shown; website paths are returned without passwords.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.installatron
  - selfhosted.platforms.installatron.info_attributes
options:
  id:
    description: Only the user with this username (case-insensitive).
    type: str
  type:
    description: Only users of this type.
    type: str
    choices: [user, reseller]
  parent:
    description: Only the users of this reseller.
    type: str
seealso:
  - module: selfhosted.platforms.installatron_user
  - module: selfhosted.platforms.installatron_users
"""

EXAMPLES = r"""
- name: Look up one customer
  selfhosted.platforms.installatron_user_info:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    id: alice
  register: result

- name: List the resellers
  selfhosted.platforms.installatron_user_info:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    type: reseller
  register: resellers
"""

RETURN = r"""
users:
  description:
    - The matching users, sorted by username, each in the form of RV(selfhosted.platforms.installatron_user#module:user).
    - Empty when nothing matches.
  returned: always
  type: list
  elements: dict
  sample: [{id: alice, email: alice@example.com, type: user, parent: null, package: null, language: en, suspended: false,
            websites: [{path: /home/alice, vhosts: {"https://alice.example.com": public_html}, uid: 1001, gid: 1001}]}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import lower, wanted
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.platform import INSTALLATRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.users import Users


def main():
    run = INSTALLATRON.module({
        "id": {"type": "str"},
        "type": {"type": "str", "choices": ["user", "reseller"]},
        "parent": {"type": "str"},
    })
    params = run.params
    lookup = None
    if params["id"]:
        try:
            # naming the websites makes the lookup read the user's own record, which carries them
            lookup = wanted(Users.fields, {"id": params["id"], "websites": []})
        except ResourceError as exc:
            run.fail(exc)

    def select(user):
        return ((params["type"] is None or user["type"] == params["type"])
                and (params["parent"] is None or lower(user["parent"]) == lower(params["parent"])))

    run.info(Users(), select=select, lookup=lookup)


if __name__ == "__main__":
    main()

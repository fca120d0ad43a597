#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_user_info
short_description: List Cloudron users
version_added: 0.1.0
description:
  - Read users from a Cloudron server in the same form M(selfhosted.platforms.cloudron_user) takes and returns.
  - With O(username) or O(email) one exact user is looked up (the server's own search is a substring filter,
    so the module filters exactly); otherwise every user is read with large pages.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  username:
    description: Only the user with exactly this username (case-insensitive).
    type: str
  email:
    description: Only the user with exactly this email (case-insensitive).
    type: str
  role:
    description: Only users with this role.
    type: str
    choices: [owner, admin, usermanager, mailmanager, user]
  active:
    description: Only active (V(true)) or inactive (V(false)) users.
    type: bool
seealso:
  - module: selfhosted.platforms.cloudron_user
  - module: selfhosted.platforms.cloudron_users
"""

EXAMPLES = r"""
- name: Look up one user
  selfhosted.platforms.cloudron_user_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    username: dewey
  register: result

- name: List every admin
  selfhosted.platforms.cloudron_user_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    role: admin
  register: admins
"""

RETURN = r"""
users:
  description:
    - The matching users, sorted by username, each in the form of RV(selfhosted.platforms.cloudron_user#module:user).
    - Empty when nothing matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The user's id (C(uid-...)).
      type: str
      sample: uid-1c5677ff-ac41-4f8b-82b9-8f840e223a34
    username:
      description: The username; V(null) for an invited user who has not chosen one.
      type: str
      sample: alice
    email:
      description: The primary email, lower-case.
      type: str
      sample: alice@example.com
    display_name:
      description: The full name.
      type: str
      sample: Alice Example
    fallback_email:
      description: The password recovery email.
      type: str
      sample: alice@example.com
    role:
      description: The role, V(owner), V(admin), V(usermanager), V(mailmanager) or V(user).
      type: str
      sample: admin
    active:
      description: Whether the user may log in.
      type: bool
      sample: true
    groups:
      description: Names of the user's groups, sorted.
      type: list
      elements: str
      sample: [staff]
    source:
      description: Empty for local users; the directory name (for example C(ldap)) for users from an external directory.
      type: str
      sample: ""
  sample: [{id: uid-1c5677ff-ac41-4f8b-82b9-8f840e223a34, username: dewey, email: dewey@duckburg.example,
            display_name: Dewey Duck, fallback_email: dewey@duckburg.example, role: user, active: true,
            groups: [nephews], source: ""}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.users import ROLES, Users
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import wanted


def main():
    run = CLOUDRON.module({
        "username": {"type": "str"},
        "email": {"type": "str"},
        "role": {"type": "str", "choices": list(ROLES)},
        "active": {"type": "bool"},
    })
    params = run.params
    lookup = wanted(Users.fields, {"username": params["username"], "email": params["email"]})

    def select(user):
        return all((
            params["role"] is None or user["role"] == params["role"],
            params["active"] is None or user["active"] == params["active"],
            lookup.get("email") is None or user["email"] == lookup["email"],
        ))

    run.info(Users(), select=select, lookup=lookup or None)


if __name__ == "__main__":
    main()

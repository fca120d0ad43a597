#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_group
short_description: Manage one Cloudron group and its members
version_added: 0.1.0
description:
  - Create or delete a group on a Cloudron server and set its members by username.
  - The group is identified by its O(name), compared case-insensitively as the server does.
  - To manage many groups in one task, use M(selfhosted.platforms.cloudron_groups).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  name:
    description:
      - The group name. Letters, digits, dot and C(-); stored lower-case. Reserved names are refused.
    type: str
    required: true
  members:
    description:
      - Usernames of the members (an email names a user who has no username yet).
        Without O(append), exactly these users; V([]) removes every member.
      - In check mode a user that does not exist yet (an earlier task would create it) is a warning;
        in a real run it is an error.
    type: list
    elements: str
  append:
    description:
      - With V(true), O(members) are added and no member is removed.
    type: bool
    default: false
  state:
    description:
      - V(present) creates the group and sets its members; V(absent) deletes it. Deleting an absent group is not an error.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Membership can also be managed from the user side with O(selfhosted.platforms.cloudron_user#module:groups).
    Both are authoritative for what they are given; use one side per playbook, or O(append=true) on one of them.
seealso:
  - module: selfhosted.platforms.cloudron_groups
  - module: selfhosted.platforms.cloudron_group_info
  - module: selfhosted.platforms.cloudron_user
"""

EXAMPLES = r"""
- name: Create the nephews group with exactly these members
  selfhosted.platforms.cloudron_group:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: nephews
    members: [huey, dewey, louie]

- name: Add one member without touching the others
  selfhosted.platforms.cloudron_group:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: nephews
    members: [webby]
    append: true

- name: Delete a group
  selfhosted.platforms.cloudron_group:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: interns
    state: absent
"""

RETURN = r"""
group:
  description:
    - The group after the run, in the same form as the options. V(null) after O(state=absent).
    - In check mode, the predicted group; a group that would be created has RV(group.id=null).
  returned: always
  type: dict
  contains:
    id:
      description: The group's id (C(gid-...)); V(null) for a group that check mode predicts would be created.
      type: str
      sample: gid-3e1d350a-9b0a-4895-86fa-3094ee681bd5
    name:
      description: The group name, lower-case.
      type: str
      sample: nephews
    members:
      description: Usernames of the members, sorted (the email for a member without username).
      type: list
      elements: str
      sample: [dewey, huey, louie]
    source:
      description: Empty for local groups; the directory name for groups from an external directory.
      type: str
      sample: ""
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.groups import Groups
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import singular_argspec


def main():
    spec = singular_argspec(Groups, append={"type": "bool", "default": False})
    spec["name"]["required"] = True
    CLOUDRON.module(spec).singular(Groups())


if __name__ == "__main__":
    main()

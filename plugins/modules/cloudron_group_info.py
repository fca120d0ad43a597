#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_group_info
short_description: List Cloudron groups and their members
version_added: 0.1.0
description:
  - Read groups from a Cloudron server in the same form M(selfhosted.platforms.cloudron_group) takes and returns,
    with members by username.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  name:
    description: Only the group with exactly this name (case-insensitive).
    type: str
seealso:
  - module: selfhosted.platforms.cloudron_group
  - module: selfhosted.platforms.cloudron_groups
"""

EXAMPLES = r"""
- name: List every group with its members
  selfhosted.platforms.cloudron_group_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
  register: result

- name: Read one group
  selfhosted.platforms.cloudron_group_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    name: nephews
  register: nephews
"""

RETURN = r"""
groups:
  description:
    - The matching groups, sorted by name, each in the form of RV(selfhosted.platforms.cloudron_group#module:group).
    - Empty when nothing matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The group's id (C(gid-...)).
      type: str
      sample: gid-3e1d350a-9b0a-4895-86fa-3094ee681bd5
    name:
      description: The group name, lower-case.
      type: str
      sample: staff
    members:
      description: Usernames of the members, sorted (the email for a member without username).
      type: list
      elements: str
      sample: [alice, bob]
    source:
      description: Empty for local groups; the directory name (for example C(ldap)) for groups from an external directory.
      type: str
      sample: ""
  sample: [{id: gid-3e1d350a-9b0a-4895-86fa-3094ee681bd5, name: nephews, members: [dewey, huey, louie], source: ""}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.groups import Groups
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import wanted


def main():
    run = CLOUDRON.module({"name": {"type": "str"}})
    lookup = wanted(Groups.fields, {"name": run.params["name"]})
    run.info(Groups(), lookup=lookup or None)


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_profile
short_description: Set a member's roles and status in a Cloudillo tenant or community
version_added: 0.1.0
description:
  - Change how the connected tenant (typically a community) treats one member, that is their community roles, their status
    and the name it shows for them. Unset options are not managed.
  - Statuses are the words the server shows (V(active), V(blocked), V(muted), V(suspended), V(banned)); they travel as the
    server's letters (C(A), C(B), C(M), C(S), C(X)).
  - The server decides who may change what. Changing a name or a status needs a leader; roles may only be given below the
    connected tenant's own level (a leader may give V(leader)), and nobody changes their own roles. A refusal quotes the server.
  - Changes go through the server admin's route (C(PATCH /api/admin/profiles/{idTag})), so the key must be the server's admin.
  - For a member the tenant does not know yet, the references do not say what the server does. When it creates the
    profile, the module reports that as a creation; when it answers 404, the module fails naming the member.
  - The roles are compared with those the server's profile answer (C(GET /api/profiles/{idTag})) carries. The references do
    not say that answer has them; when it has none, a task that gives O(roles) fails saying so (the roles cannot be
    compared) instead of writing them on every run.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.attributes
options:
  member:
    description: The member's idTag.
    type: str
    required: true
  name:
    description: The name the tenant shows for the member.
    type: str
  roles:
    description: The member's community roles, exactly these (compared as a set); V([]) removes every role.
    type: list
    elements: str
    choices: [public, follower, supporter, contributor, moderator, leader]
  status:
    description: The member's status.
    type: str
    choices: [active, blocked, muted, suspended, banned]
seealso:
  - module: selfhosted.platforms.cloudillo_profile_info
  - module: selfhosted.platforms.cloudillo_community
"""

EXAMPLES = r"""
- name: Make Carol a moderator of the team
  selfhosted.platforms.cloudillo_profile:
    id_tag: team.example.com
    api_key: "{{ team_api_key }}"
    member: carol.example.com
    roles: [moderator]

- name: Suspend a member
  selfhosted.platforms.cloudillo_profile:
    id_tag: team.example.com
    api_key: "{{ team_api_key }}"
    member: mallory.example.com
    status: suspended
"""

RETURN = r"""
profile:
  description: The member's profile after the run. In check mode, the prediction.
  returned: always
  type: dict
  contains:
    member:
      description: The member's idTag.
      type: str
      sample: carol.example.com
    name:
      description: The name shown for the member.
      type: str
      sample: Carol
    roles:
      description: The community roles, sorted.
      type: list
      elements: str
      sample: [moderator]
    status:
      description: The status, as a word.
      type: str
      sample: active
    type:
      description: V(person) or V(community).
      type: str
      sample: person
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.profiles import Profiles
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import singular_argspec


def main():
    spec = singular_argspec(Profiles)
    del spec["state"]
    spec["member"]["required"] = True
    CLOUDILLO.module(spec).singular(Profiles(), state="present")


if __name__ == "__main__":
    main()

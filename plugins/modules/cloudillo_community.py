#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_community
short_description: Create a Cloudillo community
version_added: 0.1.0
description:
  - Create a community, a tenant of its own on the same server, led by the connected tenant. Its idTag is a DNS name
    that must already point at the server.
  - A community the connected tenant leads is found in its profiles, so a re-run is no change. Its name and picture cannot be
    changed through this module; a difference is an error.
  - The server has no route to delete a community. O(state=absent) fails unless O(purge=true), which purges the
    community's tenant and everything it holds, and needs the server's admin (C(SADM)).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.attributes
options:
  community:
    description: The community's idTag, a DNS name such as V(team.example.com).
    type: str
    required: true
  name:
    description: Its display name.
    type: str
  profile_pic:
    description:
      - The file id of its picture. Used only when the community is created.
      - For an existing community it is compared only when the server's profile answer shows a picture (a difference is
        an error); when it shows none, the module warns that the value is not compared, and changes nothing.
    type: str
  app_domain:
    description:
      - A domain for its web app, when it is not the idTag. Used only when the community is created.
      - The server's profile answer does not show it, so for an existing community it is never compared; the module warns
        when it is given.
    type: str
  invite_ref:
    description:
      - An invitation (a C(profile.invite) reference from the server's admin), needed unless the connected tenant is the admin.
      - Used only when the community is created; never compared.
    type: str
  purge:
    description:
      - With O(state=absent), purge the community's tenant with everything it holds. Without it, O(state=absent) on an
        existing community fails.
    type: bool
    default: false
  state:
    description: V(present) creates the community; V(absent) purges it, only with O(purge=true).
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: selfhosted.platforms.cloudillo_profile
"""

EXAMPLES = r"""
- name: Create the team's community (as the server's admin, so no invitation is needed)
  selfhosted.platforms.cloudillo_community:
    id_tag: admin.example.com
    api_key: "{{ cloudillo_admin_key }}"
    community: team.example.com
    name: The Team

- name: Purge it with everything it holds
  selfhosted.platforms.cloudillo_community:
    id_tag: admin.example.com
    api_key: "{{ cloudillo_admin_key }}"
    community: team.example.com
    state: absent
    purge: true
"""

RETURN = r"""
community:
  description: The community after the run; V(null) after O(state=absent). In check mode, the prediction.
  returned: always
  type: dict
  contains:
    community:
      description: Its idTag.
      type: str
      sample: team.example.com
    name:
      description: Its display name.
      type: str
      sample: The Team
    profile_pic:
      description: The file id of its picture, or V(null).
      type: str
    app_domain:
      description: The app domain asked for at creation (the server does not show it again).
      type: str
    type:
      description: V(community).
      type: str
      sample: community
    created_at:
      description: When it was created (ISO 8601); V(null) in check mode.
      type: str
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.communities import Communities
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import singular_argspec


def main():
    spec = singular_argspec(Communities, purge={"type": "bool", "default": False})
    spec["community"]["required"] = True
    spec["invite_ref"]["no_log"] = False
    run = CLOUDILLO.module(spec)
    run.singular(Communities(purge=run.params["purge"]))


if __name__ == "__main__":
    main()

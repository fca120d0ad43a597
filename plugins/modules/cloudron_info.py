#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_info
short_description: Read a Cloudron server's status and version, and check the token
version_added: 0.1.0
description:
  - Reads the server's public status (its version) and whether this collection supports it.
  - With an O(api_token), also reads the token's own user, which proves the token works and shows its role.
  - Useful as the first task against a server, and to check O(api_url) points at the dashboard host C(my.<domain>).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
notes:
  - O(api_token) is optional for this module only; the status route is public.
seealso:
  - module: selfhosted.platforms.cloudron_user_info
"""

EXAMPLES = r"""
- name: Check the server and the token
  selfhosted.platforms.cloudron_info:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
  register: server

- name: Stop early on a server this collection does not support
  ansible.builtin.assert:
    that: server.cloudron.supported
    fail_msg: "Cloudron {{ server.cloudron.version }} is too old"
"""

RETURN = r"""
cloudron:
  description: What the server says about itself.
  returned: always
  type: dict
  contains:
    version:
      description: The server version as the server reports it.
      type: str
      sample: 9.0.15
    supported:
      description: Whether this collection supports the version (Cloudron 8.0 or later).
      type: bool
      sample: true
    token_user:
      description:
        - The token's own user (id, username, email, role); V(null) without O(api_token).
      type: dict
      sample: {id: uid-1c5677ff-ac41-4f8b-82b9-8f840e223a34, username: owner, email: owner@example.com, role: owner}
      contains:
        id:
          description: The user's id (C(uid-...)).
          type: str
          sample: uid-1c5677ff-ac41-4f8b-82b9-8f840e223a34
        username:
          description: The username.
          type: str
          sample: owner
        email:
          description: The user's email.
          type: str
          sample: owner@example.com
        role:
          description: The user's role, V(owner), V(admin), V(usermanager), V(mailmanager) or V(user).
          type: str
          sample: owner
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.versions import MINIMUM_VERSION, format_version


def main():
    run = CLOUDRON.module({}, require_credentials=False)

    def body(ctx):
        version = ctx.client.version()
        token_user = None
        if run.params["api_token"]:
            profile = ctx.profile()
            token_user = dict((key, profile.get(key)) for key in ("id", "username", "email", "role"))
        info = {
            "version": ctx.client.status().get("version") or format_version(version),
            "supported": version[:2] >= MINIMUM_VERSION,
            "token_user": token_user,
        }
        return {"changed": False, "cloudron": info}

    run.execute(body)


if __name__ == "__main__":
    main()

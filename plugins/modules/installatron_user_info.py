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
  contains:
    id:
      description: The username.
      type: str
      sample: alice
    email:
      description: The email address, lower-case.
      type: str
      sample: alice@example.com
    type:
      description: V(user) or V(reseller).
      type: str
      sample: user
    parent:
      description: The reseller the user belongs to, or V(null).
      type: str
      sample: null
    package:
      description: The hosting package, or V(null).
      type: str
      sample: null
    language:
      description: The interface language, or V(null).
      type: str
      sample: en
    suspended:
      description: Whether the user is suspended.
      type: bool
      sample: false
    websites:
      description:
        - The websites, sorted by path, without passwords in their paths. V(null) when the server did not say.
      type: list
      elements: dict
      contains:
        path:
          description: The home directory or remote URI (with its login name, without password).
          type: str
          sample: /home/alice
        vhosts:
          description: Domain URL (lower-case) -> document root.
          type: dict
          sample: {"https://alice.example.com": public_html}
        label:
          description: The website's name.
          type: str
        email:
          description: The notification address of the website.
          type: str
        server:
          description: The web server it is on.
          type: str
        vhost_ip:
          description: The web server's IP address.
          type: str
        path_backups:
          description: Where backups are kept.
          type: str
        uid:
          description: The user id files are written as.
          type: int
        gid:
          description: The group id files are written as.
          type: int
        mysql_host:
          description: The MySQL server.
          type: str
        language:
          description: The default language of new installs.
          type: str
        suspended:
          description: Whether the website is suspended.
          type: bool
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

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_setting_info
short_description: Read the settings of a Cloudillo tenant
version_added: 0.1.0
description:
  - Without O(level), the values in effect for the tenant (its own value, else the server-wide one, else the registered
    default), for every registered setting that has one, with their descriptions.
  - With O(level), only the values stored at that level.
  - O(keys) and O(prefixes) narrow the answer; they cost no extra request.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.info_attributes
options:
  keys:
    description: Only these keys (exact).
    type: list
    elements: str
  prefixes:
    description: Only keys in these namespaces (V(email) gives V(email.smtp.host) and the other C(email.) keys).
    type: list
    elements: str
  level:
    description:
      - V(tenant) or V(global) for the values stored at that level only (V(global) needs the server's admin).
      - Unset, the values in effect.
    type: str
    choices: [tenant, global]
  tenant:
    description: The idTag of another tenant to read, for the server's admin. Only with O(level=tenant).
    type: str
seealso:
  - module: selfhosted.platforms.cloudillo_settings
"""

EXAMPLES = r"""
- name: Every setting in effect
  selfhosted.platforms.cloudillo_setting_info:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
  register: settings

- name: What the tenant stores itself in the email namespace
  selfhosted.platforms.cloudillo_setting_info:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
    prefixes: [email]
    level: tenant
"""

RETURN = r"""
settings:
  description: The settings, sorted by key.
  returned: always
  type: list
  elements: dict
  contains:
    key:
      description: The key.
      type: str
    value:
      description: The value (in effect, or stored at O(level)).
      type: raw
    scope:
      description: Where it may be stored (V(tenant), V(global), V(system)).
      type: str
    permission:
      description: Who may change it (V(user), V(admin), V(system)).
      type: str
    description:
      description: The server's description of the setting.
      type: str
  sample: [{key: file.max_file_size_mb, value: 50, scope: tenant, permission: admin, description: Maximum file size in MB}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.settings import info


def main():
    run = CLOUDILLO.module({
        "keys": {"type": "list", "elements": "str", "no_log": False},
        "prefixes": {"type": "list", "elements": "str"},
        "level": {"type": "str", "choices": ["tenant", "global"]},
        "tenant": {"type": "str"},
    })
    params = run.params
    if params.get("tenant") and params.get("level") != "tenant":
        run.module.fail_json(msg="tenant: reading another tenant's values needs level=tenant")

    def body(ctx):
        return {"changed": False, "settings": info(ctx, params.get("keys"), params.get("prefixes"), params.get("level"),
                                                   params.get("tenant"))}
    run.execute(body)


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_tenant_info
short_description: List the tenants of a Cloudillo server
version_added: 0.1.0
description:
  - Lists every tenant (people and communities) of the server, read in pages of 100. Needs the server's admin (C(SADM)),
    so connect as the base tenant.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.info_attributes
options:
  search:
    description: Only tenants whose idTag or name contains this (the server's C(q) filter).
    type: str
seealso:
  - module: selfhosted.platforms.cloudillo_info
"""

EXAMPLES = r"""
- name: Every tenant of the server
  selfhosted.platforms.cloudillo_tenant_info:
    id_tag: admin.example.com
    api_key: "{{ cloudillo_admin_key }}"
  register: tenants
"""

RETURN = r"""
tenants:
  description: The tenants, sorted by idTag.
  returned: always
  type: list
  elements: dict
  contains:
    id_tag:
      description: The tenant's idTag.
      type: str
      sample: alice.example.com
    name:
      description: Its name.
      type: str
    type:
      description: Its type as the server says it (a person or a community).
      type: str
    email:
      description: Its email address, or V(null).
      type: str
    status:
      description: Its status, as a word where the server answers a letter.
      type: str
      sample: active
    roles:
      description: Its roles on the server (V(SADM) for the admin).
      type: list
      elements: str
    profile_pic:
      description: The file id of its picture, or V(null).
      type: str
    created_at:
      description: When it was created, in Unix seconds.
      type: int
    tn_id:
      description: The server's number for the tenant.
      type: int
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.tenants import tenants


def main():
    run = CLOUDILLO.module({"search": {"type": "str"}})
    search = run.params.get("search")
    run.execute(lambda ctx: {"changed": False, "tenants": tenants(ctx, {"q": search} if search else None)})


if __name__ == "__main__":
    main()

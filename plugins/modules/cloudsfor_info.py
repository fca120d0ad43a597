#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudsfor_info
short_description: Read a CloudsFor account and check its credentials
version_added: 0.1.0
description:
  - Reads the account (C(GET /account)) the credentials belong to - its e-mail address, its id and how many VMs it may
    have. A wrong e-mail address or password fails the module with a 401 and says so.
  - Experimental. Written to the vendor's API documentation; not yet checked against a live account.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudsfor
  - selfhosted.platforms.cloudsfor.info_attributes
seealso:
  - module: selfhosted.platforms.cloudsfor_vm_info
"""

EXAMPLES = r"""
- name: Check the credentials and read the VM limit
  selfhosted.platforms.cloudsfor_info:
    api_user: ops@example.com
    api_password: "{{ cloudsfor_password }}"
  register: cloudsfor

- name: Show how many VMs the account may have
  ansible.builtin.debug:
    msg: "{{ cloudsfor.account.vm_limit }}"
"""

RETURN = r"""
account:
  description: The account.
  returned: always
  type: dict
  contains:
    email:
      description: The account's e-mail address.
      type: str
      sample: ops@example.com
    uuid:
      description: The account's id.
      type: str
      sample: 8d2f7c0e-4b1a-4f1e-9a55-0f1c2d3e4f50
    vm_limit:
      description: How many VMs the account may have.
      type: int
      sample: 10
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.catalogue import account_view
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.platform import CLOUDSFOR


def main():
    run = CLOUDSFOR.module({})
    run.execute(lambda ctx: {"changed": False, "account": account_view(ctx.account())})


if __name__ == "__main__":
    main()

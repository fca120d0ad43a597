#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_info
short_description: Read a Cloudillo tenant's public identity and check the credential
version_added: 0.1.0
description:
  - Reads the tenant's public identity (C(/.well-known/cloudillo/id-tag) and C(/api/me)), then, when a credential is
    given, whether the tenant accepts it (one authenticated read; with O(password), the login).
  - A server that cannot be reached fails with the reason. A refused credential does not fail the module; it is reported
    in RV(cloudillo.credential_works) and RV(cloudillo.credential_error).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.info_attributes
seealso:
  - module: selfhosted.platforms.cloudillo_tenant_info
"""

EXAMPLES = r"""
- name: Check the tenant and the key
  selfhosted.platforms.cloudillo_info:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
  register: tenant

- name: Stop when the key is refused
  ansible.builtin.assert:
    that: tenant.cloudillo.credential_works
    fail_msg: "{{ tenant.cloudillo.credential_error }}"
"""

RETURN = r"""
cloudillo:
  description: What the check found.
  returned: always
  type: dict
  contains:
    reachable:
      description: The server answered (always V(true); a server that does not answer fails the module).
      type: bool
      sample: true
    id_tag:
      description: The idTag the tenant says it is.
      type: str
      sample: alice.example.com
    name:
      description: Its public name.
      type: str
    type:
      description: Its type (a person or a community).
      type: str
    profile_pic:
      description: The file id of its picture, or V(null).
      type: str
    credential_works:
      description: Whether the tenant accepted O(api_key) or the O(password) login; V(null) without a credential.
      type: bool
      sample: true
    credential_error:
      description: The server's answer when it refused the credential, else V(null).
      type: str
      sample: null
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.tenants import identity


def main():
    run = CLOUDILLO.module({}, require_credentials=False)
    has_credential = bool(run.params.get("api_key") or run.params.get("password"))

    def body(ctx):
        return {"changed": False, "cloudillo": identity(ctx, check_credential=has_credential)}

    run.execute(body)


if __name__ == "__main__":
    main()

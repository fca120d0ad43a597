#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudsfor_ssh_key_info
short_description: List the SSH keys of a CloudsFor account
version_added: 0.1.0
description:
  - Lists the SSH public keys of the account (C(GET /keys)), optionally only those of one O(name).
  - Experimental. Written to the vendor's API documentation; not yet checked against a live account.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudsfor
  - selfhosted.platforms.cloudsfor.info_attributes
options:
  name:
    description: Only the keys of this name (exactly; names need not be unique).
    type: str
seealso:
  - module: selfhosted.platforms.cloudsfor_ssh_key
"""

EXAMPLES = r"""
- name: Every SSH key of the account
  selfhosted.platforms.cloudsfor_ssh_key_info:
    api_user: ops@example.com
    api_password: "{{ cloudsfor_password }}"
  register: found

- name: The key called deploy
  selfhosted.platforms.cloudsfor_ssh_key_info:
    api_user: ops@example.com
    api_password: "{{ cloudsfor_password }}"
    name: deploy
  register: deploy
"""

RETURN = r"""
ssh_keys:
  description:
    - The matching keys, sorted by name, each in the form of RV(selfhosted.platforms.cloudsfor_ssh_key#module:ssh_key).
    - Empty when nothing matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The key's id on the account.
      type: int
      sample: 512189
    name:
      description: The key's name.
      type: str
      sample: deploy
    public_key:
      description: The public key line.
      type: str
      sample: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHKHBwDs8h41V0IJWTg9aVCxceO1AdSf/LBtKY1/ejyq deploy@example.com
    fingerprint:
      description: The fingerprint the server shows (colon-separated MD5, or C(SHA256:) and base64).
      type: str
      sample: d1:5c:36:00:fb:49:82:7d:1a:aa:a9:22:5d:c1:ac:f4
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.keys import SshKeys
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.platform import CLOUDSFOR


def main():
    run = CLOUDSFOR.module({"name": {"type": "str"}})
    name = run.params["name"]
    run.info(SshKeys(), select=lambda key: name is None or key["name"] == name)


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_token_info
short_description: List the API tokens of the Cloudron token's own user
version_added: 0.1.0
description:
  - Read the API tokens of the user that O(api_token) belongs to, in the same form
    M(selfhosted.platforms.cloudron_token) takes and returns. No secret is ever returned; the server shows it only once,
    when a token is created.
  - The dashboard's own session tokens (client C(cid-webadmin)) are not API tokens and are not listed.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  name:
    description: Only the tokens with exactly this name (surrounding spaces ignored); names need not be unique.
    type: str
notes:
  - Any role may read its own tokens; a read-only token is enough.
seealso:
  - module: selfhosted.platforms.cloudron_token
"""

EXAMPLES = r"""
- name: List the tokens
  selfhosted.platforms.cloudron_token_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
  register: result

- name: Show the tokens that expire
  ansible.builtin.debug:
    msg: "{{ result.tokens | rejectattr('expires_at', 'none') | map(attribute='name') | list }}"

- name: Read the tokens named ci
  selfhosted.platforms.cloudron_token_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    name: ci
  register: ci
"""

RETURN = r"""
tokens:
  description:
    - The matching tokens, sorted by name, each in the form of RV(selfhosted.platforms.cloudron_token#module:token).
    - Empty when nothing matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The token's id.
      type: str
      sample: tid-f3694710-ec08-4352-b8bc-b094ae40a0f4
    name:
      description: The name.
      type: str
      sample: monitoring
    scope:
      description: V(read-only) or V(read-write), or the scope map as the server has it for any other.
      type: raw
      sample: read-only
    expires_at:
      description: When it stops working, in the form C(2027-01-31T00:00:00Z).
      type: str
      sample: "2027-01-31T00:00:00Z"
    last_used_at:
      description: When it was last used, as the server says; V(null) when never.
      type: str
      sample: "2026-11-30T10:15:00.000Z"
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.tokens import Tokens


def main():
    run = CLOUDRON.module({"name": {"type": "str"}})
    name = Tokens.identity(run.params["name"])
    run.info(Tokens(), select=lambda token: name is None or token["name"] == name)


if __name__ == "__main__":
    main()

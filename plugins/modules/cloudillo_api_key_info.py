#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_api_key_info
short_description: List the API keys of a Cloudillo tenant
version_added: 0.1.0
description:
  - Lists the tenant's API keys (never the keys themselves, which the server does not keep), in one request.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.info_attributes
options:
  name:
    description: Only keys with this name (several keys may share one).
    type: str
seealso:
  - module: selfhosted.platforms.cloudillo_api_key
"""

EXAMPLES = r"""
- name: Every key of the tenant
  selfhosted.platforms.cloudillo_api_key_info:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
  register: keys
"""

RETURN = r"""
api_keys:
  description:
    - The keys, sorted by name, in the form of RV(selfhosted.platforms.cloudillo_api_key#module:api_key).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The name, or V(null) for a key made without one.
      type: str
      sample: ci-publish
    scopes:
      description: The scopes, sorted; empty for a key with the owner's roles.
      type: list
      elements: str
      sample: [apkg:publish]
    expires_at:
      description: When it stops working, in Unix seconds, or V(null) for a key that does not expire.
      type: int
      sample: 1800000000
    key_id:
      description: The server's id of the key.
      type: int
      sample: 7
    key_prefix:
      description: The first characters of the key, as the server shows them to tell keys apart.
      type: str
      sample: cl_AbC
    created_at:
      description: When it was created, in Unix seconds.
      type: int
      sample: 1764000000
    last_used_at:
      description: When it was last used, in Unix seconds, or V(null) for a key never used.
      type: int
      sample: null
  sample: [{name: ci-publish, scopes: [apkg:publish], expires_at: 1800000000, key_id: 7, key_prefix: cl_AbC,
            created_at: 1764000000, last_used_at: null}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.api_keys import ApiKeys, canonical
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import public


def main():
    run = CLOUDILLO.module({"name": {"type": "str"}})
    name = (run.params.get("name") or "").strip() or None

    def body(ctx):
        keys = [public(ApiKeys.fields, canonical(raw)) for raw in ctx.api_keys()]
        keys = [key for key in keys if name is None or key["name"] == name]
        return {"changed": False, "api_keys": sorted(keys, key=lambda key: (key["name"] or "", key["key_id"] or 0))}
    run.execute(body)


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: installatron_info
short_description: Check that an Installatron Server answers and accepts the API key
version_added: 0.1.0
description:
  - Sends one cheap request (the first entry of the application browser) to check that O(api_url) is an Installatron
    Server that answers, and that O(api_key) is valid.
  - A server that cannot be reached fails with the reason (connection refused, TLS, timeout). A wrong key fails with
    the server's C(invalid_api_key) error.
  - Useful as the first task against a server.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.installatron
  - selfhosted.platforms.installatron.info_attributes
seealso:
  - module: selfhosted.platforms.installatron_app_info
"""

EXAMPLES = r"""
- name: Check the server and the key
  selfhosted.platforms.installatron_info:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
  register: server

- name: Show how many apps it offers
  ansible.builtin.debug:
    msg: "{{ server.installatron.apps }} apps"
"""

RETURN = r"""
installatron:
  description: What the check found.
  returned: always
  type: dict
  contains:
    reachable:
      description: The server answered (always V(true); a server that does not answer fails the module).
      type: bool
      sample: true
    key_valid:
      description: The server accepted O(api_key) (always V(true); a rejected key fails the module).
      type: bool
      sample: true
    apps:
      description: How many installers the application browser offers (to O(acting_user), when set); V(null) when the server does not say.
      type: int
      sample: 417
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.platform import INSTALLATRON


def check(ctx):
    envelope = ctx.client.call("GET", "/browser", params={"limit": 1})
    return {"changed": False, "installatron": {"reachable": True, "key_valid": True, "apps": envelope.get("total_count")}}


def main():
    run = INSTALLATRON.module({})
    run.execute(check)


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_applink_info
short_description: List the applinks of a Cloudron server
version_added: 0.1.0
description:
  - Read the applinks (external sites shown among the apps of the dashboard) in the same form
    M(selfhosted.platforms.cloudron_applink) takes and returns, without icons.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  upstream_uri:
    description: Only the link to this address, compared as M(selfhosted.platforms.cloudron_applink) compares it.
    type: str
  tag:
    description: Only the links carrying this tag.
    type: str
seealso:
  - module: selfhosted.platforms.cloudron_applink
"""

EXAMPLES = r"""
- name: List the links
  selfhosted.platforms.cloudron_applink_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
  register: result

- name: Show the labels of the external links
  ansible.builtin.debug:
    msg: "{{ result.applinks | map(attribute='label') | list }}"
"""

RETURN = r"""
applinks:
  description:
    - The matching links, sorted by address, each in the form of RV(selfhosted.platforms.cloudron_applink#module:applink)
      without the icon.
    - Empty when nothing matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The link's id.
      type: str
      sample: 365653e5-0b3c-46bf-b1bf-828d3de3362b
    upstream_uri:
      description: The site's address.
      type: str
      sample: https://docs.example.com/
    label:
      description: The name shown under the link.
      type: str
      sample: Docs
    tags:
      description: The tags, sorted.
      type: list
      elements: str
      sample: [external]
    access_restriction:
      description: V(everyone), or a dict with C(users) (usernames) and C(groups) (group names), sorted.
      type: raw
      sample: everyone
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.applinks import Applinks
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON


def main():
    run = CLOUDRON.module({"upstream_uri": {"type": "str"}, "tag": {"type": "str"}})
    uri = Applinks.identity(run.params["upstream_uri"])
    tag = run.params["tag"]
    run.info(Applinks(), select=lambda link: (uri is None or link["upstream_uri"] == uri)
             and (tag is None or tag.strip() in link["tags"]))


if __name__ == "__main__":
    main()

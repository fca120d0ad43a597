#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_applink
short_description: Manage an applink, an external site shown among the apps of a Cloudron dashboard
version_added: 0.1.0
description:
  - Add, change or remove an applink. The link is identified by its O(upstream_uri), the one thing the server requires
    and never fills in itself; the label is optional and the server names a link after the site when none is given.
  - The server does not keep URLs unique. When two links point to the URL given, the module refuses to guess and names
    their ids.
  - The label, tags, access restriction and icon change in place. To point a link at another URL, remove it and add a
    new one.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  upstream_uri:
    description:
      - The site's address, an absolute C(http) or C(https) URL. Compared with its scheme and host in lower case and an
        empty path read as C(/) (V(https://Docs.Example.com) is V(https://docs.example.com/)), and sent in that form.
    type: str
    required: true
  label:
    description:
      - The name shown under the link. When a new link has none, the server names it after the site; RV(applink.label)
        shows what it chose.
    type: str
  tags:
    description: Tags of the link, exactly these (order and duplicates do not count); V([]) removes them all.
    type: list
    elements: str
  access_restriction:
    description:
      - Who sees the link. V(everyone), or a dict with C(users) (usernames or emails) and C(groups) (group names),
        compared without case or order.
      - A user or group that does not exist is a warning in check mode and an error in a real run.
    type: raw
  icon:
    description:
      - Path to an image file on the host running the module, shown as the link's icon instead of the site's own.
      - Compared by the SHA-256 of the file's bytes against the icon the server serves, which costs one more request on
        each run; results and diff show the digest as C(sha256:<hex>). A new link gets its icon with a second request.
    type: path
  state:
    description: V(present) adds or updates the link; V(absent) removes it (no change when there is none).
    type: str
    choices: [present, absent]
    default: present
notes:
  - Adding and changing a link needs the admin role; removing one the user manager role (the vendor's API spec). The
    status codes of the change and removal routes are the spec's (202) and unverified; any success is accepted.
seealso:
  - module: selfhosted.platforms.cloudron_applink_info
  - module: selfhosted.platforms.cloudron_app
"""

EXAMPLES = r"""
- name: Link the documentation for the editors, with the company's icon
  selfhosted.platforms.cloudron_applink:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    upstream_uri: https://docs.example.com/
    label: Docs
    tags: [external, handbook]
    access_restriction:
      groups: [editors]
    icon: files/docs-icon.png

- name: Show the status page to everyone
  selfhosted.platforms.cloudron_applink:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    upstream_uri: https://status.example.com/
    access_restriction: everyone

- name: Remove a link
  selfhosted.platforms.cloudron_applink:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    upstream_uri: https://old.example.com/
    state: absent
"""

RETURN = r"""
applink:
  description:
    - The link after the run. V(null) after O(state=absent).
    - In check mode, the prediction; a link that would be added has RV(applink.id=null) and, without O(label), a
      V(null) label.
  returned: always
  type: dict
  sample:
    id: 365653e5-0b3c-46bf-b1bf-828d3de3362b
    upstream_uri: https://docs.example.com/
    label: Docs
    tags: [external, handbook]
    access_restriction: {users: [], groups: [editors]}
    icon: "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"
  contains:
    id:
      description: The link's id.
      type: str
    upstream_uri:
      description: The site's address.
      type: str
    label:
      description: The name shown under the link.
      type: str
    tags:
      description: The tags, sorted.
      type: list
      elements: str
    access_restriction:
      description: Who may see the link, V(everyone) or a dict of C(users) and C(groups).
      type: raw
      sample: {users: [], groups: [editors]}
      contains:
        users:
          description: Usernames (the email of a user without one), sorted; the id of a user the server no longer knows.
          type: list
          elements: str
          sample: [alice]
        groups:
          description: Group names, sorted; the id of a group the server no longer knows.
          type: list
          elements: str
          sample: [editors]
    icon:
      description:
        - The digest (C(sha256:<hex>)) of the icon the server serves, V(null) when it serves none.
        - Only when O(icon) is given, and in check mode's prediction of a new link (V(null) without O(icon)).
      type: str
      returned: when O(icon) is given
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.applinks import Applinks
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import singular_argspec


def main():
    spec = singular_argspec(Applinks)
    spec["upstream_uri"]["required"] = True
    run = CLOUDRON.module(spec)
    run.singular(Applinks())


if __name__ == "__main__":
    main()

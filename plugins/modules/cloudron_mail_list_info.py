#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_mail_list_info
short_description: List Cloudron mailing lists
version_added: 0.1.0
description:
  - Read mailing lists from a Cloudron server in the same form M(selfhosted.platforms.cloudron_mail_list) takes
    and returns.
  - Without options every domain is read; O(domain) reads one, and O(name) with O(domain) looks up one list
    (the server's search is a substring filter, so the module matches exactly).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  domain:
    description: Only lists of this domain. A domain the server does not have is an error.
    type: str
  name:
    description: Only the list with exactly this name (case-insensitive); needs O(domain).
    type: str
  member:
    description: Only lists that have this address as a member (case-insensitive).
    type: str
seealso:
  - module: selfhosted.platforms.cloudron_mail_list
  - module: selfhosted.platforms.cloudron_mail_lists
"""

EXAMPLES = r"""
- name: Look up one list
  selfhosted.platforms.cloudron_mail_list_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    name: sales
    domain: example.com
  register: result

- name: Every list Alice is on
  selfhosted.platforms.cloudron_mail_list_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    member: alice@example.com
  register: alices_lists
"""

RETURN = r"""
lists:
  description:
    - The matching lists, sorted by address, each in the form of RV(selfhosted.platforms.cloudron_mail_list#module:list).
    - Empty when nothing matches.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The name, lower-case.
      type: str
      sample: sales
    domain:
      description: The mail domain, lower-case.
      type: str
      sample: example.com
    members:
      description: The members' addresses, lower-case and sorted.
      type: list
      elements: str
      sample: [alice@example.com, bob@example.com]
    members_only:
      description: Whether only members may send to the list.
      type: bool
      sample: true
    active:
      description: Whether the list is active.
      type: bool
      sample: true
  sample: [{name: sales, domain: example.com, members: [alice@example.com, bob@example.com], members_only: true,
            active: true}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_lists import MailLists
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import lower, wanted


def main():
    run = CLOUDRON.module({
        "domain": {"type": "str"},
        "name": {"type": "str"},
        "member": {"type": "str"},
    }, required_by={"name": "domain"})
    params = run.params
    try:
        lookup = wanted(MailLists.fields, {"name": params["name"], "domain": params["domain"]})
    except ResourceError as exc:
        run.module.fail_json(msg=str(exc))
    problems = MailLists.identity_problems(lookup, partial=True)
    if problems:
        run.module.fail_json(msg="; ".join(problems))
    member = lower(params["member"])
    resource = MailLists(domains=[lookup["domain"]] if "domain" in lookup else None)
    run.info(resource, select=lambda mail_list: member is None or member in mail_list["members"],
             lookup=lookup if "name" in lookup else None)


if __name__ == "__main__":
    main()

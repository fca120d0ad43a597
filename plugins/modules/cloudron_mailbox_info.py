#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_mailbox_info
short_description: List Cloudron mailboxes with their aliases
version_added: 0.1.0
description:
  - Read mailboxes from a Cloudron server in the same form M(selfhosted.platforms.cloudron_mailbox) takes and returns,
    aliases included.
  - Without options every domain is read; O(domain) reads one, and O(name) with O(domain) looks up one mailbox
    (the server's search is a substring filter, so the module matches exactly).
  - When the server's mailbox list does not carry aliases, they are read with one request per mailbox listed.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  domain:
    description: Only mailboxes of this domain. A domain the server does not have is an error.
    type: str
  name:
    description: Only the mailbox with exactly this name (case-insensitive); needs O(domain).
    type: str
  owner:
    description: Only mailboxes of this owner (a username, or a group name).
    type: str
seealso:
  - module: selfhosted.platforms.cloudron_mailbox
  - module: selfhosted.platforms.cloudron_mailboxes
"""

EXAMPLES = r"""
- name: Look up one mailbox
  selfhosted.platforms.cloudron_mailbox_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    name: alice
    domain: example.com
  register: result

- name: Every mailbox Alice owns
  selfhosted.platforms.cloudron_mailbox_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    owner: alice
  register: alices
"""

RETURN = r"""
mailboxes:
  description:
    - The matching mailboxes, sorted by address, each in the form of RV(selfhosted.platforms.cloudron_mailbox#module:mailbox)
      with its aliases.
    - Empty when nothing matches.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The name, lower-case.
      type: str
      sample: alice
    domain:
      description: The mail domain, lower-case.
      type: str
      sample: example.com
    owner:
      description: The owner's username (or email while the user has none) or group name; the id when unknown.
      type: str
      sample: alice
    owner_type:
      description: V(user) or V(group).
      type: str
      sample: user
    active:
      description: Whether the mailbox is active.
      type: bool
      sample: true
    enable_pop3:
      description: Whether POP3 is enabled.
      type: bool
      sample: false
    storage_quota:
      description: The storage quota in bytes; V(0) for no limit.
      type: int
      sample: 5368709120
    messages_quota:
      description: The messages quota in bytes; V(0) for no limit.
      type: int
      sample: 0
    aliases:
      description: The aliases, sorted, as C(name@domain).
      type: list
      elements: str
      sample: [a.example@example.com, alice@example.org]
  sample: [{name: alice, domain: example.com, owner: alice, owner_type: user, active: true, enable_pop3: false,
            storage_quota: 5368709120, messages_quota: 0, aliases: [a.example@example.com]}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mailboxes import Mailboxes
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import lower, wanted


def main():
    run = CLOUDRON.module({
        "domain": {"type": "str"},
        "name": {"type": "str"},
        "owner": {"type": "str"},
    }, required_by={"name": "domain"})
    params = run.params
    try:
        lookup = wanted(Mailboxes.fields, {"name": params["name"], "domain": params["domain"]})
    except ResourceError as exc:
        run.module.fail_json(msg=str(exc))
    problems = Mailboxes.identity_problems(lookup, partial=True)
    if problems:
        run.module.fail_json(msg="; ".join(problems))
    owner = lower(params["owner"])
    resource = Mailboxes(domains=[lookup["domain"]] if "domain" in lookup else None, read_aliases=True)
    run.info(resource, select=lambda mailbox: owner is None or mailbox["owner"] == owner,
             lookup=lookup if "name" in lookup else None)


if __name__ == "__main__":
    main()

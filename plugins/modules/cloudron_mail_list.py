#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_mail_list
short_description: Manage one Cloudron mailing list
version_added: 0.1.0
description:
  - Create, update or delete a mailing list on a Cloudron server.
  - The list is identified by its address, given as O(name) (the part before the C(@)) and O(domain).
    Both are compared without case; the server stores them lower-case. A list is never renamed or moved.
  - The domain must exist as a Cloudron domain (each has a mail domain). In check mode a domain that does not
    exist yet is a warning, since an earlier task may add it; in a real run it is an error.
  - Unset options are not managed. A change sends the members and both flags together, as the server requires.
  - To manage many lists in one task, use M(selfhosted.platforms.cloudron_mail_lists).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  name:
    description:
      - The list name, the part of the address before the C(@). Letters, digits, dot and C(-), 1 to 199 characters.
      - Mailboxes, lists and aliases share one name space per domain.
    type: str
    required: true
  domain:
    description: The mail domain, the part of the address after the C(@).
    type: str
    required: true
  members:
    description:
      - The addresses mail to the list goes to (on this server or elsewhere), compared as a set without case.
        Exactly these unless O(append=true). Required to create a list.
    type: list
    elements: str
  members_only:
    description: Whether only members may send to the list. The server's default for new lists is V(false).
    type: bool
  active:
    description: Whether the list receives mail. The server's default for new lists is V(true).
    type: bool
  append:
    description: With V(true), O(members) are added to the list's members and none are removed.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the list; V(absent) deletes it. Deleting an absent list is not an error.
    type: str
    choices: [present, absent]
    default: present
notes:
  - The list routes need a token whose user has the C(mailmanager) role or higher.
seealso:
  - module: selfhosted.platforms.cloudron_mail_lists
  - module: selfhosted.platforms.cloudron_mail_list_info
  - module: selfhosted.platforms.cloudron_mailbox
"""

EXAMPLES = r"""
- name: A list of the sales team that only members may write to
  selfhosted.platforms.cloudron_mail_list:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: sales
    domain: example.com
    members:
      - alice@example.com
      - bob@example.com
    members_only: true

- name: Add a partner to the list, keeping the other members
  selfhosted.platforms.cloudron_mail_list:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: sales
    domain: example.com
    members: [partner@example.net]
    append: true

- name: Remove the list
  selfhosted.platforms.cloudron_mail_list:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: sales
    domain: example.com
    state: absent
"""

RETURN = r"""
list:
  description:
    - The list after the run, in the same form as the options. V(null) after O(state=absent).
    - In check mode, the predicted list.
  returned: always
  type: dict
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
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_lists import MailLists
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import singular_argspec


def main():
    spec = singular_argspec(MailLists, append={"type": "bool", "default": False})
    spec["name"]["required"] = True
    spec["domain"]["required"] = True
    run = CLOUDRON.module(spec)
    run.singular(MailLists())


if __name__ == "__main__":
    main()

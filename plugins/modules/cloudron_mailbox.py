#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_mailbox
short_description: Manage one Cloudron mailbox and its aliases
version_added: 0.1.0
description:
  - Create, update or delete a mailbox on a Cloudron server, with its owner, flags, quotas and aliases.
  - The mailbox is identified by its address, given as O(name) (the part before the C(@)) and O(domain).
    Both are compared without case; the server stores them lower-case. A mailbox is never renamed or moved.
  - The domain must exist as a Cloudron domain (each has a mail domain). In check mode a domain that does not
    exist yet is a warning, since an earlier task may add it; in a real run it is an error.
  - Unset options are not managed. Changing the owner, the flags or a quota sends all of them together, as the
    server requires; aliases are replaced through their own route.
  - To manage many mailboxes in one task (much faster), use M(selfhosted.platforms.cloudron_mailboxes).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  name:
    description:
      - The mailbox name, the part of the address before the C(@). Letters, digits, dot and C(-), 1 to 199 characters.
      - An address such as V(alice@example.com) is refused here; give V(alice) and O(domain=example.com).
    type: str
    required: true
  domain:
    description: The mail domain, the part of the address after the C(@).
    type: str
    required: true
  owner:
    description:
      - The owner, by username (an email names a user too) or, with O(owner_type=group), by group name.
        Required to create a mailbox.
      - An owner that does not exist is a warning in check mode (an earlier task may create it) and an error
        in a real run.
    type: str
  owner_type:
    description:
      - What O(owner) names. When O(owner) is given without it, V(user).
    type: str
    choices: [user, group]
  active:
    description: Whether the mailbox receives and sends mail. The server's default for new mailboxes is V(true).
    type: bool
  enable_pop3:
    description: Whether the mailbox may be read with POP3. The server's default for new mailboxes is V(false).
    type: bool
  storage_quota:
    description:
      - The most mail the mailbox may hold, in bytes or as a size such as V(512M) or V(5G) (binary units).
        V(0) means no limit, the server's default.
    type: raw
  messages_quota:
    description:
      - The messages quota, in bytes or as a size such as V(1G) (binary units). V(0) means no limit, the server's default.
    type: raw
  aliases:
    description:
      - Further addresses (C(name@domain)) that deliver to this mailbox, compared as a set without case.
        Exactly these unless O(append=true).
      - Each alias's domain must be a mail domain of the server, and its name must not be taken in that domain
        by another mailbox, list or alias.
      - When the server's mailbox list does not carry aliases, they are read with one request, only when this
        option is given.
    type: list
    elements: str
  append:
    description: With V(true), O(aliases) are added to the mailbox's aliases and none are removed.
    type: bool
    default: false
  delete_mails:
    description:
      - With O(state=absent), also delete the mail stored in the mailbox. Without it the server keeps the mail on disk.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the mailbox; V(absent) deletes it. Deleting an absent mailbox is not an error.
    type: str
    choices: [present, absent]
    default: present
notes:
  - The mailbox routes need a token whose user has the C(mailmanager) role or higher.
  - Cloudron mailboxes have no display name in the API this module follows, so there is no such option.
seealso:
  - module: selfhosted.platforms.cloudron_mailboxes
  - module: selfhosted.platforms.cloudron_mailbox_info
  - module: selfhosted.platforms.cloudron_mail_list
"""

EXAMPLES = r"""
- name: A mailbox for Alice with a quota and two aliases
  selfhosted.platforms.cloudron_mailbox:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: alice
    domain: example.com
    owner: alice
    storage_quota: 5G
    aliases:
      - a.example@example.com
      - alice@example.org

- name: A shared mailbox owned by a group
  selfhosted.platforms.cloudron_mailbox:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: support
    domain: example.com
    owner: staff
    owner_type: group

- name: Delete a mailbox and the mail it holds
  selfhosted.platforms.cloudron_mailbox:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: bob
    domain: example.com
    state: absent
    delete_mails: true
"""

RETURN = r"""
mailbox:
  description:
    - The mailbox after the run, in the same form as the options. V(null) after O(state=absent).
    - In check mode, the predicted mailbox.
  returned: always
  type: dict
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
      description:
        - The aliases, sorted, as C(name@domain).
        - Left out when the server's mailbox list does not carry aliases and O(aliases) was not given (they were not read).
      type: list
      elements: str
      sample: [a.example@example.com, alice@example.org]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mailboxes import Mailboxes
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import singular_argspec


def main():
    spec = singular_argspec(Mailboxes, append={"type": "bool", "default": False},
                            delete_mails={"type": "bool", "default": False})
    spec["name"]["required"] = True
    spec["domain"]["required"] = True
    run = CLOUDRON.module(spec)
    run.singular(Mailboxes(delete_mails=run.params["delete_mails"]))


if __name__ == "__main__":
    main()

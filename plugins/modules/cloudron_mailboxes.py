#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_mailboxes
short_description: Manage many Cloudron mailboxes and their aliases in one task
version_added: 0.1.0
description:
  - Converge a list of mailboxes in one module run. Each domain the list names is read once (pages of 1000
    mailboxes), every item is compared, and only what differs is written; the result lists the plan in RV(changes).
  - "What a no-change run costs: one mailbox page per domain (per 1000 mailboxes) and one read of the users
    (owners are shown by name), plus one of the groups when a group owns a mailbox. When the server's mailbox list
    does not carry aliases, one more read per mailbox whose item gives O(config[].aliases)."
  - Items use the same options as M(selfhosted.platforms.cloudron_mailbox).
  - The whole list is validated (names, domains, sizes, alias addresses, duplicates after lower-casing, an address
    claimed by two items) before anything is read or written. Owners and alias domains are checked against the
    server before the first write.
  - "Deliberate safety rails: O(state=deleted) needs a non-empty O(config); O(state=overridden) refuses an empty one
    unless O(allow_empty=true). Stored mail is deleted only with O(delete_mails=true)."
  - O(state=overridden) deletes unlisted mailboxes only in the domains that O(config) names, so a list for one domain
    never removes the mailboxes of another. With an empty O(config) and O(allow_empty=true) it covers every domain.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  config:
    description:
      - The mailboxes, each identified by O(config[].name) and O(config[].domain) (the address C(name@domain)).
      - The output of O(state=gathered) is accepted as input.
    type: list
    elements: dict
    suboptions:
      name:
        description: The part of the address before the C(@); letters, digits, dot and C(-), stored lower-case.
        type: str
      domain:
        description: The mail domain; it must exist as a Cloudron domain.
        type: str
      owner:
        description:
          - The owner's username (or email), or a group name with O(config[].owner_type=group). Required to create.
          - An owner that does not exist is a warning in check mode and an error in a real run.
        type: str
      owner_type:
        description: What O(config[].owner) names; V(user) when O(config[].owner) is given without it.
        type: str
        choices: [user, group]
      active:
        description: Whether the mailbox is active; new mailboxes are.
        type: bool
      enable_pop3:
        description: Whether POP3 is enabled; not for new mailboxes unless given.
        type: bool
      storage_quota:
        description: Bytes, or a size such as V(5G); V(0) for no limit (the default).
        type: raw
      messages_quota:
        description: Bytes, or a size such as V(1G); V(0) for no limit (the default).
        type: raw
      aliases:
        description:
          - Further addresses (C(name@domain)) of the mailbox, compared as a set; exactly these unless O(append=true).
          - Each alias's domain must be a mail domain of the server.
        type: list
        elements: str
  append:
    description: With V(true), each item's aliases are added and none are removed.
    type: bool
    default: false
  delete_mails:
    description: When mailboxes are deleted (O(state=deleted) or O(state=overridden)), also delete their stored mail.
    type: bool
    default: false
  state:
    description:
      - V(merged) creates and updates the listed mailboxes and leaves the others alone.
      - V(overridden) does the same and deletes every mailbox not listed in the domains O(config) names.
      - V(deleted) deletes the listed mailboxes (only O(config[].name) and O(config[].domain) are needed).
      - V(gathered) changes nothing and returns every mailbox of every domain, with its aliases, in RV(gathered).
    type: str
    choices: [merged, overridden, deleted, gathered]
    default: merged
  allow_empty:
    description: Let O(state=overridden) run with an empty O(config), deleting every mailbox of every domain.
    type: bool
    default: false
notes:
  - A failure part-way returns C(failed), C(changed) and in RV(changes) the changes already applied.
  - The mailbox routes need a token whose user has the C(mailmanager) role or higher.
seealso:
  - module: selfhosted.platforms.cloudron_mailbox
  - module: selfhosted.platforms.cloudron_mailbox_info
  - module: selfhosted.platforms.cloudron_mail_lists
"""

EXAMPLES = r"""
- name: Mailboxes for the staff, one shared by a group
  selfhosted.platforms.cloudron_mailboxes:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    config:
      - {name: alice, domain: example.com, owner: alice, aliases: [a.example@example.com]}
      - {name: bob, domain: example.com, owner: bob, storage_quota: 2G}
      - {name: support, domain: example.com, owner: staff, owner_type: group}

- name: Remove every mailbox of example.com that is not listed, with its mail
  selfhosted.platforms.cloudron_mailboxes:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    state: overridden
    delete_mails: true
    config: "{{ company_mailboxes }}"

- name: Read every mailbox in the form config accepts
  selfhosted.platforms.cloudron_mailboxes:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    state: gathered
  register: current_mailboxes
"""

RETURN = r"""
changes:
  description: The plan, in order; in check mode what would be done.
  returned: always
  type: list
  elements: dict
  contains:
    action:
      description:
        - V(create), V(update) or V(delete).
        - V(adopt) when another run created it between this run's read and its create; its fields then list
          only what this run still wrote to it.
      type: str
    key:
      description: The address C(name@domain) of the mailbox.
      type: str
    fields:
      description: The options written, sorted; empty for V(delete).
      type: list
      elements: str
  sample: [{action: create, key: alice@example.com, fields: [aliases, domain, name, owner, owner_type]},
           {action: delete, key: stale@example.com, fields: []}]
mailboxes:
  description:
    - The listed mailboxes after the run, in the form of RV(selfhosted.platforms.cloudron_mailbox#module:mailbox).
      Mailboxes deleted by the run are left out. In check mode, the prediction.
    - C(aliases) is left out of a mailbox whose item does not give them when the server's list does not carry them.
  returned: when O(state) is not V(gathered)
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
      returned: when the mailbox's item gives them, or the server's mailbox list carries them
      type: list
      elements: str
      sample: [a.example@example.com, alice@example.org]
  sample: [{name: alice, domain: example.com, owner: alice, owner_type: user, active: true, enable_pop3: false,
            storage_quota: 0, messages_quota: 0, aliases: [a.example@example.com]}]
gathered:
  description: Every mailbox of every domain with its aliases, sorted by address, in the form O(config) accepts.
  returned: when O(state=gathered)
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
            storage_quota: 0, messages_quota: 0, aliases: [a.example@example.com]}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mailboxes import Mailboxes
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import plural_argspec


def main():
    run = CLOUDRON.module(plural_argspec(
        Mailboxes,
        append={"type": "bool", "default": False},
        delete_mails={"type": "bool", "default": False},
    ))
    run.plural(Mailboxes(delete_mails=run.params["delete_mails"]))


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_mail_lists
short_description: Manage many Cloudron mailing lists in one task
version_added: 0.1.0
description:
  - Converge a list of mailing lists in one module run. Each domain the list names is read once (pages of 1000),
    every item is compared, and only what differs is written; the result lists the plan in RV(changes).
  - Items use the same options as M(selfhosted.platforms.cloudron_mail_list).
  - The whole list is validated (names, domains, member addresses, duplicates after lower-casing) before anything
    is read or written.
  - "Deliberate safety rails: O(state=deleted) needs a non-empty O(config); O(state=overridden) refuses an empty one
    unless O(allow_empty=true)."
  - O(state=overridden) deletes unlisted lists only in the domains that O(config) names, so a list for one domain
    never removes the lists of another. With an empty O(config) and O(allow_empty=true) it covers every domain.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  config:
    description:
      - The mailing lists, each identified by O(config[].name) and O(config[].domain) (the address C(name@domain)).
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
      members:
        description:
          - The members' addresses, compared as a set; exactly these unless O(append=true). Required to create a list.
        type: list
        elements: str
      members_only:
        description: Whether only members may send to the list; not for new lists unless given.
        type: bool
      active:
        description: Whether the list receives mail; new lists do.
        type: bool
  append:
    description: With V(true), each item's members are added and none are removed.
    type: bool
    default: false
  state:
    description:
      - V(merged) creates and updates the listed mailing lists and leaves the others alone.
      - V(overridden) does the same and deletes every list not listed in the domains O(config) names.
      - V(deleted) deletes the listed lists (only O(config[].name) and O(config[].domain) are needed).
      - V(gathered) changes nothing and returns every list of every domain in RV(gathered).
    type: str
    choices: [merged, overridden, deleted, gathered]
    default: merged
  allow_empty:
    description: Let O(state=overridden) run with an empty O(config), deleting every list of every domain.
    type: bool
    default: false
notes:
  - A failure part-way returns C(failed), C(changed) and in RV(changes) the changes already applied.
  - The list routes need a token whose user has the C(mailmanager) role or higher.
seealso:
  - module: selfhosted.platforms.cloudron_mail_list
  - module: selfhosted.platforms.cloudron_mail_list_info
  - module: selfhosted.platforms.cloudron_mailboxes
"""

EXAMPLES = r"""
- name: The company's lists
  selfhosted.platforms.cloudron_mail_lists:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    config:
      - {name: sales, domain: example.com, members: [alice@example.com, bob@example.com], members_only: true}
      - {name: all, domain: example.com, members: [alice@example.com, bob@example.com, carol@example.com]}

- name: Read every list in the form config accepts
  selfhosted.platforms.cloudron_mail_lists:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    state: gathered
  register: current_lists
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
      description: The address C(name@domain) of the list.
      type: str
    fields:
      description: The options written, sorted; empty for V(delete).
      type: list
      elements: str
  sample: [{action: create, key: sales@example.com, fields: [domain, members, members_only, name]}]
lists:
  description:
    - The listed mailing lists after the run, in the form of RV(selfhosted.platforms.cloudron_mail_list#module:list).
      Lists deleted by the run are left out. In check mode, the prediction.
  returned: when O(state) is not V(gathered)
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
gathered:
  description: Every mailing list of every domain, sorted by address, in the form O(config) accepts.
  returned: when O(state=gathered)
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
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import plural_argspec


def main():
    run = CLOUDRON.module(plural_argspec(MailLists, append={"type": "bool", "default": False}))
    run.plural(MailLists())


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_groups
short_description: Manage many Cloudron groups and their members in one task
version_added: 0.1.0
description:
  - Converge a list of groups in one module run. Groups and users are each read once, every item is compared,
    and only what differs is written; the result lists the plan in RV(changes).
  - Items use the same options as M(selfhosted.platforms.cloudron_group).
  - The whole list is validated (names, reserved words, duplicates after lower-casing) before anything is read or written.
  - "Deliberate safety rails: O(state=deleted) needs a non-empty O(config); O(state=overridden) refuses an empty one
    unless O(allow_empty=true), and never deletes groups of an external directory."
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  config:
    description:
      - The groups, each identified by O(config[].name).
      - The output of O(state=gathered) is accepted as input (read-only keys are ignored).
    type: list
    elements: dict
    suboptions:
      name:
        description: The group name; letters, digits, dot and C(-), stored lower-case.
        type: str
      members:
        description:
          - Usernames of the members (an email names a user without username); exactly these unless O(append=true).
          - A user that does not exist is a warning in check mode and an error in a real run.
        type: list
        elements: str
      id:
        description: Read-only, returned by O(state=gathered); ignored on input.
        type: str
      source:
        description: Read-only, returned by O(state=gathered); ignored on input.
        type: str
  append:
    description: With V(true), each item's members are added and none are removed.
    type: bool
    default: false
  state:
    description:
      - V(merged) creates the listed groups and sets their members; other groups are left alone.
      - V(overridden) does the same and deletes every group not listed, except groups of an external directory.
      - V(deleted) deletes the listed groups (only their names are needed).
      - V(gathered) changes nothing and returns every group in RV(gathered), in the form O(config) accepts.
    type: str
    choices: [merged, overridden, deleted, gathered]
    default: merged
  allow_empty:
    description: Let O(state=overridden) run with an empty O(config), deleting every local group.
    type: bool
    default: false
notes:
  - A failure part-way returns C(failed), C(changed) and in RV(changes) the changes already applied.
seealso:
  - module: selfhosted.platforms.cloudron_group
  - module: selfhosted.platforms.cloudron_users
"""

EXAMPLES = r"""
- name: Converge the company's groups
  selfhosted.platforms.cloudron_groups:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    config:
      - name: staff
        members: [alice, bob]
      - name: sales
        members: [bob]

- name: Delete two groups
  selfhosted.platforms.cloudron_groups:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    state: deleted
    config:
      - name: interns
      - name: contractors
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
      description: The group name.
      type: str
    fields:
      description: The options written, sorted; empty for V(delete).
      type: list
      elements: str
  sample: [{action: create, key: staff, fields: [members, name]}, {action: update, key: sales, fields: [members]}]
groups:
  description:
    - The listed groups after the run, in the form of RV(selfhosted.platforms.cloudron_group#module:group).
      Groups deleted by the run are left out. In check mode, the prediction (new groups have C(id=null)).
  returned: when O(state) is not V(gathered)
  type: list
  elements: dict
  contains:
    id:
      description: The group's id (C(gid-...)); V(null) for a group that check mode predicts would be created.
      type: str
      sample: gid-3e1d350a-9b0a-4895-86fa-3094ee681bd5
    name:
      description: The group name, lower-case.
      type: str
      sample: staff
    members:
      description: Usernames of the members, sorted (the email for a member without username).
      type: list
      elements: str
      sample: [alice, bob]
    source:
      description: Empty for local groups; the directory name (for example C(ldap)) for groups from an external directory.
      type: str
      sample: ""
  sample: [{id: gid-3e1d350a-9b0a-4895-86fa-3094ee681bd5, name: staff, members: [alice, bob], source: ""}]
gathered:
  description: Every group on the server, sorted by name, in the form O(config) accepts.
  returned: when O(state=gathered)
  type: list
  elements: dict
  contains:
    id:
      description: The group's id (C(gid-...)).
      type: str
      sample: gid-3e1d350a-9b0a-4895-86fa-3094ee681bd5
    name:
      description: The group name, lower-case.
      type: str
      sample: staff
    members:
      description: Usernames of the members, sorted (the email for a member without username).
      type: list
      elements: str
      sample: [alice, bob]
    source:
      description: Empty for local groups; the directory name (for example C(ldap)) for groups from an external directory.
      type: str
      sample: ""
  sample: [{id: gid-3e1d350a-9b0a-4895-86fa-3094ee681bd5, name: staff, members: [alice, bob], source: ""}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.groups import Groups
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import plural_argspec


def main():
    CLOUDRON.module(plural_argspec(Groups, append={"type": "bool", "default": False})).plural(Groups())


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_users
short_description: Manage many Cloudron users in one task
version_added: 0.1.0
description:
  - Converge a list of users in one module run. The server is read once with large pages, every item is compared,
    and only what differs is written. A no-change run over hundreds of users costs two or three requests.
  - Items use the same options as M(selfhosted.platforms.cloudron_user); the result lists the plan in RV(changes).
  - The whole list is validated (names, reserved words, duplicates after lower-casing) before anything is read or written.
  - "Deliberate safety rails: O(state=deleted) needs a non-empty O(config); O(state=overridden) refuses an empty one
    unless O(allow_empty=true); O(state=overridden) never deletes the token's own user, owners, or users of an external
    directory; a user who owns mailboxes is deleted only with O(force=true)."
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  config:
    description:
      - The users. Each item is identified by O(config[].username), else O(config[].email).
      - The output of O(state=gathered) is accepted as input (read-only keys are ignored).
    type: list
    elements: dict
    suboptions:
      username:
        description: The username; letters, digits, dot and C(-), stored lower-case. Never renamed.
        type: str
      email:
        description: The primary email. Required to create a user; identifies users without username.
        type: str
      display_name:
        description: The full name.
        type: str
      fallback_email:
        description: The password recovery address; the server defaults it to the email.
        type: str
      role:
        description: The role; the server defaults new users to V(user).
        type: str
        choices: [owner, admin, usermanager, mailmanager, user]
      active:
        description: Whether the user may log in.
        type: bool
      groups:
        description:
          - Names of the user's groups; exactly these unless O(append=true).
          - A group that does not exist is a warning in check mode and an error in a real run.
        type: list
        elements: str
      send_invite:
        description: When the user is created, email them an invitation link.
        type: bool
      id:
        description: Read-only, returned by O(state=gathered); ignored on input.
        type: str
      source:
        description: Read-only, returned by O(state=gathered); ignored on input.
        type: str
  passwords:
    description:
      - Passwords by username (or email), kept out of O(config) so the plan stays visible while the secrets stay hidden.
      - Applied according to O(update_password). A key that names no item of O(config) is an error.
    type: dict
  update_password:
    description:
      - V(on_create) sets passwords only for users being created; V(always) sets them on every run (and so always
        reports a change for those users).
    type: str
    choices: [always, on_create]
    default: on_create
  append:
    description: With V(true), each item's groups are added and none are removed.
    type: bool
    default: false
  state:
    description:
      - V(merged) creates and updates the listed users and leaves the others alone.
      - V(overridden) does the same and deletes every user not listed, except protected ones (see above).
      - V(deleted) deletes the listed users (only their identity is needed).
      - V(gathered) changes nothing and returns every user in RV(gathered), in the form O(config) accepts.
    type: str
    choices: [merged, overridden, deleted, gathered]
    default: merged
  allow_empty:
    description: Let O(state=overridden) run with an empty O(config), deleting every unprotected user.
    type: bool
    default: false
  force:
    description: Delete users even when they own mailboxes.
    type: bool
    default: false
notes:
  - A failure part-way returns C(failed), C(changed) and in RV(changes) the changes already applied.
seealso:
  - module: selfhosted.platforms.cloudron_user
  - module: selfhosted.platforms.cloudron_groups
"""

EXAMPLES = r"""
- name: Converge the company's users in one task
  selfhosted.platforms.cloudron_users:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    config:
      - username: alice
        email: alice@example.com
        display_name: Alice Example
        role: admin
        groups: [staff]
      - username: bob
        email: bob@example.com
        groups: [staff, sales]
    passwords:
      alice: "{{ vault_alice_password }}"

- name: Remove everyone who is not listed (owners, yourself and directory users are kept)
  selfhosted.platforms.cloudron_users:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    state: overridden
    config: "{{ company_users }}"

- name: Read every user in the form config accepts
  selfhosted.platforms.cloudron_users:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    state: gathered
  register: current_users
"""

RETURN = r"""
changes:
  description:
    - The plan, in order; in check mode what would be done.
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
      description: The identity of the object (username, else email).
      type: str
    fields:
      description: The options written, sorted; empty for V(delete).
      type: list
      elements: str
  sample: [{action: create, key: alice, fields: [display_name, email, groups, role, username]}, {action: delete, key: mallory, fields: []}]
users:
  description:
    - The listed users after the run, in the form of RV(selfhosted.platforms.cloudron_user#module:user).
      Users deleted by the run are left out. In check mode, the prediction (new users have C(id=null)).
  returned: when O(state) is not V(gathered)
  type: list
  elements: dict
  contains:
    id:
      description: The user's id (C(uid-...)); V(null) for a user that check mode predicts would be created.
      type: str
      sample: uid-1c5677ff-ac41-4f8b-82b9-8f840e223a34
    username:
      description: The username; V(null) for an invited user who has not chosen one.
      type: str
      sample: alice
    email:
      description: The primary email, lower-case.
      type: str
      sample: alice@example.com
    display_name:
      description: The full name.
      type: str
      sample: Alice Example
    fallback_email:
      description: The password recovery email.
      type: str
      sample: alice@example.com
    role:
      description: The role, V(owner), V(admin), V(usermanager), V(mailmanager) or V(user).
      type: str
      sample: admin
    active:
      description: Whether the user may log in.
      type: bool
      sample: true
    groups:
      description: Names of the user's groups, sorted.
      type: list
      elements: str
      sample: [staff]
    source:
      description: Empty for local users; the directory name (for example C(ldap)) for users from an external directory.
      type: str
      sample: ""
  sample: [{id: uid-1c5677ff-ac41-4f8b-82b9-8f840e223a34, username: alice, email: alice@example.com,
            display_name: Alice Example, fallback_email: alice@example.com, role: admin, active: true,
            groups: [staff], source: ""}]
gathered:
  description: Every user on the server, sorted by username, in the form O(config) accepts.
  returned: when O(state=gathered)
  type: list
  elements: dict
  contains:
    id:
      description: The user's id (C(uid-...)).
      type: str
      sample: uid-1c5677ff-ac41-4f8b-82b9-8f840e223a34
    username:
      description: The username; V(null) for an invited user who has not chosen one.
      type: str
      sample: alice
    email:
      description: The primary email, lower-case.
      type: str
      sample: alice@example.com
    display_name:
      description: The full name.
      type: str
      sample: Alice Example
    fallback_email:
      description: The password recovery email.
      type: str
      sample: alice@example.com
    role:
      description: The role, V(owner), V(admin), V(usermanager), V(mailmanager) or V(user).
      type: str
      sample: admin
    active:
      description: Whether the user may log in.
      type: bool
      sample: true
    groups:
      description: Names of the user's groups, sorted.
      type: list
      elements: str
      sample: [staff]
    source:
      description: Empty for local users; the directory name (for example C(ldap)) for users from an external directory.
      type: str
      sample: ""
  sample: [{id: uid-1c5677ff-ac41-4f8b-82b9-8f840e223a34, username: alice, email: alice@example.com,
            display_name: Alice Example, fallback_email: alice@example.com, role: admin, active: true,
            groups: [staff], source: ""}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.users import Users
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY, plural_argspec


def main():
    run = CLOUDRON.module(plural_argspec(
        Users,
        passwords={"type": "dict", "no_log": True},
        update_password=SECRETS_POLICY,
        append={"type": "bool", "default": False},
        force={"type": "bool", "default": False},
    ))
    run.plural(Users(), secrets_option="update_password", secrets=("passwords", "password"))


if __name__ == "__main__":
    main()

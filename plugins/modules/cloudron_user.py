#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_user
short_description: Manage one Cloudron user
version_added: 0.1.0
description:
  - Create, update or delete a user on a Cloudron server, including role, active flag, password and group membership.
  - The user is identified by O(username), or by O(email) when no username is given or the user has none yet
    (users invited without a username). A username is set only while the user has none; users are never renamed.
  - Unset options are not managed. Upper-case and surrounding spaces in usernames and emails are normalised the way
    the server stores them, so re-runs report no change.
  - To manage many users in one task (much faster), use M(selfhosted.platforms.cloudron_users).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  username:
    description:
      - The username. Letters, digits, dot and C(-); stored lower-case. Reserved names (V(admin), V(root), ...)
        and names containing C(.app) are refused.
      - Required unless O(email) identifies the user.
    type: str
  email:
    description:
      - The primary email address. Required to create a user.
      - Identifies the user when O(username) is not given, or when no user has that username yet but a user
        without username has this email (an invited user); that user is then given O(username).
    type: str
  display_name:
    description: The full name shown in apps and the dashboard.
    type: str
  fallback_email:
    description:
      - The password recovery address. The server defaults it to O(email).
    type: str
  role:
    description:
      - The user's role. The server defaults new users to V(user).
      - Only an owner may grant V(owner). Users cannot change their own role.
    type: str
    choices: [owner, admin, usermanager, mailmanager, user]
  active:
    description:
      - Whether the user may log in. Users cannot deactivate themselves.
    type: bool
  groups:
    description:
      - Names of the groups the user belongs to. Without O(append), exactly these groups.
      - In check mode a group that does not exist yet (an earlier task would create it) is a warning;
        in a real run it is an error.
    type: list
    elements: str
  append:
    description:
      - With V(true), O(groups) are added to the user's groups and none are removed.
    type: bool
    default: false
  password:
    description:
      - The password, 8 to 256 characters. Without it, a new user gets a generated password
        (combine with O(send_invite) so they can set their own).
      - Never shown in output or diff. See O(update_password).
    type: str
  update_password:
    description:
      - V(on_create) sets O(password) only when the user is created.
      - V(always) sets it on every run; the module then always reports a change, because no Cloudron API can
        tell whether a password already matches.
    type: str
    choices: [always, on_create]
    default: on_create
  send_invite:
    description:
      - When the user is created, email them an invitation link to set up their account.
    type: bool
  force:
    description:
      - With O(state=absent), delete the user even when they own mailboxes. Without it the module refuses,
        because on some servers deleting a user also deletes their mailboxes.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the user; V(absent) deletes it. Deleting an absent user is not an error.
      - The token's own user is never deleted.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: selfhosted.platforms.cloudron_users
  - module: selfhosted.platforms.cloudron_user_info
  - module: selfhosted.platforms.cloudron_group
"""

EXAMPLES = r"""
- name: Create a user with a role and groups
  selfhosted.platforms.cloudron_user:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    username: dewey
    email: dewey@duckburg.example
    display_name: Dewey Duck
    role: user
    groups: [nephews]
    send_invite: true

- name: Use group module defaults for the connection, and only add a group
  module_defaults:
    group/selfhosted.platforms.cloudron:
      api_url: my.example.com
      api_token: "{{ cloudron_token }}"
  block:
    - name: Add Dewey to the editors group, keeping his other groups
      selfhosted.platforms.cloudron_user:
        username: dewey
        groups: [editors]
        append: true

    - name: Deactivate a user
      selfhosted.platforms.cloudron_user:
        username: louie
        active: false

    - name: Delete a user, even if they own mailboxes
      selfhosted.platforms.cloudron_user:
        username: huey
        state: absent
        force: true
"""

RETURN = r"""
user:
  description:
    - The user after the run, in the same form as the options (secrets left out). V(null) after O(state=absent).
    - In check mode, the predicted user; a user that would be created has RV(user.id=null).
  returned: always
  type: dict
  contains:
    id:
      description: The user's id (C(uid-...)); V(null) for a user that check mode predicts would be created.
      type: str
      sample: uid-1c5677ff-ac41-4f8b-82b9-8f840e223a34
    username:
      description: The username; V(null) for an invited user who has not chosen one.
      type: str
      sample: dewey
    email:
      description: The primary email, lower-case.
      type: str
      sample: dewey@duckburg.example
    display_name:
      description: The full name.
      type: str
      sample: Dewey Duck
    fallback_email:
      description: The password recovery email.
      type: str
      sample: dewey@duckburg.example
    role:
      description: The role.
      type: str
      sample: user
    active:
      description: Whether the user may log in.
      type: bool
      sample: true
    groups:
      description: Names of the user's groups, sorted.
      type: list
      elements: str
      sample: [nephews]
    source:
      description: Empty for local users; the directory name (for example C(ldap)) for users from an external directory.
      type: str
      sample: ""
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.users import Users
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY, singular_argspec


def main():
    run = CLOUDRON.module(
        singular_argspec(
            Users,
            append={"type": "bool", "default": False},
            update_password=SECRETS_POLICY,
            force={"type": "bool", "default": False},
        ),
        required_one_of=[("username", "email")],
    )
    run.singular(Users(), secrets_option="update_password")


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: installatron_users
short_description: Manage many Installatron Server users in one task
version_added: 0.1.0
description:
  - Converge a list of users (customers) and their websites in one module run. Users are read once, every item is
    compared, and only what differs is written.
  - Items take the options of M(selfhosted.platforms.installatron_user); website passwords are given beside the list in
    O(website_passwords). The result lists the plan in RV(changes).
  - The whole list is validated (usernames, duplicates after lower-casing, passwords for websites that are not listed)
    before anything is read or written.
  - "Deliberate safety rails: O(state=deleted) needs a non-empty O(config); O(state=overridden) refuses an empty one
    unless O(allow_empty=true), and never deletes resellers (the administrator is one) or the O(acting_user)."
  - "Deleting a user only forgets it in Installatron: the user's websites, installs and backups disappear from
    Installatron's database, but no file and no database is touched."
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.installatron
  - selfhosted.platforms.installatron.attributes
options:
  config:
    description:
      - The users, each identified by O(config[].id).
      - The output of O(state=gathered) is accepted as input.
    type: list
    elements: dict
    suboptions:
      id:
        description: The username; lower-case letters, digits, dot, C(_) and C(-). Never renamed.
        type: str
      email:
        description: The user's email address.
        type: str
      type:
        description: V(user) or V(reseller); the server makes new users V(user).
        type: str
        choices: [user, reseller]
      parent:
        description: The reseller the user belongs to.
        type: str
      package:
        description: The hosting package.
        type: str
      language:
        description: The language of the user's interface.
        type: str
      suspended:
        description: Whether the user is suspended.
        type: bool
      websites:
        description:
          - The user's websites; exactly these. Compared order-free and without passwords.
          - Changing the websites of a user with remote websites needs their passwords in O(website_passwords).
        type: list
        elements: dict
        suboptions:
          path:
            description:
              - The home directory, a local path or a V(sftp://), V(ftp://), V(ftps://) or V(ssh://) URI with the login
                name. Never with a password.
            type: str
            required: true
          vhosts:
            description: Domain URLs to document roots relative to the path.
            type: dict
          label:
            description: A name for the website.
            type: str
          email:
            description: The email address for this website's notifications.
            type: str
          server:
            description: Tells web servers apart when the host of the path does not.
            type: str
          vhost_ip:
            description: The IP address of the web server, when the domains do not resolve to it.
            type: str
          path_backups:
            description: Where backups of this website's installs are kept.
            type: str
          uid:
            description: For a local path, the user id files are written as.
            type: int
          gid:
            description: For a local path, the group id files are written as.
            type: int
          mysql_host:
            description: The MySQL server for this website's databases.
            type: str
          language:
            description: The default language of new installs.
            type: str
          suspended:
            description: Whether this website is suspended.
            type: bool
  website_passwords:
    description:
      - The passwords of remote websites, by username, then by website path (as in O(config[].websites[].path)), kept out
        of O(config) so the plan stays visible while the secrets stay hidden.
      - Applied according to O(update_secrets). A username that names no item of O(config), or a path that names no
        website of that item, is an error.
    type: dict
  update_secrets:
    description:
      - V(on_create) sends website passwords only for users being created and users whose websites change.
      - V(always) sends them on every run (and so always reports a change for those users).
    type: str
    choices: [always, on_create]
    default: on_create
  state:
    description:
      - V(merged) creates and updates the listed users and leaves the others alone.
      - V(overridden) does the same and deletes every user not listed, except resellers and the O(acting_user).
      - V(deleted) deletes the listed users (only O(config[].id) is needed).
      - V(gathered) changes nothing and returns every user in RV(gathered), in the form O(config) accepts.
      - Deleting only forgets a user in Installatron; files and databases stay.
    type: str
    choices: [merged, overridden, deleted, gathered]
    default: merged
  allow_empty:
    description: Let O(state=overridden) run with an empty O(config), deleting every user that is not protected.
    type: bool
    default: false
notes:
  - A failure part-way returns C(failed), C(changed) and in RV(changes) the changes already applied.
  - O(state=gathered) reads each user's own record when the list leaves the websites out, one request per user.
seealso:
  - module: selfhosted.platforms.installatron_user
  - module: selfhosted.platforms.installatron_user_info
"""

EXAMPLES = r"""
- name: Converge the hosting customers in one task
  selfhosted.platforms.installatron_users:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    config:
      - id: alice
        email: alice@example.com
        websites:
          - path: /home/alice
            vhosts:
              https://alice.example.com: public_html
      - id: bob
        email: bob@example.com
        websites:
          - path: sftp://bob@web1.example.com/home/bob
            vhosts:
              https://bob.example.com: public_html
    website_passwords:
      bob:
        sftp://bob@web1.example.com/home/bob: "{{ vault_bob_sftp_password }}"

- name: Read every user in the form config accepts
  selfhosted.platforms.installatron_users:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    state: gathered
  register: current_users

- name: Forget two customers in Installatron (their files stay)
  selfhosted.platforms.installatron_users:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    state: deleted
    config:
      - id: carol
      - id: dave
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
        - V(create), V(update) or V(delete) (forget in Installatron), or V(adopt) when another run created the user
          meanwhile (only what this run wrote to it is listed).
      type: str
    key:
      description: The username.
      type: str
    fields:
      description: The options written, sorted; empty for V(delete).
      type: list
      elements: str
  sample: [{action: create, key: alice, fields: [email, id, websites]}, {action: delete, key: mallory, fields: []}]
users:
  description:
    - The listed users after the run, in the form of RV(selfhosted.platforms.installatron_user#module:user).
      Users deleted by the run are left out. In check mode, the prediction.
  returned: when O(state) is not V(gathered)
  type: list
  elements: dict
  contains:
    id:
      description: The username.
      type: str
      sample: alice
    email:
      description: The email address, lower-case.
      type: str
      sample: alice@example.com
    type:
      description: V(user) or V(reseller).
      type: str
      sample: user
    parent:
      description: The reseller the user belongs to, or V(null).
      type: str
      sample: null
    package:
      description: The hosting package, or V(null).
      type: str
      sample: null
    language:
      description: The interface language, or V(null).
      type: str
      sample: en
    suspended:
      description: Whether the user is suspended.
      type: bool
      sample: false
    websites:
      description:
        - The websites, sorted by path, without passwords in their paths. V(null) when the server did not say.
      type: list
      elements: dict
      contains:
        path:
          description: The home directory or remote URI (with its login name, without password).
          type: str
          sample: /home/alice
        vhosts:
          description: Domain URL (lower-case) -> document root.
          type: dict
          sample: {"https://alice.example.com": public_html}
        label:
          description: The website's name.
          type: str
        email:
          description: The notification address of the website.
          type: str
        server:
          description: The web server it is on.
          type: str
        vhost_ip:
          description: The web server's IP address.
          type: str
        path_backups:
          description: Where backups are kept.
          type: str
        uid:
          description: The user id files are written as.
          type: int
        gid:
          description: The group id files are written as.
          type: int
        mysql_host:
          description: The MySQL server.
          type: str
        language:
          description: The default language of new installs.
          type: str
        suspended:
          description: Whether the website is suspended.
          type: bool
  sample: [{id: alice, email: alice@example.com, type: user, parent: null, package: null, language: null, suspended: false,
            websites: [{path: /home/alice, vhosts: {"https://alice.example.com": public_html}}]}]
gathered:
  description: Every user on the server, sorted by username, in the form O(config) accepts (no passwords).
  returned: when O(state=gathered)
  type: list
  elements: dict
  contains:
    id:
      description: The username.
      type: str
      sample: alice
    email:
      description: The email address, lower-case.
      type: str
      sample: alice@example.com
    type:
      description: V(user) or V(reseller).
      type: str
      sample: user
    parent:
      description: The reseller the user belongs to, or V(null).
      type: str
      sample: null
    package:
      description: The hosting package, or V(null).
      type: str
      sample: null
    language:
      description: The interface language, or V(null).
      type: str
      sample: en
    suspended:
      description: Whether the user is suspended.
      type: bool
      sample: false
    websites:
      description:
        - The websites, sorted by path, without passwords in their paths. V(null) when the server did not say.
      type: list
      elements: dict
      contains:
        path:
          description: The home directory or remote URI (with its login name, without password).
          type: str
          sample: /home/alice
        vhosts:
          description: Domain URL (lower-case) -> document root.
          type: dict
          sample: {"https://alice.example.com": public_html}
        label:
          description: The website's name.
          type: str
        email:
          description: The notification address of the website.
          type: str
        server:
          description: The web server it is on.
          type: str
        vhost_ip:
          description: The web server's IP address.
          type: str
        path_backups:
          description: Where backups are kept.
          type: str
        uid:
          description: The user id files are written as.
          type: int
        gid:
          description: The group id files are written as.
          type: int
        mysql_host:
          description: The MySQL server.
          type: str
        language:
          description: The default language of new installs.
          type: str
        suspended:
          description: Whether the website is suspended.
          type: bool
  sample: [{id: alice, email: alice@example.com, type: user, parent: null, package: null, language: null, suspended: false,
            websites: [{path: /home/alice, vhosts: {"https://alice.example.com": public_html}}]}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY, plural_argspec
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.platform import INSTALLATRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.users import Users

FORGOTTEN = "forgotten by Installatron (files and databases stay)"


def main():
    run = INSTALLATRON.module(plural_argspec(
        Users,
        website_passwords={"type": "dict", "no_log": True},
        update_secrets=SECRETS_POLICY,
    ))

    def finish(ctx, result):
        if "diff" in result and any(change["action"] == "delete" for change in result["changes"]):
            result["diff"]["after_header"] = "after (the users deleted are %s)" % FORGOTTEN

    run.plural(Users(), secrets_option="update_secrets", secrets=("website_passwords", "website_passwords"), finish=finish)


if __name__ == "__main__":
    main()

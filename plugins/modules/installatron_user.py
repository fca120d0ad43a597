#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: installatron_user
short_description: Manage one Installatron Server user and their websites
version_added: 0.1.0
description:
  - Create, update or delete a user (a customer of the hosting company) on an Installatron Server, with their websites
    (where each website's files live and which domains it serves).
  - The user is identified by O(id), the username. Users are never renamed.
  - Unset options are not managed. Upper-case and surrounding spaces in usernames and emails are normalised the way the
    server stores them, so re-runs report no change.
  - "Deleting a user only forgets it in Installatron: the user's websites, installs and backups disappear from
    Installatron's database, but no file and no database is touched."
  - To manage many users in one task, use M(selfhosted.platforms.installatron_users).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.installatron
  - selfhosted.platforms.installatron.attributes
options:
  id:
    description:
      - The username. Lower-case letters, digits, dot, C(_) and C(-), starting with a letter or digit, at most 64 characters.
    type: str
    required: true
  email:
    description: The user's email address, where Installatron sends notifications.
    type: str
  type:
    description:
      - V(user) or V(reseller). The server makes new users V(user).
      - A reseller whose username is the C(admin=) value of the server's C(settings.ini) is the administrator.
    type: str
    choices: [user, reseller]
  parent:
    description: The reseller the user belongs to.
    type: str
  package:
    description: The hosting package, which decides the apps and features the user may use.
    type: str
  language:
    description: The language of the user's interface, for example V(en) or V(de).
    type: str
  suspended:
    description: Whether the user is suspended. The server makes new users not suspended.
    type: bool
  websites:
    description:
      - The user's websites; exactly these (the server replaces the whole list on every change).
      - Compared order-free and without passwords, because the server stores paths encrypted and cannot show the
        passwords in them; a password changed only on the server is therefore not noticed (see O(update_secrets)).
      - A website served from another machine has a remote O(websites[].path); changing the websites of such a user
        needs the password of every remote website in O(website_passwords), because the server would otherwise lose it.
    type: list
    elements: dict
    suboptions:
      path:
        description:
          - The website's home directory, as a local path (V(/home/alice)) or as a V(sftp://), V(ftp://), V(ftps://) or
            V(ssh://) URI with the login name, such as V(sftp://alice@web1.example.com/home/alice).
          - Never put a password in it; give it in O(website_passwords).
        type: str
        required: true
      vhosts:
        description:
          - The domains the website serves, from their URL (V(https://example.com)) to the document root relative to
            O(websites[].path) (V(public_html)).
        type: dict
      label:
        description: A name for the website, shown to the user.
        type: str
      email:
        description: The email address for this website's notifications.
        type: str
      server:
        description: Tells web servers apart when the host of O(websites[].path) does not.
        type: str
      vhost_ip:
        description: The IP address of the web server, when the domains do not resolve to it (yet).
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
        description: The default language of apps installed on this website.
        type: str
      suspended:
        description: Whether this website is suspended.
        type: bool
  website_passwords:
    description:
      - The passwords of remote websites, from the website's O(websites[].path) (as given, without a password) to the
        password. Put into the path, URL-encoded, only when it is sent.
      - Never shown in output or diff. A path that names no website in O(websites) is an error.
    type: dict
  update_secrets:
    description:
      - V(on_create) sends O(website_passwords) only when the user is created or the websites change.
      - V(always) sends them on every run, to rotate them; the module then always reports a change.
    type: str
    choices: [always, on_create]
    default: on_create
  state:
    description:
      - V(present) creates or updates the user; V(absent) deletes it. Deleting an absent user is not an error.
      - Deleting only forgets the user in Installatron (its websites, installs and backups there); files and databases
        stay where they are.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: selfhosted.platforms.installatron_users
  - module: selfhosted.platforms.installatron_user_info
  - module: selfhosted.platforms.installatron_install
"""

EXAMPLES = r"""
- name: Create a customer with a local website
  selfhosted.platforms.installatron_user:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    id: alice
    email: alice@example.com
    websites:
      - path: /home/alice
        vhosts:
          https://alice.example.com: public_html
        uid: 1001
        gid: 1001

- name: Use group module defaults for the connection
  module_defaults:
    group/selfhosted.platforms.installatron:
      api_url: https://installatron.example.com
      api_key: "{{ installatron_key }}"
  block:
    - name: A customer whose website is on another machine, reached over SFTP
      selfhosted.platforms.installatron_user:
        id: bob
        email: bob@example.com
        websites:
          - path: sftp://bob@web1.example.com/home/bob
            vhosts:
              https://bob.example.com: public_html
        website_passwords:
          sftp://bob@web1.example.com/home/bob: "{{ vault_bob_sftp_password }}"

    - name: Suspend a customer
      selfhosted.platforms.installatron_user:
        id: carol
        suspended: true

    - name: Forget a customer in Installatron (their files stay)
      selfhosted.platforms.installatron_user:
        id: dave
        state: absent
"""

RETURN = r"""
user:
  description:
    - The user after the run, in the same form as the options (passwords left out). V(null) after O(state=absent).
    - In check mode, the prediction.
  returned: always
  type: dict
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
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY, singular_argspec
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.platform import INSTALLATRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.users import Users

FORGOTTEN = "forgotten by Installatron (files and databases stay)"


def main():
    spec = singular_argspec(Users, update_secrets=SECRETS_POLICY)
    spec["id"]["required"] = True
    run = INSTALLATRON.module(spec)

    def finish(ctx, result):
        if "diff" in result and result["changed"] and run.params["state"] == "absent":
            result["diff"]["after_header"] = FORGOTTEN

    run.singular(Users(), secrets_option="update_secrets", finish=finish)


if __name__ == "__main__":
    main()

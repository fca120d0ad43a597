#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: installatron_description_info
short_description: Read a whole Installatron Server as the description the bootstrap role takes
version_added: 0.1.0
description:
  - Returns the server's customers (with their websites), their installs and the plugins of their WordPress installs
    in the form of the C(installatron_bootstrap_description) variable of the
    P(selfhosted.platforms.installatron_bootstrap#role) role, and a skeleton of the secrets it would need.
  - Lists are sorted by identity (customer, then URL, then plugin), so the same server always gives the same
    description, and applying it to another server and reading that back gives it again.
  - Every managed value is written, defaults included, so a server rebuilt from the description keeps noticing when
    one of them is changed by hand. O(minimal) leaves values equal to the server's defaults out.
  - Left out are install versions (automatic updates move them) and everything secret.
  - Secrets cannot be read back. The skeleton names the password of every remote website (C(sftp://), C(ftp://),
    C(ftps://), C(ssh://)) with the placeholder C(REPLACE-WITH-SECRET), which the bootstrap role refuses to apply.
    Install admin passwords are optional (the server makes one up), so the skeleton has none.
  - Reads every customer once and the installs of each; the plugins of every WordPress install cost one more request
    each.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.installatron
  - selfhosted.platforms.installatron.info_attributes
options:
  minimal:
    description:
      - Leave out values equal to the server's defaults, for a shorter description.
      - A server bootstrapped from a minimal description does not manage those values, so it no longer notices when one
        of them is changed by hand.
    type: bool
    default: false
notes:
  - C(playbooks/installatron_export.yml) writes both to files.
seealso:
  - module: selfhosted.platforms.installatron_users
  - module: selfhosted.platforms.installatron_installs
  - module: selfhosted.platforms.installatron_description_validate
"""

EXAMPLES = r"""
- name: Read the server
  selfhosted.platforms.installatron_description_info:
    api_url: https://server.example.com
    api_key: "{{ installatron_api_key }}"
  register: server

- name: Write the description
  ansible.builtin.copy:
    content: "{{ {'installatron_bootstrap_description': server.description} | to_nice_yaml(indent=2) }}"
    dest: "{{ inventory_hostname }}-installatron.yml"
    mode: "0644"
"""

RETURN = r"""
description:
  description:
    - The server as the bootstrap role's C(installatron_bootstrap_description). In every entry, unset values are left
      out, and with O(minimal) values equal to the server's defaults too.
  returned: always
  type: dict
  contains:
    users:
      description:
        - Customers in the form of M(selfhosted.platforms.installatron_users) items, with their websites, sorted by
          username.
      type: list
      elements: dict
      contains:
        id:
          description: O(selfhosted.platforms.installatron_users#module:config[].id).
          type: str
          sample: alice
        email:
          description: O(selfhosted.platforms.installatron_users#module:config[].email).
          type: str
          sample: alice@example.com
        type:
          description: O(selfhosted.platforms.installatron_users#module:config[].type).
          type: str
          sample: user
        parent:
          description: O(selfhosted.platforms.installatron_users#module:config[].parent).
          type: str
        package:
          description: O(selfhosted.platforms.installatron_users#module:config[].package).
          type: str
        language:
          description: O(selfhosted.platforms.installatron_users#module:config[].language).
          type: str
          sample: en
        suspended:
          description: O(selfhosted.platforms.installatron_users#module:config[].suspended).
          type: bool
          sample: false
        websites:
          description:
            - O(selfhosted.platforms.installatron_users#module:config[].websites), sorted by path; only the keys the
              server has a value for.
          type: list
          elements: dict
          contains:
            path:
              description: O(selfhosted.platforms.installatron_users#module:config[].websites[].path), without a password.
              type: str
              sample: /home/alice
            vhosts:
              description:
                - O(selfhosted.platforms.installatron_users#module:config[].websites[].vhosts), domain URL -> document
                  root.
              type: dict
              sample: {"https://alice.example.com": public_html}
            label:
              description: O(selfhosted.platforms.installatron_users#module:config[].websites[].label).
              type: str
            email:
              description: O(selfhosted.platforms.installatron_users#module:config[].websites[].email).
              type: str
            server:
              description: O(selfhosted.platforms.installatron_users#module:config[].websites[].server).
              type: str
            vhost_ip:
              description: O(selfhosted.platforms.installatron_users#module:config[].websites[].vhost_ip).
              type: str
            path_backups:
              description: O(selfhosted.platforms.installatron_users#module:config[].websites[].path_backups).
              type: str
            uid:
              description: O(selfhosted.platforms.installatron_users#module:config[].websites[].uid).
              type: int
            gid:
              description: O(selfhosted.platforms.installatron_users#module:config[].websites[].gid).
              type: int
            mysql_host:
              description: O(selfhosted.platforms.installatron_users#module:config[].websites[].mysql_host).
              type: str
            language:
              description: O(selfhosted.platforms.installatron_users#module:config[].websites[].language).
              type: str
            suspended:
              description: O(selfhosted.platforms.installatron_users#module:config[].websites[].suspended).
              type: bool
    installs:
      description:
        - Installs in the form of M(selfhosted.platforms.installatron_installs) items, sorted by customer and URL,
          without versions, passwords, the database the server chose, the install id or its path.
      type: list
      elements: dict
      contains:
        user:
          description: O(selfhosted.platforms.installatron_installs#module:config[].user).
          type: str
          sample: alice
        url:
          description: O(selfhosted.platforms.installatron_installs#module:config[].url).
          type: str
          sample: https://alice.example.com/blog
        app:
          description: O(selfhosted.platforms.installatron_installs#module:config[].app).
          type: str
          sample: wordpress
        language:
          description: O(selfhosted.platforms.installatron_installs#module:config[].language).
          type: str
          sample: en
        autoup:
          description: O(selfhosted.platforms.installatron_installs#module:config[].autoup).
          type: str
          sample: minor
        autoup_plugins:
          description: O(selfhosted.platforms.installatron_installs#module:config[].autoup_plugins).
          type: str
        autoup_themes:
          description: O(selfhosted.platforms.installatron_installs#module:config[].autoup_themes).
          type: str
        autoup_backup:
          description: O(selfhosted.platforms.installatron_installs#module:config[].autoup_backup).
          type: str
        notification:
          description: O(selfhosted.platforms.installatron_installs#module:config[].notification), sorted.
          type: list
          elements: str
          sample: [update]
        login:
          description: O(selfhosted.platforms.installatron_installs#module:config[].login).
          type: str
          sample: admin
        email:
          description: O(selfhosted.platforms.installatron_installs#module:config[].email).
          type: str
          sample: alice@example.com
        sitetitle:
          description: O(selfhosted.platforms.installatron_installs#module:config[].sitetitle).
          type: str
          sample: Alice's blog
        sitetagline:
          description: O(selfhosted.platforms.installatron_installs#module:config[].sitetagline).
          type: str
        bkloc:
          description: O(selfhosted.platforms.installatron_installs#module:config[].bkloc).
          type: str
        autobk:
          description: O(selfhosted.platforms.installatron_installs#module:config[].autobk).
          type: str
    plugins:
      description:
        - Plugins of WordPress installs in the form of M(selfhosted.platforms.installatron_wp_plugin) options, sorted by
          customer, URL and slug.
      type: list
      elements: dict
      contains:
        user:
          description: O(selfhosted.platforms.installatron_wp_plugin#module:user).
          type: str
          sample: alice
        url:
          description: O(selfhosted.platforms.installatron_wp_plugin#module:url).
          type: str
          sample: https://alice.example.com/blog
        slug:
          description: O(selfhosted.platforms.installatron_wp_plugin#module:slug).
          type: str
          sample: akismet
        activated:
          description: O(selfhosted.platforms.installatron_wp_plugin#module:activated).
          type: bool
          sample: true
        autoup:
          description: O(selfhosted.platforms.installatron_wp_plugin#module:autoup).
          type: str
          sample: all
  sample:
    users: [{id: alice, email: alice@example.com, type: user, suspended: false, websites: [{path: /home/alice/public_html}]}]
    installs: [{user: alice, url: "https://alice.example.com/blog", app: wordpress, autoup: minor}]
    plugins: [{user: alice, url: "https://alice.example.com/blog", slug: akismet, activated: true}]
secrets:
  description: The skeleton of C(installatron_bootstrap_secrets), every value the placeholder C(REPLACE-WITH-SECRET).
  returned: always
  type: dict
  contains:
    website_passwords:
      description:
        - Customer -> remote website path -> placeholder, for every remote website (C(sftp://), C(ftp://), C(ftps://),
          C(ssh://)), as O(selfhosted.platforms.installatron_users#module:website_passwords) takes them per customer.
      type: dict
      sample: {bob: {"sftp://bob@files.example.com/www": REPLACE-WITH-SECRET}}
    install_passwords:
      description:
        - Always empty; the role takes install URL -> admin password here, which installs do not need (the server
          makes one up).
      type: dict
      sample: {}
  sample:
    website_passwords: {bob: {"sftp://bob@files.example.com/www": REPLACE-WITH-SECRET}}
    install_passwords: {}
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import EXPORT_OPTIONS, export
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.description import describe
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.platform import INSTALLATRON


def main():
    run = INSTALLATRON.module(EXPORT_OPTIONS)
    run.execute(export(run, describe))


if __name__ == "__main__":
    main()

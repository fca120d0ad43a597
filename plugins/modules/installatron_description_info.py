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
  description: The server as the bootstrap role's C(installatron_bootstrap_description).
  returned: always
  type: dict
  contains:
    users:
      description: Customers in the form of M(selfhosted.platforms.installatron_users) items, with their websites.
      type: list
      elements: dict
    installs:
      description: Installs in the form of M(selfhosted.platforms.installatron_installs) items, without versions or passwords.
      type: list
      elements: dict
    plugins:
      description:
        - Plugins of WordPress installs in the form of M(selfhosted.platforms.installatron_wp_plugin) options
          (C(user), C(url), C(slug), C(activated), C(autoup)).
      type: list
      elements: dict
  sample:
    users: [{id: alice, email: alice@example.com, type: user, suspended: false, websites: [{path: /home/alice/public_html}]}]
    installs: [{user: alice, url: "https://alice.example.com/blog", app: wordpress, autoup: minor}]
    plugins: [{user: alice, url: "https://alice.example.com/blog", slug: akismet, activated: true}]
secrets:
  description: The skeleton of C(installatron_bootstrap_secrets), every value the placeholder C(REPLACE-WITH-SECRET).
  returned: always
  type: dict
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

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_directory_server
short_description: Manage the LDAP directory server Cloudron offers to other machines
version_added: 0.1.0
description:
  - Turn on or off the directory server through which other machines can look up and authenticate Cloudron's users
    over LDAP, and set which addresses may connect to it and the secret they bind with.
  - The settings are read with one request; a change writes them together in one request. Only the settings given are
    compared.
  - With no setting given, the module reads and returns the settings, changing nothing.
  - The secret is write-only and never compared or shown, see O(update_secrets).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  enabled:
    description:
      - Whether the directory server runs.
      - An enabled directory server needs a secret. Turning it on without O(secret) is refused before anything is
        written unless the server shows a stored secret (masked or not), which is then sent back unchanged.
    type: bool
  allowlist:
    description:
      - The IP addresses and CIDR ranges (such as V(192.0.2.10) or V(2001:db8::/32)) that may connect.
        V([]) empties the list.
      - Each element may hold several lines; blank lines and lines starting with C(#) are ignored. An entry that is
        neither an address nor a range is refused before anything is written.
      - Compared as a set, in one spelling (IPv6 compressed, lower-case), so the order, comments and blank lines on
        the server make no difference. A write keeps the server's comments and blank lines in place, drops the lines of
        entries no longer wanted and appends new entries in the order given.
    type: list
    elements: str
  secret:
    description:
      - The password clients bind with. Write-only; never shown in output or diff, and never compared.
      - Sent whenever the settings are written for another change, and on every run with O(update_secrets=always).
    type: str
  update_secrets:
    description:
      - V(on_create) sends O(secret) only when the settings are written for another change (there is nothing to
        create, since the server has these settings from the start).
      - V(always) sends it on every run and so always reports a change; use it to rotate the secret.
    type: str
    choices: [always, on_create]
    default: on_create
notes:
  - Reading and writing these settings needs the C(admin) role or higher.
  - A setting the server refuses fails with the server's message; nothing is written then.
seealso:
  - module: selfhosted.platforms.cloudron_user_directory
  - module: selfhosted.platforms.cloudron_external_ldap
"""

EXAMPLES = r"""
- name: Offer the directory to the office network and one host
  selfhosted.platforms.cloudron_directory_server:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    enabled: true
    secret: "{{ vault_directory_secret }}"
    allowlist:
      - 198.51.100.0/24
      - 2001:db8::10

- name: Rotate the secret
  selfhosted.platforms.cloudron_directory_server:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    secret: "{{ vault_new_directory_secret }}"
    update_secrets: always

- name: Turn the directory server off
  selfhosted.platforms.cloudron_directory_server:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    enabled: false
"""

RETURN = r"""
directory_server:
  description: The settings after the run (in check mode, as they would be), without the secret.
  returned: success
  type: dict
  contains:
    enabled:
      description: Whether the directory server runs.
      type: bool
      sample: true
    allowlist:
      description: The addresses and ranges that may connect, in one spelling, without comments.
      type: list
      elements: str
      sample: [198.51.100.0/24, "2001:db8::10"]
changed_settings:
  description:
    - Names of the settings that were (in check mode, would be) written. C(secret) is listed when it was sent.
  returned: always
  type: list
  elements: str
  sample: [enabled, secret]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.directory_server import FIELDS, DirectoryServer
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import argspec
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY


def main():
    spec = argspec(FIELDS)
    spec["update_secrets"] = SECRETS_POLICY
    run = CLOUDRON.module(spec)
    server = DirectoryServer()
    run.report_unless_given(server, "changed_settings")
    run.singular(server, secrets_option="update_secrets", state="present", changed_fields="changed_settings")


if __name__ == "__main__":
    main()

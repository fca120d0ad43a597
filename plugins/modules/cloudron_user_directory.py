#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_user_directory
short_description: Manage the profile settings of Cloudron's user directory
version_added: 0.1.0
description:
  - Set whether users may edit their own profiles and whether every user must log in with a second factor.
  - Only the settings given are compared; the server takes both in one request, so a change sends the other setting
    back as the server answered it.
  - With no setting given, the module reads and returns both settings, changing nothing.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  lock_user_profiles:
    description:
      - Whether users are kept from changing their own display name and email; administrators still can.
      - The API calls this C(lockUserProfiles).
    type: bool
  mandatory_2fa:
    description:
      - Whether every user must set up and use two-factor authentication to log in.
      - The API calls this C(mandatory2FA).
    type: bool
notes:
  - Reading and writing these settings needs the C(admin) role or higher.
  - The settings are read and written at C(/user_directory), the route of the vendor's API document's path table,
    for every supported server version. The document's own request samples say C(/user_directory/profile_config);
    that route is unverified and never tried. A server that does not know C(/user_directory) fails the module with
    its own C(404) "No such route", naming the route.
seealso:
  - module: selfhosted.platforms.cloudron_directory_server
  - module: selfhosted.platforms.cloudron_external_ldap
"""

EXAMPLES = r"""
- name: Require two-factor login for everyone and lock profiles
  selfhosted.platforms.cloudron_user_directory:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    lock_user_profiles: true
    mandatory_2fa: true

- name: Read both settings
  selfhosted.platforms.cloudron_user_directory:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
  register: user_directory
"""

RETURN = r"""
user_directory:
  description: Both settings as they are after the run (in check mode, as they would be).
  returned: success
  type: dict
  contains:
    lock_user_profiles:
      description: Whether users are kept from changing their own profiles.
      type: bool
      sample: true
    mandatory_2fa:
      description: Whether two-factor login is required of every user.
      type: bool
      sample: false
changed_settings:
  description: Names of the settings that were (in check mode, would be) changed.
  returned: always
  type: list
  elements: str
  sample: [mandatory_2fa]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.user_directory import FIELDS, UserDirectory
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import argspec


def main():
    run = CLOUDRON.module(argspec(FIELDS))
    run.singular(UserDirectory(), state="present", changed_fields="changed_settings")


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_settings
short_description: Manage server-wide Cloudron settings
version_added: 0.1.0
description:
  - Set the server's name, time zone, language, dashboard footer, automatic update schedule and dynamic DNS.
  - Only the settings given are read and compared, and only those that differ are written; each is its own request.
  - With no setting given, the module reads and returns every setting it knows that the server has, changing nothing.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  cloudron_name:
    description: The name shown in the dashboard, emails and the login page (1 to 64 characters).
    type: str
  time_zone:
    description: The time zone of the server's schedules (backups, updates), as an IANA name such as V(Europe/Berlin).
    type: str
  language:
    description: The default language of the dashboard and emails, such as V(en) or V(de).
    type: str
  footer:
    description:
      - The dashboard footer, in Markdown. C(%YEAR%) and C(%VERSION%) are replaced by the year and the Cloudron version.
    type: str
  autoupdate_pattern:
    description:
      - When automatic updates run, as a cron pattern of six fields (seconds first), or V(never).
      - Spacing is not significant.
    type: str
  dynamic_dns:
    description: Whether the server keeps its domains' DNS records pointing at its public IP as it changes.
    type: bool
notes:
  - The server checks each value (a time zone or language it does not know is refused); the error names the option
    and gives the server's message. Settings written before a refused one stay written and are reported as changed.
seealso:
  - module: selfhosted.platforms.cloudron_info
"""

EXAMPLES = r"""
- name: Name the server and set its time zone
  selfhosted.platforms.cloudron_settings:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    cloudron_name: Example Co
    time_zone: Europe/Berlin
    language: de

- name: Update automatically on Sunday nights only
  selfhosted.platforms.cloudron_settings:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    autoupdate_pattern: "00 00 3 * * 0"

- name: Read every setting
  selfhosted.platforms.cloudron_settings:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
  register: settings
"""

RETURN = r"""
settings:
  description:
    - The settings given, as they are after the run (in check mode, as they would be); every setting when none is given.
  returned: success
  type: dict
  contains:
    cloudron_name:
      description: The name shown in the dashboard, emails and the login page.
      type: str
      returned: when given, or when no setting is given
      sample: Example Co
    time_zone:
      description: The time zone of the server's schedules, an IANA name.
      type: str
      returned: when given, or when no setting is given
      sample: Europe/Berlin
    language:
      description: The default language of the dashboard and emails.
      type: str
      returned: when given, or when no setting is given
      sample: de
    footer:
      description: The dashboard footer, in Markdown (C(%YEAR%) and C(%VERSION%) as written).
      type: str
      returned: when given, or when no setting is given
      sample: "&copy; %YEAR% Example Co"
    autoupdate_pattern:
      description: When automatic updates run, a cron pattern of six fields (seconds first), or V(never).
      type: str
      returned: when given, or when no setting is given
      sample: "00 00 1,3,5,23 * * *"
    dynamic_dns:
      description: Whether the server keeps its domains' DNS records pointing at its public IP.
      type: bool
      returned: when given, or when no setting is given
      sample: false
  sample: {cloudron_name: Example Co, time_zone: Europe/Berlin, language: de}
changed_settings:
  description: Names of the settings that were (in check mode, would be) changed.
  returned: always
  type: list
  elements: str
  sample: [time_zone]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.settings import FIELDS, Settings
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import argspec


def main():
    run = CLOUDRON.module(argspec(FIELDS))
    settings = Settings()
    run.report_unless_given(settings, "changed_settings")
    run.singular(settings, state="present", changed_fields="changed_settings")


if __name__ == "__main__":
    main()

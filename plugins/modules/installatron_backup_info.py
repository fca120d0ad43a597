#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: installatron_backup_info
short_description: Read Installatron Server backups by id
version_added: 0.1.0
description:
  - Reads backups of installs, one request per backup.
  - No route of the API is known to list backups, so backups are named by their id, as
    M(selfhosted.platforms.installatron_install_action) returns it (RV(selfhosted.platforms.installatron_install_action#module:backup_id))
    after O(selfhosted.platforms.installatron_install_action#module:action=backup).
  - A backup the server does not know is listed in RV(missing), not an error.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.installatron
  - selfhosted.platforms.installatron.info_attributes
options:
  backup_id:
    description: The backups to read.
    type: list
    elements: str
    required: true
  user:
    description: The customer the backups belong to. Defaults to O(acting_user).
    type: str
seealso:
  - module: selfhosted.platforms.installatron_install_action
"""

EXAMPLES = r"""
- name: Back up the blog
  selfhosted.platforms.installatron_install_action:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    user: alice
    url: https://alice.example.com/blog
    action: backup
  register: backup

- name: Read that backup
  selfhosted.platforms.installatron_backup_info:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    user: alice
    backup_id:
      - "{{ backup.backup_id }}"
  register: backups
"""

RETURN = r"""
backups:
  description: The backups found, in the order of O(backup_id).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The backup id.
      type: str
      sample: "bk_4b8f0f7d8a5c_1712345678"
    filename:
      description: The backup's file name.
      type: str
      sample: wordpress_2024-04-05_18-01-18.tar.gz
    install:
      description: The id of the install it was made of.
      type: str
      sample: "4b8f0f7d8a5c"
    location:
      description: The backup location it is stored in.
      type: str
      sample: default
    note:
      description: The note given when it was made.
      type: str
      sample: before the theme change
    time:
      description: When it was made, as the server reports it (a Unix timestamp).
      type: raw
      sample: 1712345678
missing:
  description: The ids of O(backup_id) the server does not know.
  returned: always
  type: list
  elements: str
  sample: []
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.platform import INSTALLATRON


def text(value):
    return None if value is None else str(value)


def describe(backup_id, raw):
    return {
        "id": text(raw.get("id") or raw.get("backup_id") or backup_id),
        "filename": raw.get("backup_filename"),
        "install": text(raw.get("backup_install")),
        "location": raw.get("backup_location"),
        "note": raw.get("backup_note"),
        "time": raw.get("backup_time"),
    }


def lookup(ctx, params):
    backups, missing = [], []
    for backup_id in params["backup_id"]:
        try:
            raw = ctx.client.data("GET", "/backups/%s" % backup_id, user=params["user"])
        except ApiError as exc:
            if not exc.missing:
                raise
            missing.append(backup_id)
            continue
        backups.append(describe(backup_id, raw if isinstance(raw, dict) else {}))
    return {"changed": False, "backups": backups, "missing": missing}


def main():
    run = INSTALLATRON.module({"backup_id": {"type": "list", "elements": "str", "required": True}, "user": {"type": "str"}})
    run.execute(lambda ctx: lookup(ctx, run.params))


if __name__ == "__main__":
    main()

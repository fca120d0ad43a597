#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_app
short_description: Install or uninstall an app on a Cloudillo tenant
version_added: 0.1.0
description:
  - Install an app by O(publisher) and O(name), or uninstall it. The package (an C(APKG) action) is looked up in the
    server's catalogue by exact publisher, name and, when given, O(version), before anything is installed.
  - With O(version), an installed app at another version is installed again at that version (the server replaces it).
    Without it, an installed app is left at its version, and a new install takes the one version the catalogue offers
    (when it offers several, give O(version)).
  - Whether the app updates itself (RV(app.auto_update)) is shown; the server has no route to change it.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.attributes
options:
  publisher:
    description: The publisher's idTag (with or without a leading C(@)).
    type: str
    required: true
  name:
    description: The app's name.
    type: str
    required: true
  version:
    description: The version to install or keep.
    type: str
  state:
    description: V(present) installs; V(absent) uninstalls (no change when it is not installed).
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: selfhosted.platforms.cloudillo_app_info
"""

EXAMPLES = r"""
- name: Install the notes app
  selfhosted.platforms.cloudillo_app:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
    publisher: apps.example.com
    name: notes

- name: Pin a version
  selfhosted.platforms.cloudillo_app:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
    publisher: apps.example.com
    name: notes
    version: 1.2.0

- name: Uninstall
  selfhosted.platforms.cloudillo_app:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
    publisher: apps.example.com
    name: notes
    state: absent
"""

RETURN = r"""
app:
  description: The app after the run; V(null) after O(state=absent). In check mode, the prediction.
  returned: always
  type: dict
  contains:
    publisher:
      description: The publisher's idTag.
      type: str
      sample: apps.example.com
    name:
      description: The app's name.
      type: str
      sample: notes
    version:
      description: The installed version.
      type: str
      sample: 1.2.0
    status:
      description: V(active), or the server's word or letter for another state.
      type: str
      sample: active
    auto_update:
      description: Whether the server updates the app itself.
      type: bool
      sample: false
    action_id:
      description: The package (C(APKG) action) it was installed from.
      type: str
    capabilities:
      description: What the app declares it uses, or V(null).
      type: list
      elements: str
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.apps import Apps
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import singular_argspec


def main():
    spec = singular_argspec(Apps)
    spec["publisher"]["required"] = spec["name"]["required"] = True
    CLOUDILLO.module(spec).singular(Apps())


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudsfor_distro_info
short_description: List the distros CloudsFor VMs can run
version_added: 0.1.0
description:
  - Lists the distros (C(GET /distros)) a VM may be created or rebuilt with, optionally only those of one O(image_type).
  - Experimental. Written to the vendor's API documentation; not yet checked against a live account.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudsfor
  - selfhosted.platforms.cloudsfor.info_attributes
options:
  image_type:
    description: Only the distros of this image type.
    type: str
    choices: [iso, template]
seealso:
  - module: selfhosted.platforms.cloudsfor_vm
"""

EXAMPLES = r"""
- name: The template distros
  selfhosted.platforms.cloudsfor_distro_info:
    api_user: ops@example.com
    api_password: "{{ cloudsfor_password }}"
    image_type: template
  register: found

- name: Show their names
  ansible.builtin.debug:
    msg: "{{ found.distros | map(attribute='name') | list }}"
"""

RETURN = r"""
distros:
  description: The matching distros, sorted by name.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The distro's id (a number in the answers seen; its type is not documented).
      type: raw
      sample: 1
    name:
      description: The distro's name, which O(selfhosted.platforms.cloudsfor_vm#module:distro) takes (as does its id).
      type: str
      sample: ubuntu-24.04
    image_type:
      description: V(template) or V(iso).
      type: str
      sample: template
    description:
      description: Its description.
      type: str
      sample: Ubuntu 24.04 LTS
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.catalogue import distro_view
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.platform import CLOUDSFOR


def main():
    run = CLOUDSFOR.module({"image_type": {"type": "str", "choices": ["iso", "template"]}})
    image_type = run.params["image_type"]
    run.execute(lambda ctx: {"changed": False, "distros": sorted(
        (distro_view(raw) for raw in ctx.distros() if image_type is None or raw.get("image_type") == image_type),
        key=lambda distro: str(distro["name"]))})


if __name__ == "__main__":
    main()

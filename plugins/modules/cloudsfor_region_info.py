#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudsfor_region_info
short_description: List the regions of CloudsFor
version_added: 0.1.0
description:
  - Lists the regions a VM may be created in (C(GET /regions)), with their country, coordinates and description.
  - Experimental. Written to the vendor's API documentation; not yet checked against a live account.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudsfor
  - selfhosted.platforms.cloudsfor.info_attributes
seealso:
  - module: selfhosted.platforms.cloudsfor_vm
"""

EXAMPLES = r"""
- name: The regions
  selfhosted.platforms.cloudsfor_region_info:
    api_user: ops@example.com
    api_password: "{{ cloudsfor_password }}"
  register: found

- name: Show their names
  ansible.builtin.debug:
    msg: "{{ found.regions | map(attribute='name') | list }}"
"""

RETURN = r"""
regions:
  description: The regions, sorted by name.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The region's name, which O(selfhosted.platforms.cloudsfor_vm#module:region) takes.
      type: str
      sample: moscow_02
    country:
      description: Its country.
      type: str
      sample: RU
    coordinates:
      description: Where it is; V(null) when the API does not say.
      type: dict
      contains:
        lat:
          description: Latitude.
          type: float
          sample: 55.75
        lng:
          description: Longitude.
          type: float
          sample: 37.62
    description:
      description: Its description.
      type: str
      sample: Moscow cloud 2
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.catalogue import region_view
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.platform import CLOUDSFOR


def main():
    run = CLOUDSFOR.module({})
    run.execute(lambda ctx: {"changed": False,
                             "regions": sorted((region_view(raw) for raw in ctx.regions()), key=lambda region: str(region["name"]))})


if __name__ == "__main__":
    main()

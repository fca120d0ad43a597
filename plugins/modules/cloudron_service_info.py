#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_service_info
short_description: Read Cloudron platform services, their state and settings
version_added: 0.1.0
description:
  - Returns every platform service (C(GET /services), then C(GET /services/:service) for each), or the one named by
    O(name), in the form M(selfhosted.platforms.cloudron_service) returns.
  - The service object is read wrapped as C({service}) (the 7.x dashboard) or bare (the vendor spec).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  name:
    description: Only this service; a name the server does not list gives an empty RV(services).
    type: str
notes:
  - Needs the C(admin) role or higher; a read-only token is enough.
seealso:
  - module: selfhosted.platforms.cloudron_service
  - module: selfhosted.platforms.cloudron_system_info
"""

EXAMPLES = r"""
- name: Read every service
  selfhosted.platforms.cloudron_service_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
  register: services

- name: Services that are not active
  ansible.builtin.debug:
    msg: "{{ services.services | rejectattr('status', 'equalto', 'active') | map(attribute='name') | list }}"
"""

RETURN = r"""
services:
  description: The services, sorted by name.
  returned: success
  type: list
  elements: dict
  contains:
    name:
      description: The service's name.
      type: str
      sample: mysql
    status:
      description: Its state as the server reports it.
      type: str
      sample: active
    error:
      description: Its error, if the server reports one.
      type: str
    memory_limit:
      description: Its memory limit in bytes (its default while it has none of its own).
      type: int
      sample: 805306368
    default_memory_limit:
      description: The server's default limit for it, in bytes; V(0) for services without a limit.
      type: int
    recovery_mode:
      description: Whether it runs in recovery mode.
      type: bool
    memory_used:
      description: Bytes it uses; V(null) for services the server does not measure.
      type: int
    memory_percent:
      description: Its use as a percentage of its limit; V(null) for services the server does not measure.
      type: int
    healthcheck:
      description:
        - The health checks as the server reports them, keys unchanged (a mapping of the server's own, with a C(status),
          and for mail one entry per component, each with its C(status)); V(null) when the server reports none.
      type: dict
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.services import read_service, service_names


def main():
    run = CLOUDRON.module({"name": {"type": "str"}})
    name = run.params["name"]

    def body(ctx):
        names = service_names(ctx)
        if name is not None:
            names = [name] if name in names else []
        return {"changed": False, "services": sorted((read_service(ctx, each) for each in names), key=lambda item: item["name"] or "")}

    run.execute(body)


if __name__ == "__main__":
    main()

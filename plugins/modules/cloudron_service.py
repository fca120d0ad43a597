#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_service
short_description: Configure, restart or rebuild a Cloudron platform service
version_added: 0.1.0
description:
  - Sets the memory limit and the recovery mode of a platform service (the databases, mail, TURN and the others
    C(GET /services) lists), and restarts or rebuilds it.
  - The settings are compared first and sent only when they differ, in one C(POST /services/:service) that carries
    both (the server needs both; the one not managed is sent as the server has it). The server then restarts the
    service in the background.
  - O(action) restarts (C(POST /services/:service/restart)) or rebuilds (C(/rebuild)) the service after any change
    of settings; an action always reports a change. It is an option rather than a state of its own so that
    settings and an action can go in one task.
  - The service object is read from C(GET /services/:service); the 7.x dashboard reads it wrapped as C({service}),
    the vendor spec shows it bare; both are understood.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  name:
    description: The service, as C(GET /services) names it (for example V(mysql), V(postgresql), V(mail)). A name the server does not list is an error.
    type: str
    required: true
  memory_limit:
    description:
      - The memory the service may use, in bytes or as a size such as V(1G) or V(512M) (binary units). It must be
        positive.
      - Not set, the limit is not managed. RV(service.memory_limit) shows the service's default while it has no limit
        of its own.
    type: raw
  recovery_mode:
    description:
      - Run the service in recovery mode (to repair a damaged database), or not.
      - The server takes it only together with a memory limit. Set alone, the service's limit is sent back as the
        server has it; a service without one (the server's default is V(0), as for V(docker), V(unbound) and
        V(nginx)) is refused before anything is sent, so set O(memory_limit) too.
    type: bool
  action:
    description: Restart or rebuild the service after any change of settings. Always a change; not sent in check mode.
    type: str
    choices: [restart, rebuild]
notes:
  - Needs the C(admin) role or higher and a read-and-write token for a change.
  - The server answers every change with HTTP 202 and carries it out in the background; the module does not wait for
    the service to be up again. RV(service.status) is what the server said right after the change.
seealso:
  - module: selfhosted.platforms.cloudron_service_info
"""

EXAMPLES = r"""
- name: Give MySQL 2 GiB
  selfhosted.platforms.cloudron_service:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: mysql
    memory_limit: 2G

- name: Start PostgreSQL in recovery mode
  selfhosted.platforms.cloudron_service:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: postgresql
    recovery_mode: true

- name: Restart the mail server
  selfhosted.platforms.cloudron_service:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: mail
    action: restart
"""

RETURN = r"""
service:
  description: The service after the run (as predicted, in check mode).
  returned: success
  type: dict
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
      sample: 2147483648
    default_memory_limit:
      description: The server's default limit for it, in bytes; V(0) for services without a limit.
      type: int
      sample: 805306368
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
changed_settings:
  description: The settings that changed (or would change), from V(memory_limit) and V(recovery_mode).
  returned: success
  type: list
  elements: str
  sample: [memory_limit]
action:
  description: The action run (or that would run, in check mode), or V(null).
  returned: success
  type: str
  sample: restart
written:
  description:
    - When the run failed, what was already sent before the failure, in order; V(config) for the settings, then
      the action's name; empty when it failed before any write.
  returned: on failure
  type: list
  elements: str
  sample: [config]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.services import ACTIONS, FIELDS, Services
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import argspec


def main():
    spec = argspec([field for field in FIELDS if not field.read_only])
    spec["name"]["required"] = True
    spec["action"] = {"type": "str", "choices": list(ACTIONS)}
    run = CLOUDRON.module(spec)
    services = Services()
    # a failure after a write still reports it
    run.singular(services, state="present", changed_fields="changed_settings", finish=services.finish(run.params["action"]),
                 on_failure=lambda exc: {"changed": bool(services.written), "written": list(services.written)})


if __name__ == "__main__":
    main()

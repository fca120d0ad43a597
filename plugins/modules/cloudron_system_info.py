#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_system_info
short_description: Read what a Cloudron server runs on, and whether it needs a reboot
version_added: 0.1.0
description:
  - Returns, in one dict RV(system), the machine's vendor and product name, its uptime, the server's activation time,
    whether a reboot is required, its CPUs, memory and swap, its block devices and the disk usage the server counted
    last.
  - Reads C(GET /system/info), C(/system/cpus), C(/system/memory), C(/system/block_devices) and
    C(/system/disk_usage). The vendor spec shows C(rebootRequired) in the info answer; the older dashboard reads
    C(GET /system/reboot) for it, which the module asks only when the info answer does not say.
  - The server counts disk usage about once a day; RV(system.disk_usage.ts) says when.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options: {}
notes:
  - Needs the C(admin) role or higher; a read-only token is enough.
seealso:
  - module: selfhosted.platforms.cloudron_reboot
  - module: selfhosted.platforms.cloudron_service_info
  - module: selfhosted.platforms.cloudron_info
"""

EXAMPLES = r"""
- name: Read the server's system information
  selfhosted.platforms.cloudron_system_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
  register: system

- name: Say when a reboot is due
  ansible.builtin.debug:
    msg: "{{ system.system.product_name }} needs a reboot"
  when: system.system.reboot_required
"""

RETURN = r"""
system:
  description: What the server says about itself.
  returned: success
  type: dict
  contains:
    sys_vendor:
      description: The machine's vendor.
      type: str
      sample: QEMU
    product_name:
      description: The machine's product name.
      type: str
      sample: Standard PC (Q35 + ICH9, 2009)
    uptime_secs:
      description: Seconds since the server last started.
      type: int
      sample: 259200
    activation_time:
      description: When the server was activated (ISO-8601).
      type: str
      sample: "2026-01-15T08:00:00.000Z"
    reboot_required:
      description: Whether the server asks for a reboot (for example after security updates of the operating system).
      type: bool
    cpu_count:
      description: The number of CPUs.
      type: int
      sample: 2
    cpus:
      description: One entry per CPU.
      type: list
      elements: dict
      contains:
        model:
          description: The CPU's model name.
          type: str
          sample: AMD EPYC Processor
        speed:
          description: Its speed in MHz.
          type: int
          sample: 2445
    memory:
      description: Memory and swap in bytes.
      type: dict
      contains:
        total:
          description: The memory, in bytes.
          type: int
          sample: 4294967296
        swap:
          description: The swap space, in bytes.
          type: int
          sample: 2147483648
    block_devices:
      description: The block devices the server sees.
      type: list
      elements: dict
      contains:
        path:
          description: The device file.
          type: str
          sample: /dev/sda1
        size:
          description: Its size as the server writes it.
          type: str
          sample: 40G
        type:
          description: The filesystem type.
          type: str
          sample: ext4
        uuid:
          description: The filesystem's UUID.
          type: str
        mountpoint:
          description: Where it is mounted.
          type: str
          sample: /
    disk_usage:
      description: The last disk usage count; V(null) when the server has none yet.
      type: dict
      contains:
        ts:
          description: When it was counted, in milliseconds since the Unix epoch.
          type: int
          sample: 1699412641120
        filesystems:
          description: One entry per filesystem, sorted by mount point.
          type: list
          elements: dict
          contains:
            filesystem:
              description: The device.
              type: str
              sample: /dev/sda1
            type:
              description: The filesystem type.
              type: str
            mountpoint:
              description: Where it is mounted.
              type: str
            size:
              description: Its size in bytes.
              type: int
            used:
              description: Bytes used.
              type: int
            available:
              description: Bytes free.
              type: int
            capacity:
              description: The fraction in use, 0 to 1.
              type: float
              sample: 0.3
            contents:
              description: What uses the space (apps, volumes, mail, the platform's data).
              type: list
              elements: dict
              contains:
                id:
                  description: An app id or the name of a built-in unit.
                  type: str
                  sample: platformdata
                type:
                  description: The kind of unit.
                  type: str
                path:
                  description: Its path on the server.
                  type: str
                usage:
                  description: Bytes it uses.
                  type: int
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.system import system_info


def main():
    run = CLOUDRON.module({})
    run.execute(lambda ctx: {"changed": False, "system": system_info(ctx)})


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudsfor_vm_info
short_description: List the virtual machines of a CloudsFor account
version_added: 0.1.0
description:
  - Lists the VMs of the account with their addresses, sizes and state, optionally only those matching O(name), O(id) or
    O(region) (every filter given must match).
  - Experimental. Written to the vendor's API documentation and, where it is silent, to the DigitalOcean-shaped
    contract; not yet checked against a live account.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudsfor
  - selfhosted.platforms.cloudsfor.info_attributes
options:
  name:
    description: Only the VMs of this name (exactly; names need not be unique).
    type: str
  id:
    description: Only the VM of this id (read on its own; no VM when there is none of that id).
    type: str
  region:
    description: Only the VMs in this region, by name.
    type: str
notes:
  - "Inferred (DigitalOcean shape): the key names of a VM's networks, its public and private addresses, and backups as the
    feature C(backups); see RV(vms)."
seealso:
  - module: selfhosted.platforms.cloudsfor_vm
"""

EXAMPLES = r"""
- name: Every VM of the account
  selfhosted.platforms.cloudsfor_vm_info:
    api_user: ops@example.com
    api_password: "{{ cloudsfor_password }}"
  register: found

- name: The public addresses of the VMs in moscow_02
  selfhosted.platforms.cloudsfor_vm_info:
    api_user: ops@example.com
    api_password: "{{ cloudsfor_password }}"
    region: moscow_02
  register: moscow

- name: Show them
  ansible.builtin.debug:
    msg: "{{ moscow.vms | map(attribute='ipv4') | list }}"
"""

RETURN = r"""
vms:
  description:
    - The matching VMs, sorted by name and id, each in the form of RV(selfhosted.platforms.cloudsfor_vm#module:vm).
    - Empty when nothing matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The VM's id (32 hexadecimal characters).
      type: str
      sample: 5609f1ee1b0c4d2da622737b5ca25e6c
    name:
      description: The VM's name.
      type: str
      sample: web1
    status:
      description:
        - V(running) or V(stopped) (docs); while being built V(new) (inferred, DigitalOcean shape), or another status.
      type: str
      sample: running
    region:
      description: The name of the VM's region (the API may carry a region object or its name; this is always the name).
      type: str
      sample: moscow_02
    distro:
      description:
        - The name of the distro the VM was created or rebuilt with, when the VM's C(image.distro) is the name or id of
          exactly one distro of the catalogue; otherwise that value as the VM shows it.
      type: str
      sample: ubuntu-24.04
    memory:
      description: Memory in GB.
      type: int
      sample: 2
    vcpus:
      description: Virtual CPUs (the API may send them as a string; always a number here).
      type: int
      sample: 2
    disk:
      description: Disk size in GB (the API may send it as a string; always a number here).
      type: int
      sample: 40
    locked:
      description: Whether an action is running on the VM (the API refuses another until it is done).
      type: bool
      sample: false
    created_at:
      description: When the VM was created (ISO 8601); V(null) in a check-mode prediction.
      type: str
      sample: "2024-05-02T09:14:06Z"
    backups:
      description:
        - Whether the VM shows backups (the feature C(backups), inferred, DigitalOcean shape; or ids of backups taken).
          V(false) also when the server does not show them.
      type: bool
      sample: false
    features:
      description: The VM's features, as the API lists them.
      type: list
      elements: str
      sample: []
    ipv4:
      description:
        - The public IPv4 address, V(null) until the VM is built (and while it is stopped, on a server that then shows no
          networks). The first address of type C(public), or the first address when the API gives no types (inferred,
          DigitalOcean shape).
      type: str
      sample: 203.0.113.10
    private_ipv4:
      description:
        - The private IPv4 address or V(null). The first address of type C(private), or, when the API gives no types, the
          first address after the public one in a private range.
      type: str
      sample: 10.10.0.3
    networks:
      description: The VM's networks as the API lists them (key names inferred, DigitalOcean shape).
      type: dict
      contains:
        v4:
          description: The IPv4 addresses.
          type: list
          elements: dict
          contains:
            ip_address:
              description: The address.
              type: str
              sample: 203.0.113.10
            netmask:
              description: Its netmask.
              type: str
              sample: 255.255.255.0
            gateway:
              description: Its gateway.
              type: str
              sample: 203.0.113.1
            type:
              description: V(public) or V(private); absent when the API gives no types.
              type: str
              sample: public
    image:
      description: The VM's image as the API shows it; V(null) when it shows none.
      type: dict
      contains:
        id:
          description: The image's id.
          type: raw
          sample: 7
        distro:
          description:
            - As the API shows it; the docs call it the image identifier used when the VM was created, and only a value
              naming one distro of the catalogue is compared (see C(distro)).
          type: raw
          sample: ubuntu-24.04
        name:
          description: The distro's description.
          type: str
          sample: Ubuntu 24.04 LTS
    backup_ids:
      description: The ids of the VM's backups.
      type: list
      elements: raw
      sample: []
    snapshot_ids:
      description: The ids of the VM's snapshots.
      type: list
      elements: raw
      sample: []
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.platform import CLOUDSFOR
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.vms import list_vms


def main():
    run = CLOUDSFOR.module({"name": {"type": "str"}, "id": {"type": "str"}, "region": {"type": "str"}})
    params = run.params
    run.execute(lambda ctx: {"changed": False, "vms": list_vms(ctx, params["name"], params["id"], params["region"])})


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudsfor_vm_action
short_description: Run an action on a CloudsFor virtual machine
version_added: 0.1.0
description:
  - Runs one action on a VM (reboot, power on or off, shut down, power cycle, resize, snapshot, rebuild, rename) and waits
    until it has completed.
  - Experimental. Written to the vendor's API documentation and, where it is silent, to the DigitalOcean-shaped
    contract; not yet checked against a live account (see the notes).
  - Actions that would leave the VM as it is are no change and send nothing - V(power_on) of a running VM, V(power_off)
    or V(shutdown) of a stopped one, V(rename) to its own name (also when no VM has the name O(vm) any more but one has
    O(new_name), as when a rename runs again), V(resize) to its own size. The others always report a change.
  - A VM still being built or locked by another action is waited on first, since the API refuses a new action until then.
  - For the wanted state of a VM (size, distro, power) rather than one action, use M(selfhosted.platforms.cloudsfor_vm).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudsfor
attributes:
  check_mode:
    support: full
    description: Reports whether the action would run and the VM it would leave, after the same checks as a real run; sends nothing.
  diff_mode:
    support: none
    description: Actions have no before and after to show; RV(vm) is the VM after the action.
  platform:
    support: full
    platforms: posix
    description: Runs wherever Python and C(requests) are (usually the controller); it only talks HTTPS to the API.
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.cloudsfor) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudsfor
options:
  vm:
    description: The VM, by name. Exactly one of O(vm) and O(vm_id) is required; a name two VMs share is refused.
    type: str
  vm_id:
    description: The VM, by id.
    type: str
  type:
    description:
      - V(reboot) and V(power_cycle) (a hard reset) need a running VM.
      - V(power_on), V(power_off) (cuts the power) and V(shutdown) (a graceful shutdown).
      - V(resize) to O(memory), O(vcpus) and O(disk) (those not given keep their values; the disk cannot shrink). A
        running VM is stopped first and powered on again afterwards, exactly as M(selfhosted.platforms.cloudsfor_vm) does
        it (a graceful C(shutdown), C(power_off) when that fails; powered on again after a failed resize where it can
        be), since the API may refuse to resize a running VM. RV(actions) lists what ran.
      - V(snapshot) named O(snapshot_name); the new snapshot's id appears in RV(vm.snapshot_ids).
      - V(rebuild) with O(distro), which erases the disk.
      - V(rename) to O(new_name).
    type: str
    required: true
    choices: [reboot, power_on, power_off, shutdown, power_cycle, resize, snapshot, rebuild, rename]
  memory:
    description: With O(type=resize), memory in GB, at least 1.
    type: int
  vcpus:
    description: With O(type=resize), virtual CPUs, at least 1.
    type: int
  disk:
    description: With O(type=resize), disk size in GB, at least 1; not smaller than now.
    type: int
  snapshot_name:
    description: With O(type=snapshot), the snapshot's name. Required then.
    type: str
  distro:
    description: With O(type=rebuild), the distro's name or id. Required then.
    type: str
  new_name:
    description: With O(type=rename), the VM's new name. Required then.
    type: str
  wait:
    description: Wait until the action has completed. With V(false) the module returns right after starting it.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait in all (for a busy VM, then for the action). On timeout the action goes on on the server.
    type: int
    default: 600
notes:
  - "Documented by the vendor: C(POST /vms/{id}/actions) with C(reboot) and C(power_off) named, the action object and its
    statuses C(in-progress), C(completed), C(errored). Inferred (DigitalOcean shape): the other types and their bodies
    (C(resize) with C(memory), C(vcpus), C(disk); C(snapshot) with C(name); C(rebuild) with C(distro); C(rename) with
    C(name))."
  - "Waiting for an action: one with an id of its own (DigitalOcean) is read as C(GET /vms/{id}/actions/{action_id})
    (inferred). One whose id is the VM's (the vendor) has ended when the VM is no longer C(locked) (and, for a power
    action, shows the status it leads to); C(GET /vms/{id}/actions) (inferred) is then read once, its newest action of
    that type started at or after this one telling C(completed) from C(errored)."
  - "A VM whose status is neither C(running) nor C(stopped) is being built and is waited on first. One that shows
    C(stopped) without networks is acted on as stopped; when the server refuses the action and the VM was created
    within the last half hour, it is waited on as a build and the action considered again."
  - An action that ends C(errored) fails the module.
seealso:
  - module: selfhosted.platforms.cloudsfor_vm
  - module: selfhosted.platforms.cloudsfor_vm_info
"""

EXAMPLES = r"""
- name: Reboot a VM
  selfhosted.platforms.cloudsfor_vm_action:
    api_user: ops@example.com
    api_password: "{{ cloudsfor_password }}"
    vm: web1
    type: reboot

- name: Use group module defaults for the connection
  module_defaults:
    group/selfhosted.platforms.cloudsfor:
      api_user: ops@example.com
      api_password: "{{ cloudsfor_password }}"
  block:
    - name: Shut it down gracefully before a snapshot
      selfhosted.platforms.cloudsfor_vm_action:
        vm: web1
        type: shutdown

    - name: Take a snapshot
      selfhosted.platforms.cloudsfor_vm_action:
        vm: web1
        type: snapshot
        snapshot_name: before-upgrade
      register: snapshot

    - name: Give it a bigger disk (shut down for the resize when running, then powered on again)
      selfhosted.platforms.cloudsfor_vm_action:
        vm: web1
        type: resize
        disk: 80

    - name: Rename it
      selfhosted.platforms.cloudsfor_vm_action:
        vm: web1
        type: rename
        new_name: web1-old
"""

RETURN = r"""
action:
  description:
    - The action as it ended (with O(wait=false), as it started); V(null) when nothing ran and in check mode. For a
      resize of a running VM, the C(resize) (see RV(actions) for the others).
  returned: always
  type: dict
  contains:
    id:
      description: The action's id (the vendor says it is the VM's id; DigitalOcean gives each action its own).
      type: raw
      sample: 5609f1ee1b0c4d2da622737b5ca25e6c
    status:
      description: V(in-progress), V(completed) or V(errored).
      type: str
      sample: completed
    type:
      description: The action's type.
      type: str
      sample: reboot
    started_at:
      description: When it started (ISO 8601).
      type: str
      sample: "2024-05-02T09:20:11Z"
    completed_at:
      description: When it ended (ISO 8601), V(null) while it runs.
      type: str
      sample: "2024-05-02T09:20:14Z"
    resource_type:
      description: What it acted on, V(vm).
      type: str
      sample: vm
    region:
      description: The name of the VM's region.
      type: str
      sample: moscow_02
actions:
  description:
    - The types of the actions started, in order (in check mode, those a run would start); V([]) when nothing ran.
    - The action itself, or for a resize of a running VM V([shutdown, resize, power_on]) (V(power_off) follows a
      C(shutdown) that failed).
  returned: always
  type: list
  elements: str
  sample: [reboot]
vm:
  description:
    - The VM after the action, in the form of RV(selfhosted.platforms.cloudsfor_vm#module:vm). In check mode, the
      prediction.
  returned: always
  type: dict
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
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.vm_action import ACTION_RULES, action_argspec, run_module
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.vms import SIZE_LIMITS


def main():
    run_module(CLOUDSFOR.module(action_argspec(), limits=SIZE_LIMITS, **ACTION_RULES))


if __name__ == "__main__":
    main()

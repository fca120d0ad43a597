#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudsfor_vm
short_description: Manage a CloudsFor virtual machine
version_added: 0.1.0
description:
  - Creates, resizes, rebuilds, re-creates, powers on or off and deletes a virtual machine (VM) of a CloudsFor account,
    waiting until it is built and until each action has completed.
  - Experimental. Written to the vendor's API documentation and, where it is silent, to the DigitalOcean-shaped
    contract; not yet checked against a live account (see the notes for every inferred behaviour).
  - The VM is identified by O(name). Names need not be unique on CloudsFor; when two VMs share the name the module
    refuses to act and names their ids.
  - Unset options are not managed. Sizing changes (O(memory), O(vcpus), O(disk)) go through the C(resize) action; a
    running VM is powered off first and the wanted power state is restored afterwards. The disk cannot shrink.
  - A distro change needs O(rebuild=true); a region or O(backups) change needs O(recreate=true), because the API cannot
    make them in place. Without them the module fails before anything is written.
  - A VM still being built, or locked by an action (an earlier run that timed out, or someone else), is waited on and
    then compared again, so a re-run resumes instead of acting twice.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudsfor
  - selfhosted.platforms.cloudsfor.attributes
options:
  name:
    description: The VM's name.
    type: str
    required: true
  state:
    description:
      - V(present) creates the VM if needed and leaves its power state as it is (a new VM runs).
      - V(running) and V(stopped) also power it on or off (C(power_on), C(power_off)).
      - V(absent) deletes it (everything on its disk is lost). Deleting an absent VM is not an error.
    type: str
    choices: [present, absent, running, stopped]
    default: present
  region:
    description:
      - The region's name, such as V(moscow_02) (see M(selfhosted.platforms.cloudsfor_region_info)). Required to create.
      - Changing it needs O(recreate=true).
    type: str
  distro:
    description:
      - The distro's name, such as V(ubuntu-24.04), or its id (see M(selfhosted.platforms.cloudsfor_distro_info)).
        Required to create.
      - Changing it needs O(rebuild=true).
    type: str
  memory:
    description: Memory in GB, at least 1. Required to create; a change resizes the VM.
    type: int
  vcpus:
    description: Virtual CPUs, at least 1. Required to create; a change resizes the VM.
    type: int
  disk:
    description: Disk size in GB, at least 1. Required to create; a change resizes the VM. It cannot shrink.
    type: int
  ssh_keys:
    description:
      - SSH keys the new VM trusts, by name or fingerprint (either form), see M(selfhosted.platforms.cloudsfor_ssh_key).
      - Used when the VM is created (or re-created) only; the API shows no keys of a VM, so they are never compared.
    type: list
    elements: str
  backups:
    description:
      - Whether the VM has backups. Set when the VM is created; changing it needs O(recreate=true).
    type: bool
  rebuild:
    description:
      - Allow a change of O(distro) by rebuilding the VM with the C(rebuild) action, which erases its disk.
    type: bool
    default: false
  recreate:
    description:
      - Allow a change of O(region) or O(backups) by deleting the VM and creating it anew (everything on its disk is lost;
        its id and addresses change). The new VM gets the options given, else the old VM's region, distro, sizes and
        backups; it trusts only the keys of O(ssh_keys), and it runs unless O(state=stopped).
    type: bool
    default: false
  wait:
    description:
      - Wait until the VM is built (running, with a public IPv4 address) and until each action has completed.
      - With V(false) the module still waits where a next step needs it (an action needs the build done, a resize needs
        the power-off done), but returns right after starting the last step.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait in all (the build and every action). On timeout the operation goes on on the server and a re-run
        waits for it.
    type: int
    default: 600
notes:
  - "Inferred (DigitalOcean shape): the create request C(POST /vms) with C(name), C(region), C(distro), C(memory),
    C(vcpus), C(disk), C(ssh_keys) (ids) and C(backups); a VM being built has the status C(new) (or shows no address
    yet) and the build is waited on until the VM runs and has a public IPv4 address."
  - "Inferred (DigitalOcean shape): the actions C(resize) (C(memory), C(vcpus), C(disk)) and C(rebuild) (C(distro)), and
    that the API may refuse to resize a running VM, so a running VM is powered off (C(power_off), a hard power-off, which
    the vendor documents) before a resize and powered on again afterwards."
  - "Inferred: backups show as the feature C(backups); the public IPv4 address is the first of type C(public), or the
    first address when the API gives no types."
  - "Inferred: an action's own id, when it has one (DigitalOcean); the vendor says an action's id is the VM's. The module
    finds its action in C(GET /vms/{id}/actions) by its own id, or by its type and start time."
  - In check mode the account's VM limit is checked before a creation (C(GET /account)); the real run hears the server's
    own refusal. An SSH key of O(ssh_keys) that does not exist is an error, in check mode a warning (an earlier task may
    add it).
  - A power-off cuts the power; shut the system down from inside first (or with
    M(selfhosted.platforms.cloudsfor_vm_action) and C(type=shutdown)) when its disk must be clean.
seealso:
  - module: selfhosted.platforms.cloudsfor_vm_action
  - module: selfhosted.platforms.cloudsfor_vm_info
  - module: selfhosted.platforms.cloudsfor_ssh_key
"""

EXAMPLES = r"""
- name: A VM for the web site, trusting the deploy key
  selfhosted.platforms.cloudsfor_vm:
    api_user: ops@example.com
    api_password: "{{ cloudsfor_password }}"
    name: web1
    region: moscow_02
    distro: ubuntu-24.04
    memory: 2
    vcpus: 2
    disk: 40
    ssh_keys: [deploy]
  register: web1

- name: Show its public address
  ansible.builtin.debug:
    msg: "{{ web1.vm.ipv4 }}"

- name: Use group module defaults for the connection
  module_defaults:
    group/selfhosted.platforms.cloudsfor:
      api_user: ops@example.com
      api_password: "{{ cloudsfor_password }}"
  block:
    - name: Give it more memory (powered off for the resize, then on again)
      selfhosted.platforms.cloudsfor_vm:
        name: web1
        memory: 4

    - name: Reinstall it with another distro (erases the disk)
      selfhosted.platforms.cloudsfor_vm:
        name: web1
        distro: debian-12
        rebuild: true

    - name: Power it off
      selfhosted.platforms.cloudsfor_vm:
        name: web1
        state: stopped

    - name: Delete it
      selfhosted.platforms.cloudsfor_vm:
        name: web1
        state: absent
"""

RETURN = r"""
vm:
  description:
    - The VM after the run; V(null) after O(state=absent).
    - In check mode, the prediction (RV(vm.id), RV(vm.ipv4) and RV(vm.created_at) V(null) for a new VM).
    - With O(wait=false), the VM as it was when the last step started (a new VM has the status C(new) and no address).
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
        - V(new) while being built (inferred, DigitalOcean shape), then V(running); V(stopped) when powered off.
      type: str
      sample: running
    region:
      description: The name of the VM's region (the API may carry a region object or its name; this is always the name).
      type: str
      sample: moscow_02
    distro:
      description:
        - The name of the distro the VM was created or rebuilt with, resolved in the distro catalogue when the VM names it
          by its id (as given when the catalogue does not know it).
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
      description: Whether backups are on (the feature C(backups), inferred, DigitalOcean shape).
      type: bool
      sample: false
    features:
      description: The VM's features, as the API lists them.
      type: list
      elements: str
      sample: []
    ipv4:
      description:
        - The public IPv4 address, V(null) until the VM is built. The first address of type C(public), or the first
          address when the API gives no types (inferred, DigitalOcean shape).
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
          description: The distro as given at creation or rebuild (a name or an id).
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
actions:
  description:
    - The types of the actions run on the VM, in order (in check mode, those a run would start), such as
      V([power_off, resize, power_on]). Creating and deleting the VM are not actions.
  returned: always
  type: list
  elements: str
  sample: [power_off, resize, power_on]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.platform import CLOUDSFOR
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.vms import SIZE_LIMITS, run_module, vm_argspec


def main():
    run_module(CLOUDSFOR.module(vm_argspec(), limits=SIZE_LIMITS))


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

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
    running VM is stopped first (see O(state)) and the wanted power state is restored afterwards. The disk cannot
    shrink. When the resize fails or times out after the module stopped a VM that was running, it powers the VM on
    again where it can (it is free and O(wait_timeout) is not used up) and otherwise fails saying the VM was left
    stopped and that a re-run with O(state=running) powers it on.
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
      - V(running) and V(stopped) also power it on (C(power_on)) or stop it. Stopping is a graceful C(shutdown), and a
        C(power_off) (a power cut) when the shutdown is refused, ends errored, or has not ended within half of what is
        left of O(wait_timeout), at most three minutes.
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
      - Compared only when the distro the VM shows (C(image.distro)) is the name or id of exactly one distro of the
        catalogue. The vendor only calls that value the image identifier used at creation; when it is something else
        the module warns and never rebuilds the VM for it.
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
      - Compared only when the VM shows backups (the feature C(backups), inferred, or ids of backups taken); V(false)
        for a VM that shows them needs O(recreate=true). A VM that shows none may have them on a server that does not
        show them, so V(true) for it is not compared; the module warns and never re-creates the VM for it.
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
        backups (those it shows; backups it does not show are left to the server's default, and a distro that names no
        distro of the catalogue must be given); it trusts only the keys of O(ssh_keys), and it runs unless
        O(state=stopped).
      - The old VM is deleted before the new one is created, since the server may refuse a second VM of the same name
        or beyond the account's VM limit. If the creation then fails, the VM is gone; a re-run creates it.
    type: bool
    default: false
  wait:
    description:
      - Wait until the VM is built (running, with a public IPv4 address) and until each action has completed.
      - With V(false) the module still waits where a next step needs it (an action needs the build done, a resize needs
        the VM stopped), but returns right after starting the last step (a stop is then the C(shutdown) alone).
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
    C(vcpus), C(disk), C(ssh_keys) (ids) and C(backups). A VM it creates is waited on until it runs and has a public
    IPv4 address."
  - "A VM is taken as being built, and waited on before any action, while its status is neither C(running) nor
    C(stopped) (DigitalOcean shows C(new)). A server may show a VM being built as C(stopped) without networks, but may
    also show any stopped VM without networks; such a VM is acted on as stopped, and only when the server refuses the
    action and the VM was created within the last half hour is it waited on as a build and compared again."
  - "Inferred (DigitalOcean shape): the actions C(resize) (C(memory), C(vcpus), C(disk)), C(rebuild) (C(distro)) and
    C(shutdown), and that the API may refuse to resize a running VM, so a running VM is stopped before a resize and
    powered on again afterwards. The vendor documents C(power_off), a hard power cut; the graceful C(shutdown) is tried
    first."
  - "Inferred: backups show as the feature C(backups); the public IPv4 address is the first of type C(public), or the
    first address when the API gives no types."
  - "Waiting for an action: one with an id of its own (DigitalOcean) is read as C(GET /vms/{id}/actions/{action_id})
    (inferred). One whose id is the VM's (the vendor) has ended when the VM is no longer C(locked) (and, for a power
    action, shows the status it leads to); C(GET /vms/{id}/actions) (inferred) is then read once, its newest action of
    that type started at or after this one telling C(completed) from C(errored)."
  - In check mode the account's VM limit is checked before a creation (C(GET /account)); the real run hears the server's
    own refusal. An SSH key of O(ssh_keys) that does not exist is an error, in check mode a warning (an earlier task may
    add it).
  - A power-off cuts the power. The module's own stops try a graceful shutdown first; for a shutdown that must not
    fall back to a power cut, use M(selfhosted.platforms.cloudsfor_vm_action) with C(type=shutdown).
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
    - name: Give it more memory (shut down for the resize, then powered on again)
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
actions:
  description:
    - The types of the actions run on the VM, in order (in check mode, those a run would start), such as
      V([shutdown, resize, power_on]); V(power_off) follows a C(shutdown) that failed, and V(power_on) a failed resize
      the module recovered from. Creating and deleting the VM are not actions.
  returned: always
  type: list
  elements: str
  sample: [shutdown, resize, power_on]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.platform import CLOUDSFOR
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.vms import SIZE_LIMITS, run_module, vm_argspec


def main():
    run_module(CLOUDSFOR.module(vm_argspec(), limits=SIZE_LIMITS))


if __name__ == "__main__":
    main()

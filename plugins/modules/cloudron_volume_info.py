#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_volume_info
short_description: List Cloudron volumes and their mount status
version_added: 0.1.0
description:
  - Read volumes from a Cloudron server in the same form M(selfhosted.platforms.cloudron_volume) takes and returns;
    mount passwords and private keys are never returned.
  - Adds, per volume, the server's mount status (RV(volumes[].status)); that costs one request per volume, and
    O(status=false) leaves it out.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  name:
    description: Only the volume with exactly this name.
    type: str
  status:
    description: Whether to return the mount status of each volume (one request per volume).
    type: bool
    default: true
notes:
  - Reading volumes needs the C(admin) role or higher; a read-only token is enough.
seealso:
  - module: selfhosted.platforms.cloudron_volume
  - module: selfhosted.platforms.cloudron_volumes
"""

EXAMPLES = r"""
- name: List every volume with its mount status
  selfhosted.platforms.cloudron_volume_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
  register: result

- name: Show the volumes that are not mounted
  ansible.builtin.debug:
    msg: "{{ result.volumes | rejectattr('status.state', 'equalto', 'active') | map(attribute='name') | list }}"

- name: Read one volume, without its status
  selfhosted.platforms.cloudron_volume_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    name: media
    status: false
  register: media
"""

RETURN = r"""
volumes:
  description:
    - The matching volumes, sorted by name, each in the form of RV(selfhosted.platforms.cloudron_volume#module:volume).
    - Empty when nothing matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The volume's id.
      type: str
      sample: 1af5f811fddb4337ac5f71b0989c1d30
    name:
      description: The volume's name.
      type: str
      sample: media
    mount_type:
      description: The mount type.
      type: str
      sample: cifs
    mount_options:
      description: The mount options of its type, without the password or private key.
      type: dict
      sample: {host: nas.example.com, remote_dir: /media, username: cloudron, seal: true}
      contains:
        host:
          description: The server of the share, lower-case (V(cifs), V(nfs), V(sshfs)).
          type: str
          returned: when the server stores it (with the mount types that use it)
          sample: nas.example.com
        remote_dir:
          description: The directory on that server (V(cifs), V(nfs), V(sshfs)).
          type: str
          returned: when the server stores it (with the mount types that use it)
          sample: /media
        username:
          description: The user name to log in with (V(cifs)).
          type: str
          returned: when the server stores it (with the mount types that use it)
          sample: cloudron
        seal:
          description: Whether the share is mounted with encryption (V(cifs)).
          type: bool
          returned: when the server stores it (with the mount types that use it)
          sample: true
        port:
          description: The SSH port (V(sshfs)).
          type: int
          returned: when the server stores it (with the mount types that use it)
          sample: 22
        user:
          description: The SSH user (V(sshfs)).
          type: str
          returned: when the server stores it (with the mount types that use it)
          sample: cloudron
        host_path:
          description: The directory of the server (V(filesystem), V(mountpoint)).
          type: str
          returned: when the server stores it (with the mount types that use it)
          sample: /srv/archive
        disk_path:
          description: The disk device (V(ext4), V(xfs)).
          type: str
          returned: when the server stores it (with the mount types that use it)
          sample: /dev/disk/by-uuid/0b5d1d57-3c1b-4c1e-9f56-0d0f4a3e2c11
    host_path:
      description: Where the server mounts the volume.
      type: str
      sample: /mnt/volumes/1af5f811fddb4337ac5f71b0989c1d30
    status:
      description: The server's mount status (C(state), C(message)).
      returned: when O(status=true)
      type: dict
      sample: {state: active, message: mounted}
      contains:
        state:
          description: The mount state as the server reports it, such as V(active) or V(inactive).
          type: str
          sample: active
        message:
          description: The server's message about the mount.
          type: str
          sample: mounted
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.volumes import Volumes
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import public


def main():
    run = CLOUDRON.module({"name": {"type": "str"}, "status": {"type": "bool", "default": True}})
    params = run.params
    volumes = Volumes()

    def body(ctx):
        name = Volumes.identity(params["name"])
        found = []
        for volume in Engine(volumes, ctx).read([], complete=True):
            if name is not None and volume["name"] != name:
                continue
            item = public(volumes.fields, volume)
            if params["status"]:
                item["status"] = volumes.status(ctx, volume)
            found.append(item)
        return {"changed": False, "volumes": sorted(found, key=Volumes.key)}

    run.execute(body)


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_volumes
short_description: Manage many Cloudron volumes in one task
version_added: 0.1.0
description:
  - Converge a list of volumes in one module run. The volumes are read once (a no-change run costs that one request),
    every item is compared, and only what differs is written; the result lists the plan in RV(changes).
  - Items use the same options as M(selfhosted.platforms.cloudron_volume), except that mount passwords and private keys
    are given by volume name in O(mount_secrets), beside O(config), so the plan stays visible.
  - The whole list is validated (names, options of each mount type, duplicates) before anything is read, and every
    change the server cannot make in place (a new O(config[].mount_type), new options of a type other than V(cifs),
    V(nfs) and V(sshfs)) is refused before the first write.
  - "Deliberate safety rails: O(state=deleted) needs a non-empty O(config); O(state=overridden) refuses an empty one
    unless O(allow_empty=true). The server refuses to remove a volume an app uses; its message is shown."
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  config:
    description:
      - The volumes, each identified by O(config[].name), compared exactly.
      - The output of O(state=gathered) is accepted as input (read-only keys are ignored).
    type: list
    elements: dict
    suboptions:
      name:
        description: The volume's name; printable characters (spaces included).
        type: str
      mount_type:
        description: How the server mounts the volume. Required to add one; it cannot be changed afterwards.
        type: str
        choices: [cifs, ext4, filesystem, mountpoint, nfs, sshfs, xfs]
      mount_options:
        description:
          - The options of the mount type, as O(selfhosted.platforms.cloudron_volume#module:mount_options) describes them,
            without the password and private key (see O(mount_secrets)). Only the keys given are managed.
        type: dict
        suboptions:
          host:
            description: The server of the share (V(cifs), V(nfs), V(sshfs)).
            type: str
          remote_dir:
            description: The directory on that server (V(cifs), V(nfs), V(sshfs)).
            type: str
          username:
            description: The user name to log in with (V(cifs)).
            type: str
          seal:
            description: Whether the share is mounted with encryption (V(cifs)).
            type: bool
          port:
            description: The SSH port (V(sshfs)), 1 to 65535.
            type: int
          user:
            description: The SSH user (V(sshfs)).
            type: str
          host_path:
            description: The directory of the server (V(filesystem), V(mountpoint)).
            type: str
          disk_path:
            description: The disk device (V(ext4), V(xfs)).
            type: str
      id:
        description: Read-only, returned by O(state=gathered); ignored on input.
        type: str
      host_path:
        description: Read-only, returned by O(state=gathered); ignored on input.
        type: str
  mount_secrets:
    description:
      - "Write-only mount credentials by volume name: C({name: {password: ..., private_key: ...}}) (C(password) for
        V(cifs), C(private_key) for V(sshfs)). Never compared or shown; see O(update_secrets)."
      - A name that is not in O(config) is an error.
    type: dict
  update_secrets:
    description:
      - V(on_create) sends O(mount_secrets) when a volume is added, or with other changes to its mount options.
      - V(always) sends them on every run and so always reports a change for those volumes.
    type: str
    choices: [always, on_create]
    default: on_create
  state:
    description:
      - V(merged) adds and updates the listed volumes and leaves the others alone.
      - V(overridden) does the same and removes every volume not listed.
      - V(deleted) removes the listed volumes (only their names are needed).
      - V(gathered) changes nothing and returns every volume in RV(gathered), in the form O(config) accepts.
    type: str
    choices: [merged, overridden, deleted, gathered]
    default: merged
  allow_empty:
    description: Let O(state=overridden) run with an empty O(config), removing every volume.
    type: bool
    default: false
notes:
  - A failure part-way returns C(failed), C(changed) and in RV(changes) the changes already applied.
  - The volume routes need a token whose user has the C(admin) role or higher.
  - The mount status and remounting are in M(selfhosted.platforms.cloudron_volume_info) and
    M(selfhosted.platforms.cloudron_volume).
seealso:
  - module: selfhosted.platforms.cloudron_volume
  - module: selfhosted.platforms.cloudron_volume_info
"""

EXAMPLES = r"""
- name: Converge the server's volumes
  selfhosted.platforms.cloudron_volumes:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    config:
      - name: media
        mount_type: cifs
        mount_options: {host: nas.example.com, remote_dir: /media, username: cloudron, seal: true}
      - name: backups
        mount_type: sshfs
        mount_options: {host: store.example.com, remote_dir: /srv/cloudron, port: 22, user: cloudron}
      - name: archive
        mount_type: filesystem
        mount_options: {host_path: /srv/archive}
    mount_secrets:
      media: {password: "{{ vault_nas_password }}"}
      backups: {private_key: "{{ vault_store_key }}"}

- name: Read every volume in the form config accepts
  selfhosted.platforms.cloudron_volumes:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    state: gathered
  register: current_volumes
"""

RETURN = r"""
changes:
  description: The plan, in order; in check mode what would be done.
  returned: always
  type: list
  elements: dict
  contains:
    action:
      description:
        - V(create), V(update) or V(delete).
        - V(adopt) when another run created it between this run's read and its create; its fields then list
          only what this run still wrote to it.
      type: str
    key:
      description: The volume's name.
      type: str
    fields:
      description: The options written, sorted (C(mount_secrets) when credentials were sent); empty for V(delete).
      type: list
      elements: str
  sample: [{action: create, key: media, fields: [mount_options, mount_secrets, mount_type, name]}]
volumes:
  description:
    - The listed volumes after the run, in the form of RV(selfhosted.platforms.cloudron_volume#module:volume) (without
      C(status)). Volumes removed by the run are left out. In check mode, the prediction (new volumes have C(id=null)).
  returned: when O(state) is not V(gathered)
  type: list
  elements: dict
  contains:
    id:
      description: The volume's id (32 hexadecimal digits); V(null) for a volume check mode predicts would be added.
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
      description: Where the server mounts the volume; V(null) for a predicted one.
      type: str
      sample: /mnt/volumes/1af5f811fddb4337ac5f71b0989c1d30
  sample: [{id: 1af5f811fddb4337ac5f71b0989c1d30, name: media, mount_type: cifs,
            mount_options: {host: nas.example.com, remote_dir: /media, username: cloudron, seal: true},
            host_path: /mnt/volumes/1af5f811fddb4337ac5f71b0989c1d30}]
gathered:
  description: Every volume, sorted by name, in the form O(config) accepts (no password or private key).
  returned: when O(state=gathered)
  type: list
  elements: dict
  contains:
    id:
      description: The volume's id (32 hexadecimal digits).
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
  sample: [{id: 1af5f811fddb4337ac5f71b0989c1d30, name: archive, mount_type: filesystem,
            mount_options: {host_path: /srv/archive}, host_path: /mnt/volumes/1af5f811fddb4337ac5f71b0989c1d30}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.volumes import MOUNT_SECRETS, Volumes
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY, plural_argspec


def main():
    run = CLOUDRON.module(plural_argspec(
        Volumes,
        mount_secrets={"type": "dict", "no_log": True},
        update_secrets=SECRETS_POLICY,
    ))
    run.plural(Volumes(), secrets_option="update_secrets", secrets=("mount_secrets", MOUNT_SECRETS))


if __name__ == "__main__":
    main()

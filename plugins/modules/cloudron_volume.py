#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_volume
short_description: Manage one Cloudron volume, its mount type and mount options
version_added: 0.1.0
description:
  - Add, update or remove a volume on a Cloudron server. Apps store their data on a volume
    (O(selfhosted.platforms.cloudron_app#module:storage_volume)) or mount it (O(selfhosted.platforms.cloudron_app#module:mounts)).
  - The volume is identified by its O(name), compared exactly (case included).
  - The options of each mount type, all of them needed to add a volume, follow the Cloudron API's schemas
    (see O(mount_options)). Options a type does not take are refused before anything is sent.
  - The server changes the mount options of V(cifs), V(nfs) and V(sshfs) volumes in place and nothing else. A different
    O(mount_type), or different options of any other type, fail before the first write; remove the volume and add it again.
  - The mount password and private key are write-only, never compared or shown; see O(update_secrets).
  - To manage many volumes in one task, use M(selfhosted.platforms.cloudron_volumes).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  name:
    description: The volume's name; printable characters (spaces included).
    type: str
    required: true
  mount_type:
    description:
      - How the server mounts the volume. Required to add a volume; it cannot be changed afterwards.
      - V(cifs), V(nfs) and V(sshfs) are network shares; V(filesystem) and V(mountpoint) a directory of the server;
        V(ext4) and V(xfs) a disk the server formats.
    type: str
    choices: [cifs, ext4, filesystem, mountpoint, nfs, sshfs, xfs]
  mount_options:
    description:
      - The options of the mount type. Only the keys given are managed (compared with what the server stores), except
        O(mount_options.password) and O(mount_options.private_key), which are write-only.
      - "Each type takes these, and needs all of them to be added: V(cifs) O(mount_options.host), O(mount_options.remote_dir),
        O(mount_options.username), O(mount_options.password), O(mount_options.seal); V(nfs) O(mount_options.host),
        O(mount_options.remote_dir); V(sshfs) O(mount_options.host), O(mount_options.remote_dir), O(mount_options.port),
        O(mount_options.user), O(mount_options.private_key); V(filesystem) and V(mountpoint) O(mount_options.host_path);
        V(ext4) and V(xfs) O(mount_options.disk_path)."
      - A change sends the whole options; a password or key not given is sent back as the server shows it (masked), so it
        keeps the stored one. A server that does not show it at all needs it given for any change.
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
      password:
        description: The password to log in with (V(cifs)). Write-only, never shown.
        type: str
      seal:
        description: Whether the share is mounted with encryption (C(seal)) (V(cifs)).
        type: bool
      port:
        description: The SSH port (V(sshfs)), 1 to 65535.
        type: int
      user:
        description: The SSH user (V(sshfs)).
        type: str
      private_key:
        description: The SSH private key (V(sshfs)), in OpenSSH or PEM form. Write-only, never shown.
        type: str
      host_path:
        description: The directory of the server (V(filesystem), V(mountpoint)).
        type: str
      disk_path:
        description: The disk device, for example V(/dev/disk/by-uuid/...) (V(ext4), V(xfs)).
        type: str
  update_secrets:
    description:
      - V(on_create) sends O(mount_options.password) and O(mount_options.private_key) when the volume is added, or with other
        changes to its mount options.
      - V(always) sends them on every run and so always reports a change; use it to rotate them.
    type: str
    choices: [always, on_create]
    default: on_create
  remount:
    description:
      - With V(true), ask the server to mount the volume again after the run, for example once the share is reachable.
        This always reports a change and sends nothing in check mode.
      - Not with O(state=absent).
      - When the server refuses it after the options were written, the module fails with C(changed=true) and
        RV(volume) as written.
    type: bool
    default: false
  status:
    description:
      - Return the server's mount status of the volume in RV(volume.status) (one more request).
      - When the read fails after the volume was written, the module fails with C(changed=true) and RV(volume).
    type: bool
    default: false
  state:
    description:
      - V(present) adds or updates the volume; V(absent) removes it. Removing an absent volume is not an error.
      - The server refuses to remove a volume an app uses; its message is shown.
    type: str
    choices: [present, absent]
    default: present
notes:
  - The volume routes need a token whose user has the C(admin) role or higher.
seealso:
  - module: selfhosted.platforms.cloudron_volumes
  - module: selfhosted.platforms.cloudron_volume_info
  - module: selfhosted.platforms.cloudron_app
"""

EXAMPLES = r"""
- name: A CIFS share for media files
  selfhosted.platforms.cloudron_volume:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: media
    mount_type: cifs
    mount_options:
      host: nas.example.com
      remote_dir: /media
      username: cloudron
      password: "{{ vault_nas_password }}"
      seal: true

- name: A directory of the server, with its mount status
  selfhosted.platforms.cloudron_volume:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: archive
    mount_type: filesystem
    mount_options:
      host_path: /srv/archive
    status: true
  register: archive

- name: Mount a share again once its server is back
  selfhosted.platforms.cloudron_volume:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: media
    remount: true

- name: Remove a volume no app uses any more
  selfhosted.platforms.cloudron_volume:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: old-share
    state: absent
"""

RETURN = r"""
volume:
  description:
    - The volume after the run, in the same form as the options, without the password or private key. V(null) after
      O(state=absent).
    - In check mode, the prediction; a volume that would be added has RV(volume.id=null).
  returned: always
  type: dict
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
    status:
      description: The server's mount status, with O(status=true); V(null) for a volume check mode predicts.
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

import copy

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mount_options import SECRET_OPTIONS
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.volumes import MOUNT_SECRETS, Volumes, given_secrets
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import CORE_ERRORS, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import REDACTED
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY, singular_argspec


def main():
    spec = singular_argspec(Volumes, skip=(MOUNT_SECRETS,), update_secrets=SECRETS_POLICY,
                            remount={"type": "bool", "default": False}, status={"type": "bool", "default": False})
    spec["name"]["required"] = True
    spec["mount_options"] = copy.deepcopy(spec["mount_options"])
    spec["mount_options"]["options"].update(copy.deepcopy(SECRET_OPTIONS))
    run = CLOUDRON.module(spec)
    params = run.params
    if params["remount"] and params["state"] == "absent":
        run.module.fail_json(msg="remount: a volume being removed cannot be remounted; remount needs state=present")
    secrets = given_secrets(params.get("mount_options"))
    volumes = Volumes()

    def finish(ctx, result):
        # The diff marks the secrets inside mount_options, where they were given, whenever they are sent: with
        # update_secrets=always, and with every write of the options (the server takes them whole).
        diff = result.get("diff") or {}
        before, after = diff.get("before") or {}, diff.get("after") or {}
        written = after.pop(MOUNT_SECRETS, None) is not None
        before.pop(MOUNT_SECRETS, None)
        if secrets and after and (written or after.get("mount_options") != before.get("mount_options")):
            after["mount_options"] = dict(after.get("mount_options") or {}, **dict((key, REDACTED) for key in secrets))
        volume = result["volume"]
        if volume is None:
            return
        written = result["changed"]
        step = "remount"
        try:
            if params["remount"]:
                if not run.check_mode and volume.get("id"):
                    volumes.remount(ctx, volume)
                result["changed"] = True
            step = "status"
            if params["status"]:
                volume["status"] = volumes.status(ctx, volume) if volume.get("id") else None
        except CORE_ERRORS as exc:
            # what the converge wrote stays written: say so, with the volume as it now is
            run.fail(ResourceError("volume %r: %s failed%s: %s" % (volume["name"], step, " after the options were written"
                                                                   if written else "", exc)),
                     **result)

    run.singular(volumes, secrets_option="update_secrets", extra={MOUNT_SECRETS: secrets} if secrets else None, finish=finish)


if __name__ == "__main__":
    main()

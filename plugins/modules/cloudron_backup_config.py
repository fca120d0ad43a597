#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_backup_config
short_description: Manage where Cloudron backups go and when they are made
version_added: 0.1.0
description:
  - Set the backup storage (the provider and its settings, the archive format and the encryption) and the backup
    policy (the schedule and how long backups are kept).
  - Only what is given is managed. O(storage) and O(policy) are read with one request each, and only the one given is
    read (both when neither is given; the module then returns both and changes nothing). Each that differs is written
    with one request, the storage first, so a storage the server refuses leaves the policy as it was.
  - The storage route takes the whole storage object. A change to it sends back the stored settings with the ones
    given over them; the secrets not given go back as the server shows them (masked), which keeps them. Changing
    O(storage.provider) replaces the storage with the settings given.
  - Secrets (O(storage.encryption_password), O(storage.secret_access_key), O(storage.mount_options.password),
    O(storage.mount_options.private_key)) are write-only, see O(update_secrets). A change that would lose a secret
    the server does not show is refused before anything is written.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  storage:
    description:
      - Where backups are stored. Only the keys given are managed (also inside O(storage.mount_options)).
      - The settings each provider takes are the ones the server checks; the server refuses a storage it cannot reach
        (HTTP 424) and the module quotes its message. Nothing is written then.
    type: dict
    suboptions:
      provider:
        description:
          - The storage provider as the server names it, for example V(filesystem) (a folder on the server, with
            O(storage.backup_folder)), V(s3) (an S3 bucket, with O(storage.bucket), O(storage.access_key_id) and
            O(storage.secret_access_key)), or a mounted share or disk V(cifs), V(nfs), V(sshfs), V(mountpoint),
            V(ext4), V(xfs) (with O(storage.mount_options)). The server refuses one it does not know. Compared
            lower-case.
          - A new provider replaces the whole storage with the settings given, so give all of them, and the
            secrets of the new provider.
        type: str
      format:
        description: V(tgz) (one archive per backup) or V(rsync) (a file tree, copied incrementally).
        type: str
        choices: [tgz, rsync]
      encryption_password:
        description:
          - The password backups are encrypted with; V("") for unencrypted backups. Write-only; never shown or compared.
          - The server shows a stored encryption password only masked, or not at all. A storage change sends the
            masked one back, which keeps it. When the server's C(encryption) says backups are not encrypted, a storage
            change sends V(""). When backups are encrypted and the password is not shown, or the answer does not say
            whether they are, the module refuses to write the storage without this option (give V("") for unencrypted
            backups). A new O(storage.provider) needs it too when backups are encrypted.
        type: str
      encrypted_filenames:
        description:
          - Whether file names inside encrypted backups are encrypted too (needs an encryption password).
          - Compared only when the server's answer shows it (it is not in every server's answer); unencrypted backups
            have none. When the answer does not show it and backups may be encrypted, a storage change needs this
            option, so that it is not turned off.
        type: bool
      backup_folder:
        description: With V(filesystem), the folder on the server, an absolute path.
        type: str
      no_hard_links:
        description: With V(filesystem), copy files instead of hard-linking unchanged ones between backups.
        type: bool
      bucket:
        description: With V(s3), the bucket.
        type: str
      prefix:
        description: With V(s3) or a mount provider, the folder inside the bucket or share.
        type: str
      region:
        description: With V(s3), the region.
        type: str
      endpoint:
        description: With V(s3), the endpoint URL of an S3-compatible service.
        type: str
      access_key_id:
        description: With V(s3), the access key id.
        type: str
      secret_access_key:
        description: With V(s3), the secret access key. Write-only; never shown or compared.
        type: str
      mount_options:
        description:
          - With a mount provider, how to mount it, with the mount options the server takes for a volume of that mount type.
            Only the keys given are managed.
        type: dict
        suboptions:
          host:
            description: V(cifs), V(nfs), V(sshfs) - the server to mount from.
            type: str
          remote_dir:
            description: V(cifs), V(nfs), V(sshfs) - the directory on that server.
            type: str
          username:
            description: V(cifs) - the user name.
            type: str
          password:
            description: V(cifs) - the password. Write-only; never shown or compared.
            type: str
          seal:
            description: V(cifs) - encrypt the connection (SMB3 seal).
            type: bool
          port:
            description: V(sshfs) - the SSH port (1 to 65535).
            type: int
          user:
            description: V(sshfs) - the SSH user.
            type: str
          private_key:
            description: V(sshfs) - the SSH private key. Write-only; never shown or compared.
            type: str
          host_path:
            description: V(mountpoint) - the path on the server where the storage is mounted.
            type: str
          disk_path:
            description: V(ext4), V(xfs) - the disk device, an absolute path.
            type: str
  policy:
    description: When backups are made and how long they are kept. Only the keys given are managed.
    type: dict
    suboptions:
      schedule:
        description:
          - When the server makes a backup, as its cron pattern of six fields, seconds first, for example
            V(00 00 23 * * *) (every day at 23:00 in the server's time zone). Spacing is not compared.
        type: str
      retention:
        description:
          - Which backups the cleanup keeps. Either O(policy.retention.keep_within_secs) alone, or one or more of the
            others. Compared as a whole (the retention given replaces the server's).
        type: dict
        suboptions:
          keep_within_secs:
            description: Keep every backup younger than this many seconds (V(-1) keeps every backup; unverified).
            type: int
          keep_daily:
            description: Keep the newest backup of each of this many days.
            type: int
          keep_weekly:
            description: Keep the newest backup of each of this many weeks.
            type: int
          keep_monthly:
            description: Keep the newest backup of each of this many months.
            type: int
          keep_yearly:
            description: Keep the newest backup of each of this many years.
            type: int
  update_secrets:
    description:
      - V(on_create) sends the secrets given only when the storage is written for another change (the server has a
        storage from the start, so there is nothing to create).
      - V(always) writes the storage with them on every run, and so always reports a change; use it to rotate a key
        or password.
    type: str
    choices: [always, on_create]
    default: on_create
notes:
  - Reading and writing the backup settings needs the C(admin) role or higher.
  - The retention is applied by the cleanup, which the server runs after its scheduled backups; run it now with
    M(selfhosted.platforms.cloudron_backup) and O(selfhosted.platforms.cloudron_backup#module:cleanup=true).
  - The provider names and their settings beyond those of the server's API description (V(filesystem) with
    O(storage.backup_folder)) come from the server's checks as recalled; a server that names them differently
    refuses them with its own message.
seealso:
  - module: selfhosted.platforms.cloudron_backup
  - module: selfhosted.platforms.cloudron_backup_info
"""

EXAMPLES = r"""
- name: Back up to an S3 bucket, encrypted
  selfhosted.platforms.cloudron_backup_config:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    storage:
      provider: s3
      bucket: example-backups
      region: eu-central-1
      access_key_id: AKIAEXAMPLE
      secret_access_key: "{{ vault_backup_secret_key }}"
      format: tgz
      encryption_password: "{{ vault_backup_password }}"
      encrypted_filenames: true

- name: Back up every night at 3:00 and keep a week of dailies and three monthlies
  selfhosted.platforms.cloudron_backup_config:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    policy:
      schedule: "00 00 03 * * *"
      retention:
        keep_daily: 7
        keep_monthly: 3

- name: Read the backup storage and policy
  selfhosted.platforms.cloudron_backup_config:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
  register: backup_config
"""

RETURN = r"""
backup_config:
  description:
    - The parts given, as they are after the run (in check mode, as they would be); both when neither is given.
    - Secrets are never returned.
  returned: success
  type: dict
  contains:
    storage:
      description: The storage settings in the form of O(storage), without secrets; keys the server does not set are left out.
      type: dict
      returned: when O(storage) is given, or when nothing is given
      sample: {provider: s3, format: tgz, bucket: example-backups, region: eu-central-1, access_key_id: AKIAEXAMPLE,
               prefix: "", encrypted_filenames: true}
      contains:
        provider:
          description: The storage provider as the server names it, lower-case, for example V(filesystem) or V(s3).
          type: str
          sample: s3
        format:
          description: V(tgz) or V(rsync).
          type: str
          sample: tgz
        encrypted_filenames:
          description:
            - Whether file names inside encrypted backups are encrypted too; V(false) for unencrypted backups.
            - Left out when the server's answer does not show it and backups may be encrypted.
          type: bool
          sample: true
        backup_folder:
          description: With V(filesystem), the folder on the server.
          type: str
          sample: /var/backups
        no_hard_links:
          description: With V(filesystem), whether files are copied instead of hard-linked between backups.
          type: bool
          sample: false
        bucket:
          description: With V(s3), the bucket.
          type: str
          sample: example-backups
        prefix:
          description: With V(s3) or a mount provider, the folder inside the bucket or share.
          type: str
          sample: ""
        region:
          description: With V(s3), the region.
          type: str
          sample: eu-central-1
        endpoint:
          description: With V(s3), the endpoint URL of an S3-compatible service.
          type: str
          sample: https://s3.example.com
        access_key_id:
          description: With V(s3), the access key id.
          type: str
          sample: AKIAEXAMPLE
        mount_options:
          description:
            - With a mount provider, how it is mounted, in the form of O(storage.mount_options), without the password
              or private key; only the keys the server sets.
          type: dict
          sample: {host: nas.example.com, remote_dir: /backups, username: cloudron, seal: true}
          contains:
            host:
              description: V(cifs), V(nfs), V(sshfs) - the server mounted from.
              type: str
              sample: nas.example.com
            remote_dir:
              description: V(cifs), V(nfs), V(sshfs) - the directory on that server.
              type: str
              sample: /backups
            username:
              description: V(cifs) - the user name.
              type: str
              sample: cloudron
            seal:
              description: V(cifs) - whether the connection is encrypted (SMB3 seal).
              type: bool
              sample: true
            port:
              description: V(sshfs) - the SSH port.
              type: int
              sample: 22
            user:
              description: V(sshfs) - the SSH user.
              type: str
              sample: backup
            host_path:
              description: V(mountpoint) - the path on the server where the storage is mounted.
              type: str
              sample: /mnt/backups
            disk_path:
              description: V(ext4), V(xfs) - the disk device.
              type: str
              sample: /dev/sdb1
    policy:
      description: The policy in the form of O(policy).
      type: dict
      returned: when O(policy) is given, or when nothing is given
      sample: {schedule: "00 00 03 * * *", retention: {keep_daily: 7, keep_monthly: 3}}
      contains:
        schedule:
          description: When the server makes a backup, as its cron pattern of six fields, seconds first.
          type: str
          sample: "00 00 23 * * *"
        retention:
          description: Which backups the cleanup keeps; only the keys the server sets.
          type: dict
          sample: {keep_daily: 7, keep_weekly: 4}
          contains:
            keep_within_secs:
              description: Every backup younger than this many seconds is kept.
              type: int
              sample: 172800
            keep_daily:
              description: The newest backup of each of this many days is kept.
              type: int
              sample: 7
            keep_weekly:
              description: The newest backup of each of this many weeks is kept.
              type: int
              sample: 4
            keep_monthly:
              description: The newest backup of each of this many months is kept.
              type: int
              sample: 3
            keep_yearly:
              description: The newest backup of each of this many years is kept.
              type: int
              sample: 1
changed_settings:
  description: The parts that were (in check mode, would be) written, in the order they are written.
  returned: always
  type: list
  elements: str
  sample: [storage, policy]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.backup_config import (
    OPTIONS, POLICY_OPTIONS, SECRETS, STORAGE_OPTIONS, BackupConfig, secrets_given,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import REDACTED, public
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY


def secrets_shown_in_storage(given):
    """``finish`` for the runner: secrets being written are reported as ``storage`` and marked inside it in the diff,
    where they were given (the engine names them as fields of their own)."""
    def finish(ctx, result):
        changed = set("storage" if name in SECRETS else name for name in result["changed_settings"])
        result["changed_settings"] = [name for name in OPTIONS if name in changed]
        for side, values in (result.get("diff") or {}).items():
            for name in SECRETS:
                values.pop(name, None)
            if side == "after" and "storage" in changed:
                storage = values["storage"] = dict(values.get("storage") or {})
                for name in given:
                    parts = name.split(".")[1:]
                    target = storage
                    for part in parts[:-1]:
                        target = target.setdefault(part, {})
                    target[parts[-1]] = REDACTED
    return finish


def main():
    spec = {
        "storage": {"type": "dict", "options": STORAGE_OPTIONS},
        "policy": {"type": "dict", "options": POLICY_OPTIONS},
        "update_secrets": SECRETS_POLICY,
    }
    run = CLOUDRON.module(spec)
    resource = BackupConfig()
    given = secrets_given(run.params)
    if run.params["storage"] is None and run.params["policy"] is None:
        run.execute(lambda ctx: {"changed": False, "changed_settings": [],
                                 "backup_config": public(resource.fields, resource.read(ctx, [], complete=True)[0])})
    run.singular(resource, secrets_option="update_secrets", state="present", extra=given or None,
                 finish=secrets_shown_in_storage(sorted(given)), changed_fields="changed_settings")


if __name__ == "__main__":
    main()

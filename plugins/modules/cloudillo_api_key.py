#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_api_key
short_description: Create, update or delete an API key of a Cloudillo tenant
version_added: 0.1.0
description:
  - Manage one tenant API key (C(cl_...)), identified by its O(name).
  - The server does not keep names unique. When two keys carry the name given, the module refuses to guess and names their ids.
  - The key itself exists only in the server's answer to the creation. The module returns it once in RV(plaintext_key),
    or writes it to O(key_file) (mode 0600) and returns nothing of it. It never appears in the diff, in RV(api_key) or in
    an error. A key that exists already cannot be shown again; delete it and create it again to get a new one.
  - O(scopes) and O(expires_at) of an existing key are changed in place. The server cannot remove them from a key.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.attributes
options:
  name:
    description: The key's name, its identity for this module (compared exactly, surrounding spaces ignored).
    type: str
    required: true
  scopes:
    description:
      - What the key is restricted to. Without scopes (and by default) a key acts with the owner's roles.
      - V(apkg:publish) allows publishing and installing apps only; V(carddav:read), V(carddav:write), V(caldav:read) and
        V(caldav:write) allow contacts and calendars over DAV only. Other strings grant nothing, so they are refused.
      - Compared as a set.
    type: list
    elements: str
  expires_at:
    description:
      - When the key stops working, as Unix seconds or an ISO 8601 date (V(2027-01-31T00:00:00Z); UTC unless it says).
    type: raw
  key_file:
    description:
      - Where to write the plaintext key when this run creates it, in a file of mode 0600 (replaced if it exists). Its
        directory must exist. The key is then not returned in RV(plaintext_key).
      - The file is written atomically (a temporary file in the same directory, then renamed over the target); a
        symlink at the target is replaced, its target is never written.
      - Before the key is created the module makes sure it can write in that directory, so a path that cannot be
        written fails while nothing exists yet. When the write still fails after the creation, the module fails with
        C(changed=true) and says so - the key exists, its plaintext is lost, delete it and create it again.
      - Nothing is written when the key exists already, or in check mode.
    type: path
  state:
    description: V(present) creates or updates the key; V(absent) deletes it (no change when there is none).
    type: str
    choices: [present, absent]
    default: present
notes:
  - A result that carries RV(plaintext_key) is marked C(no_log) by the module's action plugin, so the task's output
    (also with C(-v)), callbacks and job events show it censored, while C(register) still receives the key. Store it at
    once; it is the only copy. Do not print the registered variable.
  - When the answer to the creation is lost on the way (a dropped connection), the module finds the new key and warns that
    its plaintext is gone; it never creates a second key with the same name.
seealso:
  - module: selfhosted.platforms.cloudillo_api_key_info
"""

EXAMPLES = r"""
- name: A key for publishing apps from CI, written to a file only its owner reads
  selfhosted.platforms.cloudillo_api_key:
    id_tag: alice.example.com
    password: "{{ vault_alice_password }}"
    name: ci-publish
    scopes: [apkg:publish]
    expires_at: "2027-01-31T00:00:00Z"
    key_file: /etc/ci/cloudillo-key

- name: A full key, returned once
  selfhosted.platforms.cloudillo_api_key:
    id_tag: alice.example.com
    password: "{{ vault_alice_password }}"
    name: ansible
  register: created

- name: Retire a key
  selfhosted.platforms.cloudillo_api_key:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
    name: old-ci
    state: absent
"""

RETURN = r"""
api_key:
  description:
    - The key after the run, without the key itself; V(null) after O(state=absent). In check mode, the prediction (with
      RV(api_key.key_id) V(null) for a key to create).
  returned: always
  type: dict
  contains:
    name:
      description: The name.
      type: str
      sample: ci-publish
    scopes:
      description: The scopes, sorted; empty for a key with the owner's roles.
      type: list
      elements: str
      sample: [apkg:publish]
    expires_at:
      description: When it stops working, in Unix seconds, or V(null).
      type: int
      sample: 1800000000
    key_id:
      description: The server's id of the key.
      type: int
      sample: 7
    key_prefix:
      description: The first characters of the key, as the server shows them to tell keys apart.
      type: str
      sample: cl_AbC
    created_at:
      description: When it was created, in Unix seconds.
      type: int
    last_used_at:
      description: When it was last used, in Unix seconds, or V(null).
      type: int
plaintext_key:
  description:
    - The key, only when this run created it and O(key_file) is not set; else V(null). Shown once; store it now.
  returned: always
  type: str
  sample: null
key_file:
  description: The file the new key was written to, when this run created one and O(key_file) is set; else V(null).
  returned: always
  type: str
  sample: /etc/ci/cloudillo-key
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.api_keys import ApiKeys, KeyFile
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import singular_argspec

LOST_FILE = ("key_file: the key %r was created, but writing %s failed (%s); its plaintext is lost and cannot be shown "
             "again: delete the key (state=absent) and create it again")


def main():
    spec = singular_argspec(ApiKeys, key_file={"type": "path", "no_log": False})
    spec["name"]["required"] = True
    run = CLOUDILLO.module(spec)
    key_file = KeyFile(run.params["key_file"]) if run.params.get("key_file") else None
    if key_file and not run.check_mode and run.params["state"] == "present":
        try:
            key_file.prepare()  # a file that cannot be written refuses the run before a key exists
        except ResourceError as exc:
            run.module.fail_json(msg=str(exc))
    resource = ApiKeys()

    def finish(ctx, result):
        result["plaintext_key"] = result["key_file"] = None
        if resource.plaintext is None:
            if resource.lost and result["changed"]:
                ctx.warn("the server's answer to the creation of key %r was lost, and with it the key itself, which cannot be "
                         "shown again: delete the key (state=absent) and create it again" % run.params["name"])
            return
        if key_file:
            try:
                key_file.commit(resource.plaintext)
            except (OSError, ResourceError) as exc:
                run.module.fail_json(msg=LOST_FILE % (run.params["name"], key_file.path, getattr(exc, "strerror", None) or exc),
                                     **dict(result, changed=True))
            result["key_file"] = run.params["key_file"]
        else:
            result["plaintext_key"] = resource.plaintext

    try:
        run.singular(resource, finish=finish)
    finally:
        if key_file:
            key_file.discard()


if __name__ == "__main__":
    main()

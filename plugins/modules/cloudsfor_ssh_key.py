#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudsfor_ssh_key
short_description: Manage an SSH key of a CloudsFor account
version_added: 0.1.0
description:
  - Adds, renames, replaces or deletes an SSH public key of a CloudsFor account, for new VMs to trust
    (O(selfhosted.platforms.cloudsfor_vm#module:ssh_keys)).
  - Experimental. Written to the vendor's API documentation and, where it is silent, to the DigitalOcean-shaped
    contract; not yet checked against a live account. Only listing keys is documented by the vendor; adding, renaming and
    deleting them follow DigitalOcean (see the notes).
  - The key is identified by O(name). Names need not be unique on CloudsFor; when two keys share the name the module
    refuses to act and names their ids.
  - A key of that name with another public key is replaced (deleted and added again, the new one first), because the
    API cannot change a key's public part. The same public key under another name is renamed.
  - Public keys are compared by their key data (fingerprint), so the comment and spacing never count.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudsfor
  - selfhosted.platforms.cloudsfor.attributes
options:
  name:
    description: The key's name on the account.
    type: str
    required: true
  public_key:
    description:
      - The OpenSSH public key, one line of type, base64 data and an optional comment, such as the content of
        C(~/.ssh/id_ed25519.pub). Required with O(state=present).
      - Checked before anything is sent; a private key is refused and never shown.
    type: str
  state:
    description:
      - V(present) adds the key, renames it or replaces it; V(absent) deletes the key of that name (by name only).
        Deleting an absent key is not an error.
    type: str
    choices: [present, absent]
    default: present
notes:
  - "Inferred (DigitalOcean shape): C(POST /keys) adds a key, C(PUT /keys/{id}) renames it and C(DELETE /keys/{id})
    deletes it; the vendor documents only C(GET /keys)."
  - "Inferred: the server's fingerprint of a key is either DigitalOcean's colon-separated MD5 or OpenSSH's C(SHA256:)
    form. The module computes both from the public key and matches either; a new key's fingerprint predicted in check
    mode takes the form the account's other keys show (MD5 when it has none)."
  - Adding a public key the account already has under another name renames that key; replacing a key's public part with
    one the account already has under another name is refused, before anything is written.
seealso:
  - module: selfhosted.platforms.cloudsfor_ssh_key_info
  - module: selfhosted.platforms.cloudsfor_vm
"""

EXAMPLES = r"""
- name: Trust the deploy key on new VMs
  selfhosted.platforms.cloudsfor_ssh_key:
    api_user: ops@example.com
    api_password: "{{ cloudsfor_password }}"
    name: deploy
    public_key: "{{ lookup('ansible.builtin.file', 'files/deploy.pub') }}"

- name: Use group module defaults for the connection
  module_defaults:
    group/selfhosted.platforms.cloudsfor:
      api_user: ops@example.com
      api_password: "{{ cloudsfor_password }}"
  block:
    - name: Give the key a new public part (the old one is deleted once the new one is added)
      selfhosted.platforms.cloudsfor_ssh_key:
        name: deploy
        public_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHKHBwDs8h41V0IJWTg9aVCxceO1AdSf/LBtKY1/ejyq deploy@example.com

    - name: Remove a key
      selfhosted.platforms.cloudsfor_ssh_key:
        name: old-laptop
        state: absent
"""

RETURN = r"""
ssh_key:
  description:
    - The key after the run; V(null) after O(state=absent).
    - In check mode, the prediction (RV(ssh_key.id) V(null) for a new key).
  returned: always
  type: dict
  contains:
    id:
      description: The key's id on the account.
      type: int
      sample: 512189
    name:
      description: The key's name.
      type: str
      sample: deploy
    public_key:
      description: The public key line.
      type: str
      sample: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHKHBwDs8h41V0IJWTg9aVCxceO1AdSf/LBtKY1/ejyq deploy@example.com
    fingerprint:
      description: The fingerprint the server shows (colon-separated MD5, or C(SHA256:) and base64).
      type: str
      sample: d1:5c:36:00:fb:49:82:7d:1a:aa:a9:22:5d:c1:ac:f4
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.keys import SshKeys
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.platform import CLOUDSFOR
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import singular_argspec


def main():
    spec = singular_argspec(SshKeys)
    spec["name"]["required"] = True
    spec["public_key"]["no_log"] = False
    run = CLOUDSFOR.module(spec, required_if=[("state", "present", ("public_key",))])
    run.singular(SshKeys(rename=run.params["state"] == "present"))


if __name__ == "__main__":
    main()

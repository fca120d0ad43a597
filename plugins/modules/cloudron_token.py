#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_token
short_description: Create or revoke an API token of the Cloudron token's own user
version_added: 0.1.0
description:
  - Manage one API token of the user that O(api_token) belongs to (tokens are personal; no user can manage another's),
    identified by its O(name).
  - The server does not keep names unique. When two tokens carry the name given, the module refuses to guess and names
    their ids.
  - The token itself (the secret) exists only in the server's answer to the creation. The module returns it once in
    RV(access_token), or writes it to O(token_file) (mode 0600) and returns nothing of it. It never appears in the diff,
    in RV(token) or in an error. A token that exists already cannot be shown again.
  - The server cannot change a token. A different O(scope) or O(expires_at) fails before anything is written, unless
    O(recreate=true), which creates a new token (with a new secret) and then revokes the old one.
  - The dashboard's own session tokens (client C(cid-webadmin)) are not API tokens and are never touched.
  - When the server's answer to the creation is lost (the connection broke after the request), the secret went with it;
    the module revokes the token that request made and creates it once more. If that fails it fails with C(changed=true)
    and names what is left. During O(recreate=true) a lost answer keeps the old one and fails, saying that a second
    token of the name may exist and how to remove it.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  name:
    description: The token's name, its identity for this module (compared exactly, surrounding spaces ignored).
    type: str
    required: true
  scope:
    description:
      - V(read-only) (the scope C({"*":"r"})) may only read; V(read-write) (C({"*":"rw"})) may do whatever the user's
        role allows.
      - Required to create a token. A token whose scope differs is only changed with O(recreate=true).
    type: str
    choices: [read-only, read-write]
  expires_at:
    description:
      - When the token stops working, as an ISO 8601 time (V(2027-01-31T00:00:00Z); UTC unless it says; a date alone means
        its midnight) or as milliseconds since the epoch, the API's unit. Compared to the second.
      - Without it the server chooses the expiry of a new token; RV(token.expires_at) shows it.
      - A time in the past is refused for a token that would be created.
      - A token whose expiry differs is only changed with O(recreate=true).
    type: raw
  recreate:
    description:
      - When the existing token's O(scope) or O(expires_at) differs, create a new token as given, then revoke the old one.
        The new secret is handed over like that of any new token. Creating first means a token that replaces itself (the
        one in O(api_token)) never leaves the run without a working credential.
      - If the old one cannot be revoked, the module fails with C(changed=true), after handing over the new secret, and
        names the old token's id. Without a file the failed result carries the new secret and is censored like any result
        with one; its message is in the registered variable.
    type: bool
    default: false
  token_file:
    description:
      - Where to write the secret when this run creates the token, in a file of mode 0600 (replaced if it exists). When
        one is created its directory must exist. The secret is then not returned in RV(access_token).
      - The file is written atomically (a temporary file in the same directory, then renamed over the target); a symlink
        at the target is replaced, its target is never written. It is written on the host the module runs on (the
        controller for a local connection).
      - When a token is to be created (or recreated), the module makes sure first that it can write in that directory, so
        a path that cannot be written fails while nothing exists yet; check mode makes the same checks without writing.
        If the write still fails after the creation, the module fails with C(changed=true) and says so; the secret is
        then lost (revoke the token and create it again).
      - Nothing is written, and the directory need not exist, when the token exists already (outside check mode a warning
        says so when the file is missing), or in check mode, or with O(state=absent), which leaves the file alone.
    type: path
  state:
    description: V(present) creates the token; V(absent) revokes it (no change when there is none).
    type: str
    choices: [present, absent]
    default: present
notes:
  - Any role may manage its own tokens; creating or revoking one needs a read and write O(api_token).
  - A result that carries RV(access_token) is marked C(no_log) by the module's action plugin, so the task's output (also
    with C(-v)), callbacks and job events show it censored, while C(register) still receives the secret. Store it at
    once; it is the only copy. Do not print the registered variable. With O(token_file) the result carries no secret.
  - Revoking the token given in O(api_token) works; later tasks with it then fail.
seealso:
  - module: selfhosted.platforms.cloudron_token_info
  - module: selfhosted.platforms.cloudron_app_password
"""

EXAMPLES = r"""
- name: A read-only token for monitoring, written to a file
  selfhosted.platforms.cloudron_token:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: monitoring
    scope: read-only
    expires_at: "2027-01-31T00:00:00Z"
    token_file: /etc/monitoring/cloudron-token

- name: A token for CI, returned once
  selfhosted.platforms.cloudron_token:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: ci
    scope: read-write
  register: ci_token

- name: Keep it in the vault (only on the run that created it)
  ansible.builtin.copy:
    content: "{{ ci_token.access_token }}"
    dest: /etc/ci/cloudron-token
    mode: "0600"
  when: ci_token.access_token is not none

- name: Make the monitoring token read-write, with a new secret
  selfhosted.platforms.cloudron_token:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: monitoring
    scope: read-write
    recreate: true
    token_file: /etc/monitoring/cloudron-token

- name: Revoke a token
  selfhosted.platforms.cloudron_token:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: old-ci
    state: absent
"""

RETURN = r"""
token:
  description:
    - The token after the run, without its secret. V(null) after O(state=absent).
    - In check mode, the prediction; a token that would be created (or recreated) has RV(token.id=null).
  returned: always
  type: dict
  contains:
    id:
      description: The token's id (C(tid-) and a UUID); V(null) for a token check mode predicts.
      type: str
      sample: tid-f3694710-ec08-4352-b8bc-b094ae40a0f4
    name:
      description: The name.
      type: str
      sample: monitoring
    scope:
      description:
        - V(read-only) or V(read-write); a token made elsewhere with another scope map shows that map, such as
          C({"apps":"rw"}).
      type: raw
      sample: read-only
    expires_at:
      description:
        - When it stops working, in the form C(2027-01-31T00:00:00Z), as the server set it (its choice when O(expires_at)
          was not given); V(null) for a predicted token without O(expires_at).
      type: str
      sample: "2027-01-31T00:00:00Z"
    last_used_at:
      description: When it was last used, as the server says; V(null) when never, or for a predicted token.
      type: str
      sample: "2026-11-30T10:15:00.000Z"
access_token:
  description:
    - The secret, only when this run created the token and O(token_file) is not set; else V(null). Shown once; store it now.
  returned: always
  type: str
  sample: null
token_file:
  description: The file the secret was written to, when this run created the token and O(token_file) is set; else V(null).
  returned: always
  type: str
  sample: /etc/monitoring/cloudron-token
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.credentials import run_credential_module
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.tokens import Tokens
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import singular_argspec


def main():
    spec = singular_argspec(Tokens, recreate={"type": "bool", "default": False}, token_file={"type": "path", "no_log": False})
    spec["name"]["required"] = True
    run = CLOUDRON.module(spec)
    run_credential_module(run, Tokens(recreate=run.params["recreate"]), "access_token", "token_file")


if __name__ == "__main__":
    main()

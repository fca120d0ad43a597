#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_setting
short_description: Set or clear one setting of a Cloudillo tenant
version_added: 0.1.0
description:
  - Store the value of one setting (such as V(profile.default_visibility) or V(file.max_file_size_mb)) at one level, or
    clear the stored value so the next level applies.
  - At O(level=tenant) the value is the tenant's own, overriding the server-wide default. At O(level=global) it is the
    default every tenant falls back to (admins only).
  - The module compares with the value stored at that level, read in one request, and writes only when it differs.
    Values compare by type as well, so V(true) and V(1), or V(5) and V("5"), differ.
  - To manage many settings in one task, use M(selfhosted.platforms.cloudillo_settings).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.attributes
options:
  key:
    description: The setting's key, as the server registers it (V(email.smtp.host), V(ui.theme)).
    type: str
    required: true
  value:
    description:
      - The value to store, a boolean, a number, a string or a JSON object, of the type the setting takes.
      - Required with O(state=present) (O(secret_value) for a secret setting). The server checks it; its message is quoted
        when it refuses.
      - Refused for a secret setting (see the notes).
    type: raw
  secret_value:
    description:
      - The value of a secret setting (see the notes). It is written, never compared or shown; O(update_secrets) decides when.
    type: raw
  update_secrets:
    description:
      - When the value of a secret setting (one whose key names a credential; see the notes) is written. The server's
        value of such a setting is never read back for comparison.
      - V(on_create) writes it only when nothing is stored at O(level) yet; V(always) writes it on every run (and
        reports a change each time).
    type: str
    choices: [always, on_create]
    default: on_create
  level:
    description:
      - V(tenant) stores the tenant's own value; V(global) the server-wide default (needs the server's admin, C(SADM)).
      - Settings the server registers as global take only V(global).
    type: str
    choices: [tenant, global]
    default: tenant
  tenant:
    description:
      - The idTag of another tenant whose value to manage, for the server's admin. Only with O(level=tenant).
    type: str
  state:
    description:
      - V(present) stores O(value); V(absent) clears the value stored at O(level), so the next level or the default applies.
        Clearing a setting with nothing stored is no change.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Secret settings, a safety rule of this collection (not something the server says). A key whose last segment names
    a credential (one of its words, split at C(_) and C(-), ends with C(password), C(secret), C(token) or C(key), as in
    V(email.smtp.password) or V(app.mail.api_key)) has a write-only value. It is given as O(secret_value), never as O(value).
    It is not compared with the server's (see O(update_secrets)), and is shown as C(********) in results and the diff; the info modules show it so too.
seealso:
  - module: selfhosted.platforms.cloudillo_settings
  - module: selfhosted.platforms.cloudillo_setting_info
"""

EXAMPLES = r"""
- name: Let the tenant's profile be seen by everyone
  selfhosted.platforms.cloudillo_setting:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
    key: profile.default_visibility
    value: P

- name: Server-wide default for every tenant (admin)
  selfhosted.platforms.cloudillo_setting:
    id_tag: admin.example.com
    api_key: "{{ cloudillo_admin_key }}"
    key: file.max_file_size_mb
    value: 100
    level: global

- name: Go back to the default
  selfhosted.platforms.cloudillo_setting:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
    key: ui.theme
    state: absent
"""

RETURN = r"""
setting:
  description:
    - The setting as stored at O(level) after the run; V(null) after O(state=absent). In check mode, the prediction.
  returned: always
  type: dict
  contains:
    key:
      description: The key.
      type: str
      sample: file.max_file_size_mb
    value:
      description: The stored value.
      type: raw
      sample: 100
    scope:
      description: Where the server lets the setting be stored (V(tenant), V(global), V(system)); V(null) for a value not stored before.
      type: str
      sample: tenant
    permission:
      description: Who may change it (V(user), V(admin), V(system)); V(null) for a value not stored before.
      type: str
      sample: admin
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.settings import SCOPE_ARGSPEC, Settings, is_secret, scoped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY, singular_argspec


def main():
    spec = singular_argspec(Settings, update_secrets=SECRETS_POLICY, **SCOPE_ARGSPEC)
    spec["key"].update(required=True, no_log=False)  # a setting's name, not a secret
    run = CLOUDILLO.module(spec, required_if=[("state", "present", ("value", "secret_value"), True)],
                           mutually_exclusive=[("value", "secret_value")])
    if is_secret(run.params["key"]) and run.params.get("value") is not None:
        # a secret given where it is not masked: kept out of every output of this run, then refused (validate)
        run.module.no_log_values.add(str(run.params["value"]))
    try:
        resource = scoped(run.params)
    except ResourceError as exc:
        run.module.fail_json(msg=str(exc))
    run.singular(resource, secrets_option="update_secrets")


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_settings
short_description: Set or clear many settings of a Cloudillo tenant in one task
version_added: 0.1.0
description:
  - Converge a list of settings at one level in one module run. The values stored at that level are read with the
    server's list route, one request per namespace of the keys given (the first segment, V(ui) of V(ui.theme)); every
    item is compared, and only the settings that differ are written, one request each.
  - A run that changes nothing costs one read per namespace named, however many keys are listed.
  - The whole list is validated first (key syntax, keys listed twice); the server checks each value when it is written
    and its message is quoted, naming the item.
  - Items take the options of M(selfhosted.platforms.cloudillo_setting). The result lists the plan in RV(changes).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.attributes
options:
  config:
    description:
      - The settings, each identified by O(config[].key). The output of O(state=gathered) is accepted as input.
    type: list
    elements: dict
    suboptions:
      key:
        description: The setting's key, as the server registers it.
        type: str
        required: true
      value:
        description:
          - The value to store (a boolean, a number, a string or a JSON object); compared by type as well as by value.
          - Needed for a setting with nothing stored yet at O(level); ignored by O(state=deleted).
          - Refused for a secret setting, whose value goes in O(secret_values) (see the notes).
        type: raw
      scope:
        description: Shown by O(state=gathered); ignored as input.
        type: str
      permission:
        description: Shown by O(state=gathered); ignored as input.
        type: str
  level:
    description:
      - V(tenant) stores the tenant's own values; V(global) the server-wide defaults (needs the server's admin, C(SADM)).
    type: str
    choices: [tenant, global]
    default: tenant
  tenant:
    description: The idTag of another tenant whose values to manage, for the server's admin. Only with O(level=tenant).
    type: str
  secret_values:
    description:
      - The values of the secret settings of O(config) (see the notes), by key. Each key must be an item of O(config).
      - Written, never compared or shown; O(update_secrets) decides when.
    type: dict
  update_secrets:
    description:
      - When the value of a secret setting (one whose key names a credential; see the notes) is written. The server's
        value of such a setting is never read back for comparison.
      - V(on_create) writes it only when nothing is stored at O(level) yet; V(always) writes it on every run (and
        reports a change each time).
    type: str
    choices: [always, on_create]
    default: on_create
  state:
    description:
      - V(merged) stores the listed values and leaves other settings alone.
      - V(deleted) clears the stored values of the listed keys (only O(config[].key) is needed), so the next level or the
        default applies. Clearing a key with nothing stored is no change.
      - V(gathered) changes nothing and returns every value stored at O(level) in RV(gathered), in the form O(config) takes
        (the registered keys, then one read per namespace).
    type: str
    choices: [merged, deleted, gathered]
    default: merged
notes:
  - There is no O(state=overridden) that would clear every setting not listed; clear keys by name with O(state=deleted).
  - Secret settings, a safety rule of this collection (not something the server says). A key whose last segment names
    a credential (one of its words, split at C(_) and C(-), ends with C(password), C(secret), C(token) or C(key), as in
    V(email.smtp.password) or V(app.mail.api_key)) has a write-only value. It is given as O(secret_values), never as O(config[].value).
    It is not compared with the server's (see O(update_secrets)), and is shown as C(********) in results and the diff; RV(gathered) leaves it out.
  - A failure part-way returns C(failed), C(changed) and in RV(changes) the settings already written.
seealso:
  - module: selfhosted.platforms.cloudillo_setting
  - module: selfhosted.platforms.cloudillo_setting_info
"""

EXAMPLES = r"""
- name: A tenant's settings in one task
  selfhosted.platforms.cloudillo_settings:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
    config:
      - key: ui.theme
        value: dark
      - key: ui.language
        value: de

- name: Server-wide defaults (admin)
  selfhosted.platforms.cloudillo_settings:
    id_tag: admin.example.com
    api_key: "{{ cloudillo_admin_key }}"
    level: global
    config:
      - key: file.max_file_size_mb
        value: 100

- name: Back to the defaults
  selfhosted.platforms.cloudillo_settings:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
    state: deleted
    config:
      - key: ui.theme
      - key: ui.language

- name: Export what the tenant stores
  selfhosted.platforms.cloudillo_settings:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
    state: gathered
  register: stored
"""

RETURN = r"""
changes:
  description: The plan, in order; in check mode what would be done.
  returned: always
  type: list
  elements: dict
  contains:
    action:
      description: V(create) (a value stored where none was), V(update) or V(delete) (the stored value cleared).
      type: str
    key:
      description: The setting's key.
      type: str
    fields:
      description: The options written; empty for V(delete).
      type: list
      elements: str
  sample: [{action: update, key: ui.theme, fields: [value]}]
settings:
  description:
    - The listed settings after the run, in the form of RV(selfhosted.platforms.cloudillo_setting#module:setting). Cleared
      settings are left out. In check mode, the prediction.
  returned: when O(state) is not V(gathered)
  type: list
  elements: dict
  contains:
    key:
      description: The key.
      type: str
      sample: ui.theme
    value:
      description:
        - The value stored at O(level) (a boolean, a number, a string or a JSON object); C(********) for a secret
          setting.
      type: raw
      sample: dark
    scope:
      description: Where the server lets the setting be stored (V(tenant), V(global), V(system)); V(null) for a value not stored before.
      type: str
      sample: tenant
    permission:
      description: Who may change it (V(user), V(admin), V(system)); V(null) for a value not stored before.
      type: str
      sample: user
  sample: [{key: ui.theme, value: dark, scope: tenant, permission: user}]
gathered:
  description: Every value stored at O(level), sorted by key, in the form O(config) takes.
  returned: when O(state=gathered)
  type: list
  elements: dict
  contains:
    key:
      description: The key.
      type: str
      sample: ui.theme
    value:
      description:
        - The value stored at O(level) (a boolean, a number, a string or a JSON object). Left out for a secret setting,
          whose value goes in O(secret_values).
      type: raw
      sample: dark
    scope:
      description: Where the server lets the setting be stored (V(tenant), V(global), V(system)).
      type: str
      sample: tenant
    permission:
      description: Who may change it (V(user), V(admin), V(system)).
      type: str
      sample: user
  sample: [{key: ui.theme, value: dark, scope: tenant, permission: user}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.settings import SCOPE_ARGSPEC, Settings, is_secret, scoped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY, plural_argspec


def main():
    spec = plural_argspec(Settings, secret_values={"type": "dict", "no_log": True}, update_secrets=SECRETS_POLICY,
                          **SCOPE_ARGSPEC)
    spec["config"]["options"]["key"].update(required=True, no_log=False)  # a setting's name, not a secret
    spec["state"]["choices"] = ["merged", "deleted", "gathered"]
    del spec["allow_empty"]
    run = CLOUDILLO.module(spec)
    for entry in run.params.get("config") or []:
        if entry and is_secret(entry.get("key")) and entry.get("value") is not None:
            # a secret given where it is not masked: kept out of every output of this run, then refused (validate)
            run.module.no_log_values.add(str(entry["value"]))
    try:
        resource = scoped(run.params)
    except ResourceError as exc:
        run.module.fail_json(msg=str(exc))
    run.plural(resource, secrets_option="update_secrets", secrets=("secret_values", "secret_value"), gathered_view=without_secret)


def without_secret(item):
    """A gathered setting as ``config`` takes it back: a secret's value is left out (it goes in secret_values)."""
    return dict((name, value) for name, value in item.items() if not (name == "value" and is_secret(item.get("key"))))


if __name__ == "__main__":
    main()

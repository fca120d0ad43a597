#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_external_ldap
short_description: Manage the external LDAP directory Cloudron takes its users from, and sync it
version_added: 0.1.0
description:
  - Point Cloudron at an external LDAP or Active Directory server whose users (and groups) it takes over, or turn
    that off with O(provider=noop); optionally sync users and groups from it afterwards.
  - The configuration is read with one request; a change writes it whole in one request. Only the settings given are
    compared.
  - With no setting given (and O(sync=false)), the module reads and returns the configuration, changing nothing.
  - The bind password is write-only and never compared or shown, see O(update_secrets).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  provider:
    description:
      - The kind of directory, as the server names it. The vendor's API document lists V(ad), V(cloudron),
        V(jumpcloud), V(okta), V(univention) and V(other); V(noop) turns the external directory off. The server
        refuses one it does not know, with its message. Compared lower-case.
      - Changing the provider writes only the settings given (none of the old provider's are kept), so give the new
        provider's URL, base DN, bind DN and bind password too.
    type: str
  url:
    description: The address of the LDAP server, such as V(ldaps://ldap.example.com:636).
    type: str
  base_dn:
    description: The base DN under which users are looked up. The API calls this C(baseDn).
    type: str
  username_field:
    description: The LDAP attribute used as the Cloudron username, such as V(uid). The API calls this C(usernameField).
    type: str
  filter:
    description: An LDAP filter selecting the users to take, such as V((objectclass=inetOrgPerson)).
    type: str
  group_base_dn:
    description: The base DN under which groups are looked up. The API calls this C(groupBaseDn).
    type: str
  bind_dn:
    description: The DN Cloudron binds as to read the directory. The API calls this C(bindDn).
    type: str
  bind_password:
    description:
      - The password of O(bind_dn). Write-only; never shown in output or diff, and never compared.
      - Sent whenever the configuration is written for another change, and on every run with O(update_secrets=always).
      - Needed for a change when a bind DN is set and the server does not show the stored password (masked or not),
        and with O(bind_dn) when the provider changes; such a change without it is refused before anything is written.
      - The API calls this C(bindPassword).
    type: str
  update_secrets:
    description:
      - V(on_create) sends O(bind_password) only when the configuration is written for another change (there is
        nothing to create, since the server has a configuration from the start).
      - V(always) sends it on every run and so always reports a change; use it to rotate the password.
    type: str
    choices: [always, on_create]
    default: on_create
  sync:
    description:
      - After the configuration is in place, sync users and groups from the external directory. A sync is a task on
        the server (one already running is waited on instead of starting another); it always reports a change.
      - Refused before anything is written when the provider is (or would become) V(noop).
      - In check mode nothing is started; RV(changed_settings) lists C(sync) as planned.
    type: bool
    default: false
  wait:
    description: With O(sync), wait for the sync task. With V(false) the module returns with RV(task_id) right after starting it.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait for the sync task, including time queued behind other tasks. On timeout the task keeps running.
    type: int
    default: 900
notes:
  - Reading and writing the configuration and starting a sync need the C(admin) role or higher.
  - A configuration the server refuses fails with the server's message; nothing is written then. A sync that fails
    after the configuration was written reports the settings written in RV(changed_settings).
seealso:
  - module: selfhosted.platforms.cloudron_user_directory
  - module: selfhosted.platforms.cloudron_directory_server
  - module: selfhosted.platforms.cloudron_task_info
"""

EXAMPLES = r"""
- name: Take users from Active Directory and sync them now
  selfhosted.platforms.cloudron_external_ldap:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    provider: ad
    url: ldaps://dc1.corp.example.com:636
    base_dn: ou=people,dc=corp,dc=example,dc=com
    username_field: sAMAccountName
    filter: (objectClass=user)
    group_base_dn: ou=groups,dc=corp,dc=example,dc=com
    bind_dn: cn=cloudron,ou=service,dc=corp,dc=example,dc=com
    bind_password: "{{ vault_ldap_bind_password }}"
    sync: true

- name: Stop taking users from an external directory
  selfhosted.platforms.cloudron_external_ldap:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    provider: noop
"""

RETURN = r"""
external_ldap:
  description:
    - The configuration after the run (in check mode, as it would be), without the bind password. Settings the server
      does not show are V(null).
  returned: success
  type: dict
  contains:
    provider:
      description: The kind of directory; V(noop) when none is used.
      type: str
      sample: ad
    url:
      description: The address of the LDAP server.
      type: str
      sample: ldaps://dc1.corp.example.com:636
    base_dn:
      description: The base DN of users.
      type: str
      sample: ou=people,dc=corp,dc=example,dc=com
    username_field:
      description: The attribute used as the username.
      type: str
      sample: sAMAccountName
    filter:
      description: The filter selecting users.
      type: str
      sample: (objectClass=user)
    group_base_dn:
      description: The base DN of groups.
      type: str
      sample: ou=groups,dc=corp,dc=example,dc=com
    bind_dn:
      description: The DN Cloudron binds as.
      type: str
      sample: cn=cloudron,ou=service,dc=corp,dc=example,dc=com
changed_settings:
  description:
    - Names of the settings that were (in check mode, would be) written, in order; C(bind_password) when it was sent,
      then C(sync) when a sync was (in check mode, would be) run.
  returned: always
  type: list
  elements: str
  sample: [provider, url, bind_password, sync]
task_id:
  description: The sync task waited on (or started, with O(wait=false)); V(null) without O(sync) and in check mode.
  returned: success
  type: str
  sample: "2760"
resumed:
  description: Whether the sync task was one already running (not started by this run).
  returned: success
  type: bool
  sample: false
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import DEFAULT_TIMEOUT
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.external_ldap import FIELDS, ExternalLdap
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import CORE_ERRORS
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import argspec
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY, wait_argspec


def main():
    spec = argspec(FIELDS)
    spec.update(update_secrets=SECRETS_POLICY, sync={"type": "bool", "default": False}, **wait_argspec(DEFAULT_TIMEOUT))
    run = CLOUDRON.module(spec)
    ldap = ExternalLdap(sync=run.params["sync"], wait=run.params["wait"], wait_timeout=run.params["wait_timeout"])
    # sync=true with no setting is an action, not a report
    settings = [field.name for field in FIELDS] + (["sync"] if run.params["sync"] else [])
    run.report_unless_given(ldap, "changed_settings", options=settings, extra=lambda ctx: {"task_id": None, "resumed": False})

    def finish(ctx, result):
        result.update(task_id=None, resumed=False)
        if not ldap.sync:
            return
        # a sync is an action: always a change, planned (not started) in check mode
        written, result["changed"] = result["changed"], True
        result["changed_settings"].append("sync")
        if run.check_mode:
            return
        try:
            result["task_id"] = ldap.start_sync(ctx)
        except CORE_ERRORS as exc:
            # a sync that was started (or resumed) is a change, whatever became of it
            started = ldap.task.task_id is not None
            run.fail(exc, changed=written or started, task_id=ldap.task.task_id, resumed=ldap.task.resumed,
                     changed_settings=[name for name in result["changed_settings"] if started or name != "sync"])
        result["resumed"] = ldap.task.resumed

    run.singular(ldap, secrets_option="update_secrets", state="present", changed_fields="changed_settings", finish=finish)


if __name__ == "__main__":
    main()

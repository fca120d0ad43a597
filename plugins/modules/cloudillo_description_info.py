#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_description_info
short_description: Read a whole Cloudillo tenant as the description the bootstrap role takes
version_added: 0.1.0
description:
  - Returns the tenant's stored settings, API keys, installed apps and communities (with O(admin), also the server's
    proxy sites and the member profiles the tenant knows) in the form of the C(cloudillo_bootstrap_description) variable of the
    P(selfhosted.platforms.cloudillo_bootstrap#role) role.
  - Lists are sorted by identity (setting key, key name, publisher and app, domain, idTag), so the same tenant always
    gives the same description, and applying it to another tenant and reading that back gives it again.
  - Every managed value is written, defaults included, so a tenant rebuilt from the description keeps noticing when one of
    them is changed by hand. O(minimal) leaves values equal to the server's defaults out.
  - Settings are the values the tenant stores itself (level C(tenant)), not the server-wide ones nor the defaults. A secret
    setting (its key names a credential; see M(selfhosted.platforms.cloudillo_settings)) is written as its key alone, and
    RV(secrets) holds a placeholder for its value, to be replaced with the real one (in a vault).
  - API keys are written as their name, scopes and expiry; the keys themselves cannot be read back. A key without a name
    is left out, with a warning.
  - Communities are the community profiles the tenant knows (those it created are among them); with O(admin) the
    profiles are the others (they are changed through the server admin's route, so only the admin's description has
    them). Invite references are used once and are not kept, so they are not written.
  - Reads the settings (the registered keys, then one request per namespace), the API keys, the installed apps and the
    profiles (in pages of 100), and with O(admin) the proxy sites; nothing else.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.info_attributes
options:
  minimal:
    description:
      - Leave out values equal to the server's defaults, for a shorter description.
      - A tenant bootstrapped from a minimal description does not manage those values, so it no longer notices when one
        of them is changed by hand.
    type: bool
    default: false
  admin:
    description:
      - Also read the server's proxy sites, which only the server's admin (the base tenant's owner) may read, and write the
        member profiles, which only the admin may change.
      - Without it the description has no C(proxy_sites) and no C(profiles) part, so bootstrapping from it leaves them
        alone.
    type: bool
    default: false
notes:
  - C(playbooks/cloudillo_export.yml) writes it to a file per tenant.
seealso:
  - module: selfhosted.platforms.cloudillo_settings
  - module: selfhosted.platforms.cloudillo_api_key
  - module: selfhosted.platforms.cloudillo_app
  - module: selfhosted.platforms.cloudillo_proxy_site
  - module: selfhosted.platforms.cloudillo_community
  - module: selfhosted.platforms.cloudillo_profile
  - module: selfhosted.platforms.cloudillo_description_validate
"""

EXAMPLES = r"""
- name: Read the tenant
  selfhosted.platforms.cloudillo_description_info:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
  register: tenant

- name: Write the description
  ansible.builtin.copy:
    content: "{{ {'cloudillo_bootstrap_description': tenant.description} | to_nice_yaml(indent=2) }}"
    dest: "{{ inventory_hostname }}-cloudillo.yml"
    mode: "0644"
"""

RETURN = r"""
description:
  description: The tenant as the bootstrap role's C(cloudillo_bootstrap_description).
  returned: always
  type: dict
  contains:
    settings:
      description:
        - The values the tenant stores, as M(selfhosted.platforms.cloudillo_settings) C(config) items, sorted by key.
      type: list
      elements: dict
      contains:
        key:
          description: O(selfhosted.platforms.cloudillo_settings#module:config[].key).
          type: str
          sample: ui.theme
        value:
          description:
            - O(selfhosted.platforms.cloudillo_settings#module:config[].value) (a boolean, a number, a string or a JSON
              object). Left out for a secret setting, whose value is in RV(secrets).
          type: raw
          sample: dark
    api_keys:
      description:
        - API keys as the options of M(selfhosted.platforms.cloudillo_api_key), sorted by name; keys without a name are
          left out.
      type: list
      elements: dict
      contains:
        name:
          description: O(selfhosted.platforms.cloudillo_api_key#module:name).
          type: str
          sample: ci-publish
        scopes:
          description: O(selfhosted.platforms.cloudillo_api_key#module:scopes), sorted.
          type: list
          elements: str
          sample: [apkg:publish]
        expires_at:
          description:
            - O(selfhosted.platforms.cloudillo_api_key#module:expires_at), in Unix seconds; left out for a key that does
              not expire.
          type: int
          sample: 1900000000
    apps:
      description: Installed apps as the options of M(selfhosted.platforms.cloudillo_app), sorted by publisher and name.
      type: list
      elements: dict
      contains:
        publisher:
          description: O(selfhosted.platforms.cloudillo_app#module:publisher).
          type: str
          sample: apps.example.com
        name:
          description: O(selfhosted.platforms.cloudillo_app#module:name).
          type: str
          sample: notes
        version:
          description: O(selfhosted.platforms.cloudillo_app#module:version).
          type: str
          sample: 1.2.0
    proxy_sites:
      description:
        - With O(admin), proxy sites as the options of M(selfhosted.platforms.cloudillo_proxy_site), sorted by domain.
      returned: with O(admin)
      type: list
      elements: dict
      contains:
        domain:
          description: O(selfhosted.platforms.cloudillo_proxy_site#module:domain), lower-case.
          type: str
          sample: git.example.com
        backend_url:
          description: O(selfhosted.platforms.cloudillo_proxy_site#module:backend_url).
          type: str
          sample: http://10.0.0.5:3000
        type:
          description: O(selfhosted.platforms.cloudillo_proxy_site#module:type).
          type: str
          sample: advanced
        status:
          description: O(selfhosted.platforms.cloudillo_proxy_site#module:status).
          type: str
          sample: active
        config:
          description:
            - O(selfhosted.platforms.cloudillo_proxy_site#module:config), the stored keys only (see there for each);
              C(custom_headers) is header name -> value.
          type: dict
          sample: {proxy_protocol: true, websocket: true}
          contains:
            connect_timeout_secs:
              description: O(selfhosted.platforms.cloudillo_proxy_site#module:config.connect_timeout_secs).
              type: int
            read_timeout_secs:
              description: O(selfhosted.platforms.cloudillo_proxy_site#module:config.read_timeout_secs).
              type: int
            preserve_host:
              description: O(selfhosted.platforms.cloudillo_proxy_site#module:config.preserve_host).
              type: bool
            proxy_protocol:
              description: O(selfhosted.platforms.cloudillo_proxy_site#module:config.proxy_protocol).
              type: bool
            custom_headers:
              description: O(selfhosted.platforms.cloudillo_proxy_site#module:config.custom_headers), header name -> value.
              type: dict
            forward_headers:
              description: O(selfhosted.platforms.cloudillo_proxy_site#module:config.forward_headers).
              type: bool
            websocket:
              description: O(selfhosted.platforms.cloudillo_proxy_site#module:config.websocket).
              type: bool
    communities:
      description: Communities as the options of M(selfhosted.platforms.cloudillo_community), sorted by idTag.
      type: list
      elements: dict
      contains:
        community:
          description: O(selfhosted.platforms.cloudillo_community#module:community).
          type: str
          sample: team.example.com
        name:
          description: O(selfhosted.platforms.cloudillo_community#module:name).
          type: str
          sample: Team
        profile_pic:
          description: O(selfhosted.platforms.cloudillo_community#module:profile_pic).
          type: str
        app_domain:
          description: O(selfhosted.platforms.cloudillo_community#module:app_domain), when the server shows it.
          type: str
    profiles:
      description:
        - With O(admin), the other profiles as the options of M(selfhosted.platforms.cloudillo_profile), sorted by idTag.
      returned: with O(admin)
      type: list
      elements: dict
      contains:
        member:
          description: O(selfhosted.platforms.cloudillo_profile#module:member).
          type: str
          sample: carol.example.com
        name:
          description: O(selfhosted.platforms.cloudillo_profile#module:name).
          type: str
          sample: Carol
        roles:
          description: O(selfhosted.platforms.cloudillo_profile#module:roles), sorted.
          type: list
          elements: str
          sample: [contributor]
        status:
          description: O(selfhosted.platforms.cloudillo_profile#module:status).
          type: str
          sample: active
  sample:
    settings: [{key: ui.theme, value: dark}]
    api_keys: [{name: ci-publish, scopes: [apkg:publish], expires_at: 1900000000}]
    apps: [{publisher: apps.example.com, name: notes, version: 1.2.0}]
    communities: [{community: team.example.com, name: Team}]
    profiles: [{member: carol.example.com, name: Carol, roles: [contributor], status: active}]
secrets:
  description:
    - The secrets skeleton beside the description, as the bootstrap role's C(cloudillo_bootstrap_secrets). Empty when
      the tenant stores no secret setting.
  returned: always
  type: dict
  contains:
    settings:
      description:
        - Secret setting key -> the placeholder C(REPLACE-WITH-SECRET), one per secret setting of
          RV(description.settings).
      type: dict
      sample: {email.smtp.password: REPLACE-WITH-SECRET}
  sample: {settings: {email.smtp.password: REPLACE-WITH-SECRET}}
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.description import describe
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import EXPORT_OPTIONS


def main():
    options = dict(EXPORT_OPTIONS, admin={"type": "bool", "default": False})
    run = CLOUDILLO.module(options)
    params = run.params

    def body(ctx):
        description, secrets = describe(ctx, minimal=params["minimal"], admin=params["admin"])
        return {"changed": False, "description": description, "secrets": secrets}

    run.execute(body)


if __name__ == "__main__":
    main()

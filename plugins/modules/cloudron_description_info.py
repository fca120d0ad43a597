#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_description_info
short_description: Read a whole Cloudron server as the description the bootstrap role takes
version_added: 0.1.0
description:
  - Returns the server's settings, domains, groups, users, apps and mail in the form of the C(cloudron_bootstrap_description) variable
    of the P(selfhosted.platforms.cloudron_bootstrap#role) role, and a skeleton of the secrets it would need.
  - Lists are sorted by identity, so the same server always gives the same description, and applying it to another
    server and reading that back gives it again.
  - Every managed value is written, defaults included (C(role=user), C(active=true), C(groups=[]), C(memory_limit=0)),
    so a server rebuilt from the description keeps noticing when one of them is changed by hand. O(minimal) leaves
    values equal to the server's defaults out.
  - Left out are the token's own user (provisioning creates it), users and groups of an external directory, app versions
    (automatic updates move them) and group members (users carry their groups).
  - Secrets cannot be read back. The skeleton names every credential and app environment variable with the placeholder
    C(REPLACE-WITH-SECRET), which the bootstrap role refuses to apply. App environment variables all go to the skeleton,
    because the server does not say which of them are secret; so does the password of every mail relay that logs in
    with a username (the server shows a relay password masked, if at all).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  minimal:
    description:
      - Leave out values equal to the server's defaults, for a shorter description.
      - A server bootstrapped from a minimal description does not manage those values, so it no longer notices when one
        of them is changed by hand (a user made C(admin) by hand, say, stays admin unnoticed).
    type: bool
    default: false
notes:
  - Reading domain settings and the mail server's settings needs the C(admin) role.
  - C(playbooks/export.yml) writes both to files.
seealso:
  - module: selfhosted.platforms.cloudron_users
  - module: selfhosted.platforms.cloudron_apps
"""

EXAMPLES = r"""
- name: Read the server
  selfhosted.platforms.cloudron_description_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
  register: server

- name: Write the description
  ansible.builtin.copy:
    content: "{{ {'cloudron_bootstrap_description': server.description} | to_nice_yaml(indent=2) }}"
    dest: "{{ inventory_hostname }}.yml"
    mode: "0644"
"""

RETURN = r"""
description:
  description: The server as the bootstrap role's C(cloudron_bootstrap_description).
  returned: always
  type: dict
  contains:
    settings:
      description:
        - Every setting M(selfhosted.platforms.cloudron_settings) manages that the server has, in the form of its options. Their defaults
          differ between server versions, so they are all written.
      type: dict
    domains:
      description: Domains in the form of M(selfhosted.platforms.cloudron_domain), without credentials.
      type: list
      elements: dict
    groups:
      description: Group names.
      type: list
      elements: dict
    users:
      description: Users in the form of M(selfhosted.platforms.cloudron_users) items.
      type: list
      elements: dict
    apps:
      description: Apps in the form of M(selfhosted.platforms.cloudron_apps) items, without environment variables.
      type: list
      elements: dict
    mail:
      description: Mail.
      type: dict
      contains:
        server:
          description: Every setting of M(selfhosted.platforms.cloudron_mail_server), sizes in bytes.
          type: dict
        domains:
          description:
            - The mail settings of every domain in the form of M(selfhosted.platforms.cloudron_mail_domain), without the
              relay password. With O(minimal), a domain whose mail settings are those of a new domain is left out.
          type: list
          elements: dict
        mailboxes:
          description: Every mailbox with its aliases, in the form of M(selfhosted.platforms.cloudron_mailboxes) items.
          type: list
          elements: dict
        lists:
          description: Every mailing list, in the form of M(selfhosted.platforms.cloudron_mail_lists) items.
          type: list
          elements: dict
  sample:
    settings: {cloudron_name: Example Co, time_zone: Europe/Berlin, language: en}
    domains: [{domain: example.com, provider: cloudflare, dns_config: {token_type: ApiToken}}]
    groups: [{name: staff}]
    users: [{username: alice, email: alice@example.com, role: admin, groups: [staff]}]
    apps: [{app_store_id: org.wordpress.cloudronapp, subdomain: blog, domain: example.com, access_restriction: everyone}]
    mail:
      server: {max_email_size: 52428800, dnsbl_zones: [zen.spamhaus.org], location: {domain: example.com, subdomain: my}}
      domains: [{domain: example.com, enabled: true, catch_all: [alice@example.com],
                 relay: {provider: external-smtp, host: smtp.example.net, port: 587, username: relay}}]
      mailboxes: [{name: alice, domain: example.com, owner: alice, owner_type: user, aliases: [ceo@example.com]}]
      lists: [{name: staff, domain: example.com, members: [alice@example.com], members_only: false, active: true}]
secrets:
  description: The skeleton of C(cloudron_bootstrap_secrets), every value the placeholder C(REPLACE-WITH-SECRET).
  returned: always
  type: dict
  sample:
    passwords: {}
    dns_credentials: {example.com: {token: REPLACE-WITH-SECRET}}
    fallback_certificate_keys: {}
    app_secret_env: {blog.example.com: {SMTP_PASSWORD: REPLACE-WITH-SECRET}}
    mail_relay_passwords: {example.com: REPLACE-WITH-SECRET}
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import EXPORT_OPTIONS, export
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.description import describe
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON


def main():
    run = CLOUDRON.module(EXPORT_OPTIONS)
    run.execute(export(run, describe))


if __name__ == "__main__":
    main()

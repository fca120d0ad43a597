#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

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
    with a username (the server shows a relay password masked, if at all), the directory server's secret when it is
    enabled, the external directory's bind password when it binds with a DN, and the registry's password when it
    logs in with a username.
  - Also left out are API tokens with a scope other than read-only or read-write (M(selfhosted.platforms.cloudron_token)
    makes only those), expired tokens, the OIDC clients the server makes for an app's login, and the ids, secrets and
    last-use times of tokens and clients.
  - Images (the branding's avatar and background, applink icons) are written as files only with O(files_dir); without
    it, C(branding) and the applinks' C(icon) are left out of the description.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
attributes:
  check_mode:
    support: full
    description: The module only reads the server; in check mode the files O(files_dir) would get are listed, not written.
  diff_mode:
    support: none
    description: The module changes nothing on the server, so there is nothing to show.
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.cloudron) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudron
options:
  minimal:
    description:
      - Leave out values equal to the server's defaults, for a shorter description.
      - A server bootstrapped from a minimal description does not manage those values, so it no longer notices when one
        of them is changed by hand (a user made C(admin) by hand, say, stays admin unnoticed).
      - Services are then listed only with a memory limit other than their default or recovery mode on.
    type: bool
    default: false
  files_dir:
    description:
      - A directory on the host running the module to write the images the server serves to (made when missing),
        each named C(<kind>-<first 12 hex digits of its SHA-256>.<ext>) (kind V(avatar), V(background) or
        V(applink-icon); the extension from the image's first bytes (V(png), V(jpg), V(gif)), else V(bin)).
      - A file is written (mode 0644, atomically) only when it is missing or differs, so exports of several servers
        into one directory share the images they have in common.
      - The description names each file as O(files_prefix)C(/<name>).
    type: path
  files_prefix:
    description:
      - How the description names O(files_dir) (without a trailing slash); V(files) when O(files_dir) is the
        directory C(files) beside the description file, whose relative paths the bootstrap role takes from the
        description file's own directory. An empty value gives the bare file names.
    type: str
    default: files
notes:
  - Reading domain settings and the mail server's settings needs the C(admin) role.
  - C(playbooks/export.yml) writes the description and the secrets skeleton to files, and the images to C(files/) beside
    them.
  - C(changed) is V(true) only when a file was (in check mode, would be) written to O(files_dir).
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

- name: Read the server with its images, written to files/ beside the description
  selfhosted.platforms.cloudron_description_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    files_dir: "{{ playbook_dir }}/files"
  register: server
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
    volumes:
      description: Volumes in the form of M(selfhosted.platforms.cloudron_volume), without mount passwords or keys.
      type: list
      elements: dict
    backups:
      description: The backup storage and policy (C(storage), C(policy)), without the storage's secrets.
      type: dict
    access:
      description: API tokens, OIDC clients and applinks.
      type: dict
      contains:
        tokens:
          description:
            - The token user's API tokens as M(selfhosted.platforms.cloudron_token) options, sorted by name
              (C(name), C(scope), and C(expires_at) only for a token that expires).
          type: list
          elements: dict
        oidc_clients:
          description:
            - OIDC clients as M(selfhosted.platforms.cloudron_oidc_client) options, sorted by name (C(name),
              C(login_redirect_uri), C(token_signature_algorithm)).
          type: list
          elements: dict
        applinks:
          description:
            - Applinks as M(selfhosted.platforms.cloudron_applink) options, sorted by C(upstream_uri); C(icon) (a
              file path, see O(files_dir)) only for a link with an icon and only with O(files_dir).
          type: list
          elements: dict
    directory:
      description: The user directory, the directory server and the external directory.
      type: dict
      contains:
        user_directory:
          description: Every setting of M(selfhosted.platforms.cloudron_user_directory).
          type: dict
        server:
          description: The settings of M(selfhosted.platforms.cloudron_directory_server) without the secret.
          type: dict
        external_ldap:
          description:
            - The settings of M(selfhosted.platforms.cloudron_external_ldap) without the bind password; only
              C(provider=noop) when there is no external directory.
          type: dict
    network:
      description: Every setting of M(selfhosted.platforms.cloudron_network), the lists sorted without comments.
      type: dict
    branding:
      description:
        - The avatar and background as M(selfhosted.platforms.cloudron_branding) options (file paths, see O(files_dir)).
          Only with O(files_dir), and only the images the server serves.
      type: dict
    registry:
      description:
        - The settings of M(selfhosted.platforms.cloudron_docker_registry) without the password; only C(provider=noop)
          when there is no registry.
      type: dict
    services:
      description:
        - Every service as M(selfhosted.platforms.cloudron_service) options (C(name), C(memory_limit) in bytes,
          C(recovery_mode)), sorted by name. A service without a memory limit of its own gets no C(memory_limit).
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
    access:
      tokens: [{name: ci-deploy, scope: read-only}, {name: audit, scope: read-write, expires_at: "2027-01-31T00:00:00Z"}]
      oidc_clients: [{name: grafana, login_redirect_uri: "https://grafana.example.com/login/generic_oauth",
                      token_signature_algorithm: RS256}]
      applinks: [{upstream_uri: "https://status.example.com/", label: Status, tags: [ops],
                  access_restriction: {users: [], groups: [staff]}, icon: files/applink-icon-3f2a9c0d1e4b.png}]
    directory:
      user_directory: {lock_user_profiles: true, mandatory_2fa: false}
      server: {enabled: true, allowlist: [198.51.100.0/24]}
      external_ldap: {provider: noop}
    network: {ipv4: {provider: generic}, ipv6: {provider: noop}, blocklist: [203.0.113.7], trusted_ips: []}
    branding: {avatar: files/avatar-0c1d2e3f4a5b.png, background: files/background-6c7d8e9f0a1b.jpg}
    registry: {provider: noop}
    services: [{name: mail, memory_limit: 536870912, recovery_mode: false}, {name: docker, recovery_mode: false}]
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
    volume_mount_secrets: {nas: {password: REPLACE-WITH-SECRET}}
    backup_storage_secrets: {encryption_password: REPLACE-WITH-SECRET}
    directory_server_secret: REPLACE-WITH-SECRET
files:
  description:
    - The files the description refers to (images), each once, in the order met; empty without O(files_dir).
  returned: always
  type: list
  elements: dict
  contains:
    path:
      description: The file's absolute path.
      type: str
    reference:
      description: The path the description gives for it (O(files_prefix)C(/<name>)).
      type: str
    kind:
      description: V(avatar), V(background) or V(applink-icon).
      type: str
    written:
      description: Whether this run wrote it (in check mode, would have); V(false) when it was there already.
      type: bool
  sample:
    - {path: /srv/export/files/avatar-0c1d2e3f4a5b.png, reference: files/avatar-0c1d2e3f4a5b.png, kind: avatar, written: false}
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import EXPORT_OPTIONS
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.description import describe
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.export_files import ExportFiles
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON


def main():
    run = CLOUDRON.module(dict(EXPORT_OPTIONS, files_dir={"type": "path"}, files_prefix={"type": "str", "default": "files"}))
    params = run.params
    files = ExportFiles(params["files_dir"], params["files_prefix"], run.check_mode) if params["files_dir"] else None
    listed = files.files if files else []

    def body(ctx):
        description, secrets = describe(ctx, minimal=params["minimal"], files=files)
        return {"changed": any(entry["written"] for entry in listed), "description": description, "secrets": secrets,
                "files": listed}

    # a failure after some files were written still reports them
    run.execute(body, on_failure=lambda exc: {"changed": any(entry["written"] for entry in listed), "files": listed})


if __name__ == "__main__":
    main()

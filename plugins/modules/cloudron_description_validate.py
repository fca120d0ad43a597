#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_description_validate
short_description: Check a whole Cloudron server description before anything is applied
version_added: 0.1.0
description:
  - Checks the description the P(selfhosted.platforms.cloudron_bootstrap#role) role takes, and its secrets, as a whole;
    every entry against the options of the module that applies it (unknown options, wrong types), every value as that
    module would parse it (names, sizes, locations, ranges, duplicates after normalisation), and every reference
    (the groups of users, the members of groups, app access lists and operators, app domains, mailbox owners, the
    domains of mail settings, mailboxes, aliases and lists, the mail server's domain, the keys of the secrets) against
    the description itself and, where the description does not settle it, the server.
  - An address used twice across mailboxes, aliases and mailing lists is a problem (they share one name space per
    domain on the server).
  - Fails with every problem at once, each naming its entry as C(users[17] (dennis)), C(apps[3] (wiki.example.com)) or
    C(mail.mailboxes[2] (bob@example.com)),
    so that neither a real run nor C(--check) gets half-way through a broken description.
  - The applinks' access lists name users and groups, checked like the apps'; image files are read and checked as
    the modules would. The write-only secrets are checked with the settings they belong to; an enabled directory server
    needs its secret unless the server keeps one; described services must be the server's.
  - Secrets that still hold the placeholder C(REPLACE-WITH-SECRET) the export writes are problems too.
  - With O(check_server), it first makes sure the server runs a supported Cloudron version (8.0 or later).
  - Reads the server only for that and for references the description does not settle; writes nothing, and runs the
    same in check mode.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  description:
    description:
      - The server description, as the C(cloudron_bootstrap_description) variable of the role, with
        C(settings), C(domains), C(groups), C(users), C(volumes), C(apps), C(mail) (C(server), C(domains), C(mailboxes),
        C(lists)), C(backups), C(services), C(access) (C(tokens), C(oidc_clients), C(applinks)), C(directory)
        (C(user_directory), C(server), C(external_ldap)), C(network), C(branding) and C(registry).
    type: dict
    required: true
  secrets:
    description:
      - The secrets beside it, as the C(cloudron_bootstrap_secrets) variable of the role. Only their keys are checked
        (a password for a user the description does not have is a problem); their values are never shown.
    type: dict
  check_server:
    description:
      - Check the server's version, and look references up on the server when the description does not settle them.
        With V(false) (a server that is not provisioned yet) nothing is read and every reference must be in the
        description.
    type: bool
    default: true
  base_dir:
    description:
      - Where relative file paths of the description (the branding images, applink icons) are taken from. The role
        passes the directory of its description file. The current directory when not given.
    type: path
  credentials_dir:
    description:
      - The directory the secrets of new API tokens and OIDC clients (C(access.tokens), C(access.oidc_clients)) are
        written to, as the role does. Needed, and must exist, when the description has either; two of them whose file
        names would be the same are a problem too.
    type: path
seealso:
  - module: selfhosted.platforms.cloudron_description_info
"""

EXAMPLES = r"""
- name: Check the description before applying it
  selfhosted.platforms.cloudron_description_validate:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    description: "{{ cloudron_bootstrap_description }}"
    secrets: "{{ cloudron_bootstrap_secrets }}"
"""

RETURN = r"""
counts:
  description:
    - How many entries (settings, for a mapping of settings) each part of the description holds, by the part's path;
      V(0) for a part the description leaves out. The keys are the paths themselves, dots included, not nested
      mappings (read them as C(counts['mail.mailboxes'])).
    - "The keys: C(settings), C(domains), C(groups), C(users), C(volumes), C(apps), C(services), C(backups) (its keys
      C(storage) and C(policy)), C(mail.server) (its settings), C(mail.domains), C(mail.mailboxes), C(mail.lists),
      C(access.tokens), C(access.oidc_clients), C(access.applinks), C(directory.user_directory),
      C(directory.server), C(directory.external_ldap) (their settings), C(network), C(branding) and C(registry)
      (their settings)."
  returned: success
  type: dict
  sample: {settings: 3, domains: 1, groups: 5, users: 24, apps: 3, mail.server: 2, mail.domains: 1, mail.mailboxes: 25, mail.lists: 2}
problems:
  description: Every problem found, each naming its entry; the module fails when there is one.
  returned: always
  type: list
  elements: str
  sample: ["users[17] (dennis): groups: 'sales' is not in the description or on the server"]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.layout import LAYOUT
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import VALIDATE_OPTIONS, validate


def main():
    run = CLOUDRON.module(dict(VALIDATE_OPTIONS, base_dir={"type": "path"}, credentials_dir={"type": "path"}), require_credentials=False)
    run.execute(validate(run, LAYOUT))


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_description_validate
short_description: Check a whole Cloudillo tenant description before anything is applied
version_added: 0.1.0
description:
  - Checks the description the P(selfhosted.platforms.cloudillo_bootstrap#role) role takes as a whole; every entry
    against the options of the module that applies it (unknown options, missing identities, wrong types), every value
    as that module would parse it (setting keys, API key scopes and expiry, choices, duplicates after normalisation),
    and the relations between its parts (a proxy site cannot take the domain of a community of the description).
  - Fails with every problem at once, each naming its entry as C(api_keys[2] (ci)) or C(proxy_sites[1] (git.example.com)),
    so that neither a real run nor C(--check) gets half-way through a broken description.
  - The only secrets beside a tenant description are the values of its secret settings (keys that name a credential; see
    M(selfhosted.platforms.cloudillo_settings)), in O(secrets) as C(settings) (key -> value). A value still holding the
    export's placeholder, a secret named by no setting of the description, or a secret setting with C(value) in the
    description are problems. An API key is described by its name, scopes and expiry.
  - Two API keys whose names give one key file name of the role (V(ci key) and V(ci_key)) are a problem.
  - With O(check_server), it first reads the tenant's API keys, which needs the tenant's owner, so a wrong or scoped key
    fails here; when the description has proxy sites or profiles it also reads the proxy sites, which needs the server's
    admin (profiles are changed through the admin's route).
  - Writes nothing, and runs the same in check mode.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.info_attributes
options:
  description:
    description:
      - The tenant description, as the C(cloudillo_bootstrap_description) variable of the role, with C(settings),
        C(api_keys), C(apps), C(proxy_sites), C(communities) and C(profiles).
    type: dict
    required: true
  secrets:
    description:
      - The secrets beside the description, as the role's C(cloudillo_bootstrap_secrets) - C(settings), secret setting key
        -> value.
    type: dict
  check_server:
    description:
      - Read the server first, to find a credential that cannot apply the description before anything is written.
        With V(false) nothing is read.
    type: bool
    default: true
seealso:
  - module: selfhosted.platforms.cloudillo_description_info
"""

EXAMPLES = r"""
- name: Check the description before applying it
  selfhosted.platforms.cloudillo_description_validate:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
    description: "{{ cloudillo_bootstrap_description }}"
"""

RETURN = r"""
counts:
  description: How many entries of each part the description holds.
  returned: success
  type: dict
  contains:
    settings:
      description: The number of C(settings) entries.
      type: int
      sample: 3
    api_keys:
      description: The number of C(api_keys) entries.
      type: int
      sample: 1
    apps:
      description: The number of C(apps) entries.
      type: int
      sample: 2
    proxy_sites:
      description: The number of C(proxy_sites) entries.
      type: int
      sample: 0
    communities:
      description: The number of C(communities) entries.
      type: int
      sample: 1
    profiles:
      description: The number of C(profiles) entries.
      type: int
      sample: 2
  sample: {settings: 3, api_keys: 1, apps: 2, proxy_sites: 0, communities: 1, profiles: 2}
problems:
  description: Every problem found, each naming its entry; the module fails when there is one.
  returned: always
  type: list
  elements: str
  sample: ["proxy_sites[1] (git.example.com): value of type must be one of: basic, advanced, got: fancy"]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.layout import LAYOUT
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import VALIDATE_OPTIONS, validate


def main():
    run = CLOUDILLO.module(dict(VALIDATE_OPTIONS), require_credentials=False)
    run.execute(validate(run, LAYOUT.bound(run.params["description"])))


if __name__ == "__main__":
    main()

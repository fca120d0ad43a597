#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_domain_info
short_description: List Cloudron domains with their DNS and TLS settings
version_added: 0.1.0
description:
  - Read domains in the same form M(selfhosted.platforms.cloudron_domain) takes and returns; credentials are never returned.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  domain:
    description: Only this domain.
    type: str
notes:
  - Reading a domain's settings needs the C(admin) role.
seealso:
  - module: selfhosted.platforms.cloudron_domain
"""

EXAMPLES = r"""
- name: List every domain
  selfhosted.platforms.cloudron_domain_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
  register: result
"""

RETURN = r"""
domains:
  description: The domains, sorted by name, each in the form of RV(selfhosted.platforms.cloudron_domain#module:domain).
  returned: always
  type: list
  elements: dict
  sample: [{domain: example.com, zone_name: example.com, provider: cloudflare, dns_config: {token_type: ApiToken},
            tls_config: {provider: letsencrypt-prod, wildcard: true}}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.domains import Domains
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import wanted


def main():
    run = CLOUDRON.module({"domain": {"type": "str"}})
    lookup = wanted(Domains.fields, {"domain": run.params["domain"]})
    run.info(Domains(), lookup=lookup or None)


if __name__ == "__main__":
    main()

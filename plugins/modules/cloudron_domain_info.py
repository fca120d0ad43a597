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
  contains:
    domain:
      description: The domain name.
      type: str
      sample: example.com
    zone_name:
      description: The DNS zone.
      type: str
      sample: example.com
    provider:
      description: The DNS provider.
      type: str
      sample: cloudflare
    dns_config:
      description: The provider settings that are not secret; V(null) when the provider has none.
      type: dict
      sample: {token_type: ApiToken}
      contains:
        email:
          description: The Cloudflare account email (with C(token_type=GlobalApiKey)).
          type: str
          returned: when the provider uses it
        token_type:
          description: The Cloudflare token kind, V(GlobalApiKey) or V(ApiToken).
          type: str
          returned: when the provider uses it
          sample: ApiToken
        access_key_id:
          description: The Route 53 access key id.
          type: str
          returned: when the provider uses it
        project_id:
          description: The Google Cloud DNS project id.
          type: str
          returned: when the provider uses it
        username:
          description: The Name.com or Namecheap user name.
          type: str
          returned: when the provider uses it
        customer_number:
          description: The netcup customer number.
          type: str
          returned: when the provider uses it
        endpoint:
          description: The OVH API endpoint.
          type: str
          returned: when the provider uses it
        app_key:
          description: The OVH application key.
          type: str
          returned: when the provider uses it
    tls_config:
      description: The certificate settings.
      type: dict
      sample: {provider: letsencrypt-prod, wildcard: true}
      contains:
        provider:
          description: V(letsencrypt-prod), V(letsencrypt-staging) or V(fallback).
          type: str
          sample: letsencrypt-prod
        wildcard:
          description: Whether one wildcard certificate is obtained instead of one per app.
          type: bool
          sample: false
    fallback_certificate:
      description: The domain's own certificate (PEM), or V(null) when it has none. Its key is never shown.
      type: str
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

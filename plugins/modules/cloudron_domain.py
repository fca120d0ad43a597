#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_domain
short_description: Manage a Cloudron domain, its DNS provider and TLS settings
version_added: 0.1.0
description:
  - Add, configure or remove a domain on a Cloudron server. Apps and mailboxes live on domains.
  - DNS provider settings that are not secret (O(dns_config)) are compared with what the server stores;
    credentials (O(dns_credentials)) are write-only and never compared or shown, see O(update_secrets).
  - The server checks credentials against the DNS provider when they are written; its message is shown on failure.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  domain:
    description: The domain name, for example V(example.com). Stored lower-case.
    type: str
    required: true
  zone_name:
    description: The DNS zone, when it differs from O(domain) (a subdomain delegated inside a larger zone). Defaults to O(domain).
    type: str
  provider:
    description:
      - The DNS provider Cloudron uses to create records. Required to add a domain.
      - V(noop) manages no records, V(manual) expects you to create them, V(wildcard) relies on a wildcard record.
    type: str
    choices: [bunny, cloudflare, desec, digitalocean, dnsimple, gandi, gcdns, godaddy, hetzner, linode, manual, namecheap,
              namecom, netcup, noop, ovh, porkbun, route53, vultr, wildcard]
  dns_config:
    description:
      - Provider settings that are not secret. Only the keys given are managed.
      - Changing O(provider) replaces the whole provider configuration, so give the new provider's credentials too.
    type: dict
    suboptions:
      email:
        description: Cloudflare account email (with O(dns_config.token_type=GlobalApiKey)).
        type: str
      token_type:
        description: Cloudflare token kind.
        type: str
        choices: [GlobalApiKey, ApiToken]
      access_key_id:
        description: Route 53 access key id.
        type: str
      project_id:
        description: Google Cloud DNS project id.
        type: str
      username:
        description: Name.com or Namecheap user name.
        type: str
      customer_number:
        description: netcup customer number.
        type: str
      endpoint:
        description: OVH API endpoint, for example V(ovh-eu).
        type: str
      app_key:
        description: OVH application key.
        type: str
  dns_credentials:
    description:
      - Provider credentials. Write-only; never shown in output or diff. Only the keys of the provider in use are needed.
    type: dict
    suboptions:
      token:
        description: API token (Cloudflare, DigitalOcean, Gandi, Hetzner, Linode, Vultr, deSEC, Name.com, Namecheap).
        type: str
      access_token:
        description: DNSimple access token.
        type: str
      secret_access_key:
        description: Route 53 secret access key.
        type: str
      api_key:
        description: GoDaddy, netcup or Porkbun API key.
        type: str
      api_secret:
        description: GoDaddy API secret.
        type: str
      api_password:
        description: netcup API password.
        type: str
      app_secret:
        description: OVH application secret.
        type: str
      consumer_key:
        description: OVH consumer key.
        type: str
      secret_api_key:
        description: Porkbun secret API key.
        type: str
      access_key:
        description: Bunny access key.
        type: str
      credentials:
        description: Google Cloud DNS service account, with C(client_email) and C(private_key).
        type: dict
  update_secrets:
    description:
      - V(on_create) sends O(dns_credentials) and O(fallback_certificate_key) only when the domain is added, or with other
        changes to its configuration.
      - V(always) sends them on every run and so always reports a change; use it to rotate credentials.
    type: str
    choices: [always, on_create]
    default: on_create
  tls_config:
    description: How certificates are obtained. Only the keys given are managed.
    type: dict
    suboptions:
      provider:
        description: V(letsencrypt-prod) (the server's default), V(letsencrypt-staging) or V(fallback) (the fallback certificate).
        type: str
        choices: [letsencrypt-prod, letsencrypt-staging, fallback]
      wildcard:
        description: Obtain one wildcard certificate instead of one certificate per app.
        type: bool
  fallback_certificate:
    description:
      - The domain's own certificate (PEM, with its chain), served when O(tls_config.provider=fallback) and while
        Let's Encrypt has not issued one yet.
      - Compared with the one the server holds, ignoring line endings and surrounding blanks.
    type: str
  fallback_certificate_key:
    description:
      - The private key of O(fallback_certificate) (PEM). Needed whenever O(fallback_certificate) changes.
      - Write-only like O(dns_credentials), and sent under the same O(update_secrets) rule.
    type: str
  state:
    description:
      - V(present) adds or configures the domain; V(absent) removes it.
      - Removing fails with the server's message while apps or mailboxes still use the domain.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: selfhosted.platforms.cloudron_domain_info
  - module: selfhosted.platforms.cloudron_app
"""

EXAMPLES = r"""
- name: Add a domain whose DNS is at Cloudflare
  selfhosted.platforms.cloudron_domain:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    domain: example.com
    provider: cloudflare
    dns_config:
      token_type: ApiToken
    dns_credentials:
      token: "{{ vault_cloudflare_token }}"
    tls_config:
      wildcard: true

- name: Add a domain whose records are managed elsewhere
  selfhosted.platforms.cloudron_domain:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    domain: example.org
    provider: manual

- name: Remove a domain no app uses any more
  selfhosted.platforms.cloudron_domain:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    domain: old.example.net
    state: absent
"""

RETURN = r"""
domain:
  description: The domain after the run, in the same form as the options, without credentials. V(null) after O(state=absent).
  returned: always
  type: dict
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
      description:
        - The provider settings that are not secret (those of O(dns_config) the server has for the provider); V(null)
          when the provider has none.
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
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.domains import Domains
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY, singular_argspec


def main():
    spec = singular_argspec(Domains, update_secrets=SECRETS_POLICY)
    spec["domain"]["required"] = True
    CLOUDRON.module(spec).singular(Domains(), secrets_option="update_secrets")


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_provision
short_description: Set up and activate a fresh Cloudron server and create a durable API token
version_added: 0.1.0
description:
  - Takes a freshly installed Cloudron server to a working one. Setup with its dashboard domain is sent to the server's
    raw address O(setup_url), which has a self-signed certificate; then the module waits until the dashboard host O(api_url)
    answers with its certificate and the platform is ready, activates the owner, and creates a named API token.
  - Activation returns a token that expires, so the module creates a durable token named O(token_name) and returns it
    once in RV(api_token). Store it (in a vault); it cannot be read again.
  - Each step runs only when the server still needs it, so a run that failed or timed out half-way is finished by a
    re-run. Where the server is in the flow is read from its public C(/provision/status), else from the keys of
    C(/cloudron/status); a key a server leaves out never counts as a step done, and a setup or activation the server
    answers with "already done" (405 or 409) is taken as done.
  - On an activated server the module changes nothing, except with O(api_token). Then it makes sure that token's user
    has a token named O(token_name), creating it when missing. That is how a run that activated the server but could not
    create the durable token is finished, with the activation token it returned in RV(activation_token).
  - A setup the server refuses (bad DNS credentials, say) fails with the server's message.
  - In check mode the module reads the server's status and reports the steps it would run in RV(steps).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
attributes:
  check_mode:
    support: full
    description: Reports the steps that would run and sends nothing but status reads.
  diff_mode:
    support: none
    description: Provisioning has no before and after to show; RV(steps) lists what was done.
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.cloudron) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudron
options:
  setup_url:
    description:
      - The address the server answers on before setup, usually C(https://<its IP address>).
      - Needed only while the server is not set up.
    type: str
  setup_validate_certs:
    description: Verify the certificate of O(setup_url). A fresh server has a self-signed one.
    type: bool
    default: false
  domain:
    description:
      - The dashboard domain, with the options of M(selfhosted.platforms.cloudron_domain). The dashboard will live at
        C(my.<domain>). Needed only while the server is not set up.
    type: dict
    suboptions:
      domain:
        description: The domain name.
        type: str
        required: true
      zone_name:
        description: The DNS zone, when it differs from the domain.
        type: str
      provider:
        description: The DNS provider.
        type: str
        required: true
        choices: [bunny, cloudflare, desec, digitalocean, dnsimple, gandi, gcdns, godaddy, hetzner, linode, manual, namecheap,
                  namecom, netcup, noop, ovh, porkbun, route53, vultr, wildcard]
      dns_config:
        description: Provider settings that are not secret, as in M(selfhosted.platforms.cloudron_domain).
        type: dict
        suboptions:
          email:
            description: Cloudflare account email.
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
            description: OVH API endpoint.
            type: str
          app_key:
            description: OVH application key.
            type: str
      dns_credentials:
        description: Provider credentials, as in M(selfhosted.platforms.cloudron_domain). Never shown.
        type: dict
        suboptions:
          token:
            description: API token.
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
            description: Google Cloud DNS service account.
            type: dict
      tls_config:
        description: How certificates are obtained.
        type: dict
        suboptions:
          provider:
            description: Certificate source.
            type: str
            choices: [letsencrypt-prod, letsencrypt-staging, fallback]
          wildcard:
            description: One wildcard certificate.
            type: bool
      fallback_certificate:
        description: The domain's own certificate (PEM).
        type: str
      fallback_certificate_key:
        description: Its private key (PEM). Never shown.
        type: str
  owner:
    description: The first user, who becomes the owner. Needed only while the server is not activated.
    type: dict
    suboptions:
      username:
        description: The owner's username.
        type: str
        required: true
      email:
        description: The owner's email.
        type: str
        required: true
      display_name:
        description: The owner's full name.
        type: str
      password:
        description: The owner's password, 8 to 256 characters.
        type: str
        required: true
  token_name:
    description: The name of the durable API token created after activation.
    type: str
    default: ansible
  wait_timeout:
    description: Seconds to wait for setup, and then for the dashboard host, each.
    type: int
    default: 1800
notes:
  - O(api_url) is the dashboard host C(my.<domain>). O(api_token) is optional; see above.
  - Register the result with C(no_log) or store RV(api_token) at once; it is the only copy. With C(no_log), report a
    failure yourself (the message never holds a secret), as the role C(selfhosted.platforms.cloudron_bootstrap) does.
seealso:
  - module: selfhosted.platforms.cloudron_info
"""

EXAMPLES = r"""
- name: Provision a fresh server
  selfhosted.platforms.cloudron_provision:
    setup_url: https://203.0.113.10
    api_url: my.example.com
    domain:
      domain: example.com
      provider: cloudflare
      dns_config: {token_type: ApiToken}
      dns_credentials: {token: "{{ vault_cloudflare_token }}"}
    owner:
      username: admin1
      email: admin@example.com
      password: "{{ vault_owner_password }}"
    token_name: ansible
  register: provisioned
  no_log: true

- name: Keep the token in the vault
  ansible.builtin.debug:
    msg: "Store this token now: {{ provisioned.api_token }}"
  when: provisioned.api_token is not none
"""

RETURN = r"""
steps:
  description: The steps run (in check mode, that would run), in order; empty when the server was already activated.
  returned: always
  type: list
  elements: str
  sample: [setup, wait for the dashboard host, activate, create API token]
provisioned:
  description: Whether the server is set up and activated after the run (in check mode, before it).
  returned: always
  type: bool
  sample: true
version:
  description: The server version.
  returned: always
  type: str
  sample: 9.0.15
api_token:
  description: The durable API token created, when the module created one; otherwise V(null). Shown once.
  returned: success
  type: str
activation_token:
  description:
    - When the server was activated by this run but the durable token could not be created, the activation token
      (it expires). Re-run with O(api_token) set to it to finish; it is the only credential left.
  returned: on that failure
  type: str
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.provision import Provisioner, TokenFailed, domain_argspec


def main():
    run = CLOUDRON.module(
        {
            "setup_url": {"type": "str"},
            "setup_validate_certs": {"type": "bool", "default": False},
            "domain": {"type": "dict", "options": domain_argspec()},
            "owner": {"type": "dict", "options": {
                "username": {"type": "str", "required": True},
                "email": {"type": "str", "required": True},
                "display_name": {"type": "str"},
                "password": {"type": "str", "required": True, "no_log": True},
            }},
            "token_name": {"type": "str", "default": "ansible", "no_log": False},
            "wait_timeout": {"type": "int", "default": 1800},
        },
        require_credentials=False,
    )

    def body(ctx):
        provisioner = Provisioner(run.params)
        status, needs = provisioner.state()
        token = None
        if needs and not run.check_mode:
            try:
                token = provisioner.run(needs)
            except TokenFailed as exc:
                # the one credential that still works after activation is handed back, never lost
                run.fail(exc, changed=exc.activation is not None, steps=needs,
                         activation_token=(exc.activation or {}).get("token"))
        return {"changed": bool(needs), "steps": needs, "provisioned": not needs or not run.check_mode,
                "version": status.get("version"), "api_token": token}

    run.execute(body)


if __name__ == "__main__":
    main()

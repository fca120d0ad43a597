#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_mail_domain
short_description: Manage the mail settings of a Cloudron domain
version_added: 0.1.0
description:
  - Set whether a domain receives mail, whether senders must match their mailbox, its catch-all addresses, the relay
    its outgoing mail goes through and the banner added to outgoing mail.
  - Every Cloudron domain has mail settings from the moment it is added, so there is nothing to create or delete here;
    the domain must already exist (add it with M(selfhosted.platforms.cloudron_domain)). An unknown domain is an error
    naming it; in check mode it is a warning, in case an earlier task adds it.
  - Only the settings given are compared, and each setting that differs is written with its own request. The settings
    are read with a single request.
  - The relay password is write-only and never compared or shown, see O(update_secrets).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  domain:
    description: The domain, for example V(example.com). Compared lower-case.
    type: str
    required: true
  enabled:
    description:
      - Whether the domain receives mail (incoming mail, for its mailboxes and lists). The server's default for a new
        domain is V(false).
      - The API calls this C(enabled) (route C(/mail/:domain/enable)).
    type: bool
  mail_from_validation:
    description:
      - Whether the server checks that the sender address of outgoing mail belongs to the user sending it.
        The server's default is V(true).
      - The API calls this C(mailFromValidation).
    type: bool
  catch_all:
    description:
      - Addresses that receive mail sent to addresses of the domain that do not exist. V([]) turns catch-all off.
      - Compared as a set, lower-case; the order does not matter.
      - The API calls this C(catchAll).
    type: list
    elements: str
  relay:
    description:
      - How outgoing mail of the domain leaves the server. Only the keys given are managed; the server's default is the
        provider V(cloudron-smtp) (the server sends mail itself).
      - Changing O(relay.provider) replaces the whole relay configuration with the keys given, so give the new
        provider's host, port, username and password too.
      - Any other change to the relay sends the stored settings back with the changes; the stored password is kept
        unless O(relay.password) is given. A server that does not show even a masked password cannot keep it, so
        there a change to a relay with a username needs O(relay.password).
    type: dict
    suboptions:
      provider:
        description:
          - The relay provider, as the server names it, for example V(cloudron-smtp) (the server itself) or
            V(external-smtp) (any SMTP server). The server refuses a provider it does not know.
        type: str
      host:
        description: The SMTP host to relay through. Compared lower-case.
        type: str
      port:
        description: The SMTP port of O(relay.host) (1 to 65535), for example V(587).
        type: int
      username:
        description: The user name to log in to the relay with.
        type: str
      password:
        description:
          - The password to log in to the relay with. Write-only; never shown in output or diff, and never compared
            (the server does not return it). Sent when the relay is written, and on every run with
            O(update_secrets=always).
        type: str
      accept_self_signed_certs:
        description: Accept a self-signed certificate from the relay host. The API calls this C(acceptSelfSignedCerts).
        type: bool
      force_from_address:
        description:
          - Rewrite the sender of outgoing mail to the relay's own address (for relays that only accept mail from
            verified senders). The API calls this C(forceFromAddress).
        type: bool
  update_secrets:
    description:
      - V(on_create) sends O(relay.password) only when the relay is written for another change (there is nothing to
        create, since the domain has mail settings from the start).
      - V(always) sends it on every run and so always reports a change; use it to rotate the password.
    type: str
    choices: [always, on_create]
    default: on_create
  banner:
    description:
      - Text added to the end of every mail sent from the domain. Only the keys given are managed; the server's default
        is empty.
    type: dict
    suboptions:
      text:
        description: The banner for plain-text mail.
        type: str
      html:
        description: The banner for HTML mail.
        type: str
notes:
  - Reading and writing mail settings needs the C(mailmanager) role or higher.
  - A setting the server refuses (a relay provider it does not know, say) fails with the server's message; the settings
    written before it stay written and are reported in RV(changed_settings).
seealso:
  - module: selfhosted.platforms.cloudron_mail_domain_info
  - module: selfhosted.platforms.cloudron_mail_server
  - module: selfhosted.platforms.cloudron_mail_action
  - module: selfhosted.platforms.cloudron_domain
"""

EXAMPLES = r"""
- name: Receive mail for example.com and collect mail to unknown addresses
  selfhosted.platforms.cloudron_mail_domain:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    domain: example.com
    enabled: true
    catch_all:
      - postmaster@example.com

- name: Send the domain's mail through an external SMTP relay
  selfhosted.platforms.cloudron_mail_domain:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    domain: example.com
    relay:
      provider: external-smtp
      host: smtp.mailrelay.example.net
      port: 587
      username: cloudron@example.com
      password: "{{ vault_relay_password }}"

- name: Add a banner to every mail sent from the domain
  selfhosted.platforms.cloudron_mail_domain:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    domain: example.com
    banner:
      text: Example Co, 1 Example Street
"""

RETURN = r"""
mail_domain:
  description:
    - The domain's mail settings after the run (in check mode, as they would be), in the same form as the options,
      without the relay password.
  returned: success
  type: dict
  contains:
    domain:
      description: The domain.
      type: str
      sample: example.com
    enabled:
      description: Whether the domain receives mail.
      type: bool
      sample: true
    mail_from_validation:
      description: Whether senders must send as their own mailbox.
      type: bool
      sample: true
    catch_all:
      description: The catch-all addresses, lower-case.
      type: list
      elements: str
      sample: [postmaster@example.com]
    relay:
      description: The relay settings that are not secret; keys the server does not set are left out.
      type: dict
      sample: {provider: external-smtp, host: smtp.mailrelay.example.net, port: 587, username: cloudron@example.com,
               accept_self_signed_certs: false, force_from_address: false}
      contains:
        provider:
          description: The relay provider as the server names it, such as V(cloudron-smtp) (the server itself) or V(external-smtp).
          type: str
          sample: external-smtp
        host:
          description: The SMTP host relayed through, lower-case.
          type: str
          returned: when the server sets it
          sample: smtp.mailrelay.example.net
        port:
          description: The SMTP port of C(host).
          type: int
          returned: when the server sets it
          sample: 587
        username:
          description: The user name the server logs in to the relay with.
          type: str
          returned: when the server sets it
          sample: cloudron@example.com
        accept_self_signed_certs:
          description: Whether a self-signed certificate of the relay host is accepted.
          type: bool
          returned: when the server sets it
          sample: false
        force_from_address:
          description: Whether the sender of outgoing mail is rewritten to the relay's own address.
          type: bool
          returned: when the server sets it
          sample: false
    banner:
      description: The banner added to outgoing mail.
      type: dict
      sample: {text: "Example Co, 1 Example Street", html: ""}
      contains:
        text:
          description: The banner for plain-text mail; V("") for none.
          type: str
          sample: "Example Co, 1 Example Street"
        html:
          description: The banner for HTML mail; V("") for none.
          type: str
          sample: ""
changed_settings:
  description: The options that were (in check mode, would be) written, in the order they are written.
  returned: always
  type: list
  elements: str
  sample: [enabled, catch_all]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_domains import PASSWORD, MailDomains, relay_password
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import REDACTED, argspec
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY


def password_shown_in_relay(given):
    """``finish`` for the runner: the diff marks a password being written inside ``relay``, where it was given (the
    engine's diff shows it as a key of its own, and only when update_secrets=always sends it)."""
    order = [field.name for field in MailDomains.fields]

    def finish(ctx, result):
        changed = set("relay" if name == PASSWORD else name for name in result["changed_settings"])
        result["changed_settings"] = sorted(changed, key=order.index)
        for side, values in (result.get("diff") or {}).items():
            values.pop(PASSWORD, None)
            if side == "after" and given and "relay" in changed:
                values["relay"] = dict(values.get("relay") or {}, password=REDACTED)
    return finish


def main():
    spec = argspec(MailDomains.fields, skip=(PASSWORD,))
    spec["domain"]["required"] = True
    spec["update_secrets"] = SECRETS_POLICY
    run = CLOUDRON.module(spec)
    password = relay_password(run.params)
    run.singular(MailDomains(), secrets_option="update_secrets", state="present",
                 extra={PASSWORD: password} if password is not None else None,
                 finish=password_shown_in_relay(password is not None), changed_fields="changed_settings")


if __name__ == "__main__":
    main()

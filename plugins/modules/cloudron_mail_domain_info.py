#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_mail_domain_info
short_description: Read the mail settings, DNS and relay checks and mailbox count of Cloudron domains
version_added: 0.1.0
description:
  - Read the mail settings of one domain or of every domain, in the same form M(selfhosted.platforms.cloudron_mail_domain)
    takes and returns; the relay password is never returned.
  - Adds, per domain, the server's checks of the mail DNS records, block lists and relay (RV(mail_domains[].status)) and the
    number of mailboxes (RV(mail_domains[].mailbox_count)). The checks query DNS and the relay and can take seconds per
    domain; O(status=false) leaves them out.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  domain:
    description:
      - Only this domain. It must be a domain of the server; an unknown one is an error naming it.
      - Without it, every domain of the server.
    type: str
  status:
    description: Whether to run and return the server's checks of each domain (one request per domain).
    type: bool
    default: true
  mailbox_count:
    description: Whether to return the number of mailboxes of each domain (one request per domain).
    type: bool
    default: true
notes:
  - Reading mail settings needs the C(mailmanager) role or higher; a read-only token is enough.
seealso:
  - module: selfhosted.platforms.cloudron_mail_domain
  - module: selfhosted.platforms.cloudron_domain_info
"""

EXAMPLES = r"""
- name: Check the mail DNS records of example.com
  selfhosted.platforms.cloudron_mail_domain_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    domain: example.com
  register: mail

- name: Show the records that are not as the server expects them
  ansible.builtin.debug:
    msg: "{{ mail.mail_domains[0].status.dns | dict2items | rejectattr('value.status') | map(attribute='key') | list }}"

- name: List the mail settings of every domain, without the slow checks
  selfhosted.platforms.cloudron_mail_domain_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    status: false
  register: all_mail
"""

RETURN = r"""
mail_domains:
  description:
    - The domains' mail settings, sorted by domain, each in the form of
      RV(selfhosted.platforms.cloudron_mail_domain#module:mail_domain), with RV(mail_domains[].status) and
      RV(mail_domains[].mailbox_count) added.
  returned: always
  type: list
  elements: dict
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
      description: The relay settings that are not secret.
      type: dict
      sample: {provider: cloudron-smtp}
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
      sample: {text: "", html: ""}
      contains:
        text:
          description: The banner for plain-text mail; V("") for none.
          type: str
          sample: "Example Co, 1 Example Street"
        html:
          description: The banner for HTML mail; V("") for none.
          type: str
          sample: ""
    status:
      description:
        - The server's checks as it answers them (C(GET /mail/:domain/status)), keys unchanged; a mapping of the
          server's own, whose keys and depth vary with the server version and the records it checks.
        - C(dns) has one entry per mail DNS record the server checks, each with the record found, the one expected and
          whether they match (C(status)); C(rbl) is the block list check of the server's address; C(relay) the check of
          the outgoing relay.
      returned: when O(status=true)
      type: dict
      sample: {dns: {mx: {domain: example.com, type: MX, value: "10 my.example.com.", expected: "10 my.example.com.",
                          status: true}}, rbl: {status: true}, relay: {status: true, value: "OK"}}
    mailbox_count:
      description: The number of mailboxes of the domain.
      returned: when O(mailbox_count=true)
      type: int
      sample: 12
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import MAIL_MANAGER
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_domains import MailDomains
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import public, wanted


def main():
    run = CLOUDRON.module({"domain": {"type": "str"}, "status": {"type": "bool", "default": True},
                           "mailbox_count": {"type": "bool", "default": True}})
    resource = MailDomains(predict_missing=False)

    def body(ctx):
        lookup = wanted(resource.fields, {"domain": run.params["domain"]})
        problems = resource.validate(lookup) if lookup else []
        if problems:
            raise ResourceError("; ".join(problems))
        found = []
        for domain in Engine(resource, ctx).read([lookup], complete=not lookup):
            item = public(resource.fields, domain)
            path = "/mail/%s" % item["domain"]
            if run.params["status"]:
                item["status"] = ctx.client.call("GET", path + "/status", role=MAIL_MANAGER)
            if run.params["mailbox_count"]:
                item["mailbox_count"] = ctx.client.call("GET", path + "/mailbox_count", role=MAIL_MANAGER).get("count")
            found.append(item)
        return {"changed": False, "mail_domains": sorted(found, key=resource.key)}

    run.execute(body)


if __name__ == "__main__":
    main()

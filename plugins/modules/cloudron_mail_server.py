#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_mail_server
short_description: Manage the server-wide mail settings of Cloudron
version_added: 0.1.0
description:
  - Set where the mail server lives, the largest mail it accepts, the DNS block lists it checks, full text search,
    mailbox sharing, the virtual All Mail folder and the spam filter's allow list, block list and custom rules.
  - Only the settings given are read and compared, and each setting that differs is written with one request
    (O(spam_allowlist) and O(spam_blocklist) share one route, so they are read and written together).
  - With no setting given, the module reads and returns every setting, changing nothing.
  - Moving the mail server (O(location)) is a task on the server; the module waits for it by default.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  location:
    description:
      - The host name of the mail server (the name in the MX records and the one mail clients connect to), as a
        O(location.subdomain) of one of the server's domains. The server obtains a certificate for it and restarts
        the mail service, which is why this runs as a task.
      - A domain the server does not have is refused before anything is written.
    type: dict
    suboptions:
      domain:
        description: One of the server's domains. Compared lower-case.
        type: str
        required: true
      subdomain:
        description: The subdomain, such as V(my) or V(mail); V("") for the domain itself. Compared lower-case.
        type: str
        required: true
  max_email_size:
    description:
      - The largest mail the server accepts, in bytes or as a size such as V(25M) or V(1G) (binary units).
      - The API calls this C(size) (route C(/mailserver/max_email_size)), always in bytes; it is returned in bytes.
    type: raw
  dnsbl_zones:
    description:
      - DNS block list zones that incoming mail's sender addresses are checked against, such as V(zen.spamhaus.org).
        V([]) checks none.
      - Compared as a set, lower-case. The API calls this C(zones) (route C(/mailserver/dnsbl_config)).
    type: list
    elements: str
  full_text_search:
    description:
      - Whether mailboxes are indexed for full text search. The index needs memory on the server.
      - The API calls this C(enabled) of the route C(/mailserver/solr_config) (the search engine is Solr).
    type: bool
  mailbox_sharing:
    description:
      - Whether users may share their mail folders with each other.
      - Sent as both C(enabled) and C(enable) (route C(/mailserver/mailbox_sharing)); servers have been seen reading
        either name.
    type: bool
  virtual_all_mail:
    description: Whether every mailbox shows a virtual C(All Mail) folder with the mail of all its folders.
    type: bool
  spam_allowlist:
    description:
      - Sender addresses or patterns (such as V(*@example.org)) whose mail is never treated as spam. V([]) empties the list.
      - Compared as a set, lower-case. The API calls this list C(whitelist) (route C(/mailserver/spam_acl)).
    type: list
    elements: str
  spam_blocklist:
    description:
      - Sender addresses or patterns whose mail is always treated as spam. V([]) empties the list.
      - Compared as a set, lower-case. The API calls this list C(blacklist) (route C(/mailserver/spam_acl)).
    type: list
    elements: str
  spam_custom_config:
    description:
      - Extra SpamAssassin rules, as text. Leading and trailing blank space is not compared.
      - The API calls this C(config) (route C(/mailserver/spam_custom_config)).
    type: str
  wait:
    description:
      - With a change of O(location), wait for the task that moves the mail server. With V(false) the module returns
        with RV(task_id) right after starting it; RV(mail_server.location) then shows the location asked for.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait for the task, including time queued behind other tasks. On timeout the task keeps running.
    type: int
    default: 900
notes:
  - Reading and writing these settings needs the C(admin) role or higher.
  - The server checks each value; the error names the option and gives the server's message. Settings written before
    a refused one stay written and are reported in RV(changed_settings).
seealso:
  - module: selfhosted.platforms.cloudron_mail_domain
  - module: selfhosted.platforms.cloudron_task_info
"""

EXAMPLES = r"""
- name: Accept mail up to 50 MiB and check two block lists
  selfhosted.platforms.cloudron_mail_server:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    max_email_size: 50M
    dnsbl_zones:
      - zen.spamhaus.org
      - bl.spamcop.net

- name: Never treat mail from a partner as spam, always treat mail from a pest as spam
  selfhosted.platforms.cloudron_mail_server:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    spam_allowlist: ["*@partner.example.org"]
    spam_blocklist: [offers@pest.example.net]

- name: Move the mail server to mail.example.com
  selfhosted.platforms.cloudron_mail_server:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    location:
      domain: example.com
      subdomain: mail

- name: Read every mail server setting
  selfhosted.platforms.cloudron_mail_server:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
  register: mail_server
"""

RETURN = r"""
mail_server:
  description:
    - The settings given, as they are after the run (in check mode, as they would be); every setting when none is given.
  returned: success
  type: dict
  contains:
    location:
      description: Where the mail server lives.
      type: dict
      returned: when given, or when no setting is given
      sample: {domain: example.com, subdomain: mail}
      contains:
        domain:
          description: The domain of the mail server's host name, lower-case.
          type: str
          sample: example.com
        subdomain:
          description: The subdomain of the host name, lower-case; V("") for the domain itself.
          type: str
          sample: mail
    max_email_size:
      description: The largest mail accepted, in bytes.
      type: int
      returned: when given, or when no setting is given
      sample: 26214400
    dnsbl_zones:
      description: The DNS block list zones, lower-case.
      type: list
      elements: str
      returned: when given, or when no setting is given
      sample: [zen.spamhaus.org]
    full_text_search:
      description: Whether full text search is on.
      type: bool
      returned: when given, or when no setting is given
      sample: false
    mailbox_sharing:
      description: Whether mailbox sharing is on.
      type: bool
      returned: when given, or when no setting is given
      sample: true
    virtual_all_mail:
      description: Whether the virtual All Mail folder is on.
      type: bool
      returned: when given, or when no setting is given
      sample: true
    spam_allowlist:
      description: The spam allow list, lower-case.
      type: list
      elements: str
      returned: when given, or when no setting is given
      sample: ["*@partner.example.org"]
    spam_blocklist:
      description: The spam block list, lower-case.
      type: list
      elements: str
      returned: when given, or when no setting is given
      sample: [offers@pest.example.net]
    spam_custom_config:
      description: The custom SpamAssassin rules.
      type: str
      returned: when given, or when no setting is given
      sample: "score URIBL_BLACK 3.0"
changed_settings:
  description: Names of the settings that were (in check mode, would be) changed, in the order they are written.
  returned: always
  type: list
  elements: str
  sample: [max_email_size, location]
task_id:
  description: The task that moves the mail server; V(null) when O(location) did not change, and in check mode.
  returned: success
  type: str
  sample: "2742"
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import DEFAULT_TIMEOUT
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_server import FIELDS, MailServer
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import argspec
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import wait_argspec


def main():
    spec = argspec(FIELDS)
    spec.update(wait_argspec(DEFAULT_TIMEOUT))
    run = CLOUDRON.module(spec)
    server = MailServer(wait=run.params["wait"], wait_timeout=run.params["wait_timeout"])
    run.report_unless_given(server, "changed_settings", extra=lambda ctx: {"task_id": None})

    def finish(ctx, result):
        result["task_id"] = server.task_id

    run.singular(server, state="present", changed_fields="changed_settings", finish=finish)


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_mail_action
short_description: Send a test mail from a Cloudron domain
version_added: 0.1.0
description:
  - Runs one mail operation. It is an action, not state, so the module always reports a change.
  - V(send_test_mail) sends a test mail from O(domain) to O(to), through the domain's relay, to check that outgoing mail
    works. A mail the server cannot send fails the task with the server's message.
  - In check mode nothing is sent; the module still checks that the domain exists, as the real run does first.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
attributes:
  check_mode:
    support: full
    description: Reports a change and sends nothing, after the same checks as a real run.
  diff_mode:
    support: none
    description: Actions have no before and after to show.
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.cloudron) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudron
options:
  action:
    description: V(send_test_mail) sends a test mail.
    type: str
    required: true
    choices: [send_test_mail]
  domain:
    description: The domain the mail is sent from. It must be a domain of the server.
    type: str
    required: true
  to:
    description: The address the test mail goes to.
    type: str
    required: true
notes:
  - Sending a test mail needs the C(mailmanager) role or higher.
seealso:
  - module: selfhosted.platforms.cloudron_mail_domain
  - module: selfhosted.platforms.cloudron_mail_domain_info
"""

EXAMPLES = r"""
- name: Check that example.com can send mail through its relay
  selfhosted.platforms.cloudron_mail_action:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    action: send_test_mail
    domain: example.com
    to: admin@example.org
"""

RETURN = r"""
domain:
  description: The domain the mail was (in check mode, would be) sent from, lower-case.
  returned: success
  type: str
  sample: example.com
to:
  description: The address the mail was (in check mode, would be) sent to.
  returned: success
  type: str
  sample: admin@example.org
sent:
  description: Whether a mail was sent; V(false) in check mode.
  returned: success
  type: bool
  sample: true
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_actions import send_test_mail
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON


def main():
    run = CLOUDRON.module(dict(
        action={"type": "str", "required": True, "choices": ["send_test_mail"]},
        domain={"type": "str", "required": True},
        to={"type": "str", "required": True},
    ))
    run.execute(lambda ctx: dict(send_test_mail(ctx, run.params["domain"], run.params["to"], run.check_mode), changed=True))


if __name__ == "__main__":
    main()

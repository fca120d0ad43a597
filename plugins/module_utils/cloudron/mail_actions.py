# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One-off mail operations (a test mail): always a change, nothing sent in check mode."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import MAIL_MANAGER
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_domains import MailDomains
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.users import EMAIL_PATTERN
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import lower


def send_test_mail(ctx, domain, to, check_mode=False):
    """Send a test mail from ``domain`` to ``to`` (in check mode only check both); return what the module reports."""
    domain, to = lower(domain), to.strip()
    problems = MailDomains.validate({"domain": domain})
    if not EMAIL_PATTERN.match(to):
        problems.append("to %r is not an email address" % to)
    if problems:
        raise ResourceError("; ".join(problems))
    # the domain's own error ("not a domain of this Cloudron") rather than the send route's 404
    MailDomains(predict_missing=False).read_one(ctx, domain)
    ctx.client.require_supported()
    if check_mode:
        return {"domain": domain, "to": to, "sent": False}
    try:
        ctx.client.call("POST", "/mail/%s/send_test_mail" % domain, body={"to": to}, role=MAIL_MANAGER)
    except ApiError as exc:
        if exc.status == 424:
            raise exc.with_hint("the server could not send the test mail from %s to %s" % (domain, to))
        raise
    return {"domain": domain, "to": to, "sent": True}

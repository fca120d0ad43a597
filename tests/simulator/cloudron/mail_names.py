# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Rules mailboxes, mailing lists and aliases share: their names, and one name space per domain.

The name rule is the 4.2 server's (facts 6.4): a-zA-Z0-9.- and 1..199 characters; names are stored lower-cased,
as usernames are (inferred). The messages follow the server's wording for usernames and group names.
"""

import re

from .errors import ApiError

_NAME_CHARS = re.compile(r"[^a-zA-Z0-9.-]")
# the message is not documented; one for all three kinds, since they share the name space
TAKEN = "Mailbox, mailinglist or alias for %s@%s already exists"


def check_name(name, what="name"):
    """Lower-cased mailbox, list or alias name, or 400."""
    name = name.lower()
    if len(name) < 1:
        raise ApiError(400, "%s must be atleast 1 char" % what)
    if len(name) >= 200:
        raise ApiError(400, "%s too long" % what)
    if _NAME_CHARS.search(name):
        raise ApiError(400, "%s can only contain alphanumerals, hyphen and dot" % what)
    return name


def holder(state, name, domain):
    """What has ``name`` in ``domain``'s name space: ("mailbox"|"list", object) or ("alias", the mailbox); None when free."""
    key = (name, domain)
    if key in state.mailboxes:
        return "mailbox", state.mailboxes[key]
    if key in state.mail_lists:
        return "list", state.mail_lists[key]
    for mailbox in state.mailboxes.values():
        if {"name": name, "domain": domain} in mailbox.aliases:
            return "alias", mailbox
    return None


def check_free(state, name, domain, mailbox=None):
    """409 when ``name@domain`` is taken by a mailbox, list or alias (aliases of ``mailbox`` do not count)."""
    found = holder(state, name, domain)
    if found is not None and not (found[0] == "alias" and found[1] is mailbox):
        raise ApiError(409, TAKEN % (name, domain))


def on_domain(state, domain):
    """Whether a mailbox, list or alias uses ``domain`` (the domain cannot be removed then)."""
    return (any(m.domain == domain or any(a["domain"] == domain for a in m.aliases) for m in state.mailboxes.values())
            or any(lst.domain == domain for lst in state.mail_lists.values()))


def matching(request, items):
    """``items`` (objects with a lower-case ``name``) whose name has ``search`` in it (any case), ordered by name."""
    search = request.query.get("search", "").lower()
    return sorted((item for item in items if search in item.name), key=lambda item: item.name)

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mailboxes (role mailmanager): /api/v1/mail/:domain/mailboxes, one mailbox, and its aliases."""

from common.routing import Response

from . import domains
from .errors import ApiError
from .mail_names import TAKEN, check_free, check_name, matching
from .query import page_slice

OWNER_TYPES = ("user", "group")


def mailbox_json(mailbox):
    """The mailbox object (``GET .../mailboxes/:name`` wraps it as ``{mailbox}``)."""
    return {
        "name": mailbox.name,
        "type": "mailbox",
        "ownerId": mailbox.owner_id,
        "ownerType": mailbox.owner_type,
        "aliasName": None,
        "aliasDomain": None,
        "creationTime": mailbox.creation_time,
        "domain": mailbox.domain,
        "active": mailbox.active,
        "enablePop3": mailbox.enable_pop3,
        "storageQuota": mailbox.storage_quota,
        "messagesQuota": mailbox.messages_quota,
    }


def aliases_json(mailbox):
    return [dict(alias) for alias in mailbox.aliases]


def _load(state, request):
    """The mailbox of the path (domain 404 first), or 404."""
    domain = domains.load(state, request.params["domain"])
    mailbox = state.mailboxes.get((request.params["name"].lower(), domain.domain))
    if mailbox is None:
        raise ApiError(404, "No such mailbox")
    return mailbox


def _owner(state, body):
    """(ownerId, ownerType) of a body; the owner must exist, as a user or a group by ``ownerType``."""
    owner_type = body["ownerType"]
    if owner_type not in OWNER_TYPES:
        raise ApiError(400, "ownerType must be user or group")
    known = state.users if owner_type == "user" else state.groups
    if body["ownerId"] not in known:
        raise ApiError(400, "ownerId must be the id of an existing %s" % owner_type)
    return body["ownerId"], owner_type


def _quotas(body, mailbox=None):
    """storage_quota/messages_quota from the body (bytes/count, 0 = no limit); a field not sent keeps its value."""
    result = {}
    for name, attribute in (("storageQuota", "storage_quota"), ("messagesQuota", "messages_quota")):
        if name in body:
            if body[name] < 0:
                raise ApiError(400, "%s must be a number >= 0" % name)
            result[attribute] = body[name]
        elif mailbox is None:
            result[attribute] = 0
    return result


def list_mailboxes(state, request):
    # query parameters are checked before the domain is looked up, as the route does
    page = page_slice(request.query)
    domain = domains.load(state, request.params["domain"])
    with_aliases = state.switches["mailbox_list_aliases"]
    items = []
    for mailbox in matching(request, [m for m in state.mailboxes.values() if m.domain == domain.domain])[page]:
        item = mailbox_json(mailbox)
        if with_aliases:
            item["aliases"] = aliases_json(mailbox)
        items.append(item)
    return Response(200, {"mailboxes": items})


def create_mailbox(state, request):
    body = request.body
    domain = domains.load(state, request.params["domain"])
    name = check_name(body["name"])
    owner_id, owner_type = _owner(state, body)
    quotas = _quotas(body)
    check_free(state, name, domain.domain)
    state.add_mailbox(name, domain.domain, owner_id, owner_type=owner_type, active=body["active"],
                      enable_pop3=body.get("enablePop3", False), **quotas)
    return Response(201, {})


def get_mailbox(state, request):
    return Response(200, {"mailbox": mailbox_json(_load(state, request))})


def update_mailbox(state, request):
    mailbox = _load(state, request)
    body = request.body
    mailbox.owner_id, mailbox.owner_type = _owner(state, body)
    for name, value in _quotas(body, mailbox).items():
        setattr(mailbox, name, value)
    mailbox.active = body["active"]
    mailbox.enable_pop3 = body["enablePop3"]
    return Response(204)


def delete_mailbox(state, request):
    # deleteMails (required) says whether the stored mail goes too; the simulator keeps no mail
    mailbox = _load(state, request)
    del state.mailboxes[(mailbox.name, mailbox.domain)]
    return Response(201, {})


def get_aliases(state, request):
    return Response(200, {"aliases": aliases_json(_load(state, request))})


def set_aliases(state, request):
    """Replace the aliases; each must be in a mail domain and its name free (its own aliases do not count)."""
    mailbox = _load(state, request)
    wanted = []
    for index, alias in enumerate(request.body["aliases"]):
        name = check_name(alias["name"], "aliases[%d].name" % index)
        domain = alias["domain"].lower()
        if domain not in state.domains:
            raise ApiError(400, "aliases[%d].domain %s is not a mail domain" % (index, domain))
        entry = {"name": name, "domain": domain}
        if entry in wanted:
            raise ApiError(409, TAKEN % (name, domain))
        check_free(state, name, domain, mailbox)
        wanted.append(entry)
    mailbox.aliases = wanted
    return Response(202, {})


def register(router):
    manager = "mailmanager"
    router.add("GET", "/api/v1/mail/:domain/mailboxes", list_mailboxes, manager)
    router.add("POST", "/api/v1/mail/:domain/mailboxes", create_mailbox, manager)
    router.add("GET", "/api/v1/mail/:domain/mailboxes/:name", get_mailbox, manager)
    router.add("POST", "/api/v1/mail/:domain/mailboxes/:name", update_mailbox, manager)
    router.add("DELETE", "/api/v1/mail/:domain/mailboxes/:name", delete_mailbox, manager)
    router.add("GET", "/api/v1/mail/:domain/mailboxes/:name/aliases", get_aliases, manager)
    router.add("PUT", "/api/v1/mail/:domain/mailboxes/:name/aliases", set_aliases, manager)

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mailing lists (role mailmanager): /api/v1/mail/:domain/lists and one list."""

from common.routing import Response

from . import domains
from .errors import ApiError
from .mail_names import check_free, check_name, matching
from .query import page_slice
from .users import check_email

# a list is owned by the server's "admin", as the spec's example shows
LIST_OWNER = "admin"


def list_json(mail_list):
    """The list object (``GET .../lists/:name`` wraps it as ``{list}``), with the mailbox keys a list has too."""
    return {
        "name": mail_list.name,
        "type": "list",
        "ownerId": LIST_OWNER,
        "ownerType": "user",
        "aliasName": None,
        "aliasDomain": None,
        "creationTime": mail_list.creation_time,
        "domain": mail_list.domain,
        "active": mail_list.active,
        "enablePop3": False,
        "storageQuota": 0,
        "messagesQuota": 0,
        "members": list(mail_list.members),
        "membersOnly": mail_list.members_only,
    }


def _members(body):
    """The members as sent; each must be an email address."""
    for member in body["members"]:
        try:
            check_email(member)
        except ApiError as error:
            raise ApiError(400, "Invalid mail member: %s" % member) from error
    return list(body["members"])


def _load(state, request):
    domain = domains.load(state, request.params["domain"])
    mail_list = state.mail_lists.get((request.params["name"].lower(), domain.domain))
    if mail_list is None:
        raise ApiError(404, "No such list")
    return mail_list


def list_lists(state, request):
    page = page_slice(request.query)
    domain = domains.load(state, request.params["domain"])
    lists = matching(request, [lst for lst in state.mail_lists.values() if lst.domain == domain.domain])
    return Response(200, {"lists": [list_json(lst) for lst in lists[page]]})


def create_list(state, request):
    body = request.body
    domain = domains.load(state, request.params["domain"])
    name = check_name(body["name"])
    members = _members(body)
    check_free(state, name, domain.domain)
    state.add_mail_list(name, domain.domain, members, members_only=body.get("membersOnly", False),
                        active=body.get("active", True))
    return Response(201, {})


def get_list(state, request):
    return Response(200, {"list": list_json(_load(state, request))})


def update_list(state, request):
    mail_list = _load(state, request)
    body = request.body
    mail_list.members = _members(body)
    if "membersOnly" in body:
        mail_list.members_only = body["membersOnly"]
    if "active" in body:
        mail_list.active = body["active"]
    return Response(204)


def delete_list(state, request):
    mail_list = _load(state, request)
    del state.mail_lists[(mail_list.name, mail_list.domain)]
    return Response(204)


def register(router):
    manager = "mailmanager"
    router.add("GET", "/api/v1/mail/:domain/lists", list_lists, manager)
    router.add("POST", "/api/v1/mail/:domain/lists", create_list, manager)
    router.add("GET", "/api/v1/mail/:domain/lists/:name", get_list, manager)
    router.add("POST", "/api/v1/mail/:domain/lists/:name", update_list, manager)
    router.add("DELETE", "/api/v1/mail/:domain/lists/:name", delete_list, manager)

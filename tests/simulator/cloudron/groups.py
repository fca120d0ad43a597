# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Groups: /api/v1/groups and its sub-routes."""

import re

from common.routing import Response

from .errors import ApiError
from .users import RESERVED_NAMES

_STRICT_CHARS = re.compile(r"[^a-zA-Z0-9.-]")


def check_name(state, name):
    """Lower-cased group name, or 400; the allowed characters depend on switch ``group_name_charset``."""
    name = name.lower()
    if len(name) < 1:
        raise ApiError(400, "name must be atleast 1 char")
    if len(name) >= 200:
        raise ApiError(400, "name too long")
    if name in RESERVED_NAMES:
        raise ApiError(400, "name is reserved")
    if state.switches["group_name_charset"] == "strict":
        if _STRICT_CHARS.search(name):
            raise ApiError(400, "name can only contain alphanumerals, hyphen and dot")
    elif not name.isprintable():
        raise ApiError(400, "name can only contain printable characters")
    return name


def group_json(group, with_user_ids=True):
    result = {"id": group.id, "name": group.name, "source": group.source}
    if with_user_ids:
        result["userIds"] = list(group.user_ids)
    return result


def load(state, request, message="No such group"):
    group = state.groups.get(request.params["id"])
    if group is None:
        raise ApiError(404, message)
    return group


def _check_free(state, name, group=None):
    other = state.group_by_name(name)
    if other is not None and other is not group:
        raise ApiError(409, "Already exists")


def list_groups(state, request):
    with_user_ids = state.switches["group_list_user_ids"]
    groups = sorted(state.groups.values(), key=lambda g: g.name)
    return Response(200, {"groups": [group_json(g, with_user_ids) for g in groups]})


def create_group(state, request):
    name = check_name(state, request.body["name"])
    _check_free(state, name)
    group = state.add_group(name)
    return Response(201, {"id": group.id, "name": group.name})


def get_group(state, request):
    return Response(200, group_json(load(state, request)))


def set_members(state, request):
    group = load(state, request, "Invalid group or user id")
    wanted = list(dict.fromkeys(request.body["userIds"]))
    if any(user_id not in state.users for user_id in wanted):
        raise ApiError(404, "Invalid group or user id")
    group.user_ids = wanted
    return Response(200, {})


def set_name(state, request):
    group = load(state, request)
    name = check_name(state, request.body["name"])
    _check_free(state, name, group)
    group.name = name
    return Response(200, {})


def delete_group(state, request):
    group = load(state, request, "Group not found")
    del state.groups[group.id]
    return Response(204)


def register(router):
    manager = "usermanager"
    router.add("GET", "/api/v1/groups", list_groups)
    router.add("POST", "/api/v1/groups", create_group, manager)
    router.add("GET", "/api/v1/groups/:id", get_group)
    router.add("PUT", "/api/v1/groups/:id/members", set_members, manager)
    router.add("PUT", "/api/v1/groups/:id/name", set_name, manager)
    router.add("DELETE", "/api/v1/groups/:id", delete_group, manager)

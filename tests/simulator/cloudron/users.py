# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Users: /api/v1/users and its sub-routes.

Nobody may create, change or grant a role above their own, so only an owner handles owners:
``auth.require_role(request.user, <role of the target or the role granted>)``.
"""

import re
from urllib.parse import quote

from common.routing import Response

from . import auth, eventlog
from .errors import ApiError
from .query import boolean, paginate
from .state import DASHBOARD_FQDN

RESERVED_NAMES = ("admin", "no-reply", "postmaster", "mailer-daemon", "root", "admins", "users")
_USERNAME_CHARS = re.compile(r"[^a-zA-Z0-9.-]")
# close to validator.isEmail: something@label.tld
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")


def check_username(username):
    """Lower-cased username, or 400 with the server's message."""
    username = username.lower()
    if len(username) < 1:
        raise ApiError(400, "Username must be atleast 1 char")
    if len(username) >= 200:
        raise ApiError(400, "Username too long")
    if username in RESERVED_NAMES:
        raise ApiError(400, "Username is reserved")
    if _USERNAME_CHARS.search(username):
        raise ApiError(400, "Username can only contain alphanumerals, dot and -")
    if ".app" in username:
        raise ApiError(400, "Username pattern is reserved for apps")
    return username


def check_email(email, name="email"):
    """Lower-cased address, or 400."""
    if not _EMAIL.match(email):
        raise ApiError(400, "Invalid email" if name == "email" else "Invalid %s" % name)
    return email.lower()


def check_password(password):
    if len(password) < 8:
        raise ApiError(400, "Password must be atleast 8 characters")
    if len(password) > 256:
        raise ApiError(400, "Password cannot be more than 256 characters")
    return password


def check_unique(state, username=None, email=None, user=None):
    """409 when another user than ``user`` already has the username or email."""
    other = state.user_by_username(username) if username is not None else None
    if other is not None and other is not user:
        raise ApiError(409, "username already exists")
    other = state.user_by_email(email) if email is not None else None
    if other is not None and other is not user:
        raise ApiError(409, "email already exists")


def user_json(state, user):
    return {
        "id": user.id,
        "username": user.username,
        "email": user.email,
        "fallbackEmail": user.fallback_email,
        "displayName": user.display_name,
        "groupIds": state.group_ids_of(user),
        "active": user.active,
        "source": user.source,
        "role": user.role,
        "twoFactorAuthenticationEnabled": user.two_factor,
        "inviteAccepted": user.invite_accepted,
    }


def _list_item(state, user, full):
    if not full:
        return {"id": user.id, "username": user.username, "email": user.email, "displayName": user.display_name}
    # list items carry everything the single object has, plus the notification settings (R9)
    return dict(user_json(state, user), notificationConfig=[])


def load(state, request):
    user = state.users.get(request.params["id"])
    if user is None:
        raise ApiError(404, "No such user")
    return user


def _matches(state, user, search):
    """Whether ``search`` (lower-cased) is part of what switch ``user_search`` says is searched."""
    texts = (user.username,) if state.switches["user_search"] == "username" else (user.username, user.email, user.display_name)
    return any(search in (text or "").lower() for text in texts)


def list_users(state, request):
    active = boolean(request.query, "active")
    search = request.query.get("search", "").lower()
    users = [u for u in state.users.values() if (active is None or u.active == active) and (not search or _matches(state, u, search))]
    # by username, users without one first (as MySQL sorts NULL); insertion order breaks ties
    users.sort(key=lambda u: (u.username is not None, u.username or ""))
    full = auth.rank(request.user.role) >= auth.rank("usermanager")
    return Response(200, {"users": [_list_item(state, u, full) for u in paginate(request.query, users)]})


def create_user(state, request):
    body = request.body
    email = check_email(body["email"])
    username = check_username(body["username"]) if "username" in body else None
    password = check_password(body["password"]) if "password" in body else None
    fallback = check_email(body["fallbackEmail"], "fallbackEmail") if body.get("fallbackEmail") else email
    role = body.get("role", "user")
    auth.require_role(request.user, role)
    check_unique(state, username, email)
    user = state.add_user(username, email, role=role, display_name=body.get("displayName", ""),
                          fallback_email=fallback, password=password)
    eventlog.record_request(state, request, "user.add", {"userId": user.id, "email": email,
                                                         "user": {"id": user.id, "username": username, "email": email}})
    return Response(201, {"id": user.id})


def get_user(state, request):
    return Response(200, user_json(state, load(state, request)))


def update_profile(state, request):
    user = load(state, request)
    auth.require_role(request.user, user.role)
    body = request.body
    changes = {}
    if "email" in body:
        changes["email"] = check_email(body["email"])
    if "fallbackEmail" in body:
        # an empty fallback address means "use the primary one", as on creation
        fallback = body["fallbackEmail"]
        changes["fallback_email"] = check_email(fallback, "fallbackEmail") if fallback else changes.get("email", user.email)
    if "displayName" in body:
        changes["display_name"] = body["displayName"]
    if "username" in body:
        if user.username is not None:
            raise ApiError(400, "Username cannot be changed")
        changes["username"] = check_username(body["username"])
    check_unique(state, changes.get("username"), changes.get("email"), user)
    for name, value in changes.items():
        setattr(user, name, value)
    return Response(204)


def set_role(state, request):
    user = load(state, request)
    if user is request.user:
        raise ApiError(409, "Cannot change own role")
    auth.require_role(request.user, user.role)
    auth.require_role(request.user, request.body["role"])
    user.role = request.body["role"]
    return Response(204)


def set_active(state, request):
    user = load(state, request)
    if user is request.user:
        raise ApiError(409, "Cannot change own active state")
    auth.require_role(request.user, user.role)
    user.active = request.body["active"]
    return Response(204)


def set_password(state, request):
    user = load(state, request)
    auth.require_role(request.user, user.role)
    user.password = check_password(request.body["password"])
    return Response(204)


def set_groups(state, request):
    user = load(state, request)
    wanted = list(dict.fromkeys(request.body["groupIds"]))
    if any(group_id not in state.groups for group_id in wanted):
        raise ApiError(404, "One or more groups not found")
    for group in state.groups.values():
        if group.id in wanted and user.id not in group.user_ids:
            group.user_ids.append(user.id)
        elif group.id not in wanted and user.id in group.user_ids:
            group.user_ids.remove(user.id)
    return Response(204)


def delete_user(state, request):
    user = load(state, request)
    if user is request.user:
        raise ApiError(409, "Not allowed to remove yourself.")
    auth.require_role(request.user, user.role)
    state.remove_user(user, delete_mailboxes=state.switches["delete_user_deletes_mailboxes"])
    eventlog.record_request(state, request, "user.remove", {"userId": user.id, "user": {"id": user.id, "username": user.username, "email": user.email}})
    return Response(204)


def send_invite(state, request):
    user = load(state, request)
    email = check_email(request.body["email"])
    state.invites.append({"userId": user.id, "username": user.username, "email": email, "by": request.user.username})
    return Response(202, {})


def invite_link(state, request):
    user = load(state, request)
    link = "https://%s/setupaccount.html?inviteToken=%s&email=%s&username=%s&displayName=%s" % (
        state.dashboard_fqdn() or DASHBOARD_FQDN, user.invite_token, quote(user.email), quote(user.username or ""), quote(user.display_name))
    return Response(200, {"inviteLink": link})


def register(router):
    manager = "usermanager"
    router.add("GET", "/api/v1/users", list_users)
    router.add("POST", "/api/v1/users", create_user, manager)
    router.add("GET", "/api/v1/users/:id", get_user, manager)
    router.add("DELETE", "/api/v1/users/:id", delete_user, manager)
    router.add("POST", "/api/v1/users/:id/profile", update_profile, manager)
    router.add("PUT", "/api/v1/users/:id/role", set_role, manager)
    router.add("PUT", "/api/v1/users/:id/active", set_active, manager)
    router.add("POST", "/api/v1/users/:id/password", set_password, manager)
    router.add("PUT", "/api/v1/users/:id/groups", set_groups, manager)
    router.add("POST", "/api/v1/users/:id/send_invite_email", send_invite, manager)
    router.add("GET", "/api/v1/users/:id/invite_link", invite_link, manager)

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudron users as a resource: fields, validation, identity and the 8.x/9.x routes."""

from __future__ import annotations

import re

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import (
    USER_MANAGER, user_label,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import SET, Field, lower, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

ROLES = ("owner", "admin", "usermanager", "mailmanager", "user")
RESERVED_NAMES = ("admin", "no-reply", "postmaster", "mailer-daemon", "root", "admins", "users")
NAME_PATTERN = re.compile(r"^[a-z0-9.-]+$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+$")
PASSWORD_LENGTH = (8, 256)


def name_problem(option, value):
    """Cloudron's rules for usernames and group names, checked before anything is sent."""
    if not value or len(value) >= 200:
        return "%s %r must be 1 to 199 characters long" % (option, value)
    if not NAME_PATTERN.match(value):
        return "%s %r may only contain letters, digits, dot and -" % (option, value)
    if value in RESERVED_NAMES:
        return "%s %r is reserved (reserved: %s)" % (option, value, ", ".join(RESERVED_NAMES))
    if ".app" in value:
        return "%s %r: names containing '.app' are reserved for apps" % (option, value)
    return None


FIELDS = (
    Field("id", read_only=True),
    Field("username", api="username", normalize=lower, route="profile", set_once=True),
    Field("email", api="email", normalize=lower, route="profile"),
    Field("display_name", api="displayName", normalize=stripped, route="profile", default=""),
    Field("fallback_email", api="fallbackEmail", normalize=lower, route="profile", default=lambda item: item.get("email")),
    Field("role", api="role", choices=ROLES, route="role", default="user"),
    Field("active", api="active", type="bool", create=False, route="active", default=True),
    Field("groups", type="list", elements="str", normalize=lower, compare=SET, create=False, route="groups", default=[]),
    Field("password", api="password", secret=True, route="password"),
    Field("send_invite", type="bool", transient=True),
    Field("source", read_only=True, default=""),
)


class Users(Resource):
    """The user resource for the engine."""

    name = "user"
    plural = "users"
    fields = FIELDS
    required_on_create = ("email",)

    @staticmethod
    def key(item):
        return user_label(item)

    @staticmethod
    def validate(item):
        problems = []
        label = user_label(item)
        if not label:
            problems.append("a user needs a username or an email")
        if item.get("username") is not None:
            problems.append(name_problem("username", item["username"]))
        for option in ("email", "fallback_email"):
            if item.get(option) is not None and not EMAIL_PATTERN.match(item[option]):
                problems.append("%s %r is not an email address" % (option, item[option]))
        password = item.get("password")
        if password is not None and not PASSWORD_LENGTH[0] <= len(password) <= PASSWORD_LENGTH[1]:
            problems.append("user %r: password must be %d to %d characters long" % ((label,) + PASSWORD_LENGTH))
        return [problem for problem in problems if problem]

    @staticmethod
    def canonical(ctx, raw):
        return {
            "id": raw.get("id"),
            "username": raw.get("username") or None,
            "email": raw.get("email"),
            "display_name": raw.get("displayName") or "",
            "fallback_email": raw.get("fallbackEmail") or None,
            "role": raw.get("role"),
            "active": raw.get("active", True),
            "groups": ctx.group_names(raw.get("groupIds")),
            "source": raw.get("source") or "",
        }

    def read(self, ctx, items, complete):
        raw = None
        username = None if complete else items[0].get("username")
        if username:
            raw = ctx.search_users(username)
            if not any((user.get("username") or "").lower() == username for user in raw):
                raw = None
        if raw is None:
            # the whole list: an invited user (no username yet) is found by email, whatever the server's search
            # matches (some servers search usernames only)
            raw = ctx.users()
        return [self.canonical(ctx, user) for user in raw]

    @staticmethod
    def find(current, item):
        """Match by username, else by email; a username is never renamed."""
        username, email = item.get("username"), item.get("email")
        if username:
            for user in current:
                if user["username"] == username:
                    return user
        if email:
            for user in current:
                if user["email"] == email:
                    if username and user["username"] and user["username"] != username:
                        raise ResourceError("email %r belongs to user %r, not %r; usernames are never renamed"
                                            % (email, user["username"], username))
                    return user
        return None

    @staticmethod
    def resolve(ctx, item, current):
        if "groups" in item:
            known = [group["name"].lower() for group in ctx.groups()]
            ctx.require_existing("groups", "group", item["groups"], known)

    @staticmethod
    def create(ctx, item):
        body = dict((field.api, item[field.name]) for field in FIELDS
                    if field.create and field.api and field.name in item)
        created = ctx.client.call("POST", "/users", body=body, role=USER_MANAGER)
        return {"id": created["id"]}

    @staticmethod
    def write(ctx, current, route, values, item):
        path = "/users/%s" % current["id"]
        if route == "profile":
            body = dict((field.api, values[field.name]) for field in FIELDS if field.name in values)
            ctx.client.call("POST", path + "/profile", body=body, role=USER_MANAGER)
        elif route == "role":
            ctx.client.call("PUT", path + "/role", body={"role": values["role"]}, role=USER_MANAGER)
        elif route == "active":
            ctx.client.call("PUT", path + "/active", body={"active": values["active"]}, role=USER_MANAGER)
        elif route == "groups":
            ctx.client.call("PUT", path + "/groups", body={"groupIds": ctx.group_ids(values["groups"])}, role=USER_MANAGER)
        elif route == "password":
            ctx.client.call("POST", path + "/password", body={"password": values["password"]}, role=USER_MANAGER)
        else:  # pragma: no cover - the field table and this dispatch are kept together
            raise ValueError(route)

    @staticmethod
    def after_create(ctx, created, item):
        if item.get("send_invite"):
            ctx.client.call("POST", "/users/%s/send_invite_email" % created["id"], body={"email": item["email"]},
                            role=USER_MANAGER)

    @staticmethod
    def delete(ctx, current):
        ctx.client.call("DELETE", "/users/%s" % current["id"], role=USER_MANAGER)

    @staticmethod
    def protected(ctx, current):
        """Never removed by ``overridden``: the token's own user, owners, users of an external directory."""
        return current["id"] == ctx.profile().get("id") or current["role"] == "owner" or bool(current["source"])

    @staticmethod
    def check_updates(ctx, updates):
        """The token's own user is never demoted or deactivated (the server refuses it too, but only
        after earlier items of the list were written)."""
        risky = [change for change in updates if set(change.writes) & {"role", "active"}]
        if risky and any(change.current["id"] == ctx.profile().get("id") for change in risky):
            raise ResourceError("refusing to change the role or active flag of the api_token's own user %r"
                                % ctx.profile().get("username"))

    @staticmethod
    def check_deletions(ctx, deletions, force):
        own_id = ctx.profile().get("id")
        for user in deletions:
            if user["id"] == own_id:
                raise ResourceError("user %r is the api_token's own user and cannot be deleted" % user_label(user))
        if force:
            return
        try:
            owners = ctx.mailbox_owners()
        except ApiError as exc:
            if exc.status != 403:
                raise
            raise ResourceError("cannot check whether %s own mailboxes: the api_token's role may not list mailboxes "
                                "(needs mailmanager or higher); set force=true to delete without this check"
                                % ", ".join(repr(user_label(user)) for user in deletions))
        owning = ["%s (%s)" % (user_label(user), ", ".join(sorted(owners[user["id"]])))
                  for user in deletions if user["id"] in owners]
        if owning:
            raise ResourceError("refusing to delete users who own mailboxes: %s; set force=true to delete them anyway"
                                % "; ".join(owning))

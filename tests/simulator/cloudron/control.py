# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The control interface under /_control: set up state, flip switches, inject faults, read the request log.

No authentication; JSON in and out. These requests are never faulted and never logged.
"""

import copy

from common import control as common_control
from common.control import need as _need
from common.errors import HttpError
from common.routing import Response, Router

from . import auth, control_apps, control_mail, control_platform, control_storage, provision
from . import switches as switch_defs
from .dns_providers import PROVIDERS
from .errors import ApiError
from . import app_passwords
from . import directory
from . import applinks, oidc
from . import branding
from . import network, registry
from .tokens import token_json


def _role(value):
    if value not in auth.ROLES:
        raise ApiError(400, "role must be one of %s" % ", ".join(auth.ROLES))
    return value


def reset(state, request):
    body = request.body
    try:
        owner = state.reset(version=_need(body, "version", str), switches=_need(body, "switches", dict),
                            seed=_need(body, "seed", int) or 0, provisioned=_need(body, "provisioned", bool) is not False)
    except ValueError as error:
        raise ApiError(400, str(error)) from error
    return Response(200, {
        "owner_id": owner.id if owner else None,
        "tokens": {"rw": state.startup["rw"], "ro": state.startup["ro"]} if owner else {},
        "provisioned": owner is not None,
        "version": state.version,
        "mode": state.mode(),
        "switches": state.switches,
    })


def seed_token(state, request):
    body = request.body
    secret = _need(body, "token", str, required=True)
    username = _need(body, "username", str, required=True).lower()
    if secret in state.tokens:
        raise ApiError(409, "token already exists")
    user = state.user_by_username(username)
    if user is None:
        email = (_need(body, "email", str) or "%s@example.com" % username).lower()
        user = state.add_user(username, email, role=_role(_need(body, "role", str) or "user"),
                              password=state.new_secret(16))
    scope = {"*": "r"} if _need(body, "readonly", bool) else {"*": "rw"}
    token = state.add_token(user, "seeded", scope, secret=secret)
    return Response(200, {"user_id": user.id, "token_id": token.id})


def _seed_user(state, spec):
    if not isinstance(spec, dict):
        raise ApiError(400, "each user must be an object")
    username = _need(spec, "username", str)
    username = username.lower() if username is not None else None
    email = _need(spec, "email", str, required=True).lower()
    if username is not None and state.user_by_username(username):
        raise ApiError(400, "duplicate username %s" % username)
    if state.user_by_email(email):
        raise ApiError(400, "duplicate email %s" % email)
    accepted = _need(spec, "inviteAccepted", bool)
    user = state.add_user(
        username, email, role=_role(_need(spec, "role", str) or "user"),
        display_name=_need(spec, "displayName", str) or "",
        fallback_email=(_need(spec, "fallbackEmail", str) or email).lower(),
        password=None if accepted is False else state.new_secret(16),
        active=_need(spec, "active", bool) is not False, source=_need(spec, "source", str) or "",
    )
    return username or email, user.id


def _seed_group(state, spec):
    if not isinstance(spec, dict):
        raise ApiError(400, "each group must be an object")
    name = _need(spec, "name", str, required=True).lower()
    if state.group_by_name(name):
        raise ApiError(400, "duplicate group %s" % name)
    members = []
    for member in _need(spec, "members", list) or []:
        # users invited without a username are named by their email
        user = state.user_by_username_or_email(str(member))
        if user is None:
            raise ApiError(400, "group %s: no user %s" % (name, member))
        members.append(user.id)
    group = state.add_group(name, source=_need(spec, "source", str) or "")
    group.user_ids = list(dict.fromkeys(members))
    return name, group.id


def _seed_domain(state, spec):
    if isinstance(spec, str):
        spec = {"domain": spec}
    if not isinstance(spec, dict):
        raise ApiError(400, "each domain must be a name or an object")
    name = _need(spec, "domain", str, required=True).lower()
    if not name:
        raise ApiError(400, "domain must not be empty")
    if name in state.domains:
        raise ApiError(400, "duplicate domain %s" % name)
    provider = _need(spec, "provider", str) or "noop"
    if provider not in PROVIDERS:
        raise ApiError(400, "domain %s: unknown provider %s (known: %s)" % (name, provider, ", ".join(PROVIDERS)))
    state.add_domain(name, provider=provider, zone_name=(_need(spec, "zoneName", str) or name).lower(),
                     config=_need(spec, "config", dict), tls_config=_need(spec, "tlsConfig", dict))
    return name


def seed(state, request):
    """Bulk-create domains, users, groups, mail settings, mailboxes, lists and apps directly (in that order); all or nothing."""
    body = request.body
    kept = {name: dict(getattr(state, name)) for name in ("users", "groups", "mailboxes", "mail_lists", "apps")}
    # seeded mail settings change domains and the mail server in place
    kept.update(domains=copy.deepcopy(state.domains), mailserver=copy.deepcopy(state.mailserver), **control_storage.kept(state))
    random_state = state.rng.getstate()
    try:
        domains = [_seed_domain(state, spec) for spec in _need(body, "domains", list) or []]
        users = dict(_seed_user(state, spec) for spec in _need(body, "users", list) or [])
        groups = dict(_seed_group(state, spec) for spec in _need(body, "groups", list) or [])
        mail = control_mail.seed(state, body)
        storage = control_storage.seed_before_apps(state, body)
        apps = {}
        for spec in _need(body, "apps", list) or []:
            fqdn = control_apps.seed_app(state, control_storage.app_spec(state, spec))
            apps[fqdn] = state.app_by_fqdn(fqdn).id
        storage.update(control_storage.seed_after_apps(state, body))
    except HttpError:
        for name, items in kept.items():
            setattr(state, name, items)
        state.rng.setstate(random_state)
        raise
    return Response(200, {"users": users, "groups": groups, "domains": domains, **mail, "apps": apps, **storage})


def _user_ref(user):
    """How the state names a user: the username, or the email for users without one; None for a missing user."""
    return None if user is None else (user.username or user.email)


def dump(state, request):
    users = {u.id: u for u in state.users.values()}
    return Response(200, {
        "version": state.version,
        "mode": state.mode(),
        "switches": state.switches,
        "settings": state.settings,
        "users": [
            {
                "id": u.id, "username": u.username, "email": u.email, "fallbackEmail": u.fallback_email,
                "displayName": u.display_name, "role": u.role, "active": u.active, "source": u.source,
                "inviteAccepted": u.invite_accepted, "password": u.password,
                "groups": [state.groups[g].name for g in state.group_ids_of(u)],
            }
            for u in state.users.values()
        ],
        "groups": [
            {"id": g.id, "name": g.name, "source": g.source, "userIds": list(g.user_ids),
             "members": [_user_ref(users[i]) for i in g.user_ids]}
            for g in state.groups.values()
        ],
        "tokens": [dict(token_json(t), username=users[t.user_id].username, readonly=t.readonly) for t in state.tokens.values()],
        "app_passwords": app_passwords.dump(state),
        "oidc_clients": oidc.dump(state),
        "applinks": applinks.dump(state),
        "invites": state.invites,
        "domains": [{"domain": d.domain, "zoneName": d.zone_name, "provider": d.provider, "config": d.config,
                     "tlsConfig": d.tls_config, "fallbackCertificate": d.fallback_certificate}
                    for d in sorted(state.domains.values(), key=lambda d: d.domain)],
        **control_mail.dump(state),
        "tasks": [state.tasks.view(t) for t in state.tasks.all()],
        "provisioning": provision.dump(state),
        **control_apps.dump(state),
        **control_storage.dump(state),
        **control_platform.dump(state),
        **network.dump(state),
        **registry.dump(state),
        **directory.dump(state),
        **branding.dump(state),
    })


def set_switches(state, request):
    try:
        state.switches = switch_defs.merged(state.switches, request.body)
    except ValueError as error:
        raise ApiError(400, str(error)) from error
    return Response(200, {"switches": state.switches})


def start_task(state, request):
    body = request.body
    options = {}
    for name in ("pending_seconds", "seconds"):
        if _need(body, name, (int, float)) is not None:
            options[name] = body[name]
    steps = _need(body, "steps", list)
    try:
        if steps is not None:
            options["steps"] = [(s["percent"], s["message"]) if isinstance(s, dict) else tuple(s) for s in steps]
        task = state.tasks.start(
            _need(body, "type", str) or "backup", args=_need(body, "args", list) or [],
            fail=_need(body, "fail", str), fail_code=_need(body, "fail_code", str), result=body.get("result"), **options)
    except (KeyError, TypeError, ValueError) as error:
        raise ApiError(400, "steps must be a non-empty list of [percent, message] pairs or {percent, message} objects") from error
    return Response(200, {"id": task.id})


def router():
    table = Router()
    table.add("POST", "/_control/reset", reset, role=None)
    table.add("POST", "/_control/tokens", seed_token, role=None)
    table.add("POST", "/_control/seed", seed, role=None)
    table.add("GET", "/_control/state", dump, role=None)
    table.add("POST", "/_control/switches", set_switches, role=None)
    table.add("POST", "/_control/tasks", start_task, role=None)
    table.add("POST", "/_control/oidc_clients", oidc.seed_app_clients, role=None)
    common_control.register(table)
    control_apps.register(table)
    control_mail.register(table)
    control_storage.register(table)
    control_platform.register(table)
    return table

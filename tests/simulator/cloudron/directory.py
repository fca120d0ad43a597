# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The user directory's profile settings, the directory server (LDAP offered to other machines) and the external LDAP
directory with its sync (facts 7.14, 4.1). Every GET answers the object, every POST 200 ``{}``; the sync answers 202
``{taskId}`` and runs a short ``syncExternalLdap`` task.

Unverified, and switches (see the README): the profile settings' route (``user_directory_route``) and how reads show
the directory server's secret and the external directory's bind password (``directory_secret_read``; a write sending
the eight-``●`` placeholder keeps the stored value, one sending none leaves none). The wording of the refusals below is the simulator's: the real
messages are not in the sources.
"""

import copy
import ipaddress

from common.routing import Response

from .dns_providers import PLACEHOLDER
from .errors import ApiError

PROFILE_ROUTES = {"profile_config": "/api/v1/user_directory/profile_config", "bare": "/api/v1/user_directory"}
SYNC_TASK = "syncExternalLdap"     # the task type facts 4.2 name
_SYNC_STEPS = ((10, "Connecting to the LDAP server"), (50, "Syncing users"), (90, "Syncing groups"))
_LDAP_FIELDS = ("provider", "url", "baseDn", "usernameField", "filter", "groupBaseDn", "bindDn", "bindPassword")


def defaults():
    """Stored state: the secrets as stored (never masked here)."""
    return {
        "profile": {"lockUserProfiles": False, "mandatory2FA": False},
        "server": {"enabled": False, "secret": "", "allowlist": ""},
        "ldap": {"provider": "noop"},
    }


def dump(state):
    return {"directory": copy.deepcopy(state.directory)}


def _shown(value, switches):
    """A stored secret as reads show it: masked, or left out (None)."""
    if switches["directory_secret_read"] == "absent":
        return None
    return PLACEHOLDER if value else ""


def _kept(sent, stored):
    """A secret a write sends: the placeholder keeps the stored one; a write without one leaves none."""
    if sent is None:
        return ""
    return stored if sent == PLACEHOLDER else sent


# -- profile settings ---------------------------------------------------------------------------

def _profile_route(state, request):
    if request.path.rstrip("/") != PROFILE_ROUTES[state.switches["user_directory_route"]]:
        raise ApiError(404, "No such route")


def get_profile(state, request):
    _profile_route(state, request)
    return Response(200, dict(state.directory["profile"]))


def set_profile(state, request):
    _profile_route(state, request)
    body = request.body
    for name in ("lockUserProfiles", "mandatory2FA"):
        if not isinstance(body.get(name), bool):
            raise ApiError(400, "%s must be a boolean" % name)
    state.directory["profile"] = {name: body[name] for name in ("lockUserProfiles", "mandatory2FA")}
    return Response(200, {})


# -- directory server ---------------------------------------------------------------------------

def _allowlist(value):
    for line in value.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            ipaddress.ip_interface(line)
        except ValueError as error:
            raise ApiError(400, "allowlist: %s is not an IP address or range" % line) from error
    return value


def get_server(state, request):
    stored = state.directory["server"]
    answer = {"enabled": stored["enabled"], "allowlist": stored["allowlist"]}
    secret = _shown(stored["secret"], state.switches)
    if secret is not None:
        answer["secret"] = secret
    return Response(200, answer)


def set_server(state, request):
    body, stored = request.body, state.directory["server"]
    secret = _kept(body.get("secret"), stored["secret"])
    if body["enabled"] and not secret:
        raise ApiError(400, "secret is required when enabled")
    state.directory["server"] = {"enabled": body["enabled"], "secret": secret,
                                 "allowlist": _allowlist(body.get("allowlist", stored["allowlist"]))}
    return Response(200, {})


# -- external directory -------------------------------------------------------------------------

def get_ldap(state, request):
    answer = dict(state.directory["ldap"])
    if "bindPassword" in answer:
        shown = _shown(answer.pop("bindPassword"), state.switches)
        if shown is not None:
            answer["bindPassword"] = shown
    return Response(200, answer)


def set_ldap(state, request):
    body, stored = request.body, state.directory["ldap"]
    if body["provider"] == "noop":
        state.directory["ldap"] = {"provider": "noop"}
        return Response(200, {})
    url = body.get("url") or ""
    if not url.startswith(("ldap://", "ldaps://")):
        raise ApiError(400, "url must start with ldap:// or ldaps://")
    if not body.get("baseDn"):
        raise ApiError(400, "baseDn must not be empty")
    config = {name: body[name] for name in _LDAP_FIELDS if name in body}
    if "bindPassword" in body:
        config["bindPassword"] = _kept(body["bindPassword"], stored.get("bindPassword", ""))
    state.directory["ldap"] = config
    return Response(200, {})


def sync_ldap(state, request):
    if state.directory["ldap"]["provider"] == "noop":
        raise ApiError(409, "not enabled")
    task = state.tasks.start(SYNC_TASK, [], seconds=1, steps=_SYNC_STEPS, fail=state.take_task_fault(SYNC_TASK))
    return Response(202, {"taskId": task.id})


def register(router):
    for route in PROFILE_ROUTES.values():
        router.add("GET", route, get_profile, "admin")
        router.add("POST", route, set_profile, "admin")
    router.add("GET", "/api/v1/directory_server/config", get_server, "admin")
    router.add("POST", "/api/v1/directory_server/config", set_server, "admin")
    router.add("GET", "/api/v1/external_ldap/config", get_ldap, "admin")
    router.add("POST", "/api/v1/external_ldap/config", set_ldap, "admin")
    router.add("POST", "/api/v1/external_ldap/sync", sync_ldap, "admin")

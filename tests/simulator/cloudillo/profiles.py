# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Profiles a tenant knows (its members and contacts) and the admin profile change: wire letters A/B/M/S/X in,
lower-case words out; the role ladder decides who may change what (src: profile/update.rs, core/roles.rs)."""

from . import auth, bodies
from .envelope import bare, env, iso
from .errors import no_permission, not_found
from .state import COMMUNITY_ROLES

STATUS_WORDS = {"A": "active", "B": "blocked", "M": "muted", "S": "suspended", "X": "banned"}
KNOWN = {"type", "status", "connected", "following", "follower", "q", "idTag", "trustSet", "hiddenInHome", "limit",
         "afterIdTag"}
TOP = 100


def new_profile(state, id_tag, name=None, kind="person", roles=None, status="A"):
    return {"idTag": id_tag, "name": name or id_tag, "type": kind, "profilePic": None, "status": status,
            "roles": roles, "createdAt": state.now()}


def view(profile, roles=True):
    result = {"idTag": profile["idTag"], "name": profile["name"], "type": profile["type"],
              "profilePic": profile["profilePic"], "createdAt": iso(profile["createdAt"])}
    if profile["status"] in STATUS_WORDS:
        result["status"] = STATUS_WORDS[profile["status"]]
    if roles and profile["roles"] is not None:
        result["roles"] = list(profile["roles"])
    return result


def list_profiles(state, request):
    bodies.list_query(state, request, "profiles", KNOWN)
    query = request.query
    items = list(request.user["profiles"].values())
    if query.get("type"):
        items = [p for p in items if p["type"] == query["type"]]
    if query.get("status"):
        items = [p for p in items if p["status"] in query["status"].split(",")]
    if query.get("idTag"):
        items = [p for p in items if p["idTag"] == query["idTag"]]
    if query.get("q"):
        text = query["q"].lower()
        items = [p for p in items if text in p["idTag"].lower() or text in p["name"].lower()]
    limit = bodies.int_query(request, "limit", 1)
    if limit is None and "afterIdTag" not in query:
        items = sorted(items, key=lambda p: (p["name"], p["idTag"]))[:TOP]
    else:
        items = sorted(items, key=lambda p: p["idTag"])
        if query.get("afterIdTag"):
            items = [p for p in items if p["idTag"] > query["afterIdTag"]]
        items = items[:limit or TOP]
    return env(request, state, [view(p) for p in items])


def get_profile(state, request):
    profile = request.user["profiles"].get(request.params["idTag"])
    return env(request, state, view(profile, roles=state.switches["profile_roles_in_get"]) if profile else None)


def admin_patch(state, request):
    body = bodies.fields(request, {"name": (str, False, True), "roles": (list, False, True),
                                   "status": (str, False, False)})
    if "status" in body and body["status"] not in STATUS_WORDS:
        raise bodies.shape_error("status: unknown variant `%s`, expected one of `A`, `B`, `M`, `S`, `X`"
                                 % body["status"])
    if "roles" in body and body["roles"] is not None and not all(isinstance(r, str) for r in body["roles"]):
        raise bodies.shape_error("roles: invalid type, expected a string")
    id_tag = request.params["idTag"]
    tenant = request.user
    actor = request.token.roles
    actor_level = auth.level(actor)
    target = tenant["profiles"].get(id_tag)
    if ("name" in body or "status" in body) and "leader" not in actor:
        raise no_permission()
    if "roles" in body:
        if id_tag == tenant["idTag"]:
            raise no_permission()       # nobody changes their own roles
        target_level = auth.level(target["roles"] or []) if target else 0
        if not (actor_level == auth.LEVELS["leader"] or actor_level > target_level):
            raise no_permission()
        for role in body["roles"] or []:
            if role not in COMMUNITY_ROLES or not (auth.LEVELS[role] < actor_level or actor_level == auth.LEVELS["leader"]):
                raise no_permission()
    if target is None:
        if state.switches["profile_patch_unknown"] == "not_found":
            raise not_found("Profile not found")
        # an unknown idTag gets a new profile row (the server upserts; switch profile_patch_unknown)
        target = tenant["profiles"][id_tag] = new_profile(state, id_tag)
    if "name" in body:
        target["name"] = body["name"] if body["name"] is not None else id_tag
    if "status" in body:
        target["status"] = body["status"]
    if "roles" in body:
        target["roles"] = list(body["roles"]) if body["roles"] is not None else None
    # roles are in the answer only when the request changed them (src)
    answer = view(target, roles=False)
    if "roles" in body:
        answer["roles"] = target["roles"]
    return bare({"profile": answer})


def register(router):
    router.add("GET", "/api/profiles", list_profiles, role="auth")
    router.add("GET", "/api/profiles/:idTag", get_profile, role="auth")
    router.add("PATCH", "/api/admin/profiles/:idTag", admin_patch, role="moderator")

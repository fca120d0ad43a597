# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Admin routes (``SADM``): the tenant list (offset pagination), purging a tenant, community invites."""

from . import bodies
from .envelope import env, iso, offset_page
from .errors import invalid, not_found

KNOWN = {"status", "q", "limit", "offset"}
INVITE_DAYS = 7


def tenant_view(tenant):
    return {"tnId": tenant["tnId"], "idTag": tenant["idTag"], "name": tenant["name"], "type": tenant["type"],
            "email": tenant["email"], "status": tenant["status"], "roles": list(tenant["roles"]),
            "profilePic": tenant["profilePic"], "createdAt": tenant["createdAt"]}


def list_tenants(state, request):
    bodies.list_query(state, request, "tenants", KNOWN)
    items = sorted(state.tenants.values(), key=lambda t: t["tnId"])
    if request.query.get("status"):
        items = [t for t in items if t["status"] == request.query["status"]]
    if request.query.get("q"):
        text = request.query["q"].lower()
        items = [t for t in items if text in t["idTag"].lower() or text in (t["name"] or "").lower()]
    page, pagination = offset_page([tenant_view(t) for t in items], bodies.int_query(request, "offset") or 0,
                                   bodies.int_query(request, "limit"))
    return env(request, state, page, pagination=pagination)


def purge(state, request):
    body = bodies.fields(request, {"confirmIdTag": (str, True, False)})
    id_tag = request.params["idTag"]
    tenant = state.tenants.get(id_tag)
    if tenant is None:
        raise not_found("Tenant not found")
    if body["confirmIdTag"] != id_tag:
        raise invalid("confirmIdTag does not match")
    if tenant is request.user or tenant["tnId"] == 1:
        raise invalid("cannot purge this tenant")
    del state.tenants[id_tag]
    for other in state.tenants.values():
        other["profiles"].pop(id_tag, None)
    return env(request, state, {"tnId": tenant["tnId"], "idTag": id_tag})


def add_invite(state, target, days=INVITE_DAYS, ref_id=None):
    ref_id = ref_id or state.random_text(12)
    state.invites[ref_id] = {"refId": ref_id, "type": "profile.invite", "targetIdTag": target,
                             "expiresAt": state.now() + days * 86400, "used": False}
    return state.invites[ref_id]


def invite(state, request):
    body = bodies.fields(request, {"targetIdTag": (str, True, False), "expiresInDays": (int, False, True),
                                   "message": (str, False, True)})
    ref = add_invite(state, body["targetIdTag"], body.get("expiresInDays") or INVITE_DAYS)
    return env(request, state, {"refId": ref["refId"], "inviteUrl": "https://%s/invite/%s" % (request.user["idTag"], ref["refId"]),
                                "targetIdTag": ref["targetIdTag"], "expiresAt": iso(ref["expiresAt"])})


def register(router):
    router.add("GET", "/api/admin/tenants", list_tenants, role="admin")
    router.add("POST", "/api/admin/tenants/:idTag/purge", purge, role="admin")
    router.add("POST", "/api/admin/invite-community", invite, role="admin")

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Creating a community: ``PUT /api/profiles/{idTag}`` makes a new community tenant led by the caller's tenant.
There is no delete route; an admin purges tenants (``admin.py``)."""

from . import bodies
from .envelope import env, iso
from .errors import ApiError, invalid, no_permission
from .profiles import new_profile


def create(state, request):
    body = bodies.fields(request, {"type": (str, True, False), "name": (str, False, True),
                                   "profilePic": (str, False, True), "appDomain": (str, False, True),
                                   "inviteRef": (str, False, True)})
    id_tag = request.params["idTag"]
    if body["type"] not in ("domain", "idp"):
        raise bodies.shape_error("type: unknown variant `%s`, expected `domain` or `idp`" % body["type"])
    if body["type"] == "idp":
        raise ApiError(503, "E-SYS-UNAVAIL", "Identity provider not available")
    if id_tag in state.tenants:
        raise invalid("used")
    if id_tag not in state.dns:
        raise invalid("nodns")
    invite = None
    if "SADM" not in request.token.roles:
        invite = state.invites.get(body.get("inviteRef") or "")
        if invite is None or invite["used"] or invite["expiresAt"] <= state.now() or \
                invite["targetIdTag"] not in (None, id_tag):
            raise no_permission()
    if invite is not None:
        invite["used"] = True
    leader = request.user
    community = state.add_tenant(id_tag, kind="community", name=body.get("name"), owner=leader["idTag"])
    community["profilePic"] = body.get("profilePic")
    community["appDomain"] = body.get("appDomain")
    community["profiles"][leader["idTag"]] = new_profile(state, leader["idTag"], leader["name"], roles=["leader"])
    leader["profiles"][id_tag] = new_profile(state, id_tag, community["name"], kind="community")
    state.listener_url(id_tag)
    return env(request, state, {"idTag": id_tag, "name": community["name"], "type": "community",
                                "profilePic": community["profilePic"], "createdAt": iso(community["createdAt"])},
               status=201)


def register(router):
    router.add("PUT", "/api/profiles/:idTag", create, role="owner")

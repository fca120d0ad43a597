# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""App passwords: /api/v1/app_passwords (facts 7.11). Every user sees and manages only their own.

An app password lets its user sign in to one app (``identifier``: the app's id) or to mail (``mail``) with a
generated password instead of their own. The password is shown only in the creation answer.
"""

from dataclasses import dataclass

from common.routing import Response

from .errors import ApiError
from .query import paginate

MAIL = "mail"


@dataclass
class AppPassword:
    id: str
    name: str
    user_id: str
    identifier: str
    password: str
    creation_time: str


def password_json(password):
    """The object of GET /app_passwords/:id (the spec's AppPassword), never with the password."""
    return {"id": password.id, "name": password.name, "userId": password.user_id, "identifier": password.identifier,
            "creationTime": password.creation_time}


def _own(state, request):
    found = state.app_passwords.get(request.params["id"])
    if found is None or found.user_id != request.user.id:
        raise ApiError(404, "No such app password")
    return found


def list_passwords(state, request):
    own = [p for p in state.app_passwords.values() if p.user_id == request.user.id]
    return Response(200, {"appPasswords": [password_json(p) for p in paginate(request.query, own)]})


def create_password(state, request):
    body = request.body
    if not body["name"]:
        raise ApiError(400, "name must be atleast 1 char")
    identifier = body.get("identifier")
    if identifier is None and state.switches["app_password_identifier_required"]:
        raise ApiError(400, "identifier is required")
    if identifier not in (None, MAIL) and identifier not in state.apps:
        raise ApiError(404, "No such app")
    # the spec's example is 16 hexadecimal digits; ids carry the prefix of its example
    password = AppPassword(id=state.new_id("uid-"), name=body["name"], user_id=request.user.id, identifier=identifier,
                           password="%016x" % state.rng.getrandbits(64), creation_time=state.now_iso())
    state.app_passwords[password.id] = password
    return Response(state.switches["credential_create_status"], {"id": password.id, "password": password.password})


def get_password(state, request):
    return Response(200, password_json(_own(state, request)))


def delete_password(state, request):
    del state.app_passwords[_own(state, request).id]
    return Response(204)


def dump(state):
    """For /_control/state: every user's app passwords, with the password as stored and the owner's username."""
    return [dict(password_json(p), password=p.password, username=state.users[p.user_id].username)
            for p in state.app_passwords.values()]


def register(router):
    router.add("GET", "/api/v1/app_passwords", list_passwords)
    router.add("POST", "/api/v1/app_passwords", create_password)
    router.add("GET", "/api/v1/app_passwords/:id", get_password)
    router.add("DELETE", "/api/v1/app_passwords/:id", delete_password)

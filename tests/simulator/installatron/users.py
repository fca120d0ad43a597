# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Users: GET /users, GET /users/{id}, POST /users (create), POST /users/{id} (edit), DELETE /users/{id}.

Deleting forgets the user with its installs and backups (in the server's database only: files stay), as a task.
"""

import re

from . import envelope, jobs, params, websites
from .errors import invalid, not_found

FIELDS = ("id", "email", "type", "parent", "package", "language", "suspended", "websites")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


def user_json(state, user, full=True):
    """The user object; with switch ``user_list_full`` off, list items carry only id, type, email, suspended."""
    if not full:
        return {k: user[k] for k in ("id", "type", "email", "suspended")}
    language = state.switches["user_language_field"]
    result = {(language if k == "language" else k): user[k] for k in FIELDS if k != "websites"}
    result["websites"] = [websites.render(state, w) for w in user["websites"]]
    return result


def _load(state, user_id):
    user = state.users.get(user_id)
    if user is None:
        raise not_found("user_not_found", "User", user_id)
    return user


def changed(p, current):
    """``current`` with the given fields checked and applied (``websites`` replaces the whole definition)."""
    result = dict(current)
    email = params.email(p, "email")
    if email is not None or p.get("email") == "":
        result["email"] = email or ""
    result["type"] = params.choice(p, "type", ("user", "reseller"), current["type"])
    for name in ("parent", "package", "language"):
        value = params.text(p, name)
        if value is not None or p.get(name) == "":
            result[name] = value or ""
    result["suspended"] = params.flag(p, "suspended", current["suspended"])
    if "websites" in p:
        result["websites"] = websites.check(p["websites"])
    return result


def blank(user_id):
    """A new user record before its fields are applied."""
    return {"id": user_id, "email": "", "type": "user", "parent": "", "package": "", "language": "",
            "suspended": False, "websites": []}


def check_id(user_id):
    if not _ID.match(user_id):
        raise invalid("id", "A user id has 1 to 64 letters, digits and . _ @ - and starts with a letter or digit.")
    return user_id


def list_users(state, request):
    p = request.body
    params.check_known(state, p, ("offset", "limit"))
    offset, limit = params.paging(p)
    full = state.switches["user_list_full"]
    items = [user_json(state, state.users[k], full) for k in sorted(state.users)]
    return envelope.page(state, items, offset, limit)


def view_user(state, request):
    params.check_known(state, request.body, ())
    return envelope.ok(state, user_json(state, _load(state, request.params["id"])))


def create_user(state, request):
    p = request.body
    params.check_known(state, p, FIELDS)
    user_id = params.text(p, "id", required=True)
    check_id(user_id)
    if user_id in state.users:
        raise invalid("id", "The user %s already exists." % user_id)
    user = state.users[user_id] = changed(p, blank(user_id))
    return envelope.ok(state, user_json(state, user), "The user was created.")


def edit_user(state, request):
    p = request.body
    params.check_known(state, p, FIELDS)
    user = _load(state, request.params["id"])
    if params.text(p, "id") not in (None, user["id"]):
        raise invalid("id", "A user id cannot be changed.")
    user.update(changed(p, user))
    return envelope.ok(state, user_json(state, user), "The user was changed.")


def delete_user(state, request):
    p = request.body
    params.check_known(state, p, ("background", "dryrun"))
    user = _load(state, request.params["id"])
    background, mode = params.background(p), params.dryrun(p)
    if mode != "none":
        return envelope.dryrun(state)
    user_id = user["id"]

    def apply():
        state.users.pop(user_id, None)
        for install_id in [i for i, v in state.installs.items() if v["owner"] == user_id]:
            del state.installs[install_id]
        for backup_id in [b for b, v in state.backups.items() if v["owner"] == user_id]:
            del state.backups[backup_id]

    info = {"user": user_id, "ws_label": None, "url": None, "title": None, "label": None, "install": None}
    return jobs.start(state, background, "users/delete", info, apply, message="The user %s was deleted." % user_id)


def register(router):
    router.add("GET", "/users", list_users)
    router.add("GET", "/users/:id", view_user)
    router.add("POST", "/users", create_user)
    router.add("POST", "/users/:id", edit_user)
    router.add("DELETE", "/users/:id", delete_user)

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installs: GET /installs, GET /installs/{id}, POST /installs/{id} (edit), DELETE /installs/{id} (uninstall)."""

from . import catalog, envelope, jobs, params
from .browser import task_info
from .errors import not_found
from .install_build import DB_PARAMS, databases, fields, owner_of, placed, settings, target
from .install_json import install_json
from .state import ADMIN

EDIT_PARAMS = ("url", "autoup", "autoup_plugins", "autoup_themes", "autoup_backup", "notification", "bkloc",
               "autobk") + DB_PARAMS + ("user", "background", "dryrun")
# the app fields an edit may change (``content`` is example content, an install-time choice)
EDIT_FIELDS = ("login", "passwd", "email", "sitetitle", "sitetagline")


def visible(state, p, install_id, scope="user"):
    """The install, if the customer named by ``scope`` may see it (the admin sees all); 404 ``install_not_found``."""
    owner = owner_of(state, p, scope)
    install = state.installs.get(install_id)
    if install is None or (owner != ADMIN and install["owner"] != owner):
        raise not_found("install_not_found", "Install", install_id)
    return install


def _newer(install, minor):
    current = catalog.version_key(install["version"])
    for entry in catalog.versions(install["app"]):
        key = catalog.version_key(entry["version"])
        if key > current and (not minor or key[:2] == current[:2]):
            return True
    return False


def list_installs(state, request):
    p = request.body
    params.check_known(state, p, ("user", "offset", "limit", "q", "id", "filter-version-available",
                                  "filter-version-available-minor"))
    offset, limit = params.paging(p)
    owner = owner_of(state, p)
    items = [i for i in state.installs.values() if owner == ADMIN or i["owner"] == owner]
    query = (params.text(p, "q") or "").lower()
    if query:
        items = [i for i in items if any(query in str(i[k]).lower() for k in ("title", "url", "id", "app", "owner"))]
    wanted = params.text(p, "id")
    if wanted is not None:
        items = [i for i in items if i["id"] == wanted]
    if params.flag(p, "filter-version-available"):
        items = [i for i in items if _newer(i, minor=False)]
    if params.flag(p, "filter-version-available-minor"):
        items = [i for i in items if _newer(i, minor=True)]
    return envelope.page(state, [install_json(state, i) for i in items], offset, limit)


def view_install(state, request):
    p = request.body
    params.check_known(state, p, ("user",))
    return envelope.ok(state, install_json(state, visible(state, p, request.params["id"]), full=True))


def edit_install(state, request):
    p = request.body
    install = visible(state, p, request.params["id"])
    app_fields = tuple(f for f in catalog.field_ids(install["app"]) if f in EDIT_FIELDS)
    params.check_known(state, p, EDIT_PARAMS + app_fields)
    mode = params.dryrun(p)
    params.background(p)
    changed = dict(install)
    if params.text(p, "url") is not None:
        changed.update(placed(target(state, p, install["owner"], exclude=install["id"])))
    changed.update(settings(install["app"], p, changed))
    changed.update(databases(p, {k: changed[k] for k in DB_PARAMS}))
    changed["fields"] = fields(install["app"], p, install["fields"])
    changed["title"] = changed["fields"].get("sitetitle", install["title"])
    if mode != "none":
        return envelope.dryrun(state)
    install.update(changed)
    return envelope.ok(state, install_json(state, install, full=True), "The install was changed.")


def uninstall(state, request):
    p = request.body
    install = visible(state, p, request.params["id"])
    params.check_known(state, p, ("user", "background", "dryrun"))
    background, mode = params.background(p), params.dryrun(p)
    if mode != "none":
        return envelope.dryrun(state)

    def apply():
        state.installs.pop(install["id"], None)

    return jobs.start(state, background, "installs/uninstall", task_info(install), apply,
                      message="%s was uninstalled from %s." % (install["title"], install["url"]))


def register(router):
    router.add("GET", "/installs", list_installs)
    router.add("GET", "/installs/:id", view_install)
    router.add("POST", "/installs/:id", edit_install)
    router.add("DELETE", "/installs/:id", uninstall)

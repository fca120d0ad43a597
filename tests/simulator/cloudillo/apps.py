# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Apps: packages are APKG actions (``GET /api/apps``); installing takes the action's id and upserts on publisher and
name; every answer here is bare JSON (src: §1.4, §1.7)."""

from . import bodies
from .envelope import bare
from .errors import invalid, not_found


def package_view(action):
    view = {"name": action["name"], "publisherTag": action["publisher"], "version": action["version"],
            "actionId": action["actionId"], "fileId": action["fileId"]}
    if action.get("capabilities") is not None:
        view["capabilities"] = action["capabilities"]
    return view


def installed_view(app):
    view = {"appName": app["name"], "publisherTag": app["publisher"], "version": app["version"],
            "actionId": app["actionId"], "fileId": app["fileId"], "status": app["status"],
            "autoUpdate": app["autoUpdate"]}
    if app.get("capabilities") is not None:
        view["capabilities"] = app["capabilities"]
    return view


def install_package(tenant, action, auto_update=None):
    key = (action["publisher"], action["name"])
    previous = tenant["apps"].get(key)
    tenant["apps"][key] = {
        "name": action["name"], "publisher": action["publisher"], "version": action["version"],
        "actionId": action["actionId"], "fileId": action["fileId"], "status": "A",
        "capabilities": action.get("capabilities"),
        "autoUpdate": bool(auto_update) if auto_update is not None else (previous["autoUpdate"] if previous else False),
    }
    return tenant["apps"][key]


def list_packages(state, request):
    search = (request.query.get("search") or "").lower()
    found = [a for a in state.packages.values() if search in a["name"].lower() or search in a["publisher"].lower()]
    return bare([package_view(a) for a in found])


def install(state, request):
    body = bodies.fields(request, {"actionId": (str, True, False)})
    action = state.packages.get(body["actionId"])
    if action is None:
        raise not_found("Action not found")
    if action["type"] != "APKG":
        raise invalid("action is not an app package")
    app = install_package(request.user, action)
    return bare(installed_view(app), status=201)


def installed(state, request):
    return bare([installed_view(a) for a in request.user["apps"].values()])


def uninstall(state, request):
    publisher = request.params["publisher"]
    if not publisher.startswith("@"):
        raise not_found()
    key = (publisher[1:], request.params["name"])
    if key not in request.user["apps"]:
        raise not_found("App not installed")
    del request.user["apps"][key]
    return bare(None, status=204)


def register(router):
    router.add("GET", "/api/apps", list_packages, role="public")
    router.add("POST", "/api/apps/install", install, role="owner+apkg")
    router.add("GET", "/api/apps/installed", installed, role="owner+apkg")
    router.add("DELETE", "/api/apps/:publisher/:name", uninstall, role="owner+apkg")

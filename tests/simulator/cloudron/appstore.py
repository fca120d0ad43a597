# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""App Store: /api/v1/appstore/apps (the server proxies these to the store), and manifest downloads for installs.

Switch ``appstore``: "ok", "unregistered" (installs and updates from the store fail with 424
"Not registered") or "unreachable" (every store access fails with a 424 network error).
"""

from common.routing import Response

from . import appstore_catalog as catalog
from .errors import ApiError

MANIFEST_NETWORK_ERROR = "Network error downloading manifest:getaddrinfo ENOTFOUND api.cloudron.io"
LIST_NETWORK_ERROR = "Network error:getaddrinfo ENOTFOUND api.cloudron.io"


def _reachable(state, message):
    if state.switches["appstore"] == "unreachable":
        raise ApiError(424, message)


def download_manifest(state, app_store_id):
    """(store id, manifest) for ``id`` or ``id@version`` (latest without a version), or 404/424."""
    _reachable(state, MANIFEST_NETWORK_ERROR)
    app_id, version = (app_store_id.split("@", 1) + [""])[:2]
    found = catalog.entry(app_id, version or None)
    if found is None:
        raise ApiError(404, "Failed to get app info from store. status: 404")
    return app_id, found["manifest"]


def check_registered(state):
    """424 when the Cloudron has no App Store account (checked last, when the store app is purchased)."""
    if state.switches["appstore"] == "unregistered":
        raise ApiError(424, "Not registered")


def list_apps(state, request):
    _reachable(state, LIST_NETWORK_ERROR)
    return Response(200, {"apps": [catalog.entry(app_id) for app_id in catalog.app_ids()]})


def get_app(state, request):
    _reachable(state, LIST_NETWORK_ERROR)
    found = catalog.entry(request.params["id"])
    if found is None:
        raise ApiError(404, "No such app")
    return Response(200, found)


def get_version(state, request):
    _reachable(state, LIST_NETWORK_ERROR)
    found = catalog.entry(request.params["id"], request.params["version"])
    if found is None:
        raise ApiError(404, "No such app or version")
    return Response(200, found)


def register(router):
    router.add("GET", "/api/v1/appstore/apps", list_apps, "admin")
    router.add("GET", "/api/v1/appstore/apps/:id", get_app, "admin")
    router.add("GET", "/api/v1/appstore/apps/:id/versions/:version", get_version, "admin")

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The updater: offered updates (box and apps), the check, and the platform update task."""

import copy

from common.routing import Response

from . import appstore, appstore_catalog, backups, busy, versions
from .app_json import now_iso
from .app_rules import version_key
from .errors import ApiError

_UPDATE_STEPS = ((10, "Backing up"), (40, "Downloading release"), (70, "Installing"), (90, "Restarting"))


def box_offer(version, changelog=None, unstable=False):
    """A BoxUpdateInfo (the spec's schema) for ``version``."""
    base = "https://releases.cloudron.io/box-v%s" % version
    return {"version": version, "changelog": list(changelog or []), "sourceTarballUrl": base + ".tar.gz",
            "sourceTarballSigUrl": base + ".tar.gz.sig", "boxVersionsUrl": "https://releases.cloudron.io/versions.json",
            "boxVersionsSigUrl": "https://releases.cloudron.io/versions.json.sig", "unstable": bool(unstable)}


def app_offer(app, version):
    """An AppUpdateInfo (the spec's schema) for ``app`` at ``version``: the catalog's entry, or the app's own manifest
    with the new version for an app not from the store. None when the store does not know the version."""
    store_id = app.fields["appStoreId"]
    if store_id:
        entry = appstore_catalog.entry(store_id, version)
        if entry is None:
            return None
        return {"id": store_id, "creationDate": entry["ts"], "publishState": entry["publishState"],
                "manifest": entry["manifest"], "iconUrl": entry["iconUrl"], "unstable": False}
    manifest = dict(copy.deepcopy(app.fields["manifest"]), version=version)
    return {"id": manifest.get("id", ""), "creationDate": now_iso(), "publishState": "approved", "manifest": manifest,
            "iconUrl": "", "unstable": False}


def offered(state):
    """``{box?, <appId>...}`` as GET /updater/updates shows it: offers newer than what runs, of apps that exist."""
    updates = {}
    box = state.updates["box"]
    if box is not None and versions.parse(box["version"]) > versions.parse(state.version):
        updates["box"] = copy.deepcopy(box)
    for app_id, info in state.updates["apps"].items():
        app = state.apps.get(app_id)
        if app and version_key(info["manifest"]["version"]) > version_key(app.fields["manifest"].get("version")):
            updates[app_id] = copy.deepcopy(info)
    return updates


def get_updates(state, request):
    return Response(200, {"updates": offered(state)})


def check_for_updates(state, request):
    # the check asks the App Store
    if state.switches["appstore"] == "unreachable":
        raise ApiError(424, appstore.LIST_NETWORK_ERROR)
    for app in state.apps.values():
        store_id = app.fields["appStoreId"]
        if store_id and appstore_catalog.versions(store_id):
            latest = appstore_catalog.versions(store_id)[-1]
            if version_key(latest) > version_key(app.fields["manifest"].get("version")):
                state.updates["apps"][app.id] = app_offer(app, latest)
    answer = {"updates": offered(state)} if state.switches["check_updates_answer"] == "updates" else {}
    return Response(200, answer)


def update(state, request):
    busy.check_idle(state)
    box = offered(state).get("box")
    if box is None:
        raise ApiError(422, "No update available")
    skip_backup = bool(request.body.get("skipBackup"))
    record = None if skip_backup else backups.new_box_backup(state, state.version)

    def updated(task):
        if record is not None:
            backups.full_backup(state, record)
        state.version = box["version"]
        state.updates["box"] = None

    task = state.tasks.start(busy.UPDATE_TASK, [{"skipBackup": skip_backup}], seconds=4, steps=_UPDATE_STEPS,
                             fail=state.take_task_fault(busy.UPDATE_TASK), on_success=updated)
    return Response(202, {"taskId": task.id})


def register(router):
    router.add("GET", "/api/v1/updater/updates", get_updates, "admin")
    router.add("POST", "/api/v1/updater/check_for_updates", check_for_updates, "admin")
    router.add("POST", "/api/v1/updater/update", update, "admin")

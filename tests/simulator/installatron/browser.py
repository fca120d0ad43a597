# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The catalogue and installing: GET /browser, GET /browser/{appId}, POST /browser/{appId}/install."""

from urllib.parse import urlsplit

from . import catalog, envelope, jobs, params
from .errors import invalid, not_found
from .install_build import build, owner_of, pick_version, target
from .install_json import install_json

INSTALL_PARAMS = (
    "url", "version", "language", "autoup", "autoup_plugins", "autoup_themes", "autoup_backup", "notification",
    "bkloc", "autobk", "autobk_schedule", "autobk_custom_daily", "autobk_custom_weekly", "autobk_custom_monthly",
    "db_host", "db_name", "db_user", "db_pass", "db_prefix", "url_ip", "user", "background", "dryrun",
)


def _app(state, app_id, installing=False):
    if catalog.app(app_id) is None:
        if installing and state.switches["install_unknown_app"] == "invalid_argument_application":
            raise invalid("application", "There is no application %s." % app_id)
        raise not_found("application_not_found", "Application", app_id)
    return app_id


def list_apps(state, request):
    p = request.body
    params.check_known(state, p, ("language", "user", "offset", "limit"))
    offset, limit = params.paging(p)
    owner_of(state, p)
    params.text(p, "language")
    return envelope.page(state, [catalog.summary(a) for a in sorted(catalog.APPS)], offset, limit)


def view_app(state, request):
    p = request.body
    app_id = _app(state, request.params["app"])
    params.check_known(state, p, ("version", "from_version", "language", "user", "offset", "limit"))
    params.paging(p)
    owner_of(state, p)
    chosen = params.text(p, "version")
    for name in ("version", "from_version"):
        value = params.text(p, name)
        if value is not None and catalog.version(app_id, value) is None:
            raise invalid(name, "Version %s of %s does not exist." % (value, app_id))
    return envelope.ok(state, catalog.details(app_id, chosen))


def task_info(install):
    """What a task about ``install`` shows, and the location it holds while it runs."""
    parts = urlsplit(install["url"])
    return {"user": install["owner"], "ws_label": install["ws_label"], "url": install["url"], "title": install["title"],
            "label": catalog.APPS[install["app"]]["name"], "install": install["id"],
            "location": [parts.netloc, parts.path]}


def install(state, request):
    p = request.body
    app_id = _app(state, request.params["app"], installing=True)
    params.check_known(state, p, INSTALL_PARAMS + tuple(catalog.field_ids(app_id)))
    background, mode = params.background(p), params.dryrun(p)
    owner = owner_of(state, p)
    spot = target(state, p, owner)
    record = build(state, app_id, owner, spot, p, pick_version(app_id, p))
    if mode != "none":
        return envelope.dryrun(state)

    def apply():
        state.installs[record["id"]] = record

    return jobs.start(state, background, "browser/install", task_info(record), apply,
                      planned=install_json(state, record), result=lambda: install_json(state, record, full=True),
                      message="%s was installed at %s." % (catalog.APPS[app_id]["name"], record["url"]))


def register(router):
    router.add("GET", "/browser", list_apps)
    router.add("GET", "/browser/:app", view_app)
    router.add("POST", "/browser/:app/install", install)

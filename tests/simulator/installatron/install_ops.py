# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Operations on an install: POST /installs/{id}/update, /backup, /clone and /login."""

import copy
import time
from urllib.parse import urlencode

from . import catalog, envelope, jobs, params
from .backups import backup_json
from .browser import task_info
from .errors import invalid
from .install_build import new_db_name, owner_of, placed, target
from .install_json import install_json
from .installs import visible


def _pick_update_version(install, p):
    """The version to update to (``current`` keeps it); 400 for unknown, equal, older or unmet versions."""
    name = params.text(p, "version") or catalog.newest(install["app"])
    if name == "current":
        return install["version"]
    entry = catalog.version(install["app"], name)
    if entry is None:
        raise invalid("version", "Version %s of %s does not exist." % (name, install["app"]))
    if catalog.version_key(name) <= catalog.version_key(install["version"]):
        raise invalid("version", "%s is at version %s; it cannot be updated to %s." % (install["id"], install["version"], name))
    if not entry["requirements_met"]:
        raise invalid("version", "Version %s needs %s." % (name, entry["requirements"]),
                      errcode="invalid_argument_version_unmetrequirements")
    return name


def _extension_slugs(install, p, kind):
    """Slugs of ``plugins``/``themes`` to update ([] = all of them); None when not given."""
    slugs = params.strings(p, kind)
    if slugs is None:
        return None
    if install[kind] is None:
        raise invalid(kind, "Only WordPress installs have %s." % kind)
    unknown = [s for s in slugs if s not in install[kind]]
    if unknown:
        raise invalid(kind, "The install has no %s %s." % (kind[:-1], unknown[0]))
    return slugs or list(install[kind])


def update(state, request):
    p = request.body
    install = visible(state, p, request.params["id"])
    params.check_known(state, p, ("version", "plugins", "themes", "revert", "user", "background", "dryrun"))
    background, mode = params.background(p), params.dryrun(p)
    params.flag(p, "revert")
    version = _pick_update_version(install, p)
    chosen = {kind: _extension_slugs(install, p, kind) for kind in ("plugins", "themes")}
    if mode != "none":
        return envelope.dryrun(state)

    def apply():
        install["version"] = version
        for kind, slugs in chosen.items():
            for slug in slugs or ():
                known = catalog.APPS[install["app"]][kind].get(slug)
                if known and slug in install[kind]:
                    install[kind][slug]["version"] = known[1]

    planned = dict(install_json(state, install), version=version)
    return jobs.start(state, background, "installs/update", task_info(install), apply, planned=planned,
                      result=lambda: install_json(state, install, full=True),
                      message="%s was updated to %s." % (install["title"], version))


def backup(state, request):
    p = request.body
    install = visible(state, p, request.params["id"])
    params.check_known(state, p, ("bkloc", "note", "user", "background", "dryrun"))
    background, mode = params.background(p), params.dryrun(p)
    location = params.text(p, "bkloc", install["bkloc"])
    note = params.text(p, "note", "")
    if mode != "none":
        return envelope.dryrun(state)
    now = state.now()
    record = {
        "id": state.new_number(state.taken_ids(), "backup-"),
        "backup_filename": "%s.%s.tar.gz" % (install["id"], time.strftime("%Y-%m-%d_%H-%M-%S", time.gmtime(now))),
        "backup_install": install["id"], "backup_location": location, "backup_note": note, "backup_time": now,
        "owner": install["owner"],
    }

    def apply():
        state.backups[record["id"]] = record

    return jobs.start(state, background, "installs/backup", dict(task_info(install), backup=record["id"]), apply,
                      planned=backup_json(record), result=lambda: backup_json(record),
                      message="%s was backed up." % install["title"])


def clone(state, request):
    p = request.body
    params.check_known(state, p, ("url", "stage", "url_ip", "user", "source_user", "background", "dryrun"))
    scope = "source_user" if params.text(p, "source_user") is not None else "user"
    source = visible(state, p, request.params["id"], scope)
    background, mode = params.background(p), params.dryrun(p)
    params.flag(p, "stage")
    params.text(p, "url_ip")
    owner = owner_of(state, p)
    spot = target(state, p, owner)
    if mode != "none":
        return envelope.dryrun(state)
    record = copy.deepcopy(source)
    record.update(placed(spot), id=state.new_number(state.taken_ids(), source["app"] + "-"), owner=owner,
                  time=state.now(), db_pass=state.new_secret(16))
    record["db_name"] = record["db_user"] = new_db_name(state, owner, source["app"])

    def apply():
        state.installs[record["id"]] = record

    return jobs.start(state, background, "installs/clone", task_info(record), apply,
                      planned=install_json(state, record), result=lambda: install_json(state, record, full=True),
                      message="%s was cloned to %s." % (source["title"], record["url"]))


def login(state, request):
    p = request.body
    install = visible(state, p, request.params["id"])
    params.check_known(state, p, ("url", "user", "background", "dryrun"))
    params.background(p)
    mode = params.dryrun(p)
    admin_path = catalog.APPS[install["app"]]["admin_path"]
    if admin_path is None:
        raise invalid("application", "%s has no single sign-on." % catalog.APPS[install["app"]]["name"])
    page = params.text(p, "url")
    if mode != "none":
        return envelope.dryrun(state)
    query = {"installatron_sso": state.new_secret(32)}
    if page:
        query["redirect_to"] = page
    return envelope.ok(state, "%s%s?%s" % (install["url"], admin_path, urlencode(query)), "Log in at this URL.")


def register(router):
    router.add("POST", "/installs/:id/update", update)
    router.add("POST", "/installs/:id/backup", backup)
    router.add("POST", "/installs/:id/clone", clone)
    router.add("POST", "/installs/:id/login", login)

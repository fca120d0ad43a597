# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""POST /_control/seed: users (with websites), installs (with plugins and themes) and backups, created directly.

Seeds go through the same checks as the API (website definitions, URLs on the owner's websites, field values), but
any catalogue version may be seeded. All or nothing: on a 400 nothing of the request stays.
"""

import copy
import time

from common.control import need
from common.errors import HttpError
from common.routing import Response

from . import catalog, users
from .errors import ApiError
from .install_build import build, target
from .state import ADMIN

_INSTALL_ONLY = ("app", "user", "id", "version", "plugins", "themes", "time")


def _seed_user(state, spec):
    if not isinstance(spec, dict):
        raise HttpError(400, "each user must be an object")
    user_id = users.check_id(need(spec, "id", str, required=True))
    if user_id in state.users:
        raise HttpError(400, "duplicate user %s" % user_id)
    state.users[user_id] = users.changed(spec, users.blank(user_id))
    return user_id


def _extensions(app_id, kind, specs):
    known = catalog.APPS[app_id].get(kind)
    if known is None:
        raise HttpError(400, "only WordPress installs have %s" % kind)
    result = {}
    for spec in specs:
        spec = {"id": spec} if isinstance(spec, str) else spec
        slug = need(spec, "id", str, required=True) if isinstance(spec, dict) else None
        if slug is None:
            raise HttpError(400, "each of %s must be a slug or an object with id" % kind)
        name, version = known.get(slug, (slug.replace("-", " ").title(), "1.0"))
        result[slug] = {"id": slug, "name": need(spec, "name", str) or name, "version": need(spec, "version", str) or version,
                        "activated": bool(need(spec, "activated", bool)), "autoup": need(spec, "autoup", str) or "none"}
    return result


def _seed_install(state, spec):
    if not isinstance(spec, dict):
        raise HttpError(400, "each install must be an object")
    app_id = need(spec, "app", str, required=True)
    if catalog.app(app_id) is None:
        raise HttpError(400, "no app %s in the catalogue" % app_id)
    owner = need(spec, "user", str) or ADMIN
    if owner != ADMIN and owner not in state.users:
        raise HttpError(400, "no user %s" % owner)
    version = need(spec, "version", str) or catalog.newest(app_id)
    if catalog.version(app_id, version) is None:
        raise HttpError(400, "no version %s of %s" % (version, app_id))
    values = {k: v for k, v in spec.items() if k not in _INSTALL_ONLY}
    record = build(state, app_id, owner, target(state, values, owner), values, version)
    wanted = need(spec, "id", str)
    if wanted is not None:
        if wanted in state.installs:
            raise HttpError(400, "duplicate install %s" % wanted)
        record["id"] = wanted
    record["time"] = need(spec, "time", int) or record["time"]
    for kind in ("plugins", "themes"):
        if need(spec, kind, list) is not None:
            record[kind] = _extensions(app_id, kind, spec[kind])
    state.installs[record["id"]] = record
    return record["url"], record["id"]


def _seed_backup(state, spec):
    if not isinstance(spec, dict):
        raise HttpError(400, "each backup must be an object")
    install = state.installs.get(need(spec, "install", str, required=True))
    if install is None:
        raise HttpError(400, "no install %s" % spec["install"])
    backup_id = need(spec, "id", str) or state.new_number(state.taken_ids(), "backup-")
    if backup_id in state.backups:
        raise HttpError(400, "duplicate backup %s" % backup_id)
    when = need(spec, "time", int) or state.now()
    state.backups[backup_id] = {
        "id": backup_id, "backup_install": install["id"],
        "backup_filename": need(spec, "filename", str) or "%s.%s.tar.gz" % (
            install["id"], time.strftime("%Y-%m-%d_%H-%M-%S", time.gmtime(when))),
        "backup_location": need(spec, "location", str) or "", "backup_note": need(spec, "note", str) or "",
        "backup_time": when, "owner": install["owner"],
    }
    return backup_id


def seed(state, request):
    body = request.body
    kept = copy.deepcopy((state.users, state.installs, state.backups))
    random_state = state.rng.getstate()
    try:
        made_users = [_seed_user(state, spec) for spec in need(body, "users", list) or []]
        made_installs = dict(_seed_install(state, spec) for spec in need(body, "installs", list) or [])
        made_backups = [_seed_backup(state, spec) for spec in need(body, "backups", list) or []]
    except (HttpError, ApiError) as error:
        state.users, state.installs, state.backups = kept
        state.rng.setstate(random_state)
        if isinstance(error, ApiError):
            raise HttpError(400, "%s: %s" % (error.errcode, error.message)) from error
        raise
    return Response(200, {"users": made_users, "installs": made_installs, "backups": made_backups})

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""WordPress plugins of an install: GET /installs/{id}/plugins, POST and DELETE /installs/{id}/plugins/{slug}.

Only WordPress installs have plugins (others: 400 ``invalid_argument_application``). POST adds a plugin that is not
there: known slugs get their catalogue name and version, other well-formed slugs a name made from the slug and
version 1.0; a malformed slug is ``plugin_not_found``.
"""

import re

from . import catalog, envelope, params
from .errors import invalid, not_found
from .install_json import plugin_json
from .installs import visible

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


def _wordpress(state, p, install_id):
    install = visible(state, p, install_id)
    if install["plugins"] is None:
        raise invalid("application", "Only WordPress installs have plugins.")
    return install


def list_plugins(state, request):
    p = request.body
    params.check_known(state, p, ("user", "offset", "limit"))
    offset, limit = params.paging(p)
    install = _wordpress(state, p, request.params["id"])
    return envelope.page(state, [plugin_json(x) for x in install["plugins"].values()], offset, limit)


def set_plugin(state, request):
    p = request.body
    params.check_known(state, p, ("activated", "autoup", "user", "background", "dryrun"))
    install = _wordpress(state, p, request.params["id"])
    slug = request.params["slug"]
    params.background(p)
    mode = params.dryrun(p)
    plugin = install["plugins"].get(slug)
    if plugin is None:
        if not _SLUG.match(slug):
            raise not_found("plugin_not_found", "Plugin", slug)
        name, version = catalog.APPS["wordpress"]["plugins"].get(slug, (slug.replace("-", " ").title(), "1.0"))
        plugin = {"id": slug, "name": name, "version": version, "activated": False,
                  "autoup": "all" if install["autoup_plugins"] == "all" else "none"}
    changed = dict(plugin, activated=params.flag(p, "activated", plugin["activated"]),
                   autoup=params.choice(p, "autoup", ("none", "all"), plugin["autoup"]))
    if mode != "none":
        return envelope.dryrun(state)
    install["plugins"][slug] = changed
    return envelope.ok(state, plugin_json(changed), "The plugin was saved.")


def delete_plugin(state, request):
    p = request.body
    params.check_known(state, p, ("user", "background", "dryrun"))
    install = _wordpress(state, p, request.params["id"])
    slug = request.params["slug"]
    params.background(p)
    mode = params.dryrun(p)
    if slug not in install["plugins"]:
        raise not_found("plugin_not_found", "Plugin", slug)
    if mode != "none":
        return envelope.dryrun(state)
    del install["plugins"][slug]
    return envelope.ok(state, None, "The plugin was removed.")


def register(router):
    router.add("GET", "/installs/:id/plugins", list_plugins)
    router.add("POST", "/installs/:id/plugins/:slug", set_plugin)
    router.add("DELETE", "/installs/:id/plugins/:slug", delete_plugin)

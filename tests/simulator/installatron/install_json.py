# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The install object as reads show it: v1 field names (``installer``, ``url-domain``, ``db-host``, ``cf-login``,
...) or, with switch ``install_field_names: "v2"``, plain names (``app``, ``url_domain``, ``db_host``, ``login``)."""

from . import catalog
from .websites import echo_path

# stored name -> (v1 name, v2 name); "fields" values are stored under their field id
_NAMES = (
    ("id", "id", "id"), ("app", "installer", "app"), ("version", "version", "version"),
    ("language", "language", "language"), ("time", "time", "time"), ("owner", "owner", "owner"),
    ("path", "path", "path"), ("url", "url", "url"), ("url_domain", "url-domain", "url_domain"),
    ("db_host", "db-host", "db_host"), ("db_type", "db-type", "db_type"), ("db_name", "db-name", "db_name"),
    ("db_user", "db-user", "db_user"), ("db_pass", "db-pass", "db_pass"), ("db_prefix", "db-prefix", "db_prefix"),
    ("title", "title", "title"), ("autoup", "autoup", "autoup"), ("bkloc", "bkloc", "bkloc"),
    ("autobk", "autobk", "autobk"),
)
# fields shown (the admin password never is)
_FIELDS = ("login", "email", "sitetitle", "sitetagline")
_WORDPRESS = ("autoup_plugins", "autoup_themes", "autoup_backup")


def plugin_json(plugin):
    return {k: plugin[k] for k in ("id", "name", "version", "activated", "autoup")}


def install_json(state, install, full=False):
    """The install object; ``full`` (GET /installs/{id}) adds the plugin and theme lists of WordPress installs."""
    v2 = state.switches["install_field_names"] == "v2"
    result = {}
    for stored, v1_name, v2_name in _NAMES:
        result[v2_name if v2 else v1_name] = install[stored]
    result["time"] = str(install["time"])
    result["path"] = echo_path(install["path"], state.switches["echo_path_credentials"])
    for name in _FIELDS:
        if name in install["fields"]:
            result[name if v2 else "cf-" + name] = install["fields"][name]
    result["notification"] = list(install["notification"])
    if catalog.has_plugins(install["app"]):
        for name in _WORDPRESS:
            result[name] = install[name]
        if full:
            result["plugins"] = [plugin_json(p) for p in install["plugins"].values()]
            result["themes"] = [plugin_json(t) for t in install["themes"].values()]
    return result

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checking install parameters and building install records (for installs, clones, edits and seeds).

URL rules: an http(s) URL (no query or fragment) whose scheme and host are a vhost of one of the owner's websites;
a location (host and path, any scheme) already installed, or being installed by a queued or running task, is
taken. The acting admin (no ``user``) has websites only once a user ``admin`` exists.
"""

import re
from urllib.parse import urlsplit

from . import catalog, params, websites
from .errors import ApiError, invalid
from .state import ADMIN

DB_PARAMS = ("db_host", "db_name", "db_user", "db_pass", "db_prefix")
_LOGIN = re.compile(r"^[A-Za-z0-9_.@-]{1,60}$")


def owner_of(state, request_params, name="user"):
    """The customer a request acts for: its ``user`` (403 ``invalid_argument_<name>`` when unknown), else the admin."""
    user = params.text(request_params, name)
    if user is None:
        return ADMIN
    if user not in state.users:
        raise ApiError(403, "invalid_argument_" + name, "The user %s does not exist." % user, name)
    return user


def normalize_url(text):
    """``scheme://host[:port][/path]`` without a trailing slash, or None for anything but a plain http(s) URL."""
    parts = urlsplit(text.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        return None
    path = re.sub("/+", "/", parts.path).rstrip("/")
    return "%s://%s%s" % (parts.scheme.lower(), parts.netloc.lower(), path)


def location(url):
    parts = urlsplit(url)
    return parts.netloc, parts.path


def taken(state, url, exclude=None):
    """Whether the URL's location is installed (other than install ``exclude``) or being installed."""
    spot = location(url)
    if any(location(i["url"]) == spot for i in state.installs.values() if i["id"] != exclude):
        return True
    return any(t.info.get("location") == list(spot) and not state.tasks.finished(t) for t in state.tasks.all())


def target(state, request_params, owner, exclude=None):
    """(url, website, docroot) for the ``url`` parameter, checked against ``owner``'s websites."""
    raw = params.text(request_params, "url", required=True)
    url = normalize_url(raw)
    found = websites.locate(state.users.get(owner), url) if url else None
    if found is None:
        raise invalid("url", "The URL %s is not on a website of user %s." % (raw, owner))
    if taken(state, url, exclude):
        raise invalid("url", "An application is already installed at %s." % url,
                      errcode="invalid_argument_url_alreadyexists")
    return url, found[0], found[1]


def pick_version(app_id, request_params, default=None):
    """The ``version`` parameter checked against the catalogue (default: ``default``, else the newest)."""
    name = params.text(request_params, "version") or default or catalog.newest(app_id)
    entry = catalog.version(app_id, name)
    if entry is None:
        raise invalid("version", "Version %s of %s does not exist." % (name, app_id))
    if not entry["requirements_met"]:
        raise invalid("version", "Version %s of %s needs %s." % (name, app_id, entry["requirements"]),
                      errcode="invalid_argument_version_unmetrequirements")
    return name


def check_field(name, value):
    """A field value checked like the installer does; 400 ``invalid_argument_<field>``."""
    if name == "login" and not _LOGIN.match(value):
        raise invalid(name, "The login may have 1 to 60 letters, digits and _ . @ -.")
    if name == "passwd" and len(value) < 8:
        raise invalid(name, "The password must have at least 8 characters.")
    if name == "email" and not params.EMAIL.match(value):
        raise invalid(name, "%s is not a valid email address." % value)
    if name in ("sitetitle", "sitetagline") and len(value) > 255:
        raise invalid(name, "The %s may have at most 255 characters." % name)
    if name == "sitetitle" and not value.strip():
        raise invalid(name, "The site title must not be empty.")
    if name == "content" and (not value or any(c.isspace() for c in value)):
        raise invalid(name, "content must be yes, no or a template id.")
    return value


def fields(app_id, request_params, current):
    """The app's field values: given ones checked, the others from ``current``."""
    result = dict(current)
    for name in catalog.field_ids(app_id):
        value = params.text(request_params, name)
        if value is not None:
            result[name] = check_field(name, value)
    return result


def settings(app_id, request_params, current):
    """autoup*, notification, bkloc, autobk: given ones checked, the others from ``current``."""
    result = dict(current)
    result["autoup"] = params.choice(request_params, "autoup", ("none", "all", "minor"), current["autoup"])
    if catalog.has_plugins(app_id):
        for name in ("autoup_plugins", "autoup_themes"):
            result[name] = params.choice(request_params, name, ("none", "all", "custom"), current[name])
        result["autoup_backup"] = params.choice(request_params, "autoup_backup", ("none", "all"), current["autoup_backup"])
    notification = params.strings(request_params, "notification")
    if notification is not None:
        result["notification"] = notification
    for name in ("bkloc", "autobk"):
        value = params.text(request_params, name)
        if value is not None:
            result[name] = value
    return result


def databases(request_params, current):
    result = dict(current)
    for name in DB_PARAMS:
        value = params.text(request_params, name)
        if value is not None:
            result[name] = value
    return result


def default_fields(app_id, owner_record, website, domain, state):
    entry = catalog.APPS[app_id]
    email = website.get("email") or (owner_record or {}).get("email") or "admin@" + domain
    values = {"login": "admin", "passwd": state.new_secret(12), "email": email}
    values.update(entry["defaults"])
    return {k: v for k, v in values.items() if k in catalog.field_ids(app_id)}


def new_db_name(state, owner, app_id):
    base = "%s_%s" % (re.sub(r"[^A-Za-z0-9]", "_", owner)[:16], catalog.APPS[app_id]["db"][0])
    names = {i["db_name"] for i in state.installs.values()}
    number = 1
    while "%s%d" % (base, number) in names:
        number += 1
    return "%s%d" % (base, number)


def _extensions(app_id, kind, chosen=None):
    entry = catalog.APPS[app_id]
    if kind not in entry:
        return None
    slugs = entry["default_" + kind] if chosen is None else chosen
    # a new WordPress has its default theme active and its bundled plugins inactive
    return {slug: {"id": slug, "name": entry[kind][slug][0], "version": entry[kind][slug][1],
                   "activated": kind == "themes", "autoup": "none"} for slug in slugs}


def placed(spot):
    """The install keys that follow from a checked ``spot`` = (url, website, docroot)."""
    url, website, docroot = spot
    parts = urlsplit(url)
    return {"url": url, "url_domain": parts.hostname, "ws_label": website["label"],
            "path": websites.join(website["path"], docroot, parts.path)}


def build(state, app_id, owner, spot, request_params, version):
    """A new install record (not stored) for a checked ``spot`` = (url, website, docroot)."""
    url, website, _docroot = spot
    entry = catalog.APPS[app_id]
    domain = urlsplit(url).hostname
    defaults = {"autoup": "minor", "autoup_plugins": "none", "autoup_themes": "none", "autoup_backup": "all",
                "notification": [], "bkloc": "", "autobk": ""}
    install = {
        "id": state.new_number(state.taken_ids(), app_id + "-"), "app": app_id, "version": version,
        "language": params.choice(request_params, "language", entry["languages"], "en"),
        "time": state.now(), "owner": owner, **placed(spot),
        "db_host": website["mysql_host"] or "localhost", "db_type": "mysql",
        "db_name": new_db_name(state, owner, app_id), "db_pass": state.new_secret(16), "db_prefix": entry["db"][1],
    }
    install["db_user"] = install["db_name"]
    install.update(databases(request_params, {k: install[k] for k in DB_PARAMS}))
    install.update(settings(app_id, request_params, defaults))
    install["fields"] = fields(app_id, request_params, default_fields(app_id, state.users.get(owner), website, domain, state))
    install["title"] = install["fields"].get("sitetitle", entry["name"])
    install["plugins"] = _extensions(app_id, "plugins")
    install["themes"] = _extensions(app_id, "themes")
    if install["plugins"] is not None:
        autoup = "all" if install["autoup_plugins"] == "all" else "none"
        for plugin in install["plugins"].values():
            plugin["autoup"] = autoup
    return install

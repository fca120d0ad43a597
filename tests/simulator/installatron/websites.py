# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Websites of a user: checking a ``websites[]`` definition, showing it, and finding the website a URL is on.

A website's ``path`` is a local directory or a ``sftp://``, ``ftp://``, ``ftps://`` or ``ssh://`` URI with
URL-encoded credentials; ``vhosts`` maps ``http(s)://domain`` to a document root relative to ``path``. The state
keeps paths as given (credentials included); reads show them as switch ``echo_path_credentials`` says.
"""

import posixpath
import re
from urllib.parse import urlsplit, urlunsplit

from .errors import invalid

SCHEMES = ("sftp", "ftp", "ftps", "ssh")
_TEXT_KEYS = ("label", "email", "server", "vhost_ip", "path_backups", "mysql_host", "language")
_KEYS = ("path", "vhosts") + _TEXT_KEYS + ("uid", "gid", "suspended")
_USERINFO = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*$")


def _bad(index, message):
    return invalid("websites", "websites[%d]: %s" % (index, message))


def _check_path(index, path):
    if not isinstance(path, str) or not path:
        raise _bad(index, "path is required")
    if path.startswith("/"):
        return path
    parts = urlsplit(path)
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise _bad(index, "path must be a local path or a %s URI" % "/".join(s + "://" for s in SCHEMES))
    userinfo = parts.netloc.rpartition("@")[0]
    if not _USERINFO.match(userinfo):
        raise _bad(index, "the credentials in path must be URL-encoded")
    return path


def host_url(text):
    """``scheme://host[:port]`` in lower case for an http(s) URL, or None."""
    parts = urlsplit(text.strip()) if isinstance(text, str) else None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return "%s://%s" % (parts.scheme.lower(), parts.netloc.lower())


def _check_vhosts(index, vhosts):
    if vhosts is None:
        return {}
    if not isinstance(vhosts, dict):
        raise _bad(index, "vhosts must map http(s)://domain to a document root")
    result = {}
    for key, docroot in vhosts.items():
        normalized = host_url(key)
        if normalized is None or urlsplit(key.strip()).path not in ("", "/") or not isinstance(docroot, str):
            raise _bad(index, "vhosts must map http(s)://domain to a document root, not %r" % key)
        result[normalized] = docroot
    return result


def _check_int(index, name, value):
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not re.match(r"^\d+$", str(value)):
        raise _bad(index, "%s must be a number" % name)
    return int(value)


def _check_one(index, spec):
    if not isinstance(spec, dict):
        raise _bad(index, "each website must be an object")
    unknown = sorted(set(spec) - set(_KEYS))
    if unknown:
        raise _bad(index, "unknown key %s" % unknown[0])
    website = {"path": _check_path(index, spec.get("path")), "vhosts": _check_vhosts(index, spec.get("vhosts"))}
    for name in _TEXT_KEYS:
        value = spec.get(name, "")
        if not isinstance(value, str):
            raise _bad(index, "%s must be a string" % name)
        website[name] = value
    website["uid"] = _check_int(index, "uid", spec.get("uid"))
    website["gid"] = _check_int(index, "gid", spec.get("gid"))
    suspended = spec.get("suspended", False)
    if suspended not in (True, False, 0, 1, "0", "1", "true", "false"):
        raise _bad(index, "suspended must be true or false")
    website["suspended"] = suspended in (True, 1, "1", "true")
    return website


def check(value):
    """The stored form of a ``websites`` parameter (a list of website objects); 400 ``invalid_argument_websites``."""
    if isinstance(value, dict):     # a form-encoded list with gaps stays an object
        value = list(value.values())
    if not isinstance(value, list):
        raise invalid("websites", "websites must be a list of website objects")
    return [_check_one(index, spec) for index, spec in enumerate(value)]


def echo_path(path, mode):
    """A stored path as reads show it: ``mode`` "all" as stored, "user" without the password, "none" without both."""
    if mode == "all" or path.startswith("/"):
        return path
    parts = urlsplit(path)
    userinfo, _at, hostport = parts.netloc.rpartition("@")
    login = userinfo.split(":", 1)[0]
    netloc = "%s@%s" % (login, hostport) if mode == "user" and login else hostport
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def render(state, website):
    return dict(website, path=echo_path(website["path"], state.switches["echo_path_credentials"]),
                vhosts=dict(website["vhosts"]))


def join(path, docroot, url_path):
    """The directory of a URL path under a website's path and a vhost's document root (credentials kept)."""
    if path.startswith("/"):
        return posixpath.normpath(posixpath.join(path, docroot.lstrip("/"), url_path.lstrip("/")))
    parts = urlsplit(path)
    inner = posixpath.normpath(posixpath.join(parts.path or "/", docroot.lstrip("/"), url_path.lstrip("/")))
    return urlunsplit((parts.scheme, parts.netloc, inner, "", ""))


def locate(user, url):
    """(website, docroot) of the user's website with a vhost for ``url``'s scheme and host, or None."""
    key = host_url(url)
    for website in (user or {}).get("websites", []):
        if key in website["vhosts"]:
            return website, website["vhosts"][key]
    return None

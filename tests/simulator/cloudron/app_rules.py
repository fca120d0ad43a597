# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks of app settings (install, clone, configure), with the server's messages."""

import base64
import binascii
import re

from . import versions
from .domains import load as load_domain
from .errors import ApiError
from .state import fqdn_of

# public ports the server itself uses (keep in sync with the facts' list)
RESERVED_PORTS = frozenset((22, 25, 53, 80, 143, 202, 222, 443, 465, 587, 993, 2003, 2004, 2020, 2514, 2525, 3000, 3001, 3002,
                            3003, 3306, 4190, 8000, 8417))
RESERVED_SUBDOMAINS = ("smtp", "imap")
DEFAULT_MEMORY_LIMIT = 256 * 1024 * 1024
# twice the RAM of the simulated server (4 GiB)
MAX_MEMORY_LIMIT = 2 * 4 * 1024 * 1024 * 1024
LOCATION_LISTS = ("secondaryDomains", "redirectDomains", "aliasDomains")
MANIFEST_REQUIRED = ("id", "title", "author", "description", "tagline", "version", "manifestVersion", "healthCheckPath", "httpPort",
                     "website", "contactEmail")
_PORT_NAME = re.compile(r"^[a-zA-Z0-9_]+$")
_ENV_NAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
_SUBDOMAIN = re.compile(r"^[A-Za-z0-9-.]+$")
_MAILBOX = re.compile(r"^[a-zA-Z0-9.-]{1,199}$")
_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")


def version_key(version):
    """``"3.5.1"`` -> ``(3, 5, 1)`` for comparing app versions."""
    found = _SEMVER.match(str(version))
    return tuple(int(part) for part in found.groups()) if found else (0, 0, 0)


def check_manifest(manifest, server_version):
    for name in MANIFEST_REQUIRED:
        if name not in manifest:
            raise ApiError(400, "Manifest error: Missing required property: %s" % name)
    if not _SEMVER.match(str(manifest["version"])):
        raise ApiError(400, "Manifest error: version is not a valid semver")
    if not isinstance(manifest["manifestVersion"], int) or manifest["manifestVersion"] > 2:
        raise ApiError(400, "Manifest version must be <= 2")
    if not manifest.get("dockerImage"):
        raise ApiError(400, "Missing dockerImage")
    minimum = manifest.get("minBoxVersion")
    if minimum and _SEMVER.match(str(minimum)) and version_key(minimum) > versions.parse(server_version):
        raise ApiError(400, "App version requires a new platform version")


def check_hostname(subdomain, domain, dashboard):
    """400 for a location that is reserved (smtp, imap, the ``dashboard`` host) or badly formed."""
    hostname = fqdn_of(subdomain, domain)
    if subdomain in RESERVED_SUBDOMAINS or hostname == dashboard:
        raise ApiError(400, "Bad location: %s is reserved" % subdomain)
    if len(hostname) > 253:
        raise ApiError(400, "Bad location: Hostname length exceeds 253 characters")
    if subdomain:
        if any(len(label) < 1 or len(label) > 63 for label in subdomain.split(".")):
            raise ApiError(400, "Bad location: Invalid subdomain length")
        if not _SUBDOMAIN.match(subdomain):
            raise ApiError(400, "Bad location: Subdomain can only contain alphanumeric, hyphen and dot")
        if subdomain[0] in "-." or subdomain[-1] in "-.":
            raise ApiError(400, "Bad location: Subdomain cannot start or end with hyphen or dot")


def _used(state, exclude):
    """fqdns and host ports taken by apps other than ``exclude``."""
    fqdns, ports = set(), set()
    for app in state.apps.values():
        if app is exclude:
            continue
        fqdns.add(app.fqdn)
        fqdns.update(fqdn_of(location["subdomain"], location["domain"]) for key in LOCATION_LISTS for location in app.fields[key])
        ports.update(app.fields["ports"].values())
    return fqdns, ports


def check_locations(state, subdomain, domain, others, exclude=None):
    """Validated (subdomain, domain, {list name: locations}) of an app; 404 unknown domain, 400 bad name, 409 taken.

    ``others`` maps secondaryDomains/redirectDomains/aliasDomains to lists of {domain, subdomain, ...}.
    """
    subdomain, domain = subdomain.lower(), load_domain(state, domain).domain
    check_hostname(subdomain, domain, state.dashboard_fqdn())
    lists = {}
    for key, locations in others.items():
        lists[key] = []
        for location in locations:
            item = dict(location, subdomain=location["subdomain"].lower(), domain=load_domain(state, location["domain"]).domain)
            check_hostname(item["subdomain"], item["domain"], state.dashboard_fqdn())
            lists[key].append(item)
    used = _used(state, exclude)[0]
    primary = fqdn_of(subdomain, domain)
    if primary in used:
        raise ApiError(409, "Domain '%s' is in use" % primary)
    seen = {primary}
    for location in (item for key in LOCATION_LISTS for item in lists.get(key, ())):
        hostname = fqdn_of(location["subdomain"], location["domain"])
        if hostname in used or hostname in seen:
            raise ApiError(409, "Alternate domain '%s' is in use" % hostname)
        seen.add(hostname)
    return subdomain, domain, lists


def check_ports(state, ports, manifest, field="ports", exclude=None):
    """Validated port bindings ({name: host port}) for an app with ``manifest``."""
    for name, port in ports.items():
        if not _PORT_NAME.match(name):
            raise ApiError(400, "%s is not a valid environment variable" % name)
        if not isinstance(port, int) or isinstance(port, bool):
            raise ApiError(400, "%s is not an integer" % port)
        if port in RESERVED_PORTS:
            raise ApiError(409, "Port %d is reserved." % port)
        if port <= 1023 or port > 65535:
            raise ApiError(400, "%d is not in permitted range" % port)
    declared = set(manifest.get("tcpPorts") or {}) | set(manifest.get("udpPorts") or {})
    for name in ports:
        if name not in declared:
            raise ApiError(400, "Invalid %s %s" % (field, name))
    used = _used(state, exclude)[1]
    for port in ports.values():
        if port in used:
            raise ApiError(409, "Port %d is already in use." % port)
    return dict(ports)


def check_memory_limit(manifest, limit):
    # 0 means the manifest's limit, -1 unlimited
    if limit in (0, -1):
        return limit
    if limit < (manifest.get("memoryLimit") or DEFAULT_MEMORY_LIMIT):
        raise ApiError(400, "memoryLimit too small")
    if limit > MAX_MEMORY_LIMIT:
        raise ApiError(400, "memoryLimit too large")
    return int(limit)


def check_cpu_quota(quota):
    if quota < 1 or quota > 100:
        raise ApiError(400, "cpuQuota must be between 1 and 100")
    return int(quota)


def check_label(label):
    if label is not None and len(label) > 128:
        raise ApiError(400, "label must be less than 128")
    return label


def check_tags(tags):
    if len(tags) > 64:
        raise ApiError(400, "Can only set up to 64 tags")
    if any(not tag for tag in tags):
        raise ApiError(400, "tags must be an array of non-empty strings")
    if any(len(tag) > 128 for tag in tags):
        raise ApiError(400, "tag must be less than 128")
    return list(tags)


def check_env(env):
    for name, value in env.items():
        if len(name) > 512:
            raise ApiError(400, "Max env var key length is 512")
        if not _ENV_NAME.match(name):
            raise ApiError(400, '"%s" is not a valid environment variable' % name)
        if not isinstance(value, str):
            raise ApiError(400, "env must contain values as strings")
    return dict(env)


def check_icon(icon):
    try:
        base64.b64decode(icon, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ApiError(400, "icon is not base64") from error
    return icon


def check_robots_txt(text):
    if text is not None and len(text) > 4096:
        raise ApiError(400, "robotsTxt must be less than 4096")
    return text


def check_mailbox_name(name, field="mailboxName"):
    if not _MAILBOX.match(name):
        raise ApiError(400, "%s can only contain alphanumerals, dot and -" % field)
    return name.lower()


def check_sso(body, manifest):
    """The sso setting: only apps whose manifest has optionalSso take one."""
    if "sso" in body:
        if not manifest.get("optionalSso"):
            raise ApiError(400, "sso can only be specified for apps with optionalSso")
        return body["sso"]
    return None

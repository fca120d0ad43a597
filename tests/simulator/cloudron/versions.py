# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server version handling: which API generation a version string stands for, and the port bindings' name."""

import re

_VERSION = re.compile(r"^(\d+)\.(\d+)(?:\.(\d+))?$")


def parse(version):
    """``"9.0.15"`` -> ``(9, 0, 15)``; ValueError for anything else."""
    found = _VERSION.match(str(version))
    if not found:
        raise ValueError("version must look like 9.0.15, got %r" % (version,))
    return tuple(int(part or 0) for part in found.groups())


def mode(version):
    """"8.1" for servers before 8.2 (``POST /apps/install``), "9" from 8.2 on (``POST /apps``)."""
    return "8.1" if parse(version) < (8, 2, 0) else "9"


def ports_field(version_mode, choice):
    """What port bindings are called in app bodies and objects, for switch ``ports_field`` set to ``choice``.

    Every supported version says ``subdomain``; only the port bindings' name is in doubt.
    """
    if choice != "by_version":
        return choice
    return "portBindings" if version_mode == "8.1" else "ports"


# request bodies that carry port bindings: install (both paths), clone, configure/location
_PORT_BODIES = (re.compile(r"^/apps(/install)?$"), re.compile(r"^/apps/[^/]+/clone$"), re.compile(r"^/apps/[^/]+/configure/location$"))


def schema_request(path, ports_name="ports"):
    """(path, renames) to validate a request body with, for a path relative to /api/v1.

    ``/apps/install`` is checked against the ``POST /apps`` schema. When port bindings are called
    ``portBindings``, the port-carrying bodies are checked with ``ports`` renamed to it.
    """
    schema_path = "/apps" if path == "/apps/install" else path
    if ports_name == "ports" or not any(pattern.match(path) for pattern in _PORT_BODIES):
        return schema_path, None
    return schema_path, {"ports": ports_name}

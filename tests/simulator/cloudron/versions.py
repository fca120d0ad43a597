"""Server version handling: which API generation a version string stands for."""

import re

_VERSION = re.compile(r"^(\d+)\.(\d+)(?:\.(\d+))?$")


def parse(version):
    """``"9.0.15"`` -> ``(9, 0, 15)``; ValueError for anything else."""
    found = _VERSION.match(str(version))
    if not found:
        raise ValueError("version must look like 9.0.15, got %r" % (version,))
    return tuple(int(part or 0) for part in found.groups())


def mode(version):
    """"8.1" for servers before 8.2 (``POST /apps/install``, ``location``), "9" from 8.2 on (``POST /apps``, ``subdomain``/``ports``)."""
    return "8.1" if parse(version) < (8, 2, 0) else "9"


# Field names of app bodies and app objects before 8.2 (8.1 mode), keyed by their 8.2+ names.
LEGACY_NAMES = {"subdomain": "location", "ports": "portBindings"}
_LEGACY_BODIES = (re.compile(r"^/apps/install$"), re.compile(r"^/apps/[^/]+/clone$"), re.compile(r"^/apps/[^/]+/configure/location$"))


def schema_request(mode, path):
    """(path, renames) to validate a request body with, for a path relative to /api/v1.

    In 8.1 mode the install, clone and location bodies use ``location``/``portBindings``: they are
    checked against the 8.2+ schemas (``POST /apps`` for ``/apps/install``) with those names.
    """
    if mode != "8.1" or not any(pattern.match(path) for pattern in _LEGACY_BODIES):
        return path, None
    return ("/apps" if path == "/apps/install" else path), LEGACY_NAMES

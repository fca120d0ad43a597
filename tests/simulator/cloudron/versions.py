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

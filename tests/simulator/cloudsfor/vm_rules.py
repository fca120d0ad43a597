# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a VM may be created or changed with (the create body is cut off in the docs: fields inferred, DO shape)."""

from . import bodies
from .catalogue import find_distro, find_region
from .errors import unprocessable
from .key_routes import find as find_key

NO_REGION = "Region is not available"
NO_DISTRO = "Distro is not available"
OVER_LIMIT = "creating this VM would exceed your VM limit"


def region(body):
    if body.get("region") is None:
        raise unprocessable("region is required")
    found = find_region(body["region"])
    if found is None:
        raise unprocessable(NO_REGION)
    return found["name"]


def distro(state, body):
    """(the distro as given, its name)."""
    if body.get("distro") is None:
        raise unprocessable("distro is required")
    found = find_distro(body["distro"], state.switches)
    if found is None:
        raise unprocessable(NO_DISTRO)
    return body["distro"], found["name"]


def name_free(state, name, vm_id=None):
    """With switch ``unique_names``, refuse a name another VM carries."""
    if state.switches["unique_names"] and any(v["name"] == name and v["id"] != vm_id for v in state.vms.values()):
        raise unprocessable("a VM named %s already exists" % name)


def ssh_keys(state, body, by_name=False):
    """Key ids of the ``ssh_keys`` given as ids or fingerprints (also names when ``by_name``: seeding only)."""
    refs = body.get("ssh_keys")
    if refs is None:
        return []
    if not isinstance(refs, list):
        raise unprocessable("ssh_keys must be a list of key ids or fingerprints")
    found = []
    for ref in refs:
        key = find_key(state, ref)
        if key is None and by_name:
            key = next((k for k in state.keys.values() if k["name"] == ref), None)
        if key is None:
            raise unprocessable("ssh_keys: no SSH key %s on your account" % ref)
        found.append(key["id"])
    return found


def creation(state, body, seeding=False):
    """The checked fields of a new VM, in the order the API checks them; the VM limit and unique names last."""
    fields = {"name": bodies.text(body, "name"), "region": region(body)}
    fields["distro_given"], fields["distro"] = distro(state, body)
    for name in ("memory", "vcpus", "disk"):
        fields[name] = bodies.count(body, name)
    fields["ssh_keys"] = ssh_keys(state, body, by_name=seeding)
    fields["backups"] = bodies.flag(body, "backups")
    if not seeding:
        name_free(state, fields["name"])
        if len(state.vms) >= state.vm_limit:
            raise unprocessable(OVER_LIMIT)
    return fields

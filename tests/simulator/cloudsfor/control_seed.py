# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""``POST /_control/seed``: SSH keys and VMs created directly, the VMs already built; all or nothing.

Items are checked as the API checks them (an error names the item: ``vms[1]: Region is not available``), except that
the VM limit and switch ``unique_names`` do not apply and a VM's ``ssh_keys`` may also name keys. Answers the new ids
in the order given: ``{"ssh_keys": [id, ...], "vms": [id, ...]}``.
"""

import copy

from common.control import need
from common.errors import HttpError
from common.routing import Response

from . import vm_records, vm_rules
from .errors import ApiError
from .key_routes import add_key

KEY_FIELDS = {"name", "public_key"}
VM_FIELDS = {"name", "region", "distro", "memory", "vcpus", "disk", "status", "ssh_keys", "backups"}
SAVED = ("keys", "vms", "last", "snapshots")


def _items(body, name, fields):
    items = need(body, name, list) or []
    for index, item in enumerate(items):
        where = "%s[%d]" % (name, index)
        if not isinstance(item, dict):
            raise HttpError(400, "%s: must be an object" % where)
        unknown = sorted(set(item) - fields)
        if unknown:
            raise HttpError(400, "%s: unknown fields: %s" % (where, ", ".join(unknown)))
    return items


def _apply(state, body):
    unknown = sorted(set(body) - {"ssh_keys", "vms"})
    if unknown:
        raise HttpError(400, "unknown seed fields: %s" % ", ".join(unknown))
    keys, vms = _items(body, "ssh_keys", KEY_FIELDS), _items(body, "vms", VM_FIELDS)
    answer = {"ssh_keys": [], "vms": []}
    made = []
    for name, items in (("ssh_keys", keys), ("vms", vms)):
        for index, item in enumerate(items):
            try:
                if name == "ssh_keys":
                    answer[name].append(add_key(state, item)["id"])
                    continue
                wanted = item.get("status", "running")
                if wanted not in ("running", "stopped"):
                    raise HttpError(400, "vms[%d]: status must be running or stopped" % index)
                vm = vm_records.new_vm(state, vm_rules.creation(state, item, seeding=True), "stopped")
            except ApiError as error:
                raise HttpError(400, "%s[%d]: %s" % (name, index, error.message)) from error
            made.append((vm, wanted))
            answer[name].append(vm["id"])
    return answer, made


def seed(state, request):
    saved = {name: copy.deepcopy(getattr(state, name)) for name in SAVED}
    rng = state.rng.getstate()
    try:
        answer, made = _apply(state, request.body)
    except HttpError:
        for name, value in saved.items():
            setattr(state, name, value)
        state.rng.setstate(rng)
        raise
    # the banners open only once everything is in
    for vm, wanted in made:
        vm_records.set_status(state, vm, wanted)
    return Response(200, answer)

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""``/vms``: list, read, create (asynchronous build), delete (docs, seed; the create body and status inferred, DO)."""

from common.routing import Response

from . import vm_records, vm_rules
from .envelope import many, one
from .errors import not_found
from .vm_view import view


def find(state, request):
    vm = state.vms.get(request.params["vm"])
    if vm is None:
        raise not_found()
    return vm


def list_vms(state, request):
    return many(state, request, "vms", list(state.vms.values()), lambda vm: view(state, vm))


def get(state, request):
    return one("vm", view(state, find(state, request)))


def create(state, request):
    fields = vm_rules.creation(state, request.body)
    vm = vm_records.new_vm(state, fields, "new")
    vm_records.build(state, vm)
    return one("vm", view(state, vm), status=state.switches["create_status"])


def delete(state, request):
    vm_records.delete(state, find(state, request))
    return Response(204)


def register(router):
    router.add("GET", "/api/v1/vms", list_vms)
    router.add("POST", "/api/v1/vms", create)
    router.add("GET", "/api/v1/vms/:vm", get)
    router.add("DELETE", "/api/v1/vms/:vm", delete)

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Action routes: start one on a VM (docs), the VM's actions and the global actions endpoint (mentioned in the docs;
paths inferred, DO). Lists are oldest first."""

from . import action_rules, actions
from .envelope import many, one
from .errors import not_found
from .vms import find as find_vm


def start(state, request):
    vm = find_vm(state, request)
    kind, params = action_rules.check(state, vm, request.body)
    return one("action", actions.view(state, actions.start(state, vm, kind, params)), status=201)


def list_of_vm(state, request):
    vm = find_vm(state, request)
    return many(state, request, "actions", actions.of_vm(state, vm["id"]), lambda a: actions.view(state, a))


def get_of_vm(state, request):
    vm = find_vm(state, request)
    found = actions.find(state, request.params["action"], vm_id=vm["id"])
    if found is None:
        raise not_found()
    return one("action", actions.view(state, found))


def list_all(state, request):
    return many(state, request, "actions", list(state.actions), lambda a: actions.view(state, a))


def get(state, request):
    found = actions.find(state, request.params["action"])
    if found is None:
        raise not_found()
    return one("action", actions.view(state, found))


def register(router):
    router.add("POST", "/api/v1/vms/:vm/actions", start)
    router.add("GET", "/api/v1/vms/:vm/actions", list_of_vm)
    router.add("GET", "/api/v1/vms/:vm/actions/:action", get_of_vm)
    router.add("GET", "/api/v1/actions", list_all)
    router.add("GET", "/api/v1/actions/:action", get)

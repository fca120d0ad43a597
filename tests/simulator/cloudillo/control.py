# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The control interface under /_control: reset, seed, state, switches, clock; faults and the request log come
from ``common/control.py``. No authentication; these requests are never faulted and never logged."""

import copy

from common import control as common_control
from common.control import need
from common.errors import HttpError
from common.routing import Response, Router

from . import switches as switch_defs
from .control_seed import seed


def startup_view(state):
    return {"switches": state.switches, "admin": state.startup["admin"], "key": state.startup["key"],
            "tenants": {t: state.listener_url(t) for t in state.tenants}}


def reset(state, request):
    try:
        state.reset(switches=need(request.body, "switches", dict))
    except ValueError as error:
        raise HttpError(400, str(error)) from error
    return Response(200, startup_view(state))


def set_switches(state, request):
    try:
        state.switches = switch_defs.merged(state.switches, request.body)
    except ValueError as error:
        raise HttpError(400, str(error)) from error
    return Response(200, {"switches": state.switches})


def advance(state, request):
    seconds = need(request.body, "advance", (int, float), required=True)
    if seconds < 0:
        raise HttpError(400, "advance must be >= 0")
    state.clock_offset += seconds
    return Response(200, {"clock_offset": state.clock_offset})


def _tenant(tenant, url):
    result = copy.deepcopy(tenant)
    result["url"] = url
    result["keys"] = list(result["keys"].values())
    result["apps"] = list(result["apps"].values())
    result["profiles"] = list(result["profiles"].values())
    return result


def dump(state, request):
    return Response(200, {
        "switches": state.switches, "clock_offset": state.clock_offset, "admin": state.startup["admin"],
        "tenants": [_tenant(t, state.listeners.get(t["idTag"])) for t in state.tenants.values()],
        "global_settings": dict(state.global_settings),
        "packages": list(state.packages.values()),
        "proxy_sites": list(state.proxy_sites.values()),
        "dns": sorted(state.dns), "invites": list(state.invites.values()),
        "bans": {address: until - state.now() for address, until in state.bans.items() if until > state.now()},
        "failures": dict(state.failures),
    })


def router():
    table = Router()
    table.add("POST", "/_control/reset", reset, role=None)
    table.add("POST", "/_control/seed", seed, role=None)
    table.add("GET", "/_control/state", dump, role=None)
    table.add("POST", "/_control/switches", set_switches, role=None)
    table.add("POST", "/_control/clock", advance, role=None)
    common_control.register(table)
    return table

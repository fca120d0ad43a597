# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The control interface under /_control: reset, seed, state, switches, action faults, the rate limit window; faults
and the request log come from ``common/control.py``. No authentication; these requests are never faulted, counted
against the rate limit or logged. The account's password is never shown."""

from common import control as common_control
from common.control import need
from common.errors import HttpError
from common.routing import Response, Router

from . import ratelimit
from . import switches as switch_defs
from .action_rules import TYPES
from .control_seed import seed
from .envelope import iso
from .keys import md5_fingerprint, sha256_fingerprint


def _startup(state):
    return {"account": state.account(), "ssh_port": state.ssh_port, "switches": state.switches}


def reset(state, request):
    body = request.body
    vm_limit = need(body, "vm_limit", int)
    if vm_limit is not None and vm_limit < 0:
        raise HttpError(400, "vm_limit must be >= 0")
    try:
        state.reset(vm_limit=vm_limit, switches=need(body, "switches", dict))
    except ValueError as error:
        raise HttpError(400, str(error)) from error
    return Response(200, _startup(state))


def get_switches(state, request):
    return Response(200, {"switches": state.switches})


def set_switches(state, request):
    try:
        state.switches = switch_defs.merged(state.switches, request.body)
    except ValueError as error:
        raise HttpError(400, str(error)) from error
    return Response(200, {"switches": state.switches})


def _key(key):
    return {"id": key["id"], "name": key["name"], "public_key": key["public_key"],
            "fingerprints": {"md5": md5_fingerprint(key["blob"]), "sha256": sha256_fingerprint(key["blob"])}}


def _vm(state, vm):
    """The stored VM: sizes as integers, region and distro by name, status "new" while it is built (whatever the
    switch shows), whether its banner listens."""
    return dict(vm, created_at=iso(vm["created_at"]), snapshot_ids=list(vm["snapshot_ids"]),
                backup_ids=list(vm["backup_ids"]), ssh_keys=list(vm["ssh_keys"]), ssh_listening=state.banners.listening(vm["ipv4"]))


def _action(action):
    return dict(action, started_at=iso(action["started_at"]), completed_at=iso(action["completed_at"]),
                params=dict(action["params"]))


def dump(state, request):
    return Response(200, dict(
        _startup(state),
        ssh_keys=[_key(k) for k in state.keys.values()],
        vms=[_vm(state, v) for v in state.vms.values()],
        actions=[_action(a) for a in state.actions],
        snapshots=[dict(s, created_at=iso(s["created_at"])) for s in state.snapshots],
        action_faults=[dict(r) for r in state.action_faults],
        ratelimit=ratelimit.view(state.ratelimit),
    ))


def add_action_fault(state, request):
    body = request.body
    unknown = sorted(set(body) - {"type", "message", "times", "seconds"})
    if unknown:
        raise HttpError(400, "unknown action fault fields: %s" % ", ".join(unknown))
    kind = need(body, "type", str)
    if kind is not None and kind not in TYPES:
        raise HttpError(400, "type must be one of %s" % ", ".join(TYPES))
    times = need(body, "times", int)
    if times is not None and times < 0:
        raise HttpError(400, "times must be an integer >= 0 (0 = forever)")
    seconds = need(body, "seconds", (int, float))
    if seconds is not None and seconds < 0:
        raise HttpError(400, "seconds must be a number >= 0")
    # seconds alone makes the matching action slow and lets it complete (message null); else it ends errored
    message = need(body, "message", str) or (None if seconds is not None else "Simulated failure")
    rule = {"type": kind, "message": message, "times": 1 if times is None else times, "seconds": seconds}
    state.action_faults.append(rule)
    return Response(200, dict(rule))


def list_action_faults(state, request):
    return Response(200, {"action_faults": [dict(r) for r in state.action_faults]})


def clear_action_faults(state, request):
    state.action_faults.clear()
    return Response(200, {})


def set_ratelimit(state, request):
    remaining = need(request.body, "remaining", int, required=True)
    reset_in = need(request.body, "reset_in", (int, float), required=True)
    if remaining < 0 or reset_in <= 0:
        raise HttpError(400, "remaining must be >= 0 and reset_in > 0")
    state.ratelimit = ratelimit.arm(state.now(), remaining, reset_in)
    return Response(200, {"ratelimit": ratelimit.view(state.ratelimit)})


def router():
    table = Router()
    table.add("POST", "/_control/reset", reset, role=None)
    table.add("POST", "/_control/seed", seed, role=None)
    table.add("GET", "/_control/state", dump, role=None)
    table.add("GET", "/_control/switches", get_switches, role=None)
    table.add("POST", "/_control/switches", set_switches, role=None)
    table.add("POST", "/_control/action_faults", add_action_fault, role=None)
    table.add("GET", "/_control/action_faults", list_action_faults, role=None)
    table.add("DELETE", "/_control/action_faults", clear_action_faults, role=None)
    table.add("POST", "/_control/ratelimit", set_ratelimit, role=None)
    common_control.register(table)
    return table

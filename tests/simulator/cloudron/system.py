# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The server itself: /api/v1/system (facts 7.13) and the reboot.

After ``POST /system/reboot`` the dashboard host answers 503 for ``reboot_seconds`` nominal seconds (switch, scaled by
``task_seconds``); then the server is back with a fresh uptime, no reboot required, and a ``cloudron.start`` event.
Whether ``GET /system/info`` carries ``rebootRequired`` is switch ``info_reboot_required`` (the spec has it there; the
seed and the 7.x dashboard read ``GET /system/reboot``, which is always served).
"""

import time

from common.errors import error_body
from common.routing import Response

from . import eventlog

_UP_BEFORE_RESET = 3 * 86400    # seconds a fresh simulator has been "up"
_CPUS = [{"model": "AMD EPYC Processor", "speed": 2445,
          "times": {"user": 43406350, "nice": 595090, "sys": 23041560, "idle": 1932436310, "irq": 0}},
         {"model": "AMD EPYC Processor", "speed": 2445,
          "times": {"user": 43047330, "nice": 605510, "sys": 22909070, "idle": 1932424940, "irq": 0}}]
_MEMORY = {"memory": 4294967296, "swap": 2147483648}
_DEVICE = {"path": "/dev/sda1", "size": "40G", "type": "ext4", "uuid": "55347856-abef-4957-8635-34534a5c0d1e",
           "mountpoint": "/"}


def defaults(activation_time):
    return {"sysVendor": "QEMU", "productName": "Standard PC (Q35 + ICH9, 2009)", "rebootRequired": False,
            "activationTime": activation_time, "bootTime": time.time() - _UP_BEFORE_RESET, "downUntil": None}


def settle(state):
    """End a reboot whose downtime has passed; True while the server is still down."""
    system = state.system
    if system["downUntil"] is None:
        return False
    if time.time() < system["downUntil"]:
        return True
    system.update(bootTime=system["downUntil"], downUntil=None, rebootRequired=False)
    eventlog.record(state, "cloudron.start", {"ip": eventlog.SOURCE_IP}, {"version": state.version})
    return False


def down():
    """What the dashboard host answers while the server reboots."""
    return Response(503, error_body(503, "Cloudron is rebooting"))


def _uptime(state):
    return max(0, int(time.time() - state.system["bootTime"]))


def info(state, request):
    system = state.system
    answer = {"sysVendor": system["sysVendor"], "productName": system["productName"], "uptimeSecs": _uptime(state),
              "activationTime": system["activationTime"]}
    if state.switches["info_reboot_required"]:
        answer["rebootRequired"] = system["rebootRequired"]
    return Response(200, answer)


def reboot_required(state, request):
    return Response(200, {"rebootRequired": state.system["rebootRequired"]})


def reboot(state, request):
    state.system["downUntil"] = time.time() + state.switches["reboot_seconds"] * state.switches["task_seconds"]
    return Response(202, {})


def cpus(state, request):
    return Response(200, {"cpus": [dict(cpu, times=dict(cpu["times"])) for cpu in _CPUS]})


def memory(state, request):
    return Response(200, dict(_MEMORY))


def block_devices(state, request):
    return Response(200, {"devices": [dict(_DEVICE)]})


def disk_usage(state, request):
    filesystem = {"filesystem": _DEVICE["path"], "type": _DEVICE["type"], "mountpoint": "/", "size": 42949672960,
                  "used": 12884901888, "available": 30064771072, "capacity": 0.3, "speed": 523.6,
                  "contents": [{"type": "standard", "id": "platformdata", "path": "/home/yellowtent/platformdata",
                                "usage": 2969190400}]}
    return Response(200, {"usage": {"ts": state.now_ms(), "filesystems": {_DEVICE["path"]: filesystem}}})


def register(router):
    router.add("GET", "/api/v1/system/info", info, "admin")
    router.add("GET", "/api/v1/system/reboot", reboot_required, "admin")
    router.add("POST", "/api/v1/system/reboot", reboot, "admin")
    router.add("GET", "/api/v1/system/cpus", cpus, "admin")
    router.add("GET", "/api/v1/system/memory", memory, "admin")
    router.add("GET", "/api/v1/system/block_devices", block_devices, "admin")
    router.add("GET", "/api/v1/system/disk_usage", disk_usage, "admin")

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The server itself: what it runs on (``/system/*``, facts 7.13), whether it needs a reboot, and the reboot.

Where the reboot flag lives is not settled: the vendor spec puts ``rebootRequired`` in ``GET /system/info``, the
seed and the 7.x dashboard read ``GET /system/reboot``. The info answer is used when it carries the flag, else
the second route is read.

A reboot is waited on by the server's uptime: the wait ends when ``GET /system/info`` answers with an uptime
shorter than the time since the reboot was asked for. An answer alone proves nothing: the server keeps answering
for a moment after accepting the reboot.
"""

from __future__ import annotations

import time

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import (
    ApiError, ServerDataError, TransportError, WaitTimeout,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import poll
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import ADMIN

INFO_PATH = "/system/info"
REBOOT_PATH = "/system/reboot"


def reboot_required(ctx, info):
    """The reboot flag: from the info answer when it carries one, else from ``GET /system/reboot``."""
    flag = info.get("rebootRequired")
    if not isinstance(flag, bool):
        flag = ctx.client.call("GET", REBOOT_PATH, role=ADMIN).get("rebootRequired")
    if not isinstance(flag, bool):
        raise ServerDataError("neither GET %s nor GET %s says whether a reboot is required" % (INFO_PATH, REBOOT_PATH))
    return flag


def _filesystem(item):
    return {
        "filesystem": item.get("filesystem"), "type": item.get("type"), "mountpoint": item.get("mountpoint"),
        "size": item.get("size"), "used": item.get("used"), "available": item.get("available"),
        "capacity": item.get("capacity"),
        "contents": [{"id": unit.get("id"), "type": unit.get("type"), "path": unit.get("path"), "usage": unit.get("usage")}
                     for unit in item.get("contents") or []],
    }


def disk_usage(answer):
    """``{ts, filesystems}`` with the filesystems as a list sorted by mount point; None before the first count."""
    usage = answer.get("usage")
    if not isinstance(usage, dict):
        return None
    filesystems = [_filesystem(dict(item, filesystem=item.get("filesystem") or name))
                   for name, item in (usage.get("filesystems") or {}).items() if isinstance(item, dict)]
    return {"ts": usage.get("ts"), "filesystems": sorted(filesystems, key=lambda item: (item["mountpoint"] or "", item["filesystem"]))}


def system_info(ctx):
    """Everything the server tells about itself, in one dict (see cloudron_system_info's RETURN)."""
    call = ctx.client.call
    info = call("GET", INFO_PATH, role=ADMIN)
    cpus = call("GET", "/system/cpus", role=ADMIN).get("cpus") or []
    memory = call("GET", "/system/memory", role=ADMIN)
    devices = call("GET", "/system/block_devices", role=ADMIN).get("devices") or []
    usage = call("GET", "/system/disk_usage", role=ADMIN)
    return {
        "sys_vendor": info.get("sysVendor"),
        "product_name": info.get("productName"),
        "uptime_secs": info.get("uptimeSecs"),
        "activation_time": info.get("activationTime"),
        "reboot_required": reboot_required(ctx, info),
        "cpu_count": len(cpus),
        "cpus": [{"model": cpu.get("model"), "speed": cpu.get("speed")} for cpu in cpus],
        "memory": {"total": memory.get("memory"), "swap": memory.get("swap")},
        "block_devices": [{"path": device.get("path"), "size": device.get("size"), "type": device.get("type"),
                           "uuid": device.get("uuid"), "mountpoint": device.get("mountpoint")} for device in devices],
        "disk_usage": disk_usage(usage),
    }


class Reboot:
    """One run of cloudron_reboot. ``clock`` and ``sleep`` are for tests."""

    def __init__(self, params, check_mode, clock=time.monotonic, sleep=time.sleep):
        self.params = params
        self.check_mode = check_mode
        self.clock = clock
        self.sleep = sleep
        self.rebooted = False

    def run(self, ctx):
        info = ctx.client.call("GET", INFO_PATH, role=ADMIN)
        required = reboot_required(ctx, info)
        result = {"changed": False, "rebooted": False, "reboot_required": required, "uptime_secs": None}
        if self.params["when_required"] and not required:
            return result
        result["changed"] = True
        # before check mode returns, so it fails where the real run would
        ctx.client.require_supported()
        if self.check_mode:
            return result
        started = self.clock()
        try:
            ctx.client.call("POST", REBOOT_PATH, role=ADMIN)
        except TransportError as exc:
            if not exc.maybe_applied:
                raise
            # the server may go down before it answers
            ctx.warn("the reboot request got no answer (%s); it was probably accepted" % exc)
        self.rebooted = result["rebooted"] = True
        if self.params["wait"]:
            result["uptime_secs"] = self.wait_back(ctx, started)
        return result

    @staticmethod
    def _uptime(ctx):
        """The uptime the server answers with now, or None while it does not answer (5xx, no connection)."""
        try:
            # the wait itself polls: only a connection never made is repeated by the transport (as for any request)
            answer = ctx.client.call("GET", INFO_PATH, role=ADMIN, safe=False)
        except TransportError:
            return None
        except ApiError as exc:
            if exc.status in (401, 403):
                raise
            return None
        uptime = answer.get("uptimeSecs")
        return uptime if isinstance(uptime, (int, float)) and not isinstance(uptime, bool) else None

    def wait_back(self, ctx, started):
        """Wait until the server answers with an uptime that began after ``started``; return that uptime."""
        timeout = self.params["wait_timeout"]

        def back(uptime):
            return uptime is not None and uptime <= self.clock() - started

        try:
            waited = poll(lambda: self._uptime(ctx), back, timeout, clock=self.clock, sleep=self.sleep,
                          progress=ctx.progress, describe=lambda uptime: "waiting for the server to come back")
        except WaitTimeout:
            raise WaitTimeout("the server did not come back within %ss of the reboot (wait_timeout); it may still be "
                              "starting" % timeout)
        return waited.state

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A small stateful CloudsFor account on ``fake_http.FakeServer``: VMs built and actions completed after a number of
reads, SSH keys, the catalogues, and the shapes the contract leaves open (action ids, network types, region shape,
numeric strings)."""

from __future__ import annotations

import json
import time
from urllib.parse import urlsplit

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.client import CloudsForClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.context import CloudsForContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.platform import CloudsFor
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import ModuleRun

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_module import FakeModule, ModuleExit, ModuleFail

BASE = "https://cloudsfor.example.com/api/v1"
USER = "ops@example.com"
PASSWORD = "pa55-w0rd-secret"
REGIONS = [{"name": "moscow_02", "country": "RU", "coordinates": {"lat": 55.7, "lng": 37.6}, "description": "Moscow 2"},
           {"name": "moscow_03", "country": "RU", "coordinates": {"lat": 55.8, "lng": 37.5}, "description": "Moscow 3"}]
DISTROS = [{"id": 1, "name": "ubuntu-24.04", "image_type": "template", "description": "Ubuntu 24.04 LTS"},
           {"id": 3, "name": "debian-12", "image_type": "template", "description": "Debian 12"},
           {"id": 4, "name": "rescue-iso", "image_type": "iso", "description": "Rescue"}]
STATUS_AFTER = {"power_on": "running", "power_off": "stopped", "shutdown": "stopped", "reboot": "running", "power_cycle": "running"}


def not_found():
    return (404, {"id": "not_found", "message": "The resource you were accessing could not be found."})


def unprocessable(message):
    return (422, {"id": "unprocessable_entity", "message": message})


class Clock:
    """A monotonic clock that sleeping moves on."""

    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


class FakeCloudsFor(FakeServer):
    """Switch-like attributes: ``action_ids`` (``vm`` | ``own``), ``network_types``, ``region_object``, ``numeric_strings``,
    ``building_status`` (what a VM being built shows), ``hide_stopped_networks``, ``image_family`` (``image.distro``
    shows an OS family, not what was given), ``backups_shown``, ``resize_while_running``;
    ``build_reads``/``action_reads``: reads of a VM / of the VM or its actions before the build / an action is done
    (``slow``: type -> reads, for that type); ``fail_action``: a type whose actions end ``errored``; ``refuse``: type ->
    the message of a 422 for that type's POST; ``no_action_list``: the VM's action list is not a route;
    ``locked_refuses``: a locked VM refuses actions. ``inject(method, path, answer, ...)``: answers given before the
    fake's own, one per request (``path`` without the query)."""

    def __init__(self):
        super().__init__(BASE)
        self.vms = {}
        self.keys = []
        self.actions = {}  # vm id -> [action]
        self.action_ids = "vm"
        self.network_types = True
        self.region_object = True
        self.numeric_strings = True
        self.build_reads = 1
        self.action_reads = 1
        self.fail_action = None
        self.slow = {}
        self.refuse = {}
        self.building_status = "new"
        self.hide_stopped_networks = False
        self.image_family = False
        self.backups_shown = True
        self.resize_while_running = False
        self.no_action_list = False
        self.locked_refuses = True
        self.injected = {}
        self.vm_limit = 10
        self.counter = 0

    # -- state -----------------------------------------------------------------------------------

    def add_vm(self, name, status="running", region="moscow_02", distro="ubuntu-24.04", memory=1, vcpus=1, disk=20,
               backups=False, locked=False, building=False, created_at=None):
        self.counter += 1
        vm_id = "%032x" % (0xabc000 + self.counter)
        self.vms[vm_id] = {"id": vm_id, "name": name, "status": "new" if building else status, "region": region,
                           "distro": distro, "memory": memory, "vcpus": vcpus, "disk": disk, "backups": backups,
                           "locked": locked, "n": self.counter, "pending": self.build_reads if building else 0,
                           "snapshots": [], "after_build": status}
        if created_at is not None:
            self.vms[vm_id]["created_at"] = created_at
        self.actions[vm_id] = []
        return vm_id

    def raw_vm(self, vm):
        size = str if self.numeric_strings else int
        networks = []
        if vm["pending"] == 0 and vm["status"] != "new" and not (self.hide_stopped_networks and vm["status"] == "stopped"):
            networks = [{"ip_address": "127.0.1.%d" % vm["n"], "netmask": "255.255.255.0", "gateway": "127.0.1.254", "type": "public"},
                        {"ip_address": "10.10.0.%d" % vm["n"], "netmask": "255.255.0.0", "gateway": "10.10.0.1", "type": "private"}]
            if not self.network_types:
                networks = [dict((key, value) for key, value in entry.items() if key != "type") for entry in networks]
        region = next((dict(item) for item in REGIONS if item["name"] == vm["region"]), None) if self.region_object else vm["region"]
        distro = next((item for item in DISTROS if str(item["id"]) == str(vm["distro"]) or item["name"] == vm["distro"]), {})
        shown = distro.get("description", "").split()[0] if self.image_family else vm["distro"]
        return {"id": vm["id"], "name": vm["name"], "memory": vm["memory"], "vcpus": size(vm["vcpus"]), "disk": size(vm["disk"]),
                "locked": vm["locked"], "created_at": vm.get("created_at", "2024-05-02T09:14:%02dZ" % vm["n"]),
                "status": self.building_status if vm["status"] == "new" else vm["status"],
                "backup_ids": [], "snapshot_ids": list(vm["snapshots"]),
                "image": {"id": 100 + vm["n"], "distro": shown, "name": distro.get("description")},
                "features": ["backups"] if vm["backups"] and self.backups_shown else [], "networks": {"v4": networks}, "region": region}

    def tick_vm(self, vm):
        if vm["pending"] > 0:
            vm["pending"] -= 1
            if vm["pending"] == 0:
                vm["status"] = vm["after_build"]

    def tick_actions(self, vm_id):
        for action in self.actions[vm_id]:
            if action["status"] != "in-progress":
                continue
            if action["pending"] > 0:
                action["pending"] -= 1
                continue
            vm = self.vms[vm_id]
            vm["locked"] = False
            action["completed_at"] = "2024-05-02T10:00:%02dZ" % action["seq"]
            if action["fail"]:
                action["status"] = "errored"
                continue
            action["status"] = "completed"
            self.apply(vm, action)

    @staticmethod
    def apply(vm, action):
        kind = action["type"]
        if kind in STATUS_AFTER:
            vm["status"] = STATUS_AFTER[kind]
        elif kind == "resize":
            vm.update((key, action["body"][key]) for key in ("memory", "vcpus", "disk") if key in action["body"])
        elif kind == "rebuild":
            vm["distro"] = action["body"]["distro"]
        elif kind == "rename":
            vm["name"] = action["body"]["name"]
        elif kind == "snapshot":
            vm["snapshots"].append(len(vm["snapshots"]) + 1)

    @staticmethod
    def shown(action):
        return dict((key, value) for key, value in action.items() if key not in ("pending", "fail", "body", "seq"))

    # -- routes ----------------------------------------------------------------------------------

    def inject(self, method, path, *answers):
        self.injected.setdefault((method, path), []).extend(answers)

    def send(self, request, **kwargs):
        parts = urlsplit(request.url)
        path = parts.path[len("/api/v1"):]
        body = json.loads(request.body) if request.body else None
        waiting = self.injected.get((request.method, path))
        answer = waiting.pop(0) if waiting else self.route(request.method, path, body)
        if answer is not None:
            self.on(request.method, path, answer)
        return super().send(request, **kwargs)

    def route(self, method, path, body):  # pylint: disable=too-many-return-statements
        segments = path.strip("/").split("/")
        if path == "/account":
            return (200, {"account": {"email": USER, "uuid": "8d2f7c0e", "vm_limit": self.vm_limit}})
        if path == "/regions":
            return (200, {"regions": REGIONS, "meta": {"total": len(REGIONS)}, "links": {}})
        if path == "/distros":
            return (200, {"distros": DISTROS, "meta": {"total": len(DISTROS)}, "links": {}})
        if path == "/keys" and method == "GET":
            return (200, {"ssh_keys": self.keys, "meta": {"total": len(self.keys)}, "links": {}})
        if path == "/keys" and method == "POST":
            return self.add_key(body)
        if segments[0] == "keys" and len(segments) == 2:
            return self.key_route(method, segments[1], body)
        if path == "/vms" and method == "GET":
            vms = [self.raw_vm(vm) for vm in sorted(self.vms.values(), key=lambda vm: vm["n"])]
            return (200, {"vms": vms, "meta": {"total": len(vms)}, "links": {}})
        if path == "/vms" and method == "POST":
            return self.create_vm(body)
        if segments[0] == "vms" and len(segments) >= 2:
            vm = self.vms.get(segments[1])
            if vm is None:
                return not_found()
            if len(segments) == 2:
                return self.vm_route(method, vm)
            if len(segments) == 4:
                return self.one_action(vm, segments[3])
            return self.action_route(method, vm, body)
        return None

    def add_key(self, body):
        if any(key["public_key"].split()[1] == body["public_key"].split()[1] for key in self.keys):
            return unprocessable("SSH Key is already in use on your account")
        self.counter += 1
        key = {"id": 500 + self.counter, "name": body["name"], "public_key": body["public_key"], "fingerprint": "fp-%d" % self.counter}
        self.keys.append(key)
        return (201, {"ssh_key": key})

    def key_route(self, method, ident, body):
        key = next((key for key in self.keys if str(key["id"]) == ident), None)
        if key is None:
            return not_found()
        if method == "PUT":
            key["name"] = body["name"]
            return (200, {"ssh_key": key})
        if method == "DELETE":
            self.keys.remove(key)
            return (204, "")
        return (200, {"ssh_key": key})

    def create_vm(self, body):
        if len(self.vms) >= self.vm_limit:
            return unprocessable("creating this VM would exceed your VM limit")
        if body["region"] not in [region["name"] for region in REGIONS]:
            return unprocessable("Region is not available")
        vm_id = self.add_vm(body["name"], region=body["region"], distro=body["distro"], memory=body["memory"], vcpus=body["vcpus"],
                            disk=body["disk"], backups=bool(body.get("backups")), building=True,
                            created_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        self.vms[vm_id]["ssh_keys"] = body.get("ssh_keys")
        return (202, {"vm": self.raw_vm(self.vms[vm_id])})

    def vm_route(self, method, vm):
        if method == "DELETE":
            del self.vms[vm["id"]]
            return (204, "")
        self.tick_vm(vm)
        self.tick_actions(vm["id"])
        return (200, {"vm": self.raw_vm(vm)})

    def one_action(self, vm, ident):
        """``GET /vms/{id}/actions/{action_id}``: by its own id, or (VM ids) the VM's newest action."""
        self.tick_actions(vm["id"])
        found = [action for action in self.actions[vm["id"]] if str(action["id"]) == ident]
        return (200, {"action": self.shown(found[-1])}) if found else not_found()

    def refusal(self, vm, kind):
        """The message of the 422 the action gets, or None."""
        if vm["status"] == "new" or vm["pending"]:
            return "VM is being built"
        if vm["locked"] and self.locked_refuses:
            return "VM is locked by another action"
        if kind in self.refuse:
            return self.refuse[kind]
        if kind in ("reboot", "power_cycle") and vm["status"] != "running":
            return "VM is not running"
        if kind == "power_on" and vm["status"] == "running":
            return "VM is already powered on"
        if kind in ("power_off", "shutdown") and vm["status"] == "stopped":
            return "VM is already powered off"
        if kind == "resize" and vm["status"] == "running" and not self.resize_while_running:
            return "VM must be powered off to resize"
        return None

    def action_route(self, method, vm, body):
        if method == "GET":
            if self.no_action_list:
                return not_found()
            self.tick_actions(vm["id"])
            shown = [self.shown(action) for action in self.actions[vm["id"]]]
            return (200, {"actions": shown, "meta": {"total": len(shown)}, "links": {}})
        refusal = self.refusal(vm, body["type"])
        if refusal:
            return unprocessable(refusal)
        self.counter += 1
        action = {"id": vm["id"] if self.action_ids == "vm" else self.counter, "status": "in-progress", "type": body["type"],
                  "started_at": "2024-05-02T10:00:%02dZ" % self.counter, "completed_at": None, "resource_type": "vm",
                  "region": vm["region"], "pending": self.slow.get(body["type"], self.action_reads),
                  "fail": self.fail_action == body["type"], "body": body, "seq": self.counter}
        vm["locked"] = True
        self.actions[vm["id"]].append(action)
        return (201, {"action": self.shown(action)})

    # -- reading the log -------------------------------------------------------------------------

    def calls(self):
        """``METHOD path`` of every request, without the query."""
        return ["%s %s" % (entry[0], entry[1].split("?")[0][len("/api/v1"):]) for entry in self.log]

    def sent(self, method, path):
        return [entry[3] for entry in self.log if entry[0] == method and entry[1].split("?")[0] == "/api/v1" + path]

    def posted_actions(self):
        return [entry[3]["type"] for entry in self.log if entry[0] == "POST" and entry[1].endswith("/actions")]


def make(check_mode=False, warnings=None):
    """A context on a fresh fake account, built as the modules build it."""
    params = {"api_url": BASE, "api_user": USER, "api_password": PASSWORD, "validate_certs": True, "ca_path": None,
              "request_timeout": 30.0}
    client = CloudsForClient.from_params(params, sleep=lambda seconds: None)
    server = mount(client.http, FakeCloudsFor())
    warn = warnings.append if warnings is not None else None
    return CloudsForContext(client, check_mode=check_mode, warn=warn), server


# -- a module run on the fake -----------------------------------------------------------------------


class Connected(CloudsFor):
    """The CloudsFor platform, connected to a context made beforehand (on the fake)."""

    def __init__(self, ctx):
        self.ctx = ctx

    def connect(self, params, check_mode, warn, progress):
        self.ctx._warn = warn  # pylint: disable=protected-access
        return self.ctx


def run_module_on(ctx, run_module, params, check_mode=False, diff=False):
    """``run_module`` (a module's whole run) as ``ModuleRun`` runs it; returns ``(outcome, result, warnings)``."""
    connection = {"api_url": BASE, "api_user": USER, "api_password": PASSWORD, "validate_certs": True, "ca_path": None,
                  "request_timeout": 30.0}
    module = FakeModule(dict(connection, **params), check_mode=check_mode, diff=diff)
    try:
        run_module(ModuleRun(Connected(ctx), module))
    except ModuleExit as end:
        return "exit", end.result, module.warnings
    except ModuleFail as end:
        return "fail", end.result, module.warnings
    raise AssertionError("the module neither exited nor failed")

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a VM is doing: a build is a status other than running and stopped; a stopped VM without an address is not
waited on as a build (a server may hide a stopped VM's networks), only suspected of one when recent; waiting for a
build and for a lock."""

from __future__ import annotations

import time

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.actions import Deadline, post_action
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.vm_state import (
    BUILD_WINDOW, await_ready, building, busy, maybe_building, settled_status,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import WaitTimeout

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudsfor.fake_cloudsfor import Clock, make

ADDRESS = {"v4": [{"ip_address": "127.0.1.1", "type": "public"}]}
NOW = 1714641246.0  # 2024-05-02T09:14:06Z


@pytest.mark.parametrize("vm,expected", [
    ({"status": "new", "networks": {"v4": []}}, True),
    ({"status": "archive", "networks": ADDRESS}, True),
    ({"status": None}, True),
    ({"status": "running", "networks": ADDRESS}, False),
    ({"status": "stopped", "networks": {"v4": []}}, False),  # no address is no build: stopped VMs may show none
    ({"status": "running", "networks": {"v4": []}}, False),
])
def test_a_build_is_a_status_other_than_running_and_stopped(vm, expected):
    assert building(vm) is expected
    assert settled_status(vm) == ("running" if expected else vm["status"])


def test_busy_is_being_built_or_locked():
    assert busy({"status": "new"}) and busy({"status": "stopped", "locked": True}) and not busy({"status": "stopped"})


@pytest.mark.parametrize("vm,expected", [
    ({"status": "stopped", "networks": {"v4": []}, "created_at": "2024-05-02T09:10:06Z"}, True),
    ({"status": "stopped", "networks": {}, "created_at": "not a time"}, True),
    ({"status": "stopped", "networks": {"v4": []}, "created_at": "2024-05-01T09:14:06Z"}, False),  # a day old
    ({"status": "stopped", "networks": ADDRESS, "created_at": "2024-05-02T09:14:06Z"}, False),
    ({"status": "stopped", "networks": {"v4": []}, "created_at": "2024-05-02T09:14:06Z", "locked": True}, False),
    ({"status": "running", "networks": {"v4": []}, "created_at": "2024-05-02T09:14:06Z"}, False),
])
def test_a_stopped_vm_without_networks_created_moments_ago_may_be_being_built(vm, expected):
    assert maybe_building(vm, now=NOW) is expected


def test_the_build_window_counts_from_the_creation():
    vm = {"status": "stopped", "networks": {"v4": []}, "created_at": "2024-05-02T09:14:06Z"}
    assert maybe_building(vm, now=NOW + BUILD_WINDOW) and not maybe_building(vm, now=NOW + BUILD_WINDOW + 1)
    assert maybe_building(dict(vm, created_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())))


def test_a_build_is_waited_on_until_the_vm_runs_with_an_address():
    ctx, server = make()
    server.build_reads = 3
    vm_id = server.add_vm("web1", building=True)
    clock = Clock()
    raw = await_ready(ctx, ctx.client.get("/vms/%s" % vm_id, "vm"), Deadline(60, clock, clock.sleep), built=True)
    assert raw["status"] == "running" and not building(raw)
    assert server.calls().count("GET /vms/%s" % vm_id) == 3 and len(clock.sleeps) == 1  # the first read is the caller's


def test_a_build_shown_as_stopped_is_waited_on_until_running_when_known_to_be_one():
    ctx, server = make()
    server.build_reads = 2
    server.building_status = "stopped"
    vm_id = server.add_vm("web1", building=True)
    clock = Clock()
    raw = ctx.client.get("/vms/%s" % vm_id, "vm")
    assert raw["status"] == "stopped" and not building(raw)
    assert await_ready(ctx, raw, Deadline(60, clock, clock.sleep), built=True)["status"] == "running"


def test_a_stopped_vm_without_networks_is_ready_at_once_unless_known_to_be_built():
    ctx, server = make()
    server.hide_stopped_networks = True
    vm_id = server.add_vm("web1", status="stopped")
    clock = Clock()
    raw = ctx.client.get("/vms/%s" % vm_id, "vm")
    assert raw["networks"] == {"v4": []}
    assert await_ready(ctx, raw, Deadline(60, clock, clock.sleep))["status"] == "stopped" and clock.sleeps == []


def test_a_build_that_does_not_end_times_out_saying_a_re_run_resumes():
    ctx, server = make()
    server.build_reads = 1000
    vm_id = server.add_vm("web1", building=True)
    clock = Clock()
    with pytest.raises(WaitTimeout, match=r"vm 'web1' \(%s\) is still being built \(status new\) after 30s; .*a re-run waits" % vm_id):
        await_ready(ctx, ctx.client.get("/vms/%s" % vm_id, "vm"), Deadline(30, clock, clock.sleep), built=True)


def test_a_lock_that_does_not_end_names_the_action_still_running():
    ctx, server = make()
    vm_id = server.add_vm("web1", status="stopped")
    server.action_reads = 1000
    post_action(ctx, {"id": vm_id}, "resize", memory=4)
    clock = Clock()
    with pytest.raises(WaitTimeout, match=r"locked by an action \(in progress: resize \(started 2024-05-02T10:00:\d+Z\)\) after 5s"):
        await_ready(ctx, ctx.client.get("/vms/%s" % vm_id, "vm"), Deadline(5, clock, clock.sleep))

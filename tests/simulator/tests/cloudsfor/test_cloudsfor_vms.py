# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""VMs: create (asynchronous build), read, list, delete; validation, the VM limit and the VM object's switches."""

import time

import pytest

pytest.register_assert_rewrite("cfsim")

from cfsim import KEY0_MD5, VM, key  # noqa: E402

pytest_plugins = ["cfsim"]

MOSCOW_02 = {"country": "ru", "name": "moscow_02", "coordinates": {"lat": 55.79682, "lng": 37.61154},
             "description": "M10/Cloud_02"}


def test_create_builds_the_vm_asynchronously(cf):
    cf.switches(build_seconds=0.4)
    started = time.monotonic()
    result = cf.call("POST", "/vms", dict(VM, backups=True))
    assert result.status == 202
    vm = result.body["vm"]
    assert len(vm["id"]) == 32 and int(vm["id"], 16) >= 0
    assert vm["status"] == "new" and vm["networks"] == {"v4": []} and vm["locked"] is False
    assert vm["features"] == ["backups"] and vm["backup_ids"] == [] and vm["snapshot_ids"] == []
    assert vm["created_at"].endswith("Z") and "T" in vm["created_at"]
    assert cf.ok("GET", "/vms/" + vm["id"])["vm"]["status"] == "new"
    cf.wait_built(vm["id"])
    assert time.monotonic() - started >= 0.4
    built = cf.ok("GET", "/vms/" + vm["id"])["vm"]
    assert built["status"] == "running"
    assert built["networks"]["v4"] == [
        {"ip_address": "127.0.1.1", "netmask": "255.0.0.0", "gateway": "127.0.0.1", "type": "public"},
        {"ip_address": "10.10.0.1", "netmask": "255.255.0.0", "gateway": "10.10.255.254", "type": "private"},
    ]


def test_the_docs_attributes_with_default_switches(cf):
    vm_id = cf.seed_vm(ssh_keys=[])
    vm = cf.ok("GET", "/vms/" + vm_id)["vm"]
    assert list(vm) == ["id", "name", "memory", "vcpus", "disk", "locked", "created_at", "status", "backup_ids",
                        "snapshot_ids", "image", "features", "networks", "region"]
    assert (vm["memory"], vm["vcpus"], vm["disk"]) == (2, "2", "20")
    assert vm["image"] == {"id": 501, "distro": "ubuntu-24.04", "name": "Ubuntu 24.04 LTS"}
    assert vm["region"] == MOSCOW_02 and vm["features"] == []


def test_numeric_strings_off_sends_numbers(cf):
    vm_id = cf.seed_vm()
    cf.switches(numeric_strings=False)
    vm = cf.ok("GET", "/vms/" + vm_id)["vm"]
    assert (vm["memory"], vm["vcpus"], vm["disk"]) == (2, 2, 20)


def test_the_region_as_a_plain_name(cf):
    vm_id = cf.seed_vm()
    cf.switches(vm_region_shape="name")
    assert cf.ok("GET", "/vms/" + vm_id)["vm"]["region"] == "moscow_02"


def test_networks_without_types(cf):
    vm_id = cf.seed_vm()
    cf.switches(network_types=False)
    entries = cf.ok("GET", "/vms/" + vm_id)["vm"]["networks"]["v4"]
    assert [set(e) for e in entries] == [{"ip_address", "netmask", "gateway"}] * 2
    assert entries[0]["ip_address"] == "127.0.1.1"


def test_building_status_stopped(cf):
    cf.switches(building_status="stopped", build_seconds=0.3)
    vm = cf.ok("POST", "/vms", VM, status=202)["vm"]
    assert vm["status"] == "stopped" and vm["networks"] == {"v4": []}
    assert cf.stored_vm(vm["id"])["status"] == "new"
    cf.wait_built(vm["id"])
    assert cf.ok("GET", "/vms/" + vm["id"])["vm"]["status"] == "running"


def test_stopped_networks_hidden(cf):
    running, stopped = cf.seed(vms=[dict(VM, name="a"), dict(VM, name="b", status="stopped")])["vms"]
    assert len(cf.ok("GET", "/vms/" + stopped)["vm"]["networks"]["v4"]) == 2      # kept, the default
    cf.switches(stopped_networks="hidden")
    assert cf.ok("GET", "/vms/" + stopped)["vm"]["networks"] == {"v4": []}
    assert len(cf.ok("GET", "/vms/" + running)["vm"]["networks"]["v4"]) == 2
    cf.ok("POST", "/vms/%s/actions" % stopped, {"type": "power_on"}, status=201)
    cf.wait_unlocked(stopped)
    assert cf.ok("GET", "/vms/" + stopped)["vm"]["networks"]["v4"][0]["ip_address"] == cf.stored_vm(stopped)["ipv4"]


def test_image_distro_family(cf):
    ubuntu = cf.seed_vm()
    debian = cf.seed_vm(name="db", distro=503)
    assert cf.ok("GET", "/vms/" + debian)["vm"]["image"]["distro"] == 503      # as given, the default
    cf.switches(image_distro="family")
    assert cf.ok("GET", "/vms/" + ubuntu)["vm"]["image"] == {"id": 501, "distro": "Ubuntu", "name": "Ubuntu 24.04 LTS"}
    assert cf.ok("GET", "/vms/" + debian)["vm"]["image"]["distro"] == "Debian"
    names = [d["name"] for d in cf.ok("GET", "/distros")["distros"]]
    assert "Ubuntu" not in names and "Debian" not in names      # no catalogue entry is named so
    assert cf.stored_vm(ubuntu)["distro"] == "ubuntu-24.04"


def test_backups_shown_none(cf):
    vm_id = cf.seed_vm(backups=True)
    assert cf.ok("GET", "/vms/" + vm_id)["vm"]["features"] == ["backups"]      # the default
    cf.switches(backups_shown="none")
    vm = cf.ok("GET", "/vms/" + vm_id)["vm"]
    assert vm["features"] == [] and vm["backup_ids"] == []
    assert cf.stored_vm(vm_id)["backups"] is True


def test_create_status_201(cf):
    cf.switches(create_status=201)
    assert cf.call("POST", "/vms", VM).status == 201


def test_addresses_count_up_per_vm(cf):
    ids = cf.seed(vms=[dict(VM, name="a"), dict(VM, name="b", status="stopped")])["vms"]
    cf.ok("DELETE", "/vms/" + ids[0], status=204)
    third = cf.seed_vm(name="c")
    assert [(v["name"], v["ipv4"], v["private_ipv4"]) for v in cf.state()["vms"]] == [
        ("b", "127.0.1.2", "10.10.0.2"), ("c", "127.0.1.3", "10.10.0.3")]
    assert cf.ok("GET", "/vms/" + third)["vm"]["networks"]["v4"][0]["ip_address"] == "127.0.1.3"


def test_ssh_keys_by_id_or_fingerprint_are_kept(cf):
    keys = cf.seed(ssh_keys=[{"name": "a", "public_key": key(0)}, {"name": "b", "public_key": key(1)}])["ssh_keys"]
    vm = cf.ok("POST", "/vms", dict(VM, ssh_keys=[keys[1], KEY0_MD5]), status=202)["vm"]
    assert cf.stored_vm(vm["id"])["ssh_keys"] == [keys[1], keys[0]]


@pytest.mark.parametrize("change, message", [
    ({"name": None}, "name must be a non-empty string"),
    ({"name": ""}, "name must be a non-empty string"),
    ({"region": None}, "region is required"),
    ({"region": "mars_01"}, "Region is not available"),
    ({"distro": None}, "distro is required"),
    ({"distro": "windows-95"}, "Distro is not available"),
    ({"distro": True}, "Distro is not available"),
    ({"memory": None}, "memory must be a positive integer"),
    ({"memory": 0}, "memory must be a positive integer"),
    ({"vcpus": "2"}, "vcpus must be a positive integer"),
    ({"disk": 2.5}, "disk must be a positive integer"),
    ({"disk": True}, "disk must be a positive integer"),
    ({"ssh_keys": "1"}, "ssh_keys must be a list of key ids or fingerprints"),
    ({"ssh_keys": [7]}, "ssh_keys: no SSH key 7 on your account"),
    ({"ssh_keys": ["aa:bb"]}, "ssh_keys: no SSH key aa:bb on your account"),
    ({"backups": "yes"}, "backups must be true or false"),
])
def test_invalid_create_bodies_are_422_naming_the_field(cf, change, message):
    body = {k: v for k, v in dict(VM, **change).items() if v is not None}
    result = cf.call("POST", "/vms", body)
    assert result.status == 422 and result.body == {"id": "unprocessable_entity", "message": message}
    assert cf.state()["vms"] == []


def test_the_vm_limit(cf):
    cf.control("POST", "/reset", {"vm_limit": 2, "switches": {"build_seconds": 0.05}})
    cf.ok("POST", "/vms", VM, status=202)
    cf.ok("POST", "/vms", VM, status=202)
    result = cf.call("POST", "/vms", VM)
    assert result.status == 422 and result.body["message"] == "creating this VM would exceed your VM limit"
    assert len(cf.state()["vms"]) == 2
    cf.ok("DELETE", "/vms/" + cf.state()["vms"][0]["id"], status=204)
    assert cf.call("POST", "/vms", VM).status == 202


def test_names_are_not_unique_unless_switched(cf):
    cf.ok("POST", "/vms", VM, status=202)
    cf.ok("POST", "/vms", VM, status=202)
    cf.switches(unique_names=True)
    assert cf.call("POST", "/vms", VM).body["message"] == "a VM named web already exists"
    assert cf.call("POST", "/vms", dict(VM, name="other")).status == 202


def test_list_in_creation_order(cf):
    ids = cf.seed(vms=[dict(VM, name=n) for n in ("b", "a", "c")])["vms"]
    body = cf.ok("GET", "/vms")
    assert [v["id"] for v in body["vms"]] == ids and body["meta"] == {"total": 3} and body["links"] == {}


def test_delete_is_204_then_404(cf):
    vm_id = cf.seed_vm()
    result = cf.call("DELETE", "/vms/" + vm_id)
    assert result.status == 204 and result.body == b""
    assert cf.call("GET", "/vms/" + vm_id).error == (404, "not_found")
    assert cf.call("DELETE", "/vms/" + vm_id).error == (404, "not_found")
    assert cf.ok("GET", "/vms")["vms"] == []


def test_a_vm_deleted_while_being_built_stays_deleted(cf):
    cf.switches(build_seconds=0.1)
    vm_id = cf.ok("POST", "/vms", VM, status=202)["vm"]["id"]
    cf.ok("DELETE", "/vms/" + vm_id, status=204)
    time.sleep(0.2)
    assert cf.state()["vms"] == [] and cf.call("GET", "/vms/" + vm_id).status == 404

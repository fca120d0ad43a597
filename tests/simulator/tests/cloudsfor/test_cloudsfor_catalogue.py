# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""GET /account, /regions and /distros; switch distro_ids."""

import pytest

pytest.register_assert_rewrite("cfsim")

from cfsim import USER  # noqa: E402

pytest_plugins = ["cfsim"]


def test_account(cf):
    account = cf.ok("GET", "/account")["account"]
    assert set(account) == {"email", "uuid", "vm_limit"}
    assert account["email"] == USER and account["vm_limit"] == 10
    assert len(account["uuid"]) == 40 and account["uuid"].isalnum()
    cf.control("POST", "/reset", {"vm_limit": 3})
    assert cf.ok("GET", "/account")["account"] == dict(account, vm_limit=3)


def test_regions_as_the_docs_show_them(cf):
    body = cf.ok("GET", "/regions")
    assert body["meta"] == {"total": 3} and body["links"] == {}
    assert [r["name"] for r in body["regions"]] == ["moscow_02", "moscow_03", "amsterdam_01"]
    assert body["regions"][0] == {"country": "ru", "name": "moscow_02", "coordinates": {"lat": 55.79682, "lng": 37.61154},
                                  "description": "M10/Cloud_02"}


def test_distros_with_number_ids(cf):
    body = cf.ok("GET", "/distros")
    assert body["meta"] == {"total": 4}
    assert [(d["name"], d["image_type"]) for d in body["distros"]] == [
        ("ubuntu-24.04", "template"), ("ubuntu-22.04", "template"), ("debian-12", "template"), ("rescue-iso", "iso")]
    assert all(isinstance(d["id"], int) and set(d) == {"id", "name", "image_type", "description"} for d in body["distros"])


def test_distros_with_hex_ids_as_the_docs_example(cf):
    cf.switches(distro_ids="hex")
    ids = [d["id"] for d in cf.ok("GET", "/distros")["distros"]]
    assert all(isinstance(i, str) and len(i) == 32 and int(i, 16) >= 0 for i in ids) and len(set(ids)) == 4


@pytest.mark.parametrize("mode", ["number", "hex"])
def test_a_vm_may_name_its_distro_by_name_or_id(cf, mode):
    cf.switches(distro_ids=mode)
    debian = next(d for d in cf.ok("GET", "/distros")["distros"] if d["name"] == "debian-12")
    for given in ("debian-12", debian["id"], str(debian["id"])):
        vm = cf.ok("POST", "/vms", {"name": "x", "region": "moscow_03", "distro": given, "memory": 1, "vcpus": 1,
                                    "disk": 10}, status=202)["vm"]
        assert vm["image"] == {"id": debian["id"], "distro": given, "name": "Debian 12"}
    other = 501 if mode == "hex" else "0" * 32
    assert cf.call("POST", "/vms", {"name": "x", "region": "moscow_03", "distro": other, "memory": 1, "vcpus": 1,
                                    "disk": 10}).body["message"] == "Distro is not available"

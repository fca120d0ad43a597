# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The canonical VM under every shape the contract leaves open: typed or untyped networks, a region object or a name,
sizes as strings or numbers, a distro given by name or id, a VM being built."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.view import (
    VIEW_KEYS, distro_name, number, private_ipv4, public_ipv4, vm_view,
)

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudsfor.fake_cloudsfor import DISTROS, FakeCloudsFor

TYPED = {"v4": [{"ip_address": "127.0.1.4", "netmask": "255.255.255.0", "gateway": "127.0.1.254", "type": "public"},
                {"ip_address": "10.10.0.4", "netmask": "255.255.0.0", "gateway": "10.10.0.1", "type": "private"}]}
PRIVATE_FIRST = {"v4": [{"ip_address": "10.10.0.4", "type": "private"}, {"ip_address": "127.0.1.4", "type": "public"}]}
UNTYPED = {"v4": [{"ip_address": "127.0.1.4"}, {"ip_address": "10.10.0.4"}]}
UNTYPED_PUBLIC_ONLY = {"v4": [{"ip_address": "203.0.113.7"}, {"ip_address": "203.0.113.8"}]}


@pytest.mark.parametrize("networks,public,private", [
    (TYPED, "127.0.1.4", "10.10.0.4"),
    (PRIVATE_FIRST, "127.0.1.4", "10.10.0.4"),
    (UNTYPED, "127.0.1.4", "10.10.0.4"),
    (UNTYPED_PUBLIC_ONLY, "203.0.113.7", None),
    ({"v4": [{"ip_address": "10.10.0.4", "type": "private"}]}, None, "10.10.0.4"),
    ({"v4": []}, None, None),
    ({}, None, None),
    (None, None, None),
], ids=["typed", "private-listed-first", "untyped", "untyped-public-only", "private-only", "empty", "no-v4", "none"])
def test_public_and_private_addresses(networks, public, private):
    assert (public_ipv4(networks), private_ipv4(networks)) == (public, private)


@pytest.mark.parametrize("value,expected", [("2", 2), (2, 2), ("20", 20), (2.0, 2), ("0.5", 0.5), (None, None), ("lots", "lots")])
def test_sizes_as_strings_or_numbers_are_numbers(value, expected):
    assert number(value) == expected and type(number(value)) is type(expected)


@pytest.mark.parametrize("given,expected", [("debian-12", "debian-12"), (3, "debian-12"), ("3", "debian-12"), ("retired-os", "retired-os"),
                                            (99, "99"), (None, None)])
def test_the_distro_is_named_from_the_catalogue(given, expected):
    assert distro_name(given, DISTROS) == expected


def test_without_a_catalogue_the_distro_is_kept_as_given():
    assert distro_name(3) == "3" and distro_name("debian-12") == "debian-12"


def fake_vm(**switches):
    fake = FakeCloudsFor()
    for name, value in switches.items():
        setattr(fake, name, value)
    return fake, fake.add_vm("web1", distro=3, memory=2, vcpus=2, disk=40, backups=True)


@pytest.mark.parametrize("network_types", [True, False])
@pytest.mark.parametrize("region_object", [True, False])
@pytest.mark.parametrize("numeric_strings", [True, False])
def test_the_view_is_the_same_under_every_shape(network_types, region_object, numeric_strings):
    fake, vm_id = fake_vm(network_types=network_types, region_object=region_object, numeric_strings=numeric_strings)
    raw = fake.raw_vm(fake.vms[vm_id])
    assert isinstance(raw["region"], dict) is region_object and isinstance(raw["disk"], str) is numeric_strings
    view = vm_view(raw, DISTROS)
    assert tuple(view) == VIEW_KEYS
    assert view["id"] == vm_id and view["name"] == "web1" and view["status"] == "running"
    assert (view["region"], view["distro"], view["memory"], view["vcpus"], view["disk"]) == ("moscow_02", "debian-12", 2, 2, 40)
    assert (view["ipv4"], view["private_ipv4"]) == ("127.0.1.1", "10.10.0.1")
    assert view["backups"] is True and view["features"] == ["backups"] and view["locked"] is False
    assert view["image"] == {"id": 101, "distro": 3, "name": "Debian 12"}
    assert len(view["networks"]["v4"]) == 2 and view["backup_ids"] == [] and view["snapshot_ids"] == []


def test_a_vm_being_built_has_no_addresses_yet():
    fake = FakeCloudsFor()
    vm_id = fake.add_vm("web1", building=True)
    view = vm_view(fake.raw_vm(fake.vms[vm_id]), DISTROS)
    assert (view["status"], view["ipv4"], view["private_ipv4"], view["networks"]) == ("new", None, None, {"v4": []})


def test_a_sparse_vm_gives_every_key():
    view = vm_view({"id": "abc", "name": "bare"})
    assert tuple(view) == VIEW_KEYS
    assert (view["region"], view["distro"], view["backups"], view["features"], view["image"], view["locked"]) == (None, None, False, [], None, False)

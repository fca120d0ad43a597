# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Normalisation of app options: sizes, access lists, extra locations, maps."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_fields import (
    EVERYONE, FIELDS, IconField, access, locations, port_map, size_in_bytes, string_map,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import wanted


@pytest.mark.parametrize("given,expected", [
    (0, 0), (-1, -1), (268435456, 268435456), ("512M", 536870912), ("512MiB", 536870912), ("1g", 1073741824),
    ("0.5G", 536870912), ("2048k", 2097152), ("  256 MB ", 268435456),
])
def test_sizes(given, expected):
    assert size_in_bytes(given) == expected


@pytest.mark.parametrize("given", ["lots", "12 parsecs", True, "M"])
def test_bad_sizes(given):
    with pytest.raises(ValueError):
        size_in_bytes(given)


def test_access_is_everyone_or_sorted_names():
    assert access(" Everyone ") == EVERYONE
    assert access({"groups": ["Staff", "admins", "staff"]}) == {"users": [], "groups": ["admins", "staff"]}
    with pytest.raises(ValueError):
        access("nobody")
    with pytest.raises(ValueError):
        access({"people": []})


def test_extra_locations_are_order_free_and_lower_case():
    given = [{"subdomain": "WWW", "domain": "Example.org"}, {"subdomain": None, "domain": "example.com"}]
    assert locations(given) == [{"subdomain": "", "domain": "example.com"}, {"subdomain": "www", "domain": "example.org"}]


def test_maps_keep_their_keys_and_coerce_values():
    assert string_map({"Retries": 3, "DEBUG": True, "Name": "x"}) == {"Retries": "3", "DEBUG": "true", "Name": "x"}
    assert port_map({"SSH_PORT": "2222"}) == {"SSH_PORT": 2222}


def test_bad_option_values_name_the_option_once():
    with pytest.raises(ResourceError) as info:
        wanted(FIELDS, {"memory_limit": "lots", "access_restriction": "nobody"})
    assert str(info.value) == ("access_restriction: must be 'everyone' or a dict with users and groups, not 'nobody'; "
                               "memory_limit: 'lots' is not a size such as 512M or 2G")


@pytest.mark.parametrize("option,value,words", [
    ("cpu_quota", 500, "cpu_quota: 500 is out of range (1 to 100)"),
    ("cpu_quota", 0, "cpu_quota: 0 is out of range (1 to 100)"),
    ("memory_limit", -5, "memory_limit: -5 is out of range (at least -1)"),
    ("memory_limit", "-2M", "memory_limit: -2097152 is out of range (at least -1)"),
])
def test_values_out_of_range_are_refused_before_anything_is_sent(option, value, words):
    with pytest.raises(ResourceError) as info:
        wanted(FIELDS, {option: value})
    assert str(info.value) == words


def test_values_in_range_pass():
    assert wanted(FIELDS, {"cpu_quota": 100, "memory_limit": -1}) == {"cpu_quota": 100, "memory_limit": -1}


def test_icons_are_compared_by_digest_and_sent_as_base64(tmp_path):
    image = tmp_path / "icon.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\nbytes")
    digest = wanted(FIELDS, {"icon": str(image)})["icon"]
    assert digest == IconField.digest(b"\x89PNG\r\n\x1a\nbytes")
    assert digest.startswith("sha256:") and len(digest) == len("sha256:") + 64
    assert IconField.encoded(digest) == "iVBORw0KGgpieXRlcw=="


def test_unreadable_or_empty_icons_name_the_option(tmp_path):
    with pytest.raises(ResourceError, match="icon: cannot read .*missing.png"):
        wanted(FIELDS, {"icon": str(tmp_path / "missing.png")})
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(ResourceError, match="icon: .*empty.png is empty"):
        wanted(FIELDS, {"icon": str(empty)})


def test_one_image_reader_serves_app_icons_and_branding_images(tmp_path):
    from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron import app_fields, branding
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(ValueError) as error:
        app_fields.read_image(str(empty), " (hint)")
    assert str(error.value) == "%s is empty; give an image file (hint)" % empty
    assert branding.read_image is app_fields.read_image

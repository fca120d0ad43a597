# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.times import parse_time

JAN_2027 = 1801353600  # 2027-01-31T00:00:00Z


@pytest.mark.parametrize("given, expected", [
    ("2027-01-31", JAN_2027),
    ("2027-01-31T00:00", JAN_2027),
    ("2027-01-31T00:00:00", JAN_2027),
    ("2027-01-31T00:00:00Z", JAN_2027),
    ("2027-01-31t00:00:00z", JAN_2027),
    ("2027-01-31 00:00:00Z", JAN_2027),
    (" 2027-01-31T00:00:00Z ", JAN_2027),
    ("2027-01-31T02:00:00+02:00", JAN_2027),
    ("2027-01-31T02:00:00+0200", JAN_2027),
    ("2027-01-31T02:00:00+02", JAN_2027),
    ("2027-01-30T22:30:00-01:30", JAN_2027),
    ("2027-01-31T00:00:00.5Z", JAN_2027 + 0.5),
    ("2027-01-31T00:00:00.250+00:00", JAN_2027 + 0.25),
    ("2027-01-31T00:00:00,125Z", JAN_2027 + 0.125),
    # more digits than microseconds: Python 3.9 and 3.10 refuse these with fromisoformat
    ("2027-01-31T00:00:00.123456789Z", JAN_2027 + 0.123456789),
    ("1970-01-01T00:00:00Z", 0),
    ("1969-12-31T23:59:59Z", -1),
])
def test_forms(given, expected):
    assert parse_time(given, "since") == pytest.approx(expected, abs=1e-6)
    assert isinstance(parse_time(given), float)


@pytest.mark.parametrize("given", [
    "soon", "", "31.01.2027", "2027-1-31", "2027-01-31T", "2027-01-31T00", "20270131T000000Z", "2027-W05-7",
    "2027-01-31T00:00:00+2", "2027-01-31T00:00:00ZZ", "2027-01-31T00:00:00 UTC", "2027-01-31T00:00:00.Z",
    None, 1801353600, True, ["2027-01-31"],
])
def test_refused_forms_name_the_option(given):
    with pytest.raises(ValueError, match=r"^since: .* is not an ISO 8601 time such as 2027-01-31T00:00:00Z"):
        parse_time(given, "since")


@pytest.mark.parametrize("given", ["2027-02-30", "2027-13-01T00:00:00Z", "2027-01-31T24:00:00Z", "2027-01-31T23:60:00Z",
                                   "2027-01-31T23:59:60Z", "2027-01-31T00:00:00+24:00", "2027-01-31T00:00:00+01:60"])
def test_impossible_values_are_refused(given):
    with pytest.raises(ValueError, match=r"^until: .* is not a valid time"):
        parse_time(given, "until")


def test_without_an_option_the_message_has_no_prefix():
    with pytest.raises(ValueError, match=r"^'soon' is not an ISO 8601 time"):
        parse_time("soon")

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Network settings: IP configurations compared with only what their provider uses, address lists compared as sets
and written with the server's comments kept."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.ip_entries import entries, merged_text
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.network import Network
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

STORED = "# spammers\n198.51.100.0/24\n2001:DB8::5\n\n# old\n192.0.2.0/24\n198.51.100.0/24"
IP = {"provider": None, "ip": None, "ifname": None}


def make(check_mode=False, ipv4=None, blocklist=STORED):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/network/ipv4_config", (200, ipv4 or {"provider": "generic"}))
    server.on("GET", "/network/ipv6_config", (200, {"provider": "noop"}))
    server.on("GET", "/network/blocklist", (200, {"blocklist": blocklist}))
    server.on("GET", "/reverseproxy/trusted_ips", (200, {"trustedIps": ""}))
    for path in ("/network/ipv4_config", "/network/ipv6_config", "/network/blocklist", "/reverseproxy/trusted_ips"):
        server.on("POST", path, (200, {}))
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode)
    return Engine(Network(), ctx, check_mode=check_mode), server


def converge(engine, params):
    return engine.converge(engine.items([params]), "present")


def written(server):
    return [(entry[1][len("/api/v1"):], entry[3]) for entry in server.writes()]


def test_stored_text_gives_entries_without_comments():
    assert entries(STORED) == ["198.51.100.0/24", "2001:db8::5", "192.0.2.0/24", "198.51.100.0/24"]
    assert entries("") == [] and entries(None) == []


def test_merged_text_keeps_comments_drops_unwanted_lines_and_duplicates_and_appends_new_ones():
    text = merged_text(STORED, ["2001:db8::5", "198.51.100.0/24", "2001:db8::/32"])
    assert text == "# spammers\n198.51.100.0/24\n2001:DB8::5\n\n# old\n2001:db8::/32"
    assert merged_text("", ["192.0.2.1", "192.0.2.1"]) == "192.0.2.1"
    assert merged_text("# only a comment\n\n", []) == "# only a comment"


def test_the_same_set_in_another_order_and_form_writes_nothing():
    engine, server = make()
    outcome = converge(engine, {"blocklist": ["192.0.2.0/24", "2001:db8:0::5", "198.51.100.0/24", "198.51.100.0/24"]})
    assert not outcome.changed and server.writes() == []
    assert outcome.results == [{"blocklist": ["198.51.100.0/24", "2001:db8::5", "192.0.2.0/24", "198.51.100.0/24"]}]
    assert [entry[1] for entry in server.log] == ["/api/v1/network/blocklist"]


def test_a_changed_list_is_written_with_the_comments_kept():
    engine, server = make()
    outcome = converge(engine, {"blocklist": ["2001:db8::/32", "198.51.100.0/24"]})
    assert outcome.results == [{"blocklist": ["198.51.100.0/24", "2001:db8::/32"]}]
    assert written(server) == [("/network/blocklist", {"blocklist": "# spammers\n198.51.100.0/24\n\n# old\n2001:db8::/32"})]


@pytest.mark.parametrize("params,message", [
    ({"blocklist": ["192.0.2.1", "spam.example.com"]}, "blocklist: 'spam.example.com' is neither an IP address nor a range"),
    ({"trusted_ips": ["192.0.2.0/33"]}, "trusted_ips: '192.0.2.0/33' is neither an IP address nor a range"),
    ({"ipv4": dict(IP, provider="fixed")}, "ipv4: ip is required with provider fixed"),
    ({"ipv4": dict(IP, provider="fixed", ip="2001:db8::1")}, "ipv4: '2001:db8::1' is not an IPv4 address"),
    ({"ipv6": dict(IP, provider="fixed", ip="192.0.2.1")}, "ipv6: '192.0.2.1' is not an IPv6 address"),
    ({"ipv4": dict(IP, provider="generic", ip="192.0.2.1")}, "ipv4: ip is only used with provider fixed, not generic"),
    ({"ipv4": dict(IP, provider="interface")}, "ipv4: ifname is required with provider interface"),
    ({"ipv6": dict(IP, provider="noop", ifname="eth0")}, "ipv6: ifname is only used with provider interface, not noop"),
])
def test_bad_input_is_refused_before_any_request(params, message):
    engine, server = make()
    with pytest.raises(ResourceError) as error:
        engine.items([params])
    assert message in str(error.value)
    assert server.log == []


def test_ip_config_compares_only_what_the_provider_uses():
    # the server's interface under the spec's name and provider spelling, and a leftover address
    engine, server = make(ipv4={"provider": "network-interface", "iface": "eth1", "ip": "192.0.2.9"})
    outcome = converge(engine, {"ipv4": dict(IP, provider="interface", ifname=" eth1 ")})
    assert not outcome.changed and outcome.results == [{"ipv4": {"provider": "interface", "ifname": "eth1"}}]


def test_ip_config_write_sends_the_interface_under_both_names_and_the_address_canonical():
    engine, server = make()
    converge(engine, {"ipv4": dict(IP, provider="interface", ifname="eth0"), "ipv6": dict(IP, provider="fixed", ip="2001:DB8::A")})
    assert written(server) == [
        ("/network/ipv4_config", {"provider": "interface", "ifname": "eth0", "iface": "eth0"}),
        ("/network/ipv6_config", {"provider": "fixed", "ip": "2001:db8::a"}),
    ]


def test_check_mode_predicts_and_writes_nothing():
    engine, server = make(check_mode=True)
    outcome = converge(engine, {"ipv4": dict(IP, provider="fixed", ip="192.0.2.10"), "trusted_ips": ["10.0.0.2"]})
    assert outcome.changed and server.writes() == []
    assert outcome.results == [{"ipv4": {"provider": "fixed", "ip": "192.0.2.10"}, "trusted_ips": ["10.0.0.2"]}]

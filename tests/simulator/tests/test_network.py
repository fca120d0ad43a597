# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Network settings, the certificate renewal task and the container registry."""

import pytest

MASK = "\u25cf" * 8
BAD = {"status": "Bad Request"}


def test_ip_configs_default_and_addresses_follow_them(client):
    assert client.call("GET", "/network/ipv4_config").outcome == (200, {"provider": "generic"})
    assert client.call("GET", "/network/ipv6_config").outcome == (200, {"provider": "noop"})
    assert client.call("GET", "/network/ipv4").outcome == (200, {"ip": "198.51.100.7"})
    assert client.call("GET", "/network/ipv6").outcome == (200, {"ip": None})
    assert client.call("POST", "/network/ipv4_config", {"provider": "fixed", "ip": "192.0.2.10"}).outcome == (200, {})
    assert client.call("POST", "/network/ipv6_config", {"provider": "interface", "ifname": "eth1"}).outcome == (200, {})
    assert client.call("GET", "/network/ipv4").body == {"ip": "192.0.2.10"}
    assert client.call("GET", "/network/ipv6").body == {"ip": "fd00::7"}
    assert client.call("GET", "/network/ipv6_config").body == {"provider": "interface", "ifname": "eth1"}
    assert client.control("GET", "/state")["network"]["ipv4Config"] == {"provider": "fixed", "ip": "192.0.2.10"}


@pytest.mark.parametrize("route,body,message", [
    ("/network/ipv4_config", {"provider": "static"}, "Invalid provider"),
    ("/network/ipv4_config", {"provider": "network-interface", "ifname": "eth0"}, "Invalid provider"),
    ("/network/ipv4_config", {"provider": "fixed"}, "ip is required"),
    ("/network/ipv4_config", {"provider": "fixed", "ip": "2001:db8::1"}, "ip is not a valid IPv4 address"),
    ("/network/ipv6_config", {"provider": "fixed", "ip": "192.0.2.1"}, "ip is not a valid IPv6 address"),
    ("/network/ipv4_config", {"provider": "interface"}, "ifname is required"),
    ("/network/ipv4_config", {"provider": "interface", "ifname": "wlan9"}, "No interface named wlan9"),
    ("/network/blocklist", {"blocklist": "# ok\nnot-an-ip"}, "not-an-ip is not a valid IP address or CIDR range"),
    ("/network/blocklist", {}, "blocklist is required"),
    ("/reverseproxy/trusted_ips", {"trustedIps": ["10.0.0.1"]}, "trustedIps must be string"),
    ("/reverseproxy/renew_certs", {"rebuild": "yes"}, "rebuild must be boolean"),
])
def test_bad_values(client, route, body, message):
    before = client.control("GET", "/state")["network"]
    assert client.call("POST", route, body).outcome == (400, dict(BAD, message=message))
    assert client.control("GET", "/state")["network"] == before


def test_interface_key_switch(client):
    client.control("POST", "/switches", {"ip_interface_key": "iface"})
    assert client.call("POST", "/network/ipv4_config", {"provider": "interface", "ifname": "eth0"}).outcome == \
        (400, dict(BAD, message="iface is required"))
    assert client.call("POST", "/network/ipv4_config", {"provider": "interface", "ifname": "x", "iface": "eth1"}).status == 200
    assert client.call("GET", "/network/ipv4_config").body == {"provider": "interface", "iface": "eth1"}
    assert client.call("GET", "/network/ipv4").body == {"ip": "10.0.0.7"}
    client.control("POST", "/switches", {"ip_interface_key": "ifname"})
    assert client.call("GET", "/network/ipv4_config").body == {"provider": "interface", "ifname": "eth1"}


@pytest.mark.parametrize("route,key", [("/network/blocklist", "blocklist"), ("/reverseproxy/trusted_ips", "trustedIps")])
def test_lists_keep_their_text(client, route, key):
    assert client.call("GET", route).outcome == (200, {key: ""})
    text = "# spammers\n198.51.100.0/24\n\n2001:db8::/32"
    assert client.call("POST", route, {key: text}).outcome == (200, {})
    assert client.call("GET", route).body == {key: text}
    assert client.call("POST", route, {key: text}, token="sim-ro-token").status == 403


def test_renew_certs_runs_a_task(client):
    answer = client.call("POST", "/reverseproxy/renew_certs", {"rebuild": True})
    assert answer.status == 202 and set(answer.body) == {"taskId"}
    task = client.wait(answer.body["taskId"])
    assert (task["type"], task["args"], task["success"]) == ("checkCerts", [{"rebuild": True}], True)
    answer = client.call("POST", "/reverseproxy/renew_certs")
    assert client.wait(answer.body["taskId"])["args"] == [{"rebuild": False}]


def test_renew_certs_task_fault(client):
    client.control("POST", "/task_faults", {"type": "checkCerts", "message": "Let's Encrypt rate limit"})
    task = client.wait(client.call("POST", "/reverseproxy/renew_certs", {}).body["taskId"])
    assert task["success"] is False and task["error"]["message"] == "Let's Encrypt rate limit"


def test_registry_round_trip_and_masked_password(client):
    assert client.call("GET", "/docker/registry_config").outcome == (200, {"provider": "noop"})
    config = {"provider": "quay", "serverAddress": "quay.io", "username": "bot", "email": "bot@example.com", "password": "s3"}
    assert client.call("POST", "/docker/registry_config", config).outcome == (200, {})
    assert client.call("GET", "/docker/registry_config").body == dict(config, password=MASK)
    # the mask sent back keeps the stored password
    assert client.call("POST", "/docker/registry_config", dict(config, username="bot2", password=MASK)).status == 200
    assert client.control("GET", "/state")["registry"] == dict(config, username="bot2")
    client.control("POST", "/switches", {"registry_password_read": "absent"})
    assert "password" not in client.call("GET", "/docker/registry_config").body
    assert client.call("POST", "/docker/registry_config", {"provider": "noop"}).status == 200
    assert client.control("GET", "/state")["registry"] == {"provider": "noop"}


@pytest.mark.parametrize("body,message", [
    ({"provider": "gitlab", "serverAddress": "x"}, "Invalid provider"),
    ({"serverAddress": "x"}, "provider is required"),
    ({"provider": "quay"}, "serverAddress is required"),
    ({"provider": "quay", "serverAddress": "quay.io", "username": 7}, "username must be string"),
])
def test_registry_bad_values(client, body, message):
    assert client.call("POST", "/docker/registry_config", body).outcome == (400, dict(BAD, message=message))
    assert client.control("GET", "/state")["registry"] == {"provider": "noop"}

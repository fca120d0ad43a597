# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The network settings of a Cloudron server as a singleton resource (facts 7.14).

Four routes, each read with GET and written with POST only when the option given differs: the IPv4 and
IPv6 configuration (how the server finds the address its DNS records get), the firewall's block list and
the reverse proxy's trusted proxies. Dynamic DNS is a setting of ``settings.py``.

The two lists are text on the server: one address or CIDR range a line, ``#`` comments. They are
compared as sets of entries in the spelling ``ip_entries`` gives them; a write keeps the server's comments and blank lines in place,
drops the lines of entries no longer wanted and appends new entries in the order given.

The interface of the ``interface`` provider is ``ifname`` in the facts and ``iface`` in the vendor spec
(which also names the provider ``network-interface`` in its discriminator): both are read, and both are sent.
"""

from __future__ import annotations

import ipaddress

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.ip_entries import checked, entries, merged_text, spelling
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import SET, Field, WholeField
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Singleton

ADMIN = "admin"
PROVIDERS = ("noop", "fixed", "interface", "generic")
# route name -> (path, key of the body)
ROUTES = {
    "ipv4_config": ("/network/ipv4_config", None),
    "ipv6_config": ("/network/ipv6_config", None),
    "blocklist": ("/network/blocklist", "blocklist"),
    "trusted_ips": ("/reverseproxy/trusted_ips", "trustedIps"),
}
# the server's current addresses, read-only (facts 7.14)
ADDRESS_PATHS = {"ipv4": "/network/ipv4", "ipv6": "/network/ipv6"}
IP_OPTIONS = {
    "provider": {"type": "str", "required": True, "choices": list(PROVIDERS)},
    "ip": {"type": "str"},
    "ifname": {"type": "str"},
}


# -- IP configuration ---------------------------------------------------------------------------------

def _address(version):
    def parse(value):
        found = ipaddress.ip_address(value.strip())
        if found.version != version:
            raise ValueError("%r is not an IPv%d address" % (value, version))
        return str(found)
    return parse


def ip_config(version):
    """The compared form of an IP configuration: the provider and only the setting it uses."""
    address = _address(version)

    def normalize(value):
        provider = (value.get("provider") or "").strip().lower()
        provider = "interface" if provider == "network-interface" else provider
        found = {"provider": provider}
        if provider == "fixed":
            ip = value.get("ip")
            try:
                found["ip"] = address(ip) if ip else ip
            except ValueError:
                found["ip"] = ip
        elif provider == "interface":
            ifname = value.get("ifname") or value.get("iface")
            found["ifname"] = ifname.strip() if isinstance(ifname, str) else ifname
        return found
    return normalize


def ip_config_input(version):
    """Input only: the setting the provider needs is given and valid, and no setting it ignores is."""
    address = _address(version)

    def parse(value):
        provider = value.get("provider")
        ip, ifname = value.get("ip"), value.get("ifname")
        if provider == "fixed":
            if not ip:
                raise ValueError("ip is required with provider fixed")
            address(ip)
        elif ip is not None:
            raise ValueError("ip is only used with provider fixed, not %s" % provider)
        if provider == "interface":
            if not ifname or not ifname.strip():
                raise ValueError("ifname is required with provider interface")
        elif ifname is not None:
            raise ValueError("ifname is only used with provider interface, not %s" % provider)
        return value
    return parse


def ip_config_body(config):
    """The body of an IP configuration route; the interface goes under both of its names."""
    body = {"provider": config["provider"]}
    if "ip" in config:
        body["ip"] = config["ip"]
    if "ifname" in config:
        body["ifname"] = body["iface"] = config["ifname"]
    return body


FIELDS = (
    WholeField("ipv4", ip_config(4), suboptions=IP_OPTIONS, type="dict", parse=ip_config_input(4), route="ipv4_config"),
    WholeField("ipv6", ip_config(6), suboptions=IP_OPTIONS, type="dict", parse=ip_config_input(6), route="ipv6_config"),
    Field("blocklist", type="list", elements="str", parse=checked, normalize=spelling, compare=SET, route="blocklist"),
    Field("trusted_ips", type="list", elements="str", parse=checked, normalize=spelling, compare=SET, route="trusted_ips"),
)
NAMES = tuple(field.name for field in FIELDS)


def server_addresses(ctx):
    """The server's current public addresses as it reports them (None where it has none)."""
    return dict((name, ctx.client.call("GET", path, role=ADMIN).get("ip")) for name, path in ADDRESS_PATHS.items())


class Network(Singleton):
    """The network settings of one server; an item names the settings it manages."""

    name = "network"
    plural = "networks"
    fields = FIELDS
    # Reading the settings routes already fails on a server without them; check mode adds no status read.
    check_server_in_check_mode = False

    def read(self, ctx, items, complete):
        """The settings named by the item (every setting when it names none or ``complete``), one GET each."""
        names = set(items[0]) if items and items[0] and not complete else set(NAMES)
        found, stored = {}, {}
        for field in FIELDS:
            if field.name not in names:
                continue
            path, key = ROUTES[field.route]
            answer = ctx.client.call("GET", path, role=ADMIN)
            if key is None:
                found[field.name] = answer
            else:
                stored[field.route] = answer.get(key) or ""
                found[field.name] = entries(stored[field.route])
        # kept out of results (not a field): the lists as stored, comments included, for the writes
        found["stored_lists"] = stored
        return [found]

    def write(self, ctx, current, route, values, item):
        path, key = ROUTES[route]
        field = next(field for field in FIELDS if field.route == route)
        if key is None:
            body = ip_config_body(values[field.name])
        else:
            stored = (current.get("stored_lists") or {}).get(route, "")
            body = {key: merged_text(stored, item[field.name])}
        ctx.client.call("POST", path, body=body, role=ADMIN)

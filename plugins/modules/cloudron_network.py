#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_network
short_description: Manage the network settings of a Cloudron server
version_added: 0.1.0
description:
  - Set how the server finds its public IPv4 and IPv6 addresses (the addresses its DNS records get), the addresses
    its firewall blocks, and the reverse proxies in front of it whose forwarding headers it trusts.
  - Only the settings given are read and compared, and only those that differ are written; each is its own request.
  - With no setting given, the module reads and returns every setting, changing nothing.
  - Also returns the server's current public addresses (RV(server_addresses)), read-only.
  - Dynamic DNS is set with M(selfhosted.platforms.cloudron_settings).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  ipv4:
    description:
      - How the server finds its public IPv4 address, the one the A records of its domains get.
      - Compared as a whole, with only the setting the provider uses; the address compared in its canonical form.
      - The API calls this the IPv4 configuration (route C(/network/ipv4_config)).
    type: dict
    suboptions:
      provider:
        description:
          - V(generic) asks a service on the internet which address the server's requests come from.
          - V(fixed) uses the address given in O(ipv4.ip).
          - V(interface) uses the address of the network interface named in O(ipv4.ifname).
          - V(noop) sets no A records.
        type: str
        required: true
        choices: [noop, fixed, interface, generic]
      ip:
        description: The address, with provider V(fixed) only (required there).
        type: str
      ifname:
        description:
          - The name of the network interface, such as V(eth0), with provider V(interface) only (required there).
          - Sent as C(ifname) (the name the server is recalled to read) and as C(iface) (the vendor's API description);
            read from whichever the server answers.
        type: str
  ipv6:
    description:
      - How the server finds its public IPv6 address, the one the AAAA records of its domains get; as O(ipv4), with an
        IPv6 address in O(ipv6.ip). V(noop) turns IPv6 records off.
      - The API calls this the IPv6 configuration (route C(/network/ipv6_config)).
    type: dict
    suboptions:
      provider:
        description: As O(ipv4.provider).
        type: str
        required: true
        choices: [noop, fixed, interface, generic]
      ip:
        description: The IPv6 address, with provider V(fixed) only (required there).
        type: str
      ifname:
        description: The name of the network interface, with provider V(interface) only (required there).
        type: str
  blocklist:
    description:
      - IP addresses and CIDR ranges (IPv4 or IPv6) whose requests the server's firewall drops. V([]) blocks none.
      - Compared as a set of entries in one spelling (IPv6 compressed, lower-case); order, duplicates, comments and
        blank lines do not matter. Otherwise an entry compares as written (V(192.0.2.1/32) is not V(192.0.2.1)).
      - Each entry must be an IP address or a range in CIDR notation; anything else is refused before any request.
      - The server keeps the list as text with C(#) comments. The module does not manage comments. When the list
        changes it keeps the server's comments and blank lines where they are, removes the lines of addresses no
        longer listed (a comment about one stays), and appends new addresses at the end in the order given.
    type: list
    elements: str
  trusted_ips:
    description:
      - IP addresses and CIDR ranges of the reverse proxies in front of the server; the server trusts their
        C(X-Forwarded-For) and similar headers. V([]) trusts none.
      - Compared and written like O(blocklist). The API calls this C(trustedIps) (route C(/reverseproxy/trusted_ips)).
    type: list
    elements: str
notes:
  - Reading and writing the network settings needs the C(admin) role or higher.
  - Each option is checked before anything is sent (the setting the provider needs, the form of every address); the
    server checks the rest (an interface it does not have, say) and its message is quoted. Settings written before a
    refused one stay written and are reported in RV(changed_settings).
  - Blocking the address Ansible reaches the server from locks Ansible out, as it would any other client.
seealso:
  - module: selfhosted.platforms.cloudron_settings
  - module: selfhosted.platforms.cloudron_certificates
"""

EXAMPLES = r"""
- name: Use a fixed IPv4 address and no IPv6 records
  selfhosted.platforms.cloudron_network:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    ipv4:
      provider: fixed
      ip: 192.0.2.10
    ipv6:
      provider: noop

- name: Block two networks and trust the load balancer in front of the server
  selfhosted.platforms.cloudron_network:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    blocklist:
      - 198.51.100.0/24
      - 2001:db8:bad::/48
    trusted_ips:
      - 10.0.0.2

- name: Read the network settings and the server's addresses
  selfhosted.platforms.cloudron_network:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
  register: network
"""

RETURN = r"""
network:
  description:
    - The settings given, as they are after the run (in check mode, as they would be); every setting when none is given.
  returned: success
  type: dict
  contains:
    ipv4:
      description: The IPv4 configuration, with only the setting its provider uses.
      type: dict
      returned: when given, or when no setting is given
      sample: {provider: fixed, ip: 192.0.2.10}
      contains:
        provider:
          description:
            - How the address is found, V(generic) (asked of a service on the internet), V(fixed) (C(ip)),
              V(interface) (the address of the interface C(ifname)) or V(noop) (none).
          type: str
          sample: fixed
        ip:
          description: The address, with provider V(fixed) only.
          type: str
          returned: with provider V(fixed)
          sample: 192.0.2.10
        ifname:
          description: The name of the network interface, with provider V(interface) only.
          type: str
          returned: with provider V(interface)
          sample: eth0
    ipv6:
      description: The IPv6 configuration, with only the setting its provider uses.
      type: dict
      returned: when given, or when no setting is given
      sample: {provider: noop}
      contains:
        provider:
          description:
            - How the address is found, V(generic) (asked of a service on the internet), V(fixed) (C(ip)),
              V(interface) (the address of the interface C(ifname)) or V(noop) (none).
          type: str
          sample: fixed
        ip:
          description: The address, with provider V(fixed) only.
          type: str
          returned: with provider V(fixed)
          sample: "2001:db8::10"
        ifname:
          description: The name of the network interface, with provider V(interface) only.
          type: str
          returned: with provider V(interface)
          sample: eth0
    blocklist:
      description: The blocked addresses and ranges, in the server's order, without its comments.
      type: list
      elements: str
      returned: when given, or when no setting is given
      sample: [198.51.100.0/24, 2001:db8:bad::/48]
    trusted_ips:
      description: The trusted proxies, in the server's order, without its comments.
      type: list
      elements: str
      returned: when given, or when no setting is given
      sample: [10.0.0.2]
server_addresses:
  description:
    - The server's public addresses as it reports them after the run (before it, in check mode); read-only.
  returned: success
  type: dict
  contains:
    ipv4:
      description: The IPv4 address; V(null) when the server has none.
      type: str
      sample: 192.0.2.10
    ipv6:
      description: The IPv6 address; V(null) when IPv6 is off.
      type: str
      sample: "2001:db8::10"
changed_settings:
  description: Names of the settings that were (in check mode, would be) changed, in the order they are written.
  returned: always
  type: list
  elements: str
  sample: [ipv4, blocklist]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.network import FIELDS, Network, server_addresses
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import argspec


def addresses(ctx, result):
    result["server_addresses"] = server_addresses(ctx)


def main():
    run = CLOUDRON.module(argspec(FIELDS))
    network = Network()
    run.report_unless_given(network, "changed_settings", extra=lambda ctx: {"server_addresses": server_addresses(ctx)})
    run.singular(network, state="present", changed_fields="changed_settings", finish=addresses)


if __name__ == "__main__":
    main()

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Network settings of 8.x/9.x (facts 7.14): the IPv4 and IPv6 configuration, the server's addresses, the firewall's
block list, the reverse proxy's trusted IPs, and the certificate renewal task.

Settings POSTs answer 200 ``{}``; ``POST /reverseproxy/renew_certs`` answers 202 ``{taskId}`` and runs a task of type
``checkCerts`` (facts 4.2). The lists are stored as the text they were sent as, comments included.

The interface provider's setting is ``ifname`` in the facts and ``iface`` in the spec: switch ``ip_interface_key``
says which one the route reads (and requires) and answers; the other is accepted and ignored. The real server's
wording for a rejected value is not documented; the messages here are plausible ones. What the addresses read as
is the simulator's own choice: the fixed address for ``fixed``, null for ``noop``, else the address it detects.
"""

import copy
import ipaddress

from common.routing import Response

from .errors import ApiError

RENEW_TASK = "checkCerts"
PROVIDERS = ("noop", "fixed", "interface", "generic")
# what the simulated machine has: the public addresses it detects and its interfaces with their addresses
DETECTED = {4: "198.51.100.7", 6: "2001:db8::7"}
INTERFACES = {"eth0": {4: "198.51.100.7", 6: "2001:db8::7"}, "eth1": {4: "10.0.0.7", 6: "fd00::7"}}
_RENEW_STEPS = ((20, "Checking certificates"), (60, "Renewing certificates"), (90, "Reloading the reverse proxy"))
_REBUILD_STEPS = _RENEW_STEPS[:2] + ((80, "Rebuilding reverse proxy configs"), (90, "Reloading the reverse proxy"))
# list route -> body key
LISTS = {"/api/v1/network/blocklist": "blocklist", "/api/v1/reverseproxy/trusted_ips": "trustedIps"}


def defaults():
    """Stored state: the IP configurations as written (interface under ``ifname``) and the lists' text."""
    return {"ipv4Config": {"provider": "generic"}, "ipv6Config": {"provider": "noop"}, "blocklist": "", "trustedIps": ""}


def dump(state):
    return {"network": copy.deepcopy(state.network)}


def _version(request):
    return 6 if "/ipv6" in request.path else 4


def _config_key(request):
    return "ipv%dConfig" % _version(request)


def get_config(state, request):
    config = dict(state.network[_config_key(request)])
    if "ifname" in config:
        config[state.switches["ip_interface_key"]] = config.pop("ifname")
    return Response(200, config)


def set_config(state, request):
    version, body = _version(request), request.body
    provider = body.get("provider")
    if provider not in PROVIDERS:
        raise ApiError(400, "Invalid provider")
    config = {"provider": provider}
    if provider == "fixed":
        ip = body.get("ip")
        if not isinstance(ip, str) or not ip:
            raise ApiError(400, "ip is required")
        try:
            valid = ipaddress.ip_address(ip).version == version
        except ValueError:
            valid = False
        if not valid:
            raise ApiError(400, "ip is not a valid IPv%d address" % version)
        config["ip"] = ip
    elif provider == "interface":
        key = state.switches["ip_interface_key"]
        ifname = body.get(key)
        if not isinstance(ifname, str) or not ifname:
            raise ApiError(400, "%s is required" % key)
        if ifname not in INTERFACES:
            raise ApiError(400, "No interface named %s" % ifname)
        config["ifname"] = ifname
    state.network["ipv%dConfig" % version] = config
    return Response(200, {})


def get_address(state, request):
    version = _version(request)
    config = state.network["ipv%dConfig" % version]
    provider = config["provider"]
    if provider == "noop":
        ip = None
    elif provider == "fixed":
        ip = config["ip"]
    elif provider == "interface":
        ip = INTERFACES[config["ifname"]][version]
    else:
        ip = DETECTED[version]
    return Response(200, {"ip": ip})


def _checked_list(text, key):
    """The text as sent, after every entry was found to be an address or a CIDR range."""
    if not isinstance(text, str):
        raise ApiError(400, "%s must be a string" % key)
    for line in text.split("\n"):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError as error:
            raise ApiError(400, "%s is not a valid IP address or CIDR range" % entry) from error
    return text


def get_list(state, request):
    key = LISTS[request.path]
    return Response(200, {key: state.network[key]})


def set_list(state, request):
    key = LISTS[request.path]
    if key not in request.body:
        raise ApiError(400, "%s is required" % key)
    state.network[key] = _checked_list(request.body[key], key)
    return Response(200, {})


def renew_certs(state, request):
    rebuild = request.body.get("rebuild", False)
    if not isinstance(rebuild, bool):
        raise ApiError(400, "rebuild must be a boolean")
    task = state.tasks.start(RENEW_TASK, [{"rebuild": rebuild}], steps=_REBUILD_STEPS if rebuild else _RENEW_STEPS,
                             fail=state.take_task_fault(RENEW_TASK))
    return Response(202, {"taskId": task.id})


def register(router):
    for version in (4, 6):
        router.add("GET", "/api/v1/network/ipv%d_config" % version, get_config, "admin")
        router.add("POST", "/api/v1/network/ipv%d_config" % version, set_config, "admin")
        router.add("GET", "/api/v1/network/ipv%d" % version, get_address, "admin")
    for route in LISTS:
        router.add("GET", route, get_list, "admin")
        router.add("POST", route, set_list, "admin")
    router.add("POST", "/api/v1/reverseproxy/renew_certs", renew_certs, "admin")

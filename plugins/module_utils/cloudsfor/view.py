# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A CloudsFor VM in its one canonical form: what the VM modules return, the info module lists, diffs show and the
inventory plugin turns into host variables.

Stable for other plugins: ``vm_view(raw, distros=None)`` and ``public_ipv4(networks)`` / ``private_ipv4(networks)``.
(``backups`` is true when the VM shows backups: see ``backups_shown``.)

``raw`` is a VM object as the API answers it (``GET /vms/{id}``'s ``vm``, an item of ``GET /vms``'s ``vms``);
``distros`` is the catalogue (the items of ``GET /distros``), used to name the VM's distro when the VM only carries
the id it was created with; without it the distro is kept as the VM shows it.
"""

from __future__ import annotations

import ipaddress

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.catalogue import resolve_distro

VIEW_KEYS = ("id", "name", "status", "region", "distro", "memory", "vcpus", "disk", "locked", "created_at", "backups",
             "features", "ipv4", "private_ipv4", "networks", "image", "backup_ids", "snapshot_ids")
# Private address ranges (RFC 1918, and the shared range of RFC 6598) for a list of addresses without a type.
PRIVATE_RANGES = tuple(ipaddress.ip_network(net) for net in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"))


def number(value):
    """A size the API may send as a string (the vendor's docs type ``vcpus`` and ``disk`` as strings) as a number:
    an int when whole, else a float; None (and anything unreadable) stays as it is."""
    if value is None or isinstance(value, bool):
        return value
    try:
        found = float(str(value).strip())
    except ValueError:
        return value
    return int(found) if found.is_integer() else found


def region_name(region):
    """The region's name, whether the VM carries a region object (the docs) or a plain name."""
    if isinstance(region, dict):
        return region.get("name") or region.get("slug")
    return region


def _entries(networks):
    entries = (networks or {}).get("v4") if isinstance(networks, dict) else None
    return [entry for entry in entries or [] if isinstance(entry, dict) and entry.get("ip_address")]


def _typed(entries):
    return any(entry.get("type") for entry in entries)


def public_ipv4(networks):
    """The public IPv4 address: the first entry whose ``type`` is ``public``; when no entry has a type, the first
    entry (inferred, DigitalOcean shape). None when there is none (a VM being built has no networks yet)."""
    entries = _entries(networks)
    if _typed(entries):
        return next((entry["ip_address"] for entry in entries if entry.get("type") == "public"), None)
    return entries[0]["ip_address"] if entries else None


def _is_private(address):
    try:
        found = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(found in net for net in PRIVATE_RANGES if net.version == found.version)


def private_ipv4(networks):
    """The private IPv4 address: the first entry whose ``type`` is ``private``; when no entry has a type, the first
    entry after the public one whose address is in a private range. None when there is none."""
    entries = _entries(networks)
    if _typed(entries):
        return next((entry["ip_address"] for entry in entries if entry.get("type") == "private"), None)
    return next((entry["ip_address"] for entry in entries[1:] if _is_private(entry["ip_address"])), None)


def distro_name(given, distros=None):
    """The catalogue's name of the distro a VM shows (``image.distro``: a name or an id) when exactly one distro of
    the catalogue has it as its name or id; otherwise the value as the VM shows it (as text)."""
    if given is None:
        return None
    found = resolve_distro(distros, given)
    if found is not None:
        return found.get("name")
    return given if isinstance(given, str) else str(given)


def backups_shown(raw):
    """True when the VM shows that it has backups: the feature ``backups`` (inferred, DigitalOcean shape) or ids of
    backups taken (docs); None when it shows nothing, which may mean no backups or a server that does not show them."""
    features = [str(feature) for feature in raw.get("features") or []]
    return True if "backups" in features or raw.get("backup_ids") else None


def vm_view(raw, distros=None):
    """The canonical ``vm`` dict of a raw VM object (the keys of ``VIEW_KEYS``, in that order)."""
    image = raw.get("image") if isinstance(raw.get("image"), dict) else {}
    features = [str(feature) for feature in raw.get("features") or []]
    networks = raw.get("networks") if isinstance(raw.get("networks"), dict) else {}
    return {
        "id": raw.get("id"),
        "name": raw.get("name"),
        "status": raw.get("status"),
        "region": region_name(raw.get("region")),
        "distro": distro_name(image.get("distro"), distros),
        "memory": number(raw.get("memory")),
        "vcpus": number(raw.get("vcpus")),
        "disk": number(raw.get("disk")),
        "locked": bool(raw.get("locked")),
        "created_at": raw.get("created_at"),
        "backups": bool(backups_shown(raw)),
        "features": features,
        "ipv4": public_ipv4(networks),
        "private_ipv4": private_ipv4(networks),
        "networks": dict(networks, v4=[dict(entry) for entry in _entries(networks)]),
        "image": dict(image) if image else None,
        "backup_ids": list(raw.get("backup_ids") or []),
        "snapshot_ids": list(raw.get("snapshot_ids") or []),
    }

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The VM object as the API shows it: the docs' attributes, DO's shape where they are silent, and the switches."""

from .catalogue import distro_id, distro_named, find_region, region_view
from .envelope import iso


def status(state, vm):
    return state.switches["building_status"] if vm["status"] == "new" else vm["status"]


def networks(state, vm):
    """Empty until the VM is built (and, with switch ``stopped_networks`` "hidden", while it is stopped); the public
    address first (inferred DO shape, switch ``network_types``)."""
    if vm["status"] == "new" or (vm["status"] == "stopped" and state.switches["stopped_networks"] == "hidden"):
        return {"v4": []}
    entries = [
        {"ip_address": vm["ipv4"], "netmask": "255.0.0.0", "gateway": "127.0.0.1", "type": "public"},
        {"ip_address": vm["private_ipv4"], "netmask": "255.255.0.0", "gateway": "10.10.255.254", "type": "private"},
    ]
    if not state.switches["network_types"]:
        for entry in entries:
            del entry["type"]
    return {"v4": entries}


def view(state, vm):
    switches = state.switches
    # the docs type vcpus and disk as strings (switch numeric_strings)
    sized = str if switches["numeric_strings"] else int
    distro = distro_named(vm["distro"])
    region = region_view(find_region(vm["region"])) if switches["vm_region_shape"] == "object" else vm["region"]
    return {
        "id": vm["id"],
        "name": vm["name"],
        "memory": vm["memory"],
        "vcpus": sized(vm["vcpus"]),
        "disk": sized(vm["disk"]),
        "locked": vm["locked"],
        "created_at": iso(vm["created_at"]),
        "status": status(state, vm),
        "backup_ids": list(vm["backup_ids"]),
        "snapshot_ids": list(vm["snapshot_ids"]),
        # the docs: distro is the "image identificator, that was used upon VM creation stage" (switch image_distro)
        "image": {"id": distro_id(distro, switches),
                  "distro": vm["distro_given"] if switches["image_distro"] == "given" else distro["family"],
                  "name": distro["description"]},
        # inferred (DO): backups show as a feature (switch backups_shown)
        "features": ["backups"] if vm["backups"] and switches["backups_shown"] == "feature" else [],
        "networks": networks(state, vm),
        "region": region,
    }

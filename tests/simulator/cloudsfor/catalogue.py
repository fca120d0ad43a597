# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The regions and distros every account sees, and finding them by what a client gives."""

import hashlib

# moscow_02 and moscow_03 as in the docs' example; amsterdam_01 is data of the simulator's own.
REGIONS = (
    {"country": "ru", "name": "moscow_02", "coordinates": {"lat": 55.79682, "lng": 37.61154}, "description": "M10/Cloud_02"},
    {"country": "ru", "name": "moscow_03", "coordinates": {"lat": 55.79682, "lng": 37.61154}, "description": "M9/Cloud_03"},
    {"country": "nl", "name": "amsterdam_01", "coordinates": {"lat": 52.37403, "lng": 4.88969}, "description": "AMS/Cloud_01"},
)

# ``number`` is the id with switch distro_ids "number"; with "hex" the id is 32 hex characters made from the name.
# ``family`` is what image.distro shows with switch image_distro "family" (no distro has it as its name or id).
DISTROS = (
    {"number": 501, "name": "ubuntu-24.04", "image_type": "template", "description": "Ubuntu 24.04 LTS", "family": "Ubuntu"},
    {"number": 502, "name": "ubuntu-22.04", "image_type": "template", "description": "Ubuntu 22.04 LTS", "family": "Ubuntu"},
    {"number": 503, "name": "debian-12", "image_type": "template", "description": "Debian 12", "family": "Debian"},
    {"number": 590, "name": "rescue-iso", "image_type": "iso", "description": "Rescue ISO", "family": "Rescue"},
)


def region_view(region):
    return {k: (dict(v) if isinstance(v, dict) else v) for k, v in region.items()}


def find_region(name):
    return next((r for r in REGIONS if r["name"] == name), None)


def distro_id(distro, switches):
    if switches["distro_ids"] == "hex":
        return hashlib.md5(distro["name"].encode()).hexdigest()
    return distro["number"]


def distro_view(distro, switches):
    return {"id": distro_id(distro, switches), "name": distro["name"], "image_type": distro["image_type"],
            "description": distro["description"]}


def find_distro(given, switches):
    """The distro a client names by its name or its id (a number, or its digits as a string), or None."""
    if isinstance(given, bool):     # JSON true is not the number 1
        return None
    for distro in DISTROS:
        ident = distro_id(distro, switches)
        if given == distro["name"] or given == ident or (isinstance(ident, int) and given == str(ident)):
            return distro
    return None


def distro_named(name):
    return next(d for d in DISTROS if d["name"] == name)

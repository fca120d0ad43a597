# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The account and the catalogues of regions and distros: their canonical forms and name -> object resolution."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError

# How many known names an error lists before it says "..."
SAMPLE = 10


def sample(names):
    names = sorted(str(name) for name in names)
    return ", ".join(names[:SAMPLE]) + (", ..." if len(names) > SAMPLE else "")


def account_view(raw):
    return {"email": raw.get("email"), "uuid": raw.get("uuid"), "vm_limit": raw.get("vm_limit")}


def region_view(raw):
    coordinates = raw.get("coordinates") if isinstance(raw.get("coordinates"), dict) else None
    return {"name": raw.get("name"), "country": raw.get("country"),
            "coordinates": {"lat": coordinates.get("lat"), "lng": coordinates.get("lng")} if coordinates else None,
            "description": raw.get("description")}


def distro_view(raw):
    return {"id": raw.get("id"), "name": raw.get("name"), "image_type": raw.get("image_type"), "description": raw.get("description")}


def find_region(ctx, name, option="region"):
    """The raw region called ``name`` (the names are exact, such as ``moscow_02``)."""
    regions = ctx.regions()
    found = next((region for region in regions if region.get("name") == name), None)
    if found is None:
        raise ResourceError("%s: %r is not a CloudsFor region (known: %s)" % (option, name, sample(r.get("name") for r in regions)))
    return found


def find_distro(ctx, given, option="distro"):
    """The raw distro ``given`` names: by its name, else by its id (ids compare as text: Ansible passes strings)."""
    distros = ctx.distros()
    found = next((distro for distro in distros if distro.get("name") == given), None)
    if found is None:
        found = next((distro for distro in distros if distro.get("id") is not None and str(distro["id"]) == str(given)), None)
    if found is None:
        raise ResourceError("%s: %r is neither the name nor the id of a CloudsFor distro (known: %s)"
                            % (option, given, sample(d.get("name") for d in distros)))
    return found


def resolve_distro(distros, shown):
    """The one distro of the catalogue whose name or id is ``shown`` (what a VM shows as ``image.distro``), or None
    when none is, or more than one. The docs call that value the "image identificator, that was used upon VM creation
    stage": taking it for the name or id given at creation is an inference, so it is only trusted when it resolves."""
    if shown is None or isinstance(shown, (bool, dict, list)):
        return None
    found = []
    for distro in distros or ():
        if distro.get("name") == shown or (distro.get("id") is not None and str(distro["id"]) == str(shown)):
            if not any(item is distro for item in found):
                found.append(distro)
    return found[0] if len(found) == 1 else None


def distro_reference(found, given):
    """What a request names the distro with: the catalogue's own value of the kind the user gave (a name, or the id
    with the catalogue's type, since ids are numbers in the answers and Ansible passes strings)."""
    return found.get("name") if found.get("name") == given else found.get("id")

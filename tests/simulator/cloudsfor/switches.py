# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Switches: where the vendor's documentation is silent and the DigitalOcean v2 shape is only an inference, or where
the documentation and that inference disagree, each plausible behaviour is selectable per test."""

from common import switches as _table
from common.switches import is_bool, is_non_negative_number, one_of


def _int_at_least(low):
    return lambda value: isinstance(value, int) and not isinstance(value, bool) and value >= low


# name: (default, check, what the check accepts)
SWITCHES = {
    # Key fingerprints: DO prints the colon-separated MD5 of the key blob; OpenSSH today prints SHA256:<base64>.
    "fingerprint": ("md5", one_of("md5", "sha256"), '"md5" or "sha256"'),
    # page/per_page and links.pages (inferred DO); "ignored": every list answers everything, without links.
    "pagination": ("links", one_of("links", "ignored"), '"links" or "ignored"'),
    # The per_page cap (DO: 200).
    "max_per_page": (200, _int_at_least(1), "an integer >= 1"),
    # RateLimit-Limit/-Remaining/-Reset on every answer (seed: "headers contain useful information"; names DO's).
    "ratelimit_headers": (False, is_bool, "true or false"),
    # The docs type vcpus and disk as strings; false sends numbers.
    "numeric_strings": (True, is_bool, "true or false"),
    # A VM's region: the docs say region objects carry the region's attributes; "name" sends the plain name.
    "vm_region_shape": ("object", one_of("object", "name"), '"object" or "name"'),
    # networks.v4[].type public/private (DO); false leaves the key out (the public address comes first).
    "network_types": (True, is_bool, "true or false"),
    # The status while a VM is built: DO says "new"; the docs only name running and stopped.
    "building_status": ("new", one_of("new", "stopped"), '"new" or "stopped"'),
    # POST /vms answers 202 (DO: built asynchronously) or 201.
    "create_status": (202, one_of(202, 201), "202 or 201"),
    # Real seconds a VM takes to be built, and an action to complete.
    "build_seconds": (0.3, is_non_negative_number, "a number >= 0"),
    "action_seconds": (0.2, is_non_negative_number, "a number >= 0"),
    # Whether a second VM may carry a name already in use (DO allows it).
    "unique_names": (False, is_bool, "true or false"),
    # An action's id: the docs say it is the VM's id; DO gives every action its own number.
    "action_ids": ("vm", one_of("vm", "own"), '"vm" or "own"'),
    # DO refuses to resize a running VM; "true" resizes it running.
    "resize_while_running": (False, is_bool, "true or false"),
    # Distro ids: numbers (the shared contract) or the 32 hex character strings the docs' example shows.
    "distro_ids": ("number", one_of("number", "hex"), '"number" or "hex"'),
    # A stopped VM's networks: kept (DO shows them) or hidden (an empty v4 list, as while it is built).
    "stopped_networks": ("kept", one_of("kept", "hidden"), '"kept" or "hidden"'),
    # image.distro: the docs only say "image identificator, that was used upon VM creation stage"; "given" echoes the
    # value the create (or rebuild) named, "family" shows a name of the OS family no catalogue entry carries.
    "image_distro": ("given", one_of("given", "family"), '"given" or "family"'),
    # Backups on a VM: listed as the feature "backups" (DO), or shown nowhere (the docs do not say where).
    "backups_shown": ("feature", one_of("feature", "none"), '"feature" or "none"'),
}


def defaults():
    return _table.defaults(SWITCHES)


def merged(current, changes):
    """``current`` updated with ``changes``; ValueError naming the first unknown switch or bad value."""
    return _table.merged(SWITCHES, current, changes)

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Lists of IP addresses and CIDR ranges as Cloudron stores them: one text, an entry a line, ``#`` lines are
comments (the API's ``IpEntries``). Compared as a set of entries in one spelling, so comments, blank lines,
order and the way an IPv6 address is written make no difference. A write keeps the server's comments and blank
lines where they are (``merged_text``), so a list kept by hand on the server keeps its notes."""

from __future__ import annotations

import ipaddress


def lines(value):
    """The entries of a text or of a list of texts (each may hold several lines): no comments, no blank lines."""
    texts = [value] if isinstance(value, str) else list(value or [])
    found = []
    for text in texts:
        if not isinstance(text, str):
            raise TypeError("%r is not a string" % (text,))
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                found.append(line)
    return found


def spelling(entry):
    """One spelling of an address or range (IPv6 compressed, lower-case); text that is neither stays as it is, trimmed."""
    text = entry.strip()
    try:
        return str(ipaddress.ip_address(text)) if "/" not in text else str(ipaddress.ip_interface(text))
    except ValueError:
        return text.lower()


def checked(value):
    """Input: the entries given, each an IP address or a CIDR range; ValueError names the first that is neither."""
    found = lines(value)
    for entry in found:
        try:
            ipaddress.ip_interface(entry)
        except ValueError:
            raise ValueError("%r is neither an IP address nor a range in CIDR notation" % entry) from None
    return found


def entry_lines(text):
    """``(line, entry or None)`` for each line of a list as the server stores it; None for comments and blank lines."""
    found = []
    for line in (text or "").split("\n"):
        stripped = line.strip()
        found.append((line, None if not stripped or stripped.startswith("#") else spelling(stripped)))
    return found


def entries(text):
    """The entries of a stored list, in order, without comments."""
    return [spelling(entry) for entry in lines(text or "")]


def merged_text(stored, wanted):
    """The text to write: the stored comments and blank lines in place, the stored lines of wanted entries kept
    once, the lines of other entries dropped, new entries appended in the order given."""
    wanted_set = set(wanted)
    lines, seen = [], set()
    for line, entry in entry_lines(stored):
        if entry is None:
            lines.append(line)
        elif entry in wanted_set and entry not in seen:
            lines.append(line.strip())
            seen.add(entry)
    # a text stored with a final newline (or blank lines at its end) must not put a blank line before the new entries
    while lines and not lines[-1].strip():
        lines.pop()
    for entry in wanted:
        if entry not in seen:
            lines.append(entry)
            seen.add(entry)
    return "\n".join(lines).strip("\n")

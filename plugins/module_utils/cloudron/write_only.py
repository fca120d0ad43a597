# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write-only values (a password, a bind password, a secret) of routes that take the whole object."""

from __future__ import annotations


def add_given_secret(updates, name):
    """A write-only value given with a change goes out with it (the route takes the whole object): list it with the
    change, so results and the diff say it was sent (masked), even under ``update_secrets=on_create``."""
    for change in updates:
        if name in change.item and name not in change.secrets:
            change.secrets = change.secrets + (name,)

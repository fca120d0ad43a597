# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mount options, as volumes and mounted backup storage both take them (the spec's ``volumeByMountType`` schemas).

One table of the options and their API names, and one rule for whether the server shows a stored secret.
"""

from __future__ import annotations

# option -> the API's name inside ``mountOptions``
SETTINGS = {"host": "host", "remote_dir": "remoteDir", "username": "username", "seal": "seal", "port": "port", "user": "user",
            "host_path": "hostPath", "disk_path": "diskPath"}
# write-only options -> the API's name
SECRETS = {"password": "password", "private_key": "privateKey"}
SETTING_OPTIONS = {
    "host": {"type": "str"},
    "remote_dir": {"type": "str"},
    "username": {"type": "str"},
    "seal": {"type": "bool"},
    "port": {"type": "int"},
    "user": {"type": "str"},
    "host_path": {"type": "str"},
    "disk_path": {"type": "str"},
}
SECRET_OPTIONS = {"password": {"type": "str", "no_log": True}, "private_key": {"type": "str", "no_log": True}}


def secret_shown(value):
    """Whether a secret as the server answers it stands for a stored one (masked): absent, null and "" do not."""
    return value not in (None, "")

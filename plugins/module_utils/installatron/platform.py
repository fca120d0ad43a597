# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installatron Server as the module runner sees it: its connection options and its per-run context."""

from __future__ import annotations

from ansible.module_utils.basic import env_fallback

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import Platform
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.client import InstallatronClient, normalize_api_url
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.context import InstallatronContext


class Installatron(Platform):
    """Connection options of every Installatron module (documented in the ``installatron`` doc fragment)."""

    name = "installatron"
    credentials = ("api_key",)
    connection_argspec = {
        "api_url": {"type": "str", "fallback": (env_fallback, ["INSTALLATRON_API_URL"])},
        "api_key": {"type": "str", "no_log": True, "fallback": (env_fallback, ["INSTALLATRON_API_KEY"])},
        "validate_certs": {"type": "bool", "default": True},
        "ca_path": {"type": "path"},
        "request_timeout": {"type": "float", "default": 30.0},
        "acting_user": {"type": "str"},
    }

    url_help = " (the server, e.g. https://server.example.com)"

    def normalize_url(self, value):
        return normalize_api_url(value)

    def connect(self, params, check_mode, warn, progress):
        return InstallatronContext(InstallatronClient.from_params(params), check_mode=check_mode, warn=warn, progress=progress)


INSTALLATRON = Installatron()

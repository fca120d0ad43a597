# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudron as the module runner sees it: its connection options and its per-run context."""

from __future__ import annotations

from ansible.module_utils.basic import env_fallback

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient, normalize_api_url
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import Platform


class Cloudron(Platform):
    """Connection options of every Cloudron module (documented in the ``cloudron`` doc fragment)."""

    name = "cloudron"
    credentials = ("api_token",)
    connection_argspec = {
        "api_url": {"type": "str", "fallback": (env_fallback, ["CLOUDRON_API_URL", "CLOUDRON_DOMAIN"])},
        "api_token": {"type": "str", "no_log": True, "fallback": (env_fallback, ["CLOUDRON_TOKEN"])},
        "validate_certs": {"type": "bool", "default": True},
        "ca_path": {"type": "path"},
        "request_timeout": {"type": "float", "default": 30.0},
        "api_version": {"type": "str"},
    }

    url_help = " (the dashboard host my.<domain>)"

    def normalize_url(self, value):
        return normalize_api_url(value)

    def connect(self, params, check_mode, warn, progress):
        return CloudronContext(CloudronClient.from_params(params), check_mode=check_mode, warn=warn, progress=progress)


CLOUDRON = Cloudron()

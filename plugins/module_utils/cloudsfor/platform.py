# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""CloudsFor as the module runner sees it: its connection options and its per-run context."""

from __future__ import annotations

from ansible.module_utils.basic import env_fallback

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.client import (
    DEFAULT_API_URL, CloudsForClient, normalize_api_url,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.context import CloudsForContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import Platform


class CloudsFor(Platform):
    """Connection options of every CloudsFor module (documented in the ``cloudsfor`` doc fragment)."""

    name = "cloudsfor"
    credentials = ("api_user", "api_password")
    connection_argspec = {
        "api_url": {"type": "str", "default": DEFAULT_API_URL, "fallback": (env_fallback, ["CLOUDSFOR_API_URL"])},
        "api_user": {"type": "str", "fallback": (env_fallback, ["CLOUDSFOR_USER"])},
        "api_password": {"type": "str", "no_log": True, "fallback": (env_fallback, ["CLOUDSFOR_PASSWORD"])},
        "validate_certs": {"type": "bool", "default": True},
        "ca_path": {"type": "path"},
        "request_timeout": {"type": "float", "default": 30.0},
    }

    url_help = " (the API base, %s by default)" % DEFAULT_API_URL

    def normalize_url(self, value):
        return normalize_api_url(value)

    def connect(self, params, check_mode, warn, progress):
        return CloudsForContext(CloudsForClient.from_params(params), check_mode=check_mode, warn=warn, progress=progress)


CLOUDSFOR = CloudsFor()

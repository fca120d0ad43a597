# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudillo as the module runner sees it: its connection options and its per-run context."""

from __future__ import annotations

from ansible.module_utils.basic import env_fallback

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.client import CloudilloClient, base_url
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.context import CloudilloContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ConfigError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import connection_options
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import Platform


class Cloudillo(Platform):
    """Connection options of every Cloudillo module (documented in the ``cloudillo`` doc fragment)."""

    name = "cloudillo"
    credentials = ("api_key", "password")
    connection_argspec = {
        "id_tag": {"type": "str", "fallback": (env_fallback, ["CLOUDILLO_ID_TAG"])},
        "api_url": {"type": "str", "fallback": (env_fallback, ["CLOUDILLO_API_URL"])},
        "api_key": {"type": "str", "no_log": True, "fallback": (env_fallback, ["CLOUDILLO_API_KEY"])},
        "password": {"type": "str", "no_log": True},
        "validate_certs": {"type": "bool", "default": True},
        "ca_path": {"type": "path"},
        "request_timeout": {"type": "float", "default": 30.0},
    }

    def check(self, params, require_credentials):
        base_url(params)
        if require_credentials:
            if not params.get("api_key") and not params.get("password"):
                raise ConfigError("api_key is required: set it, or CLOUDILLO_API_KEY (or give password and id_tag to log in)")
            if params.get("api_key") and params.get("password"):
                raise ConfigError("api_key and password are mutually exclusive: give one credential")
            if params.get("password") and not params.get("id_tag"):
                raise ConfigError("password login needs id_tag (the identity to log in as)")
        if params.get("api_key") and not params["api_key"].startswith("cl_"):
            raise ConfigError("api_key is not a Cloudillo tenant API key (those start with cl_)")
        connection_options(params)

    def connect(self, params, check_mode, warn, progress):
        return CloudilloContext(CloudilloClient.from_params(params), check_mode=check_mode, warn=warn, progress=progress)


CLOUDILLO = Cloudillo()

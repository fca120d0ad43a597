#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_app_info
short_description: List Cloudron apps with their configuration and state
version_added: 0.1.0
description:
  - Read apps in the same form M(selfhosted.platforms.cloudron_app) takes and returns, with their installation state,
    run state and health.
  - Environment variable values are masked unless O(show_env=true), because some of them usually hold credentials.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  fqdn:
    description: Only the app at this location.
    type: str
  app_id:
    description: Only the app with this id.
    type: str
  app_store_id:
    description: Only apps of this App Store app.
    type: str
  show_env:
    description: Return environment variable values instead of masking them.
    type: bool
    default: false
seealso:
  - module: selfhosted.platforms.cloudron_app
  - module: selfhosted.platforms.cloudron_task_info
"""

EXAMPLES = r"""
- name: Read one app
  selfhosted.platforms.cloudron_app_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    fqdn: blog.example.com
  register: blog

- name: List every WordPress
  selfhosted.platforms.cloudron_app_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    app_store_id: org.wordpress.cloudronapp
  register: blogs
"""

RETURN = r"""
apps:
  description: The matching apps, sorted by FQDN, each in the form of RV(selfhosted.platforms.cloudron_app#module:app).
  returned: always
  type: list
  elements: dict
  sample: [{id: 9f9f78b2-6c5b-41df-9a21-5fa20dee3d6a, app_store_id: org.wordpress.cloudronapp, fqdn: blog.example.com,
            subdomain: blog, domain: example.com, installation_state: installed, run_state: running, health: healthy}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import Apps, mask_env
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON


def main():
    run = CLOUDRON.module({
        "fqdn": {"type": "str"},
        "app_id": {"type": "str"},
        "app_store_id": {"type": "str"},
        "show_env": {"type": "bool", "default": False},
    })
    params = run.params

    def select(app):
        if not params["show_env"]:
            mask_env(app)
        return all((
            params["fqdn"] is None or app["fqdn"] == params["fqdn"].strip().lower(),
            params["app_id"] is None or app["id"] == params["app_id"],
            params["app_store_id"] is None or app["app_store_id"] == params["app_store_id"],
        ))

    run.info(Apps(settle=False), select=select)


if __name__ == "__main__":
    main()

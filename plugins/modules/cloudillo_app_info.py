#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_app_info
short_description: List the apps installed on a Cloudillo tenant, or those its catalogue offers
version_added: 0.1.0
description:
  - Lists the installed apps (one request), or with O(catalogue=true) the packages the server offers to install.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.info_attributes
options:
  catalogue:
    description: List the catalogue (C(GET /api/apps)) instead of the installed apps.
    type: bool
    default: false
  search:
    description: With O(catalogue=true), only packages whose name contains this (the server's search).
    type: str
seealso:
  - module: selfhosted.platforms.cloudillo_app
"""

EXAMPLES = r"""
- name: Installed apps
  selfhosted.platforms.cloudillo_app_info:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
  register: installed

- name: What can be installed
  selfhosted.platforms.cloudillo_app_info:
    id_tag: alice.example.com
    api_key: "{{ cloudillo_api_key }}"
    catalogue: true
    search: notes
"""

RETURN = r"""
apps:
  description:
    - The apps, sorted by publisher and name, in the form of RV(selfhosted.platforms.cloudillo_app#module:app). Catalogue
      entries have C(status) and C(auto_update) V(null).
  returned: always
  type: list
  elements: dict
  contains:
    publisher:
      description: The publisher's idTag.
      type: str
      sample: apps.example.com
    name:
      description: The app's name.
      type: str
      sample: notes
    version:
      description: The installed version; with O(catalogue), the version the catalogue offers.
      type: str
      sample: 1.2.0
    status:
      description: V(active), or the server's word or letter for another state; V(null) for a catalogue entry.
      type: str
      sample: active
    auto_update:
      description: Whether the server updates the app itself; V(null) for a catalogue entry.
      type: bool
      sample: false
    action_id:
      description: The package (C(APKG) action) it was installed from, or with O(catalogue) the one it installs from.
      type: str
      sample: a1b2c3
    capabilities:
      description: What the app declares it uses, or V(null).
      type: list
      elements: str
      sample: null
  sample: [{publisher: apps.example.com, name: notes, version: 1.2.0, status: active, auto_update: false,
            action_id: a1b2c3, capabilities: null}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.apps import Apps, canonical
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import canonical as normalized, public


def order(app):
    return (app["publisher"] or "", app["name"] or "", str(app["version"]))


def main():
    run = CLOUDILLO.module({"catalogue": {"type": "bool", "default": False}, "search": {"type": "str"}})
    params = run.params
    if params.get("search") and not params["catalogue"]:
        run.module.fail_json(msg="search: only the catalogue can be searched; set catalogue=true")

    def body(ctx):
        if params["catalogue"]:
            raw = ctx.client.list_whole("/api/apps", params={"search": params["search"]} if params.get("search") else None)
        else:
            raw = ctx.installed_apps()
        apps = [public(Apps.fields, normalized(Apps.fields, canonical(entry))) for entry in raw]
        return {"changed": False, "apps": sorted(apps, key=order)}
    run.execute(body)


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: installatron_app_info
short_description: Look up the apps Installatron Server can install, their versions and install fields
version_added: 0.1.0
description:
  - Without O(app), lists the installers of the server's application browser (the catalogue), each with its newest version.
  - With O(app), reads one installer, with its versions and the fields an install of it takes (such as C(login),
    C(passwd), C(sitetitle)). An unknown O(app) is an error.
  - With O(acting_user), the catalogue as that customer sees it (their package may allow fewer apps).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.installatron
  - selfhosted.platforms.installatron.info_attributes
options:
  app:
    description: The installer id, such as V(wordpress).
    type: str
  version:
    description: With O(app), only this version.
    type: str
  language:
    description: The language of names and descriptions, such as V(en) or V(zh_tw); the server's default without it.
    type: str
seealso:
  - module: selfhosted.platforms.installatron_install
"""

EXAMPLES = r"""
- name: Find WordPress's versions
  selfhosted.platforms.installatron_app_info:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    app: wordpress
  register: wordpress

- name: Install exactly the newest of them
  selfhosted.platforms.installatron_install:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    user: alice
    url: https://alice.example.com/blog
    app: wordpress
    version: "{{ wordpress.app.version }}"

- name: List the whole catalogue
  selfhosted.platforms.installatron_app_info:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
  register: catalogue
"""

RETURN = r"""
app:
  description: The installer.
  returned: when O(app) is given
  type: dict
  contains:
    id:
      description: The installer id.
      type: str
      sample: wordpress
    name:
      description: The app's name.
      type: str
      sample: WordPress
    category:
      description: The catalogue category.
      type: str
      sample: blog
    description:
      description: A short description.
      type: str
      sample: A blogging and website platform.
    version:
      description: The highest version listed (with O(version), that version).
      type: str
      sample: 6.5.2
    versions:
      description: Every version listed, highest first.
      type: list
      elements: str
      sample: [6.5.2, 6.4.4, 6.3.4]
    fields:
      description:
        - The fields an install of the newest version (with O(version), that version) takes, such as C(login) or
          C(sitetitle) (options of M(selfhosted.platforms.installatron_install)), passed on as the server describes
          them; V(null) when it describes none. Their shape is the server's own, which its documentation does not
          spell out.
      type: raw
      sample: [{id: login, type: text, label: Administrator Username, required: true}]
    languages:
      description: The languages the app can be installed in, as the server lists them; V(null) when it lists none.
      type: raw
      sample: [en, de, fr]
apps:
  description: The catalogue, sorted by id.
  returned: when O(app) is not given
  type: list
  elements: dict
  contains:
    id:
      description: The installer id, for O(app) and M(selfhosted.platforms.installatron_install).
      type: str
    name:
      description: The app's name.
      type: str
    version:
      description: The newest version.
      type: str
    branch:
      description: Installatron's branch of the installer the version is in (V(current), V(previous), V(legacy)).
      type: str
    category:
      description: The catalogue category.
      type: str
    description:
      description: A short description.
      type: str
  sample: [{id: wordpress, name: WordPress, version: 6.5.2, branch: current, category: blog,
            description: A blogging and website platform.}]
"""

import re

from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.platform import INSTALLATRON

LISTED = ("id", "name", "version", "branch", "category", "description")


def version_order(entry):
    """Versions sort by their numbers (6.10 after 6.9)."""
    return [int(number) for number in re.findall(r"\d+", str(entry.get("version") or ""))]


def describe(app, data, chosen=None):
    """One installer: ``/browser/{id}`` answers it with its versions, or as one entry per version; with ``chosen``
    (the option ``version``), only that version (the server may list every version beside it)."""
    if isinstance(data, list):
        entries, base = data, (data[0] if data else {})
    else:
        data = data or {}
        entries = [item if isinstance(item, dict) else {"version": item} for item in data.get("versions") or []]
        base = data
    entries = sorted((entry for entry in entries if entry.get("version")), key=version_order, reverse=True)
    if chosen:
        entries = [entry for entry in entries if str(entry["version"]) == chosen]
    newest = entries[0] if entries else base
    return {
        "id": base.get("id") or app,
        "name": base.get("name"),
        "category": base.get("category"),
        "description": base.get("description"),
        "version": chosen or newest.get("version") or base.get("version"),
        "versions": [str(entry["version"]) for entry in entries],
        "fields": newest.get("fields", base.get("fields")),
        "languages": newest.get("languages", base.get("languages")),
    }


def lookup(ctx, params):
    query = dict((name, params[name]) for name in ("language", "version") if params[name])
    if not params["app"]:
        apps = [dict((name, raw.get(name)) for name in LISTED) for raw in ctx.client.list_all("/browser", params=query)]
        return {"changed": False, "apps": sorted(apps, key=lambda app: str(app["id"]))}
    path = "/browser/%s" % params["app"]
    envelope = ctx.client.call("GET", path, params=query)
    data = envelope.get("data")
    if isinstance(data, list) and envelope.get("has_more"):
        data = ctx.client.list_all(path, params=query, ident="version")
    return {"changed": False, "app": describe(params["app"], data, params["version"])}


def main():
    run = INSTALLATRON.module({"app": {"type": "str"}, "version": {"type": "str"}, "language": {"type": "str"}},
                              required_by={"version": "app"})
    run.execute(lambda ctx: lookup(ctx, run.params))


if __name__ == "__main__":
    main()

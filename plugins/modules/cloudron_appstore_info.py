#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_appstore_info
short_description: Look up apps and versions in the Cloudron App Store
version_added: 0.1.0
description:
  - With O(app_store_id), reads one App Store app (its newest version, or O(version)); without it, lists the catalog,
    optionally filtered by O(search).
  - The server asks the App Store on your behalf, so it must be registered with cloudron.io and reach the internet.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  app_store_id:
    description: The App Store id, for example V(org.wordpress.cloudronapp).
    type: str
  version:
    description: With O(app_store_id), this version instead of the newest.
    type: str
  search:
    description: Without O(app_store_id), only apps whose id or title contains this text (case-insensitive).
    type: str
seealso:
  - module: selfhosted.platforms.cloudron_app
"""

EXAMPLES = r"""
- name: Find the newest WordPress version
  selfhosted.platforms.cloudron_appstore_info:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    app_store_id: org.wordpress.cloudronapp
  register: wordpress

- name: Install exactly that version
  selfhosted.platforms.cloudron_app:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    app_store_id: org.wordpress.cloudronapp
    version: "{{ wordpress.app.version }}"
    subdomain: blog
    domain: example.com
"""

RETURN = r"""
app:
  description: The App Store app.
  returned: when O(app_store_id) is given
  type: dict
  contains:
    id:
      description: The App Store id.
      type: str
      sample: org.wordpress.cloudronapp
    version:
      description: The version described (the package's version), the newest unless O(version) is given.
      type: str
      sample: 3.6.0
    title:
      description: The app's name.
      type: str
      sample: WordPress
    tagline:
      description: One line about it.
      type: str
      sample: Blog and CMS
    ports:
      description:
        - The port bindings it declares (TCP and UDP), from their names to their default port number (V(null) for one
          without a default); V({}) for none.
        - The keys are the package's own names, the ones O(selfhosted.platforms.cloudron_app#module:ports) takes.
      type: dict
      sample: {SSH_PORT: 29418}
    memory_limit:
      description: The memory it needs by default, in bytes; V(null) when the manifest does not say.
      type: int
      sample: 268435456
    manifest:
      description:
        - The whole manifest, as the App Store sends it, in the Cloudron manifest format (camelCase keys such as
          C(id), C(version), C(title), C(author), C(description), C(changelog), C(tcpPorts), C(addons),
          C(memoryLimit), C(minBoxVersion)).
        - Which keys it has is up to the package; they are passed on as they are.
      type: dict
      sample: {id: org.wordpress.cloudronapp, version: 3.6.0, title: WordPress, manifestVersion: 2, httpPort: 80,
               addons: {mysql: {}, localstorage: {}}, memoryLimit: 268435456, minBoxVersion: 7.6.0}
  sample: {id: org.wordpress.cloudronapp, version: 3.6.0, title: WordPress, ports: {}, memory_limit: 268435456}
apps:
  description: The catalog, sorted by id, each as RV(app) without the manifest.
  returned: when O(app_store_id) is not given
  type: list
  elements: dict
  contains:
    id:
      description: The App Store id.
      type: str
      sample: io.gitea.cloudronapp
    version:
      description: The newest version.
      type: str
      sample: 1.34.0
    title:
      description: The app's name.
      type: str
      sample: Gitea
    tagline:
      description: One line about it.
      type: str
      sample: Painless self-hosted Git service
    ports:
      description:
        - The port bindings it declares (TCP and UDP), from their names to their default port number; V({}) for none.
        - The keys are the package's own names.
      type: dict
      sample: {SSH_PORT: 29418}
    memory_limit:
      description: The memory it needs by default, in bytes; V(null) when the manifest does not say.
      type: int
      sample: 268435456
  sample: [{id: org.wordpress.cloudronapp, version: 3.6.0, title: WordPress}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import store_error
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError


def describe(manifest, with_manifest):
    ports = dict(manifest.get("tcpPorts") or {})
    ports.update(manifest.get("udpPorts") or {})
    entry = {
        "id": manifest.get("id"),
        "version": manifest.get("version"),
        "title": manifest.get("title"),
        "tagline": manifest.get("tagline"),
        "ports": dict((name, (spec or {}).get("defaultValue")) for name, spec in ports.items()),
        "memory_limit": manifest.get("memoryLimit"),
    }
    if with_manifest:
        entry["manifest"] = manifest
    return entry


def lookup(ctx, params):
    """One App Store app (and version), or the catalog filtered by ``search``."""
    try:
        if params["app_store_id"]:
            path = "/appstore/apps/%s" % params["app_store_id"]
            if params["version"]:
                path += "/versions/%s" % params["version"]
            return {"changed": False, "app": describe(ctx.client.call("GET", path).get("manifest") or {}, True)}
        catalog = ctx.client.call("GET", "/appstore/apps").get("apps") or []
    except ApiError as exc:
        raise store_error(exc)
    search = (params["search"] or "").lower()
    apps = [describe(entry.get("manifest") or {}, False) for entry in catalog]
    apps = [app for app in apps if search in (app["id"] or "").lower() or search in (app["title"] or "").lower()]
    return {"changed": False, "apps": sorted(apps, key=lambda app: app["id"] or "")}


def main():
    run = CLOUDRON.module({"app_store_id": {"type": "str"}, "version": {"type": "str"}, "search": {"type": "str"}})
    run.execute(lambda ctx: lookup(ctx, run.params))


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: installatron_wp_plugin
short_description: Manage a plugin of a WordPress install with Installatron Server
version_added: 0.1.0
description:
  - Adds, activates, deactivates or removes one plugin of a WordPress install managed by Installatron, and chooses
    whether Installatron updates it automatically.
  - The install is named by its customer (O(user)) and its O(url); the plugin by its O(slug).
  - Unset options are not managed.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.installatron
  - selfhosted.platforms.installatron.attributes
options:
  user:
    description: The customer who owns the install. Defaults to O(acting_user); one of them is required.
    type: str
  url:
    description: The WordPress install, by its full URL, such as V(https://example.com/blog).
    type: str
    required: true
  slug:
    description:
      - The plugin's slug, its name in the WordPress plugin directory and its folder under C(wp-content/plugins), such as
        V(akismet). Stored lower-case.
    type: str
    required: true
  activated:
    description: Whether the plugin is active. A plugin added without this option is activated.
    type: bool
  autoup:
    description:
      - Whether Installatron updates the plugin automatically, V(all), or not, V(none).
      - The install's O(selfhosted.platforms.installatron_install#module:autoup_plugins) chooses for all its plugins at
        once; V(custom) there leaves the choice to each plugin.
    type: str
    choices: [none, all]
  state:
    description:
      - V(present) adds the plugin (from the WordPress plugin directory) and sets its options.
      - V(absent) removes it, with its files. Removing an absent plugin is not an error.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: selfhosted.platforms.installatron_install
  - module: selfhosted.platforms.installatron_install_action
"""

EXAMPLES = r"""
- name: Add and activate a plugin, updated automatically
  selfhosted.platforms.installatron_wp_plugin:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    user: alice
    url: https://alice.example.com/blog
    slug: akismet
    autoup: all

- name: Deactivate a plugin, keeping it installed
  selfhosted.platforms.installatron_wp_plugin:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    user: alice
    url: https://alice.example.com/blog
    slug: hello-dolly
    activated: false

- name: Remove a plugin
  selfhosted.platforms.installatron_wp_plugin:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    user: alice
    url: https://alice.example.com/blog
    slug: hello-dolly
    state: absent
"""

RETURN = r"""
plugin:
  description:
    - The plugin after the run. V(null) after O(state=absent). In check mode, the prediction.
  returned: always
  type: dict
  contains:
    user:
      description: The customer who owns the install.
      type: str
      sample: alice
    url:
      description: The install's URL.
      type: str
      sample: https://alice.example.com/blog
    slug:
      description: The plugin's slug.
      type: str
      sample: akismet
    activated:
      description: Whether the plugin is active.
      type: bool
      sample: true
    autoup:
      description: V(all) when Installatron updates it automatically, V(none) when not, V(null) when the server did not say.
      type: str
      sample: all
    version:
      description: The plugin's version; V(null) for a plugin this run added (or check mode predicts).
      type: str
      sample: 5.3.1
    name:
      description: The plugin's display name; V(null) for a plugin this run added (or check mode predicts).
      type: str
      sample: Akismet Anti-spam
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import singular_argspec
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.platform import INSTALLATRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.plugins import WpPlugins


def main():
    spec = singular_argspec(WpPlugins)
    spec["url"]["required"] = True
    spec["slug"]["required"] = True
    run = INSTALLATRON.module(spec, required_one_of=[("user", "acting_user")])
    # the acting user owns the install unless another customer is named
    run.params["user"] = run.params["user"] or run.params["acting_user"]
    run.singular(WpPlugins())


if __name__ == "__main__":
    main()

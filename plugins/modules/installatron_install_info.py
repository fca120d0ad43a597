#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: installatron_install_info
short_description: List the installs of Installatron Server customers
version_added: 0.1.0
description:
  - Read installs in the same form M(selfhosted.platforms.installatron_install) takes and returns.
  - Reads the installs of O(user) (or O(acting_user)); without either, the installs of every customer, one request per
    customer.
  - With O(url), only the install at that URL.
  - Passwords (the administrator's and the database's) are never shown.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.installatron
  - selfhosted.platforms.installatron.info_attributes
options:
  user:
    description: The customer whose installs to read. Defaults to O(acting_user).
    type: str
  url:
    description:
      - Only the install at this URL, compared without case in scheme and host and without a trailing slash.
    type: str
  app:
    description: Only installs of this installer id, such as V(wordpress).
    type: str
seealso:
  - module: selfhosted.platforms.installatron_install
  - module: selfhosted.platforms.installatron_installs
"""

EXAMPLES = r"""
- name: Read one install
  selfhosted.platforms.installatron_install_info:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    user: alice
    url: https://alice.example.com/blog
  register: blog

- name: List every WordPress on the server
  selfhosted.platforms.installatron_install_info:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    app: wordpress
  register: wordpresses
"""

RETURN = r"""
installs:
  description:
    - The matching installs, sorted by URL, each in the form of
      RV(selfhosted.platforms.installatron_install#module:install).
    - Empty when nothing matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The install id the server gave it.
      type: str
      sample: "4b8f0f7d8a5c"
    user:
      description: The customer who owns it, lower-case.
      type: str
      sample: alice
    url:
      description: Where it is served.
      type: str
      sample: https://alice.example.com/blog
    app:
      description: The installer id.
      type: str
      sample: wordpress
    version:
      description: The installed version.
      type: str
      sample: 6.5.2
    language:
      description: The app's language.
      type: str
      sample: en
    autoup:
      description: Automatic updates of the app.
      type: str
      sample: minor
    autoup_plugins:
      description: Automatic updates of WordPress plugins.
      type: str
      sample: all
    autoup_themes:
      description: Automatic updates of WordPress themes.
      type: str
      sample: none
    autoup_backup:
      description: Whether automatic updates back up first.
      type: str
      sample: all
    notification:
      description: The events the customer is emailed about, sorted.
      type: list
      elements: str
      sample: []
    login:
      description: The administrator username.
      type: str
      sample: admin
    email:
      description: The administrator email address.
      type: str
      sample: alice@example.com
    sitetitle:
      description: The website title.
      type: str
      sample: Alice's blog
    sitetagline:
      description: The website tagline.
      type: str
      sample: null
    bkloc:
      description: The backup location.
      type: str
      sample: null
    autobk:
      description: The automatic backup schedule.
      type: str
      sample: null
    db_host:
      description: The database server.
      type: str
      sample: localhost
    db_name:
      description: The database name.
      type: str
      sample: alice_wp1
    db_user:
      description: The database user.
      type: str
      sample: alice_wp1
    db_prefix:
      description: The table prefix.
      type: str
      sample: wp_
    path:
      description: Where the install's files are.
      type: str
      sample: /home/alice/public_html/blog
  sample: [{id: "4b8f0f7d8a5c", user: alice, url: https://alice.example.com/blog, app: wordpress, version: 6.5.2,
            language: en, autoup: minor, autoup_plugins: all, autoup_themes: none, autoup_backup: all, notification: [],
            login: admin, email: alice@example.com, sitetitle: Alice's blog, sitetagline: null, bkloc: null, autobk: null,
            db_host: localhost, db_name: alice_wp1, db_user: alice_wp1, db_prefix: wp_, path: /home/alice/public_html/blog}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import wanted
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.installs import Installs
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.platform import INSTALLATRON


def main():
    run = INSTALLATRON.module({"user": {"type": "str"}, "url": {"type": "str"}, "app": {"type": "str"}})
    params = run.params
    try:
        wanted_values = wanted(Installs.fields, {"user": params["user"] or params["acting_user"], "url": params["url"],
                                                 "app": params["app"]})
    except ResourceError as exc:
        run.fail(exc)
    user = wanted_values.get("user")

    def select(install):
        return all(wanted_values.get(name) in (None, install[name]) for name in ("url", "app"))

    lookup = wanted_values if user and params["url"] else None
    run.info(Installs(customers=[user] if user else None), select=select, lookup=lookup)


if __name__ == "__main__":
    main()

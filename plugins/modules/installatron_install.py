#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: installatron_install
short_description: Install, configure, update and uninstall an app with Installatron Server
version_added: 0.1.0
description:
  - Takes an app (WordPress, Joomla!, Drupal and hundreds more) from nothing to installed and configured at a URL of a
    customer's website, and changes nothing when it already is.
  - The install is identified by its customer (O(user)) and its O(url). The server refuses a second install at the same
    URL, so the module always looks the install up first.
  - Settings are changed in place. A different O(version) updates the app (a task). Options the server can only set at
    install time (O(app), O(language)) cannot be changed afterwards; a different value is an error naming the option.
  - Installs, updates and uninstalls run in the background on the server and are waited on (O(wait)). A re-run after a
    timeout waits for the running task instead of starting another.
  - Unset options are not managed.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.installatron
  - selfhosted.platforms.installatron.attributes
options:
  user:
    description:
      - The customer (Installatron user) who owns the install. Defaults to O(acting_user); one of them is required.
    type: str
  url:
    description:
      - The full URL of the install, with its folder if it is not at the domain's root, such as
        V(https://example.com/blog). Compared without case in scheme and host and without a trailing slash.
      - The domain must be one of the customer's websites (M(selfhosted.platforms.installatron_user)).
    type: str
    required: true
  app:
    description:
      - The installer id, such as V(wordpress) or V(joomla); M(selfhosted.platforms.installatron_app_info) lists them.
        Required to install; cannot change afterwards.
    type: str
  version:
    description:
      - The exact version to install (M(selfhosted.platforms.installatron_app_info) lists them). Unset installs the
        newest.
      - On an existing install, a different version updates the app to it (a task).
    type: str
  language:
    description: The app's language, such as V(en) or V(de). Chosen at install; cannot change afterwards.
    type: str
  autoup:
    description:
      - Automatic updates of the app. V(none), V(minor) (the server's default) or V(all).
    type: str
    choices: [none, minor, all]
  autoup_plugins:
    description: Automatic updates of WordPress plugins. V(none), V(all), or V(custom) to choose them per plugin.
    type: str
    choices: [none, all, custom]
  autoup_themes:
    description: Automatic updates of WordPress themes. V(none), V(all), or V(custom) to choose them per theme.
    type: str
    choices: [none, all, custom]
  autoup_backup:
    description: Whether an automatic update backs the install up first, V(all), or not, V(none).
    type: str
    choices: [none, all]
  notification:
    description: The events the customer is emailed about, by the server's event names. Exactly these, in any order.
    type: list
    elements: str
  login:
    description: The app's administrator username.
    type: str
  passwd:
    description:
      - The app's administrator password. Without it at install, the server generates one.
      - Never shown in output or diff. See O(update_secrets).
    type: str
  email:
    description: The app's administrator email address.
    type: str
  sitetitle:
    description: The website title.
    type: str
  sitetagline:
    description: The website tagline.
    type: str
  content:
    description:
      - At install only, whether to add sample content, V(yes) or V(no), or a template id to install from. Never compared.
    type: str
  bkloc:
    description: Where the install's backups are stored, by the id of one of the server's backup locations.
    type: str
  autobk:
    description: The automatic backup schedule of the install, by the id of one of the server's backup schedules.
    type: str
  db_host:
    description: The database server, when the server does not create the database itself.
    type: str
  db_name:
    description: The database name.
    type: str
  db_user:
    description: The database user.
    type: str
  db_pass:
    description: The database password. Never shown in output or diff. See O(update_secrets).
    type: str
  db_prefix:
    description: The prefix of the app's database tables.
    type: str
  update_secrets:
    description:
      - V(on_create) sends O(passwd) and O(db_pass) only when the app is installed.
      - V(always) sends them on every run, to rotate them; the module then always reports a change.
    type: str
    choices: [always, on_create]
    default: on_create
  state:
    description:
      - V(present) installs and configures the app.
      - V(absent) uninstalls it, which deletes its files and its database tables. Removing an absent install is not an error.
    type: str
    choices: [present, absent]
    default: present
  wait:
    description:
      - Wait for the install, update or uninstall task. With V(false) the module returns right after starting it, with its
        id in RV(task_id); changes that would need another task are left for a later run, with a warning.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for each task. On timeout the task keeps running on the server; a re-run waits for it.
    type: int
    default: 900
notes:
  - Database passwords cannot be read back, so a password changed on the server is not noticed; use
    O(update_secrets=always) to set it again.
seealso:
  - module: selfhosted.platforms.installatron_installs
  - module: selfhosted.platforms.installatron_install_action
  - module: selfhosted.platforms.installatron_install_info
  - module: selfhosted.platforms.installatron_app_info
  - module: selfhosted.platforms.installatron_wp_plugin
"""

EXAMPLES = r"""
- name: Install WordPress for a customer
  selfhosted.platforms.installatron_install:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    user: alice
    url: https://alice.example.com/blog
    app: wordpress
    login: admin
    passwd: "{{ vault_blog_admin_password }}"
    email: alice@example.com
    sitetitle: Alice's blog
    autoup: minor
    autoup_plugins: all

- name: Act for one customer in every task
  module_defaults:
    group/selfhosted.platforms.installatron:
      api_url: https://installatron.example.com
      api_key: "{{ installatron_key }}"
      acting_user: alice
  block:
    - name: Update the blog to a given version
      selfhosted.platforms.installatron_install:
        url: https://alice.example.com/blog
        version: 6.5.2

    - name: Start removing an old shop and come back later
      selfhosted.platforms.installatron_install:
        url: https://alice.example.com/shop
        state: absent
        wait: false
      register: uninstall
"""

RETURN = r"""
install:
  description:
    - The install after the run, in the same form as the options (passwords left out). V(null) after O(state=absent).
    - In check mode, the prediction; an app that would be installed has RV(install.id=null).
  returned: always
  type: dict
  contains:
    id:
      description: The install id the server gave it; V(null) for an install check mode predicts.
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
task_id:
  description: The install, update or uninstall task started and not waited for, with O(wait=false).
  returned: when a task was started with O(wait=false)
  type: str
  sample: "1712345678_4b8f"
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY, singular_argspec, wait_argspec
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.installs import DEFAULT_TIMEOUT, Installs
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.platform import INSTALLATRON


def main():
    spec = singular_argspec(Installs, update_secrets=SECRETS_POLICY, **wait_argspec(DEFAULT_TIMEOUT))
    spec["url"]["required"] = True
    run = INSTALLATRON.module(spec, required_one_of=[("user", "acting_user")])
    params = run.params
    # the acting user owns the install unless another customer is named (set before the input is checked)
    params["user"] = params["user"] or params["acting_user"]
    installs = Installs(wait=params["wait"], wait_timeout=params["wait_timeout"])

    def finish(ctx, result):
        if installs.started:
            result["task_id"] = str(next(iter(installs.started.values())))

    run.singular(installs, secrets_option="update_secrets", finish=finish)


if __name__ == "__main__":
    main()

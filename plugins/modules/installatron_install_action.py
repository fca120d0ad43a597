#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: installatron_install_action
short_description: Update, back up or clone an Installatron install, or get a login link to its admin area
version_added: 0.1.0
description:
  - Runs one operation on an install. These are actions, not state, so the module always reports a change, except for
    O(action=sso_url), which only reads a link.
  - Updates, backups and clones are tasks on the server; the module waits for them by default, like
    M(selfhosted.platforms.installatron_install).
  - In check mode it sends no write, but checks what the real run would check first, that the install exists and, for a
    clone, that no install is at O(clone_url) yet.
  - The API has no route to restore a backup, so the module cannot restore one; use the Installatron interface.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.installatron
attributes:
  check_mode:
    support: full
    description: Reports a change and writes nothing, after the same checks as a real run. No login link is made.
  diff_mode:
    support: none
    description: Actions have no before and after to show.
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.installatron) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.installatron
options:
  url:
    description: The install, by its full URL, such as V(https://example.com/blog).
    type: str
    required: true
  user:
    description: The customer who owns the install. Defaults to O(acting_user); one of them is required.
    type: str
  action:
    description:
      - V(update) updates the app to O(version). Without O(version) the app keeps its version and only the WordPress
        O(plugins) and O(themes) are updated; one of the three is needed.
      - V(backup) backs the install up now, to its backup location; the new backup's id is returned in RV(backup_id).
      - V(clone) copies the install, files and database, to O(clone_url), a new install of the same customer.
      - V(sso_url) makes a link that logs into the app's admin area without a password (WordPress, Joomla!,
        ClassicPress, MODX), returned in RV(sso_url).
    type: str
    required: true
    choices: [update, backup, clone, sso_url]
  version:
    description: With O(action=update), the version to update to.
    type: str
  plugins:
    description:
      - With O(action=update) of a WordPress install, the slugs of the plugins to update; an empty list updates them all.
    type: list
    elements: str
  themes:
    description:
      - With O(action=update) of a WordPress install, the slugs of the themes to update; an empty list updates them all.
    type: list
    elements: str
  clone_url:
    description:
      - With O(action=clone), the full URL of the copy. No install may be there yet. Required for O(action=clone).
    type: str
  wait:
    description: Wait for the task. With V(false) the module returns with RV(task_id) right after starting it.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait for the task. On timeout it keeps running on the server.
    type: int
    default: 900
notes:
  - The link of O(action=sso_url) logs anyone who has it into the app as its administrator. Register the result only in a
    task with C(no_log=true), and do not print it.
seealso:
  - module: selfhosted.platforms.installatron_install
  - module: selfhosted.platforms.installatron_backup_info
  - module: selfhosted.platforms.installatron_task_info
"""

EXAMPLES = r"""
- name: Back up the blog before a risky change
  selfhosted.platforms.installatron_install_action:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    user: alice
    url: https://alice.example.com/blog
    action: backup
  register: backup

- name: Update every WordPress plugin of the blog, keeping WordPress's version
  selfhosted.platforms.installatron_install_action:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    user: alice
    url: https://alice.example.com/blog
    action: update
    plugins: []

- name: Copy the blog to a staging URL
  selfhosted.platforms.installatron_install_action:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    user: alice
    url: https://alice.example.com/blog
    action: clone
    clone_url: https://alice.example.com/staging

- name: Get a login link to the blog's admin area, without showing it
  selfhosted.platforms.installatron_install_action:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    user: alice
    url: https://alice.example.com/blog
    action: sso_url
  register: login
  no_log: true
"""

RETURN = r"""
install:
  description:
    - The install after the action (with O(action=clone) and O(wait=true), the new copy), in the form of
      RV(selfhosted.platforms.installatron_install#module:install).
    - In check mode, the install as it is before the action.
  returned: success
  type: dict
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
  sample: {id: "4b8f0f7d8a5c", user: alice, url: https://alice.example.com/blog, app: wordpress, version: 6.5.2}
task_id:
  description: The task the action ran as; V(null) in check mode, for O(action=sso_url), and when the server named none.
  returned: success
  type: str
  sample: "1712345678_4b8f"
backup_id:
  description:
    - With O(action=backup), the new backup, for M(selfhosted.platforms.installatron_backup_info). V(null) when the server
      did not name it (with O(wait=false), say).
  returned: when O(action=backup), except in check mode
  type: str
  sample: "bk_4b8f0f7d8a5c_1712345678"
sso_url:
  description:
    - Sensitive. A link that logs its holder into the app's admin area. Register the result only with C(no_log=true).
  returned: when O(action=sso_url), except in check mode
  type: str
  sample: https://alice.example.com/blog/wp-login.php?installatron=0123456789abcdef
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import wait_argspec
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.actions import run_action
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.installs import DEFAULT_TIMEOUT
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.platform import INSTALLATRON


def main():
    run = INSTALLATRON.module(
        dict(
            url={"type": "str", "required": True},
            user={"type": "str"},
            action={"type": "str", "required": True, "choices": ["update", "backup", "clone", "sso_url"]},
            version={"type": "str"},
            plugins={"type": "list", "elements": "str"},
            themes={"type": "list", "elements": "str"},
            clone_url={"type": "str"},
            **wait_argspec(DEFAULT_TIMEOUT)
        ),
        required_one_of=[("user", "acting_user")],
        required_if=[("action", "clone", ("clone_url",))],
    )

    def body(ctx):
        result = run_action(ctx, run.params, run.check_mode)
        for name in ("task_id", "backup_id"):
            if result.get(name) is not None:
                result[name] = str(result[name])
        return dict(result, changed=run.params["action"] != "sso_url")

    run.execute(body)


if __name__ == "__main__":
    main()

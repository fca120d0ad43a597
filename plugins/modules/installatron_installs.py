#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: installatron_installs
short_description: Manage many Installatron Server installs in one task
version_added: 0.1.0
description:
  - Converge a list of installs in one module run. Each customer's installs are read once; installs are all started
    before the module waits, so they run side by side on the server; updates and uninstalls run one task at a time.
  - Items take the options of M(selfhosted.platforms.installatron_install), except the connection, secret, waiting and
    state options. Administrator passwords are given beside the list in O(passwords). The result lists the plan in
    RV(changes).
  - Every item needs its customer, O(config[].user), or O(acting_user) for the items that name none.
  - "Deliberate safety rails: O(state=deleted) needs a non-empty O(config); O(state=overridden) refuses an empty one
    unless O(allow_empty=true), and uninstalls installs that are not listed (deleting their files and database tables)
    only with O(purge=true)."
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.installatron
  - selfhosted.platforms.installatron.attributes
options:
  config:
    description:
      - The installs, each identified by O(config[].user) and O(config[].url).
      - The output of O(state=gathered) is accepted as input (read-only keys are ignored).
    type: list
    elements: dict
    suboptions:
      user:
        description: The customer who owns the install; defaults to O(acting_user).
        type: str
      url:
        description: The full URL of the install, such as V(https://example.com/blog).
        type: str
      app:
        description: The installer id, such as V(wordpress). Required to install; cannot change afterwards.
        type: str
      version:
        description: The exact version; unset installs the newest. A different one on an existing install is an update.
        type: str
      language:
        description: The app's language. Chosen at install; cannot change afterwards.
        type: str
      autoup:
        description: Automatic updates of the app; the server's default is V(minor).
        type: str
        choices: [none, minor, all]
      autoup_plugins:
        description: Automatic updates of WordPress plugins.
        type: str
        choices: [none, all, custom]
      autoup_themes:
        description: Automatic updates of WordPress themes.
        type: str
        choices: [none, all, custom]
      autoup_backup:
        description: Whether an automatic update backs the install up first.
        type: str
        choices: [none, all]
      notification:
        description: The events the customer is emailed about; exactly these, in any order.
        type: list
        elements: str
      login:
        description: The app's administrator username.
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
        description: At install only, V(yes) or V(no) for sample content, or a template id. Never compared.
        type: str
      bkloc:
        description: The id of the backup location.
        type: str
      autobk:
        description: The id of the automatic backup schedule.
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
      db_prefix:
        description: The prefix of the app's database tables.
        type: str
      id:
        description: Read-only, returned by O(state=gathered); ignored on input.
        type: str
      path:
        description: Read-only, returned by O(state=gathered); ignored on input.
        type: str
  passwords:
    description:
      - The administrator passwords (O(selfhosted.platforms.installatron_install#module:passwd)), by install URL written
        as in O(config[].url), kept out of O(config) so the plan stays visible while the secrets stay hidden.
      - Applied according to O(update_secrets). A URL that names no item of O(config) is an error.
      - Database passwords are set with M(selfhosted.platforms.installatron_install).
    type: dict
  update_secrets:
    description:
      - V(on_create) sends O(passwords) only for apps being installed; V(always) on every run (and so always reports a
        change for those installs).
    type: str
    choices: [always, on_create]
    default: on_create
  state:
    description:
      - V(merged) installs and configures the listed installs and leaves the others alone.
      - V(overridden) does the same and uninstalls every other install of the customers named in O(config), which needs
        O(purge=true).
      - V(deleted) uninstalls the listed installs (only O(config[].user) and O(config[].url) are needed).
      - V(gathered) changes nothing and returns the installs of O(acting_user), or of every customer without it, in
        RV(gathered).
      - Uninstalling deletes the install's files and database tables.
    type: str
    choices: [merged, overridden, deleted, gathered]
    default: merged
  allow_empty:
    description:
      - Let O(state=overridden) run with an empty O(config); it then uninstalls every install of O(acting_user), or of
        every customer without it (with O(purge=true)).
    type: bool
    default: false
  purge:
    description: Let O(state=overridden) uninstall installs that are not listed. Uninstalling deletes files and tables.
    type: bool
    default: false
  wait:
    description:
      - Wait for every task. With V(false), each install gets at most one task started and the rest is left for a later run.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait for each task. On timeout the task keeps running on the server; a re-run waits for it.
    type: int
    default: 900
notes:
  - A failure part-way returns C(failed), C(changed) and in RV(changes) the changes already applied.
seealso:
  - module: selfhosted.platforms.installatron_install
  - module: selfhosted.platforms.installatron_install_info
"""

EXAMPLES = r"""
- name: Converge a customer's sites; the installs run side by side
  selfhosted.platforms.installatron_installs:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    acting_user: alice
    config:
      - url: https://alice.example.com/blog
        app: wordpress
        login: admin
        email: alice@example.com
        autoup: all
      - url: https://alice.example.com/wiki
        app: mediawiki
        login: admin
        email: alice@example.com
    passwords:
      https://alice.example.com/blog: "{{ vault_blog_password }}"
      https://alice.example.com/wiki: "{{ vault_wiki_password }}"

- name: Keep exactly these installs of bob, uninstalling the others
  selfhosted.platforms.installatron_installs:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    state: overridden
    purge: true
    config:
      - user: bob
        url: https://bob.example.com
        app: wordpress

- name: Read every install on the server
  selfhosted.platforms.installatron_installs:
    api_url: https://installatron.example.com
    api_key: "{{ installatron_key }}"
    state: gathered
  register: current_installs
"""

RETURN = r"""
changes:
  description: The plan, in order; in check mode what would be done.
  returned: always
  type: list
  elements: dict
  contains:
    action:
      description:
        - V(create) (install), V(update) or V(delete) (uninstall), or V(adopt) when another run installed it meanwhile
          (only what this run wrote to it is listed).
      type: str
    key:
      description: The install's URL.
      type: str
    fields:
      description: The options written, sorted; empty for V(delete).
      type: list
      elements: str
    postponed:
      description:
        - With O(wait=false), options left for a later run because the install was still busy with the task this run
          started. Present only when there are some.
      type: list
      elements: str
  sample: [{action: create, key: https://alice.example.com/blog, fields: [app, autoup, email, login, passwd, url, user]}]
installs:
  description:
    - The listed installs after the run, in the form of RV(selfhosted.platforms.installatron_install#module:install).
      Installs uninstalled by the run are left out. In check mode, the prediction.
  returned: when O(state) is not V(gathered)
  type: list
  elements: dict
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
  sample: [{id: "4b8f0f7d8a5c", user: alice, url: https://alice.example.com/blog, app: wordpress, version: 6.5.2,
            autoup: all, login: admin, email: alice@example.com, path: /home/alice/public_html/blog}]
task_ids:
  description: With O(wait=false), the task each install is busy with after this run started it, install URL -> task id.
  returned: when O(wait=false) and a task was started
  type: dict
  sample: {"https://alice.example.com/blog": "1712345678_4b8f"}
gathered:
  description: The installs, sorted by URL, in the form O(config) accepts (no passwords).
  returned: when O(state=gathered)
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
            autoup: all, login: admin, email: alice@example.com, path: /home/alice/public_html/blog}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY, plural_argspec, wait_argspec
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.installs import DEFAULT_TIMEOUT, Installs
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.platform import INSTALLATRON


def main():
    run = INSTALLATRON.module(plural_argspec(
        Installs,
        passwords={"type": "dict", "no_log": True},
        update_secrets=SECRETS_POLICY,
        purge={"type": "bool", "default": False},
        **wait_argspec(DEFAULT_TIMEOUT)
    ))
    params = run.params
    acting_user = params["acting_user"]
    # items naming no customer belong to the acting user (set before the input is checked)
    for entry in params["config"] or []:
        if entry is not None and not entry.get("user"):
            entry["user"] = acting_user
    installs = Installs(wait=params["wait"], wait_timeout=params["wait_timeout"],
                        purge=params["purge"] or params["state"] != "overridden",
                        customers=[acting_user] if acting_user else None)

    def finish(ctx, result):
        if installs.started:
            result["task_ids"] = dict((where, str(task)) for where, task in installs.started.items())

    run.plural(installs, secrets_option="update_secrets", secrets=("passwords", "passwd"), finish=finish)


if __name__ == "__main__":
    main()

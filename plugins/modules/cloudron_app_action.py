#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_app_action
short_description: Back up, update, restore, clone or repair a Cloudron app
version_added: 0.1.0
description:
  - Runs one operation on an app. These are actions, not state, so the module always reports a change.
  - In check mode it sends no write but checks everything the real run would check before its first write; that the
    app exists and is not in an error state (except for V(repair)), that the backup to restore or clone from exists,
    that the clone's location is free and that the App Store names a version to update to.
  - Each operation is a task on the server; the module waits for it by default, like M(selfhosted.platforms.cloudron_app).
  - An app busy with another task (a nightly backup, say) is waited on first.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
attributes:
  check_mode:
    support: full
    description: Reports a change and writes nothing, after the same checks as a real run.
  diff_mode:
    support: none
    description: Actions have no before and after to show.
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.cloudron) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudron
options:
  fqdn:
    description: The app, by its location.
    type: str
  app_id:
    description: The app, by its id.
    type: str
  action:
    description:
      - V(backup) backs the app up now.
      - V(update) updates it to O(version) (default the newest in the App Store).
      - V(restore) restores it from O(backup_id) (default its newest backup), replacing its current data.
      - V(clone) installs a copy from O(backup_id) (default its newest backup) at O(clone_subdomain)/O(clone_domain).
      - V(repair) re-runs the operation that left the app in an error state.
    type: str
    required: true
    choices: [backup, update, restore, clone, repair]
  version:
    description: With O(action=update), the App Store version to update to.
    type: str
  skip_backup:
    description: With O(action=update), skip the backup the server otherwise makes first.
    type: bool
    default: false
  backup_id:
    description: With O(action=restore) or O(action=clone), the backup to use.
    type: str
  clone_subdomain:
    description: With O(action=clone), the subdomain of the copy; empty for the domain itself.
    type: str
    default: ""
  clone_domain:
    description: With O(action=clone), the domain of the copy.
    type: str
  wait:
    description: Wait for the task. With V(false) the module returns with RV(task_id) right after starting it.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait, including time queued behind other tasks. On timeout the task keeps running.
    type: int
    default: 900
seealso:
  - module: selfhosted.platforms.cloudron_app
  - module: selfhosted.platforms.cloudron_task_info
"""

EXAMPLES = r"""
- name: Back up the blog before a risky change
  selfhosted.platforms.cloudron_app_action:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    fqdn: blog.example.com
    action: backup
  register: backup

- name: Copy the blog to a staging location from that backup
  selfhosted.platforms.cloudron_app_action:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    fqdn: blog.example.com
    action: clone
    backup_id: "{{ backup.backup_id }}"
    clone_subdomain: blog-staging
    clone_domain: example.com

- name: Repair an app a failed update left in an error state
  selfhosted.platforms.cloudron_app_action:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    fqdn: shop.example.com
    action: repair
"""

RETURN = r"""
app:
  description:
    - The app after the action, in the form of RV(selfhosted.platforms.cloudron_app#module:app) (environment values masked).
    - In check mode, the app as it is before the action.
  returned: success
  type: dict
  sample: {fqdn: blog.example.com, installation_state: installed, run_state: running}
  contains:
    id:
      description: The app's id.
      type: str
      sample: 9f9f78b2-6c5b-41df-9a21-5fa20dee3d6a
    app_store_id:
      description: The App Store id of the app's package.
      type: str
      sample: org.wordpress.cloudronapp
    subdomain:
      description: The subdomain the app lives at, lower-case; V("") for the domain itself.
      type: str
      sample: blog
    domain:
      description: The domain the app lives on, lower-case.
      type: str
      sample: example.com
    fqdn:
      description: Where the app is served, C(subdomain.domain) (the domain alone without a subdomain).
      type: str
      sample: blog.example.com
    label:
      description: The name shown on the dashboard; V("") without one.
      type: str
      sample: Company blog
    notes:
      description: The notes shown on the dashboard, in Markdown; V("") without any.
      type: str
      sample: Ask **Bob** before changing plugins.
    tags:
      description: The dashboard tags, sorted.
      type: list
      elements: str
      sample: [web]
    access_restriction:
      description: Who may use the app, V(everyone) or a dict of C(users) and C(groups).
      type: raw
      sample: {users: [], groups: [editors]}
      contains:
        users:
          description: Usernames (the email of a user without one), sorted; the id of a user the server no longer knows.
          type: list
          elements: str
          sample: [bob]
        groups:
          description: Group names, sorted; the id of a group the server no longer knows.
          type: list
          elements: str
          sample: [editors]
    operators:
      description: Users and groups who may configure, start and stop the app without being admins.
      type: dict
      contains:
        users:
          description: Usernames (the email of a user without one), sorted.
          type: list
          elements: str
          sample: []
        groups:
          description: Group names, sorted.
          type: list
          elements: str
          sample: [editors]
    enable_backup:
      description: Whether the app is in the automatic backups.
      type: bool
      sample: true
    enable_automatic_update:
      description: Whether the app is updated automatically.
      type: bool
      sample: true
    reverse_proxy_config:
      description: The settings of the reverse proxy in front of the app.
      type: dict
      contains:
        robots_txt:
          description: The content of C(/robots.txt); V("") for the app's own.
          type: str
          sample: ""
        csp:
          description: The Content-Security-Policy header; V("") for none.
          type: str
          sample: ""
        hsts_preload:
          description: Whether the HSTS header has the C(preload) directive.
          type: bool
          sample: false
    crontab:
      description: The periodic commands run inside the app, in crontab format; V("") for none.
      type: str
      sample: ""
    upstream_uri:
      description: For app links and proxy apps, the URL the app forwards to; V("") for other apps.
      type: str
      sample: ""
    sso:
      description: Whether the app uses the Cloudron user directory for login.
      type: bool
      sample: true
    ports:
      description:
        - The port bindings, from the names in the app's manifest (such as C(SSH_PORT)) to port numbers; V({}) for none.
        - The keys are the app package's own names.
      type: dict
      sample: {SSH_PORT: 29418}
    secondary_domains:
      description: Further locations the app needs, sorted by domain and subdomain.
      type: list
      elements: dict
      contains:
        subdomain:
          description: The subdomain, lower-case; V("") for the domain itself.
          type: str
          sample: files
        domain:
          description: The domain, lower-case.
          type: str
          sample: example.com
        environment_variable:
          description: The variable the app reads the location from.
          returned: when the server names one
          type: str
          sample: FILES_DOMAIN
    alias_domains:
      description: Further locations serving the same app, sorted by domain and subdomain.
      type: list
      elements: dict
      contains:
        subdomain:
          description: The subdomain, lower-case; V("") for the domain itself.
          type: str
          sample: www
        domain:
          description: The domain, lower-case.
          type: str
          sample: example.com
    redirect_domains:
      description: Locations that redirect to the app, sorted by domain and subdomain.
      type: list
      elements: dict
      contains:
        subdomain:
          description: The subdomain, lower-case; V("") for the domain itself.
          type: str
          sample: ""
        domain:
          description: The domain, lower-case.
          type: str
          sample: example.org
    version:
      description: The version of the app's package (not of the software it packages).
      type: str
      sample: 3.6.0
    memory_limit:
      description: The memory limit in bytes; V(0) for the app's default, V(-1) for none.
      type: int
      sample: 536870912
    cpu_quota:
      description: The CPU share in percent, 1 to 100.
      type: int
      sample: 100
    env:
      description:
        - The app's environment variables, by name, values as strings. All values are masked as C(********).
        - The keys are the variable names the user set.
      type: dict
      sample: {WP_DEBUG: "false", SMTP_PASSWORD: "********"}
    enable_mailbox:
      description: Whether the app has a mailbox to send mail from.
      type: bool
      sample: true
    mailbox_name:
      description: The mailbox's name (the part before C(@)).
      type: str
      sample: blog.app
    mailbox_domain:
      description: The mailbox's domain.
      type: str
      sample: example.com
    mailbox_display_name:
      description: The sender name of mail from the app; V("") for the server's default.
      type: str
      sample: ""
    enable_turn:
      description: Whether the app may use the TURN service.
      type: bool
      sample: true
    enable_redis:
      description: Whether the app has its Redis service.
      type: bool
      sample: true
    storage_volume:
      description: The name of the volume holding the app's data; V("") for the server's default location.
      type: str
      sample: media
    storage_volume_prefix:
      description: The directory inside C(storage_volume) that holds the data; V("") for none.
      type: str
      sample: files
    mounts:
      description: The volumes the app mounts, sorted by volume name; V([]) for none.
      type: list
      elements: dict
      contains:
        volume:
          description: The volume's name.
          type: str
          sample: archive
        read_only:
          description: Whether the app may only read the volume.
          type: bool
          sample: true
    run_state:
      description: V(running) or V(stopped).
      type: str
      sample: running
    installation_state:
      description: V(installed), V(error), or a C(pending_*) state while a task runs on the app.
      type: str
      sample: installed
    health:
      description: V(healthy), V(unhealthy), V(error) or V(dead); V(null) before the server has checked.
      type: str
      sample: healthy
    error:
      description: The app's error message when C(installation_state) is V(error), else V(null).
      type: str
      sample: null
task_id:
  description: The task the action ran as; V(null) in check mode.
  returned: success
  type: str
  sample: "2742"
backup_id:
  description:
    - With O(action=backup), the new backup (V(null) with O(wait=false)); with O(action=restore) or O(action=clone), the
      backup used. Never an older backup than the one the action made.
  returned: when O(action) is V(backup) (except in check mode), V(restore) or V(clone)
  type: str
  sample: app_9f9f78b2-6c5b-41df-9a21-5fa20dee3d6a_v3.6.0_0a1b2c3d
clone:
  description: With O(action=clone), the new app.
  returned: when O(action=clone), except in check mode
  type: dict
  sample: {fqdn: blog-staging.example.com, installation_state: installed}
  contains:
    id:
      description: The app's id.
      type: str
      sample: 9f9f78b2-6c5b-41df-9a21-5fa20dee3d6a
    app_store_id:
      description: The App Store id of the app's package.
      type: str
      sample: org.wordpress.cloudronapp
    subdomain:
      description: The subdomain the app lives at, lower-case; V("") for the domain itself.
      type: str
      sample: blog
    domain:
      description: The domain the app lives on, lower-case.
      type: str
      sample: example.com
    fqdn:
      description: Where the app is served, C(subdomain.domain) (the domain alone without a subdomain).
      type: str
      sample: blog.example.com
    label:
      description: The name shown on the dashboard; V("") without one.
      type: str
      sample: Company blog
    notes:
      description: The notes shown on the dashboard, in Markdown; V("") without any.
      type: str
      sample: Ask **Bob** before changing plugins.
    tags:
      description: The dashboard tags, sorted.
      type: list
      elements: str
      sample: [web]
    access_restriction:
      description: Who may use the app, V(everyone) or a dict of C(users) and C(groups).
      type: raw
      sample: {users: [], groups: [editors]}
      contains:
        users:
          description: Usernames (the email of a user without one), sorted; the id of a user the server no longer knows.
          type: list
          elements: str
          sample: [bob]
        groups:
          description: Group names, sorted; the id of a group the server no longer knows.
          type: list
          elements: str
          sample: [editors]
    operators:
      description: Users and groups who may configure, start and stop the app without being admins.
      type: dict
      contains:
        users:
          description: Usernames (the email of a user without one), sorted.
          type: list
          elements: str
          sample: []
        groups:
          description: Group names, sorted.
          type: list
          elements: str
          sample: [editors]
    enable_backup:
      description: Whether the app is in the automatic backups.
      type: bool
      sample: true
    enable_automatic_update:
      description: Whether the app is updated automatically.
      type: bool
      sample: true
    reverse_proxy_config:
      description: The settings of the reverse proxy in front of the app.
      type: dict
      contains:
        robots_txt:
          description: The content of C(/robots.txt); V("") for the app's own.
          type: str
          sample: ""
        csp:
          description: The Content-Security-Policy header; V("") for none.
          type: str
          sample: ""
        hsts_preload:
          description: Whether the HSTS header has the C(preload) directive.
          type: bool
          sample: false
    crontab:
      description: The periodic commands run inside the app, in crontab format; V("") for none.
      type: str
      sample: ""
    upstream_uri:
      description: For app links and proxy apps, the URL the app forwards to; V("") for other apps.
      type: str
      sample: ""
    sso:
      description: Whether the app uses the Cloudron user directory for login.
      type: bool
      sample: true
    ports:
      description:
        - The port bindings, from the names in the app's manifest (such as C(SSH_PORT)) to port numbers; V({}) for none.
        - The keys are the app package's own names.
      type: dict
      sample: {SSH_PORT: 29418}
    secondary_domains:
      description: Further locations the app needs, sorted by domain and subdomain.
      type: list
      elements: dict
      contains:
        subdomain:
          description: The subdomain, lower-case; V("") for the domain itself.
          type: str
          sample: files
        domain:
          description: The domain, lower-case.
          type: str
          sample: example.com
        environment_variable:
          description: The variable the app reads the location from.
          returned: when the server names one
          type: str
          sample: FILES_DOMAIN
    alias_domains:
      description: Further locations serving the same app, sorted by domain and subdomain.
      type: list
      elements: dict
      contains:
        subdomain:
          description: The subdomain, lower-case; V("") for the domain itself.
          type: str
          sample: www
        domain:
          description: The domain, lower-case.
          type: str
          sample: example.com
    redirect_domains:
      description: Locations that redirect to the app, sorted by domain and subdomain.
      type: list
      elements: dict
      contains:
        subdomain:
          description: The subdomain, lower-case; V("") for the domain itself.
          type: str
          sample: ""
        domain:
          description: The domain, lower-case.
          type: str
          sample: example.org
    version:
      description: The version of the app's package (not of the software it packages).
      type: str
      sample: 3.6.0
    memory_limit:
      description: The memory limit in bytes; V(0) for the app's default, V(-1) for none.
      type: int
      sample: 536870912
    cpu_quota:
      description: The CPU share in percent, 1 to 100.
      type: int
      sample: 100
    env:
      description:
        - The app's environment variables, by name, values as strings. All values are masked as C(********).
        - The keys are the variable names the user set.
      type: dict
      sample: {WP_DEBUG: "false", SMTP_PASSWORD: "********"}
    enable_mailbox:
      description: Whether the app has a mailbox to send mail from.
      type: bool
      sample: true
    mailbox_name:
      description: The mailbox's name (the part before C(@)).
      type: str
      sample: blog.app
    mailbox_domain:
      description: The mailbox's domain.
      type: str
      sample: example.com
    mailbox_display_name:
      description: The sender name of mail from the app; V("") for the server's default.
      type: str
      sample: ""
    enable_turn:
      description: Whether the app may use the TURN service.
      type: bool
      sample: true
    enable_redis:
      description: Whether the app has its Redis service.
      type: bool
      sample: true
    storage_volume:
      description: The name of the volume holding the app's data; V("") for the server's default location.
      type: str
      sample: media
    storage_volume_prefix:
      description: The directory inside C(storage_volume) that holds the data; V("") for none.
      type: str
      sample: files
    mounts:
      description: The volumes the app mounts, sorted by volume name; V([]) for none.
      type: list
      elements: dict
      contains:
        volume:
          description: The volume's name.
          type: str
          sample: archive
        read_only:
          description: Whether the app may only read the volume.
          type: bool
          sample: true
    run_state:
      description: V(running) or V(stopped).
      type: str
      sample: running
    installation_state:
      description: V(installed), V(error), or a C(pending_*) state while a task runs on the app.
      type: str
      sample: installed
    health:
      description: V(healthy), V(unhealthy), V(error) or V(dead); V(null) before the server has checked.
      type: str
      sample: healthy
    error:
      description: The app's error message when C(installation_state) is V(error), else V(null).
      type: str
      sample: null
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_actions import run_action
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import DEFAULT_TIMEOUT
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import wait_argspec


def main():
    run = CLOUDRON.module(
        dict(
            fqdn={"type": "str"},
            app_id={"type": "str"},
            action={"type": "str", "required": True, "choices": ["backup", "update", "restore", "clone", "repair"]},
            version={"type": "str"},
            skip_backup={"type": "bool", "default": False},
            backup_id={"type": "str"},
            clone_subdomain={"type": "str", "default": ""},
            clone_domain={"type": "str"},
            **wait_argspec(DEFAULT_TIMEOUT)
        ),
        required_one_of=[("fqdn", "app_id")],
        required_if=[("action", "clone", ("clone_domain",))],
    )
    run.execute(lambda ctx: dict(run_action(ctx, run.params, run.check_mode), changed=True))


if __name__ == "__main__":
    main()

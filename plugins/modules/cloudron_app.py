#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_app
short_description: Install, configure, start, stop and remove a Cloudron app
version_added: 0.1.0
description:
  - Takes an app from nothing to installed, configured and running in one task, and changes nothing when it already is.
  - The app is identified by its location, O(subdomain) and O(domain). To move an existing app to a new location instead
    of installing a second one, name it with O(app_id) or O(previous_fqdn).
  - Settings that change in place (label, notes, tags, icon, access, operators, backups, updates, reverse proxy,
    crontab) are applied at once and never restart anything. The others run a task on the server; they are applied one
    at a time and each is waited on before the next.
  - An app found busy with a task, started by an earlier run or by the server itself (a nightly backup, an automatic
    update), is waited on instead of colliding with it.
  - Unset options are not managed.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  app_store_id:
    description:
      - The App Store id, for example V(org.wordpress.cloudronapp). Required to install.
      - An app at the location that runs another App Store app is an error; it is never replaced.
    type: str
  version:
    description:
      - The App Store version. At install, that version is installed (default the newest).
      - On an installed app, a different version is an update to it (a task; the server backs the app up first).
    type: str
  subdomain:
    description: The subdomain the app lives at; V("") or unset (with O(domain)) for the domain itself.
    type: str
  domain:
    description: The domain the app lives on; it must already be added (M(selfhosted.platforms.cloudron_domain)).
    type: str
  app_id:
    description: Manage the app with this id wherever it is; a different O(subdomain)/O(domain) moves it there.
    type: str
  previous_fqdn:
    description:
      - When no app is at the wanted location yet, the app at this FQDN is moved there instead of installing a new one.
      - Once moved, the option does nothing, so it can stay in the playbook.
    type: str
  label:
    description: The name shown on the dashboard.
    type: str
  notes:
    description: Notes for the app's users and admins, in Markdown, shown on the dashboard. Empty removes them.
    type: str
  tags:
    description: Dashboard tags, in any order.
    type: list
    elements: str
  access_restriction:
    description:
      - Who may use the app. V(everyone), or a dict with C(users) (usernames) and C(groups) (group names).
      - A user or group that does not exist is a warning in check mode and an error in a real run.
    type: raw
  operators:
    description: Users and groups who may configure, start and stop the app without being admins.
    type: dict
    suboptions:
      users:
        description: Usernames.
        type: list
        elements: str
      groups:
        description: Group names.
        type: list
        elements: str
  enable_backup:
    description: Include the app in the automatic backups.
    type: bool
  enable_automatic_update:
    description: Update the app automatically when a new version is published.
    type: bool
  reverse_proxy_config:
    description: Settings of the reverse proxy in front of the app. Only the keys given are managed.
    type: dict
    suboptions:
      robots_txt:
        description: The content of C(/robots.txt); empty for the app's own.
        type: str
      csp:
        description: A Content-Security-Policy header; empty for none.
        type: str
      hsts_preload:
        description: Add the C(preload) directive to the HSTS header.
        type: bool
  crontab:
    description: Periodic commands run inside the app, in crontab format; empty for none.
    type: str
  upstream_uri:
    description: For app links and proxy apps, the URL the app forwards to.
    type: str
  icon:
    description:
      - Path to an image file on the host running the module, shown as the app's icon instead of the
        App Store's. The dashboard uploads a 256x256 PNG.
      - Compared by the SHA-256 of the file's bytes against the icon the server shows, which costs one
        more request on each run; results and diff show the digest as C(sha256:<hex>).
    type: path
  sso:
    description: Whether the app uses the Cloudron user directory for login. Chosen at install; cannot change later.
    type: bool
  ports:
    description:
      - Port bindings, from the names in the app's manifest (such as C(SSH_PORT)) to port numbers. Exactly these.
      - Keys are kept exactly as given.
    type: dict
  secondary_domains:
    description: Further locations the app needs, each with the environment variable that receives it.
    type: list
    elements: dict
    suboptions:
      subdomain:
        description: The subdomain; empty for the domain itself.
        type: str
      domain:
        description: The domain.
        type: str
        required: true
      environment_variable:
        description: The variable the app reads the location from.
        type: str
  alias_domains:
    description: Further locations serving the same app.
    type: list
    elements: dict
    suboptions:
      subdomain:
        description: The subdomain; empty for the domain itself.
        type: str
      domain:
        description: The domain.
        type: str
        required: true
  redirect_domains:
    description: Locations that redirect to the app.
    type: list
    elements: dict
    suboptions:
      subdomain:
        description: The subdomain; empty for the domain itself.
        type: str
      domain:
        description: The domain.
        type: str
        required: true
  overwrite_dns:
    description: When installing or moving, replace DNS records that already exist at the location.
    type: bool
  skip_dns_setup:
    description: When installing or moving, do not create DNS records (they are managed elsewhere).
    type: bool
  memory_limit:
    description:
      - Memory limit, in bytes or with a unit such as V(512M) or V(2G) (binary units). V(0) means the app's default,
        V(-1) no limit. Changing it restarts the app (a task).
    type: raw
  cpu_quota:
    description: CPU share in percent (1 to 100). Changing it restarts the app (a task).
    type: int
  env:
    description:
      - Environment variables for the app; values are compared as strings. Exactly these, together with O(secret_env).
      - Changing them recreates the app's container (a task).
    type: dict
  secret_env:
    description:
      - Environment variables holding credentials. Never shown in output or diff; compared by presence only,
        see O(update_secrets).
    type: dict
  update_secrets:
    description:
      - V(on_create) writes O(secret_env) values only when the app is installed or a variable is missing.
      - V(always) writes them on every run (and so always reports a change), to rotate credentials.
    type: str
    choices: [always, on_create]
    default: on_create
  enable_mailbox:
    description: Whether the app gets a mailbox to send mail from.
    type: bool
  mailbox_name:
    description: The mailbox's name (the part before C(@)).
    type: str
  mailbox_domain:
    description: The mailbox's domain.
    type: str
  mailbox_display_name:
    description: The sender name of mail from the app.
    type: str
  enable_turn:
    description: Whether the app may use the TURN service (for apps with calls).
    type: bool
  enable_redis:
    description: Whether the app gets its Redis service (for apps where it is optional).
    type: bool
  storage_volume:
    description:
      - The volume, by name, that holds the app's data instead of the server's default location; V("") moves the data
        back there. Changing it moves the data (a task). Set after the install, which the server does not give a volume.
      - A volume that does not exist is a warning in check mode (an earlier task may add it) and an error in a real run.
      - The volumes are read (one request) only when an item names a volume, or the app already uses one.
    type: str
  storage_volume_prefix:
    description:
      - The directory inside O(storage_volume) that holds the data; V("") for none. Sent with O(storage_volume).
    type: str
  mounts:
    description:
      - Volumes the app mounts, by name, compared as a set; exactly these, V([]) for none. Changing them recreates the
        app's container (a task). A volume that does not exist is treated as for O(storage_volume).
    type: list
    elements: dict
    suboptions:
      volume:
        description: The volume's name.
        type: str
        required: true
      read_only:
        description: Whether the app may only read the volume. Defaults to V(false).
        type: bool
  state:
    description:
      - V(present) installs and configures the app, leaving it running or stopped as it is.
      - V(started) and V(stopped) also set whether it runs. V(restarted) restarts it after configuring (always a change).
      - V(absent) uninstalls it. Uninstalling deletes the app's data; its backups are kept according to the
        backup retention policy and can be restored into a new app. Removing an absent app is not an error.
      - On an app in an error state every state but V(absent) fails with the app's error; repair it with
        M(selfhosted.platforms.cloudron_app_action) (O(selfhosted.platforms.cloudron_app_action#module:action=repair)).
    type: str
    choices: [present, absent, started, stopped, restarted]
    default: present
  wait:
    description:
      - Wait for every task the module starts. With V(false) the module returns right after starting the first task,
        with its id in RV(task_id) and the app as the server has it then (mid-task); changes that need that task to
        finish are left for a later run, with a warning naming them.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for each task, including the time it spends queued behind other tasks.
      - On timeout the task keeps running on the server; a re-run waits for it instead of starting another.
    type: int
    default: 900
  wait_for_health:
    description: After everything else, also wait until the app reports itself healthy.
    type: bool
    default: false
notes:
  - App Store installs need the Cloudron to be registered with cloudron.io; the error says so when it is not.
  - Cloudron 8.2 renamed the install route and the location fields; the module uses what the server version expects.
seealso:
  - module: selfhosted.platforms.cloudron_apps
  - module: selfhosted.platforms.cloudron_app_action
  - module: selfhosted.platforms.cloudron_app_info
  - module: selfhosted.platforms.cloudron_domain
"""

EXAMPLES = r"""
- name: Install WordPress for the editors group, with a memory limit and a secret
  selfhosted.platforms.cloudron_app:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    app_store_id: org.wordpress.cloudronapp
    subdomain: blog
    domain: example.com
    label: Company blog
    access_restriction:
      groups: [editors]
    memory_limit: 512M
    env:
      WP_DEBUG: "false"
    secret_env:
      SMTP_PASSWORD: "{{ vault_smtp_password }}"
    tags: [web]

- name: Move the blog to a new location instead of installing a second one
  selfhosted.platforms.cloudron_app:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    app_store_id: org.wordpress.cloudronapp
    subdomain: news
    domain: example.com
    previous_fqdn: blog.example.com

- name: Give the wiki the company's own icon
  selfhosted.platforms.cloudron_app:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    subdomain: wiki
    domain: example.com
    icon: files/wiki-icon.png

- name: Stop an app
  selfhosted.platforms.cloudron_app:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    subdomain: git
    domain: example.com
    state: stopped

- name: Start an install and come back later
  selfhosted.platforms.cloudron_app:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    app_store_id: com.nextcloud.cloudronapp
    subdomain: cloud
    domain: example.com
    wait: false
  register: install
"""

RETURN = r"""
app:
  description:
    - The app after the run, in the same form as the options (secret variables masked), plus its state.
      V(null) after O(state=absent). In check mode the prediction; an app that would be installed has RV(app.id=null).
  returned: always
  type: dict
  sample:
    id: 9f9f78b2-6c5b-41df-9a21-5fa20dee3d6a
    app_store_id: org.wordpress.cloudronapp
    version: 3.6.0
    subdomain: blog
    domain: example.com
    fqdn: blog.example.com
    label: Company blog
    tags: [web]
    access_restriction: {users: [], groups: [editors]}
    operators: {users: [], groups: []}
    memory_limit: 536870912
    env: {WP_DEBUG: "false", SMTP_PASSWORD: "********"}
    run_state: running
    installation_state: installed
    health: healthy
  contains:
    id:
      description: The app's id. V(null) for an app check mode predicts would be installed.
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
    icon:
      description: The digest (C(sha256:<hex>)) of the icon the app shows; V(null) when it shows none.
      returned: when O(icon) is given
      type: str
      sample: "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"
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
      description: The version of the app's package (not of the software it packages). V(null) in check mode's prediction of an install without O(version).
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
        - The app's environment variables, by name, values as strings. Variables of O(secret_env) are masked as C(********).
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
      description:
        - V(healthy), V(unhealthy), V(error) or V(dead).
        - V(null) before the server has checked (right after an install, and in check mode's prediction of one).
      type: str
      sample: healthy
    error:
      description: The app's error message when C(installation_state) is V(error), else V(null).
      type: str
      sample: null
task_id:
  description: The task started and not waited for, with O(wait=false).
  returned: when a task was started with O(wait=false)
  type: str
  sample: "2737"
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import DEFAULT_TIMEOUT, Apps, returned, wait_for_health
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY, singular_argspec, wait_argspec

RUN_STATES = {"started": "running", "restarted": "running", "stopped": "stopped"}


def main():
    spec = singular_argspec(
        Apps, skip=("run_state",),
        update_secrets=SECRETS_POLICY,
        wait_for_health={"type": "bool", "default": False},
        **wait_argspec(DEFAULT_TIMEOUT)
    )
    spec["state"]["choices"] = ["present", "absent", "started", "stopped", "restarted"]
    run = CLOUDRON.module(spec, required_one_of=[("domain", "app_id")])
    params = run.params
    apps = Apps(wait=params["wait"], wait_timeout=params["wait_timeout"])
    state = params["state"]

    def finish(ctx, result):
        app = result["app"]
        if state == "restarted" and app is not None:
            result["changed"] = True
            if not run.check_mode:
                apps.action(ctx, app, "restart", None, "restart")
                result["app"] = returned(ctx, apps.refresh(ctx, app))
        if params["wait_for_health"] and app is not None and app.get("id") and not run.check_mode and params["wait"]:
            result["app"] = returned(ctx, wait_for_health(ctx, apps, result["app"]))
        if apps.started:
            result["task_id"] = next(iter(apps.started.values()))

    extra = {"run_state": RUN_STATES[state]} if state in RUN_STATES else {}
    run.singular(apps, secrets_option="update_secrets", state="absent" if state == "absent" else "present",
                 extra=extra, finish=finish)


if __name__ == "__main__":
    main()

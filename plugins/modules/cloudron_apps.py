#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_apps
short_description: Manage a fleet of Cloudron apps in one task
version_added: 0.1.0
description:
  - Converge a list of apps in one module run. Apps are read once; installs are all started before the module waits,
    so they run side by side on the server; every other change is applied one task at a time, as
    M(selfhosted.platforms.cloudron_app) does.
  - Items take the options of M(selfhosted.platforms.cloudron_app), except the connection, waiting and state options,
    and with O(config[].run_state) for whether an app runs. The result lists the plan in RV(changes).
  - The volumes are read (one request) only when an item names a volume in O(config[].storage_volume) or
    O(config[].mounts), or gives them for an app that uses one; apps that use volumes show C(storage_volume) and C(mounts)
    only then (always with O(state=gathered)).
  - "Deliberate safety rails: O(state=deleted) needs a non-empty O(config); O(state=overridden) refuses an empty one
    unless O(allow_empty=true), and uninstalls apps that are not listed (deleting their data) only with O(purge=true)."
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  config:
    description:
      - The apps, each identified by O(config[].subdomain) and O(config[].domain) (or O(config[].app_id)).
      - The output of O(state=gathered) with O(show_env=true) is accepted as input (read-only keys are ignored).
    type: list
    elements: dict
    suboptions:
      app_store_id:
        description: The App Store id. Required to install.
        type: str
      version:
        description: The App Store version; a different one on an installed app is an update.
        type: str
      subdomain:
        description: The subdomain; empty or unset for the domain itself.
        type: str
      domain:
        description: The domain.
        type: str
      app_id:
        description: Manage the app with this id wherever it is (a different location moves it).
        type: str
      previous_fqdn:
        description: When no app is at the location yet, move the app at this FQDN there.
        type: str
      label:
        description: The dashboard name.
        type: str
      notes:
        description: Notes shown on the dashboard (Markdown).
        type: str
      tags:
        description: Dashboard tags.
        type: list
        elements: str
      access_restriction:
        description: V(everyone), or a dict with C(users) and C(groups) names.
        type: raw
      operators:
        description: Users and groups who may operate the app.
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
        description: Include the app in automatic backups.
        type: bool
      enable_automatic_update:
        description: Update the app automatically.
        type: bool
      reverse_proxy_config:
        description: Reverse proxy settings; only the keys given are managed.
        type: dict
        suboptions:
          robots_txt:
            description: The content of C(/robots.txt).
            type: str
          csp:
            description: A Content-Security-Policy header.
            type: str
          hsts_preload:
            description: Add C(preload) to the HSTS header.
            type: bool
      crontab:
        description: Periodic commands in crontab format.
        type: str
      upstream_uri:
        description: The URL an app link or proxy app forwards to.
        type: str
      icon:
        description:
          - Path to an image file shown as the app's icon (a 256x256 PNG, as the dashboard uploads).
          - Compared by the SHA-256 of its bytes, read from the server only for apps that set it.
        type: path
      sso:
        description: Use the Cloudron user directory for login (install only).
        type: bool
      ports:
        description: Port bindings by manifest name; exactly these.
        type: dict
      secondary_domains:
        description: Further locations the app needs.
        type: list
        elements: dict
        suboptions:
          subdomain:
            description: The subdomain.
            type: str
          domain:
            description: The domain.
            type: str
            required: true
          environment_variable:
            description: The variable the app reads the location from.
            type: str
      alias_domains:
        description: Further locations serving the app.
        type: list
        elements: dict
        suboptions:
          subdomain:
            description: The subdomain.
            type: str
          domain:
            description: The domain.
            type: str
            required: true
      redirect_domains:
        description: Locations redirecting to the app.
        type: list
        elements: dict
        suboptions:
          subdomain:
            description: The subdomain.
            type: str
          domain:
            description: The domain.
            type: str
            required: true
      overwrite_dns:
        description: When installing or moving, replace existing DNS records.
        type: bool
      skip_dns_setup:
        description: When installing or moving, create no DNS records.
        type: bool
      memory_limit:
        description: Memory limit in bytes or with a unit (V(512M)); V(0) the app's default, V(-1) none.
        type: raw
      cpu_quota:
        description: CPU share in percent.
        type: int
      env:
        description: Environment variables; exactly these, together with the app's O(secret_env) entry.
        type: dict
      enable_mailbox:
        description: Give the app a mailbox to send from.
        type: bool
      mailbox_name:
        description: The mailbox's name.
        type: str
      mailbox_domain:
        description: The mailbox's domain.
        type: str
      mailbox_display_name:
        description: The sender name.
        type: str
      enable_turn:
        description: Let the app use the TURN service.
        type: bool
      enable_redis:
        description: Give the app its Redis service.
        type: bool
      storage_volume:
        description:
          - The volume, by name, holding the app's data; V("") for the default location. Set after an install.
          - A volume that does not exist is a warning in check mode and an error in a real run.
        type: str
      storage_volume_prefix:
        description: The directory inside the storage volume; V("") for none.
        type: str
      mounts:
        description: Volumes the app mounts, by name, compared as a set; exactly these.
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
      run_state:
        description: Whether the app runs; unset leaves it as it is.
        type: str
        choices: [running, stopped]
      id:
        description: Read-only, returned by O(state=gathered); ignored on input.
        type: str
      fqdn:
        description: Read-only, returned by O(state=gathered); ignored on input.
        type: str
      installation_state:
        description: Read-only, returned by O(state=gathered); ignored on input.
        type: str
      health:
        description: Read-only, returned by O(state=gathered); ignored on input.
        type: str
      error:
        description: Read-only, returned by O(state=gathered); ignored on input.
        type: str
  secret_env:
    description:
      - Environment variables holding credentials, by app FQDN, kept out of O(config) so the plan stays visible.
        Compared by presence only; see O(update_secrets).
    type: dict
  update_secrets:
    description: V(on_create) writes O(secret_env) only for new apps or missing variables; V(always) on every run.
    type: str
    choices: [always, on_create]
    default: on_create
  state:
    description:
      - V(merged) installs and configures the listed apps and leaves the others alone.
      - V(replaced) does the same, and puts every setting an item does not give back to its default.
      - V(overridden) does as V(merged) and uninstalls every app not listed, which needs O(purge=true).
      - V(deleted) uninstalls the listed apps (only their location is needed).
      - V(gathered) changes nothing and returns every app in RV(gathered).
    type: str
    choices: [merged, replaced, overridden, deleted, gathered]
    default: merged
  allow_empty:
    description: Let O(state=overridden) run with an empty O(config).
    type: bool
    default: false
  purge:
    description: Let O(state=overridden) uninstall apps that are not listed. Uninstalling deletes an app's data.
    type: bool
    default: false
  show_env:
    description: With O(state=gathered), return environment values instead of masking them.
    type: bool
    default: false
  wait:
    description: Wait for every task. With V(false), each app gets at most one task started and the rest is left for a later run.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait for each task, including time queued behind other tasks.
    type: int
    default: 900
notes:
  - A failure part-way returns C(failed), C(changed) and in RV(changes) the changes already applied.
seealso:
  - module: selfhosted.platforms.cloudron_app
  - module: selfhosted.platforms.cloudron_app_info
"""

EXAMPLES = r"""
- name: Converge the company's apps; installs run side by side
  selfhosted.platforms.cloudron_apps:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    config:
      - app_store_id: org.wordpress.cloudronapp
        subdomain: blog
        domain: example.com
        access_restriction: everyone
      - app_store_id: com.nextcloud.cloudronapp
        subdomain: cloud
        domain: example.com
        access_restriction: {groups: [staff]}
        memory_limit: 1G
    secret_env:
      blog.example.com:
        SMTP_PASSWORD: "{{ vault_smtp_password }}"
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
        - V(create) (install), V(update) or V(delete) (uninstall).
        - V(adopt) when another run created it between this run's read and its create; its fields then list
          only what this run still wrote to it.
      type: str
    key:
      description: The app's FQDN.
      type: str
    fields:
      description: The options written, sorted; empty for V(delete).
      type: list
      elements: str
    postponed:
      description:
        - With O(wait=false), options left for a later run because the app was still busy with the task this run
          started (an install, say).
      returned: when there are some
      type: list
      elements: str
  sample: [{action: create, key: blog.example.com, fields: [access_restriction, app_store_id, domain, subdomain]}]
apps:
  description:
    - The listed apps after the run, in the form of RV(selfhosted.platforms.cloudron_app#module:app), as the server has
      them (with O(wait=false), mid-task).
  returned: when O(state) is not V(gathered)
  type: list
  elements: dict
  sample: [{fqdn: blog.example.com, app_store_id: org.wordpress.cloudronapp, installation_state: installed}]
  contains:
    id:
      description: The app's id. V(null) in check mode for an app that would be installed.
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
      returned: for an item that gives O(config[].icon)
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
      description: The version of the app's package (not of the software it packages). V(null) in check mode's prediction of an install without C(version).
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
task_ids:
  description: With O(wait=false), the task each app is busy with after this run started it, by FQDN.
  returned: when O(wait=false) and a task was started
  type: dict
  sample: {blog.example.com: "2742"}
gathered:
  description: Every app, sorted by FQDN, in the form O(config) accepts (environment values masked unless O(show_env=true)).
  returned: when O(state=gathered)
  type: list
  elements: dict
  sample: [{fqdn: blog.example.com, app_store_id: org.wordpress.cloudronapp, subdomain: blog, domain: example.com}]
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
        - The app's environment variables, by name, values as strings. All values are masked as C(********) unless O(show_env=true).
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
      returned: always
      type: str
      sample: media
    storage_volume_prefix:
      description: The directory inside C(storage_volume) that holds the data; V("") for none.
      type: str
      sample: files
    mounts:
      description: The volumes the app mounts, sorted by volume name; V([]) for none.
      returned: always
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

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import DEFAULT_TIMEOUT, Apps, mask_env
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY, plural_argspec, wait_argspec


def main():
    run = CLOUDRON.module(plural_argspec(
        Apps,
        secret_env={"type": "dict", "no_log": True},
        update_secrets=SECRETS_POLICY,
        purge={"type": "bool", "default": False},
        show_env={"type": "bool", "default": False},
        **wait_argspec(DEFAULT_TIMEOUT)
    ))
    params = run.params
    apps = Apps(wait=params["wait"], wait_timeout=params["wait_timeout"],
                purge=params["purge"] or params["state"] != "overridden", settle=params["state"] != "gathered")

    def finish(ctx, result):
        if apps.started:
            fqdns = dict((app["id"], app["fqdn"]) for app in result["apps"])
            result["task_ids"] = dict((fqdns.get(app_id, app_id), task_id) for app_id, task_id in apps.started.items())

    run.plural(apps, secrets_option="update_secrets", secrets=("secret_env", "secret_env"),
               gathered_view=None if params["show_env"] else mask_env, finish=finish)


if __name__ == "__main__":
    main()

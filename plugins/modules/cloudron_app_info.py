#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_app_info
short_description: List Cloudron apps with their configuration and state
version_added: 0.1.0
description:
  - Read apps in the same form M(selfhosted.platforms.cloudron_app) takes and returns, with their installation state,
    run state and health.
  - Environment variable values are masked unless O(show_env=true), because some of them usually hold credentials.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  fqdn:
    description: Only the app at this location.
    type: str
  app_id:
    description: Only the app with this id.
    type: str
  app_store_id:
    description: Only apps of this App Store app.
    type: str
  show_env:
    description: Return environment variable values instead of masking them.
    type: bool
    default: false
seealso:
  - module: selfhosted.platforms.cloudron_app
  - module: selfhosted.platforms.cloudron_task_info
"""

EXAMPLES = r"""
- name: Read one app
  selfhosted.platforms.cloudron_app_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    fqdn: blog.example.com
  register: blog

- name: List every WordPress
  selfhosted.platforms.cloudron_app_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    app_store_id: org.wordpress.cloudronapp
  register: blogs
"""

RETURN = r"""
apps:
  description: The matching apps, sorted by FQDN, each in the form of RV(selfhosted.platforms.cloudron_app#module:app).
  returned: always
  type: list
  elements: dict
  sample: [{id: 9f9f78b2-6c5b-41df-9a21-5fa20dee3d6a, app_store_id: org.wordpress.cloudronapp, fqdn: blog.example.com,
            subdomain: blog, domain: example.com, installation_state: installed, run_state: running, health: healthy}]
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

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import Apps, mask_env
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON


def main():
    run = CLOUDRON.module({
        "fqdn": {"type": "str"},
        "app_id": {"type": "str"},
        "app_store_id": {"type": "str"},
        "show_env": {"type": "bool", "default": False},
    })
    params = run.params

    def select(app):
        if not params["show_env"]:
            mask_env(app)
        return all((
            params["fqdn"] is None or app["fqdn"] == params["fqdn"].strip().lower(),
            params["app_id"] is None or app["id"] == params["app_id"],
            params["app_store_id"] is None or app["app_store_id"] == params["app_store_id"],
        ))

    run.info(Apps(settle=False), select=select)


if __name__ == "__main__":
    main()

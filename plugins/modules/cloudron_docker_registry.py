#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_docker_registry
short_description: Manage the private container registry of a Cloudron server
version_added: 0.1.0
description:
  - Set the private container registry the server pulls the images of custom apps from, or turn it off.
  - Only the settings given are compared; the route takes the whole configuration, so a change sends the settings
    given over those the server has (for the same provider), or only the settings given (for another provider).
  - With no setting given, the module reads and returns the configuration, changing nothing.
  - The password is write-only and never compared or shown, see O(update_secrets).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  provider:
    description:
      - The kind of registry, such as V(dockerhub), V(quay), V(digitalocean), V(aws), V(google-cloud), V(linode),
        V(treescale) or V(other) (the names of the vendor's API description; the server checks them).
      - V(noop) turns the registry off; no other setting may be given with it.
      - Compared lower-case. Switching to another provider sends only the settings given; the stored password is not
        carried over.
    type: str
  server_address:
    description:
      - The registry's address, such as V(registry.digitalocean.com/example) or V(docker.io). Required by every
        provider but V(noop), given or kept from the server's configuration of the same provider.
      - The API calls this C(serverAddress).
    type: str
  username:
    description: The user name the server logs in to the registry with.
    type: str
  email:
    description: The e-mail address of the registry account. Compared lower-case.
    type: str
  password:
    description:
      - The password (or access token) of the registry account. Write-only; never shown or compared.
      - Required when a configuration with a O(username) is written and the server cannot keep the stored password, that
        is on a provider switch, or when the server does not show that a password is stored.
    type: str
  update_secrets:
    description:
      - V(on_create) sends O(password) only when the configuration is written for another change (the server has a
        configuration from the start, so there is nothing to create).
      - V(always) writes the configuration with it on every run, and so always reports a change; use it to rotate the
        password.
    type: str
    choices: [always, on_create]
    default: on_create
notes:
  - Reading and writing the registry needs the C(admin) role or higher.
  - A configuration that cannot work (no server address, a provider switch without the password) is refused before
    anything is written. The server checks the rest (a provider it does not know, say) and its message is quoted.
seealso:
  - module: selfhosted.platforms.cloudron_app
"""

EXAMPLES = r"""
- name: Pull custom app images from a private registry
  selfhosted.platforms.cloudron_docker_registry:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    provider: digitalocean
    server_address: registry.digitalocean.com/example
    username: deploy@example.com
    email: deploy@example.com
    password: "{{ vault_registry_token }}"

- name: Rotate the registry password
  selfhosted.platforms.cloudron_docker_registry:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    password: "{{ vault_new_registry_token }}"
    update_secrets: always

- name: Turn the private registry off
  selfhosted.platforms.cloudron_docker_registry:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    provider: noop
"""

RETURN = r"""
docker_registry:
  description:
    - The configuration after the run (in check mode, as it would be), without the password.
  returned: success
  type: dict
  contains:
    provider:
      description: The provider; V(noop) when there is no registry.
      type: str
      sample: digitalocean
    server_address:
      description: The registry's address; V(null) without one.
      type: str
      sample: registry.digitalocean.com/example
    username:
      description: The user name; V(null) without one.
      type: str
      sample: deploy@example.com
    email:
      description: The e-mail address, lower-case; V(null) without one.
      type: str
      sample: deploy@example.com
changed_settings:
  description:
    - Names of the settings that were (in check mode, would be) written; V(password) when it was sent.
  returned: always
  type: list
  elements: str
  sample: [server_address, password]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.docker_registry import FIELDS, DockerRegistry
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import argspec
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import SECRETS_POLICY


def main():
    spec = argspec(FIELDS)
    spec["update_secrets"] = SECRETS_POLICY
    run = CLOUDRON.module(spec)
    registry = DockerRegistry()
    run.report_unless_given(registry, "changed_settings")
    run.singular(registry, secrets_option="update_secrets", state="present", changed_fields="changed_settings")


if __name__ == "__main__":
    main()

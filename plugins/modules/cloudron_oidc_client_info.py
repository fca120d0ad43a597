#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_oidc_client_info
short_description: List the OpenID Connect clients of a Cloudron server
version_added: 0.1.0
description:
  - Read the server's OpenID Connect clients in the same form M(selfhosted.platforms.cloudron_oidc_client) takes and
    returns.
  - No client secret is ever returned, although the vendor's API spec shows it in every read.
  - The clients the server makes for an app's login are listed too, marked by RV(oidc_clients[].app_id); they belong
    to the app, and M(selfhosted.platforms.cloudron_oidc_client) never changes or removes them.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  name:
    description: Only the clients with exactly this name (surrounding spaces ignored); names need not be unique.
    type: str
notes:
  - Which role may read the clients is not documented; a read-only token of an admin is enough.
seealso:
  - module: selfhosted.platforms.cloudron_oidc_client
"""

EXAMPLES = r"""
- name: List the clients
  selfhosted.platforms.cloudron_oidc_client_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
  register: result

- name: Show the client id of the wiki
  ansible.builtin.debug:
    msg: "{{ result.oidc_clients | selectattr('name', 'equalto', 'wiki') | map(attribute='id') | list }}"
"""

RETURN = r"""
oidc_clients:
  description:
    - The matching clients, sorted by name, each in the form of
      RV(selfhosted.platforms.cloudron_oidc_client#module:oidc_client).
    - Empty when nothing matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The client id.
      type: str
      sample: cid-6c4e2bc962b7e90b45b400224772cec7
    name:
      description: The name.
      type: str
      sample: wiki
    login_redirect_uri:
      description: Where users are sent back after signing in.
      type: str
      sample: https://wiki.example.org/oauth/callback
    token_signature_algorithm:
      description: V(RS256) or V(EdDSA).
      type: str
      sample: RS256
    app_id:
      description: The app the client belongs to, for clients the server made for an app's login (such a client is
        not managed by M(selfhosted.platforms.cloudron_oidc_client)); V(null) for others.
      type: str
      sample: null
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.oidc_clients import OidcClients
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON


def main():
    run = CLOUDRON.module({"name": {"type": "str"}})
    name = OidcClients.identity(run.params["name"])
    run.info(OidcClients(), select=lambda client: name is None or client["name"] == name)


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_oidc_client
short_description: Manage an OpenID Connect client of a Cloudron server
version_added: 0.1.0
description:
  - Add, change or remove an OpenID Connect client, with which an application outside the server signs its users in
    with their Cloudron accounts. The client is identified by its O(name) (compared exactly, surrounding spaces
    ignored).
  - The server does not keep names unique. When two clients carry the name given, the module refuses to guess and names
    their ids.
  - The clients the server makes for an app's login (RV(oidc_client.app_id) set, as
    M(selfhosted.platforms.cloudron_oidc_client_info) shows them) belong to the app and are never changed or removed.
    A name that only such a client carries is refused, also with O(state=absent), naming the app and the client id,
    before anything is written; a client of your own that shares its name with an app's client is managed as usual.
  - The server chooses the client id (RV(oidc_client.id)) and the client secret. The module hands the secret over once,
    when this run creates the client, in RV(client_secret) or written to O(secret_file) (mode 0600); never in the diff,
    in RV(oidc_client) or in an error.
  - The login redirect URI and the signature algorithm change in place; the client id and secret stay.
  - When the server's answer to the creation is lost (the connection broke after the request), the module deletes the
    client that request made and creates it once more, so the secret handed over is that of the client that remains.
    If that fails it fails with C(changed=true) and names what is left.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  name:
    description: The client's name, its identity for this module.
    type: str
    required: true
  login_redirect_uri:
    description:
      - Where the server sends users back after they signed in, as the application documents it (such as
        V(https://app.example.com/oauth/callback)). Sent and compared as given (surrounding spaces ignored).
      - Required to create a client.
    type: str
  token_signature_algorithm:
    description:
      - How the server signs the tokens it issues to this client. Required to create a client.
    type: str
    choices: [RS256, EdDSA]
  secret_file:
    description:
      - Where to write the client secret when this run creates the client, in a file of mode 0600 (replaced if it
        exists). The secret is then not returned in RV(client_secret).
      - The file is written atomically (a temporary file in the same directory, then renamed over the target); a symlink
        at the target is replaced, its target is never written. It is written on the host the module runs on (the
        controller for a local connection).
      - When a client is to be created, the module makes sure first that it can write in that directory, so a path that
        cannot be written fails while nothing exists yet; check mode makes the same checks without writing.
      - Nothing is written when the client exists already (outside check mode a warning says so when the file is
        missing), or in check mode, or with O(state=absent), which leaves the file alone.
    type: path
  state:
    description: V(present) creates or updates the client; V(absent) removes it (no change when there is none).
    type: str
    choices: [present, absent]
    default: present
notes:
  - The routes and fields follow the vendor's API spec; which role they need is not documented (the admin role is
    assumed in error hints).
  - The vendor's API spec shows the secret in every read of a client. The module never takes it from there; only the
    run that creates a client returns its secret. To get a new secret, remove the client and create it again.
  - A result that carries RV(client_secret) is marked C(no_log) by the module's action plugin, so the task's output
    (also with C(-v)), callbacks and job events show it censored, while C(register) still receives the secret. With
    O(secret_file) the result carries no secret.
seealso:
  - module: selfhosted.platforms.cloudron_oidc_client_info
"""

EXAMPLES = r"""
- name: A client for the wiki, its secret written to a file
  selfhosted.platforms.cloudron_oidc_client:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: wiki
    login_redirect_uri: https://wiki.example.org/oauth/callback
    token_signature_algorithm: RS256
    secret_file: /etc/wiki/oidc-secret
  register: wiki_client

- name: Show the client id the wiki needs
  ansible.builtin.debug:
    msg: "{{ wiki_client.oidc_client.id }}"

- name: Remove a client
  selfhosted.platforms.cloudron_oidc_client:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: old-wiki
    state: absent
"""

RETURN = r"""
oidc_client:
  description:
    - The client after the run, without its secret. V(null) after O(state=absent).
    - In check mode, the prediction; a client that would be created has RV(oidc_client.id=null).
  returned: always
  type: dict
  contains:
    id:
      description: The client id the application signs in with (C(cid-) and hexadecimal digits); V(null) for a client
        check mode predicts.
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
      description: The app the client belongs to, for clients the server made for an app; V(null) for others (this
        module manages only those).
      type: str
      sample: null
client_secret:
  description:
    - The client secret, only when this run created the client and O(secret_file) is not set; else V(null). Shown once;
      store it now.
  returned: always
  type: str
  sample: null
secret_file:
  description: The file the secret was written to, when this run created the client and O(secret_file) is set; else
    V(null).
  returned: always
  type: str
  sample: /etc/wiki/oidc-secret
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.credentials import run_credential_module
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.oidc_clients import OidcClients
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import singular_argspec


def main():
    spec = singular_argspec(OidcClients, secret_file={"type": "path", "no_log": False})
    spec["name"]["required"] = True
    run = CLOUDRON.module(spec)
    run_credential_module(run, OidcClients(), "client_secret", "secret_file")


if __name__ == "__main__":
    main()

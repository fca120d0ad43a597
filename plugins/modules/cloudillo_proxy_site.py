#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_proxy_site
short_description: Manage a proxy site of a Cloudillo server
version_added: 0.1.0
description:
  - Create, update or delete a proxy site, a domain for which the server terminates TLS and forwards requests to a
    backend URL. Identified by O(domain). Needs the server's admin (C(SADM)), so connect as the base tenant.
  - Unset options are not managed. O(config) manages only the keys given; the others keep their stored values.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.attributes
options:
  domain:
    description: The domain the site serves (compared without case).
    type: str
    required: true
  backend_url:
    description: Where requests go, such as V(http://10.0.0.5:3000). Required to create a site.
    type: str
  type:
    description: V(basic) or V(advanced) (which allows O(config.proxy_protocol) and O(config.custom_headers)). New sites are V(basic).
    type: str
    choices: [basic, advanced]
  status:
    description: V(active) or V(disabled). New sites are V(active). Sent as the server's letter (C(A), C(D)).
    type: str
    choices: [active, disabled]
  config:
    description: How requests are forwarded; only the keys given are managed.
    type: dict
    suboptions:
      connect_timeout_secs:
        description: Seconds to wait for a connection to the backend.
        type: int
      read_timeout_secs:
        description: Seconds to wait for the backend's answer.
        type: int
      preserve_host:
        description: Send the client's C(Host) header to the backend.
        type: bool
      proxy_protocol:
        description: Speak the PROXY protocol to the backend (V(advanced) only).
        type: bool
      custom_headers:
        description: Headers added to every request (V(advanced) only); values are strings.
        type: dict
      forward_headers:
        description: Send C(X-Forwarded-*) headers.
        type: bool
      websocket:
        description: Forward WebSocket connections.
        type: bool
  state:
    description: V(present) creates or updates the site; V(absent) deletes it (no change when there is none).
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: selfhosted.platforms.cloudillo_proxy_site_info
"""

EXAMPLES = r"""
- name: Forward git.example.com to a Gitea in the LAN
  selfhosted.platforms.cloudillo_proxy_site:
    id_tag: admin.example.com
    api_key: "{{ cloudillo_admin_key }}"
    domain: git.example.com
    backend_url: http://10.0.0.5:3000
    config:
      websocket: true
      read_timeout_secs: 120

- name: Take it offline for a while
  selfhosted.platforms.cloudillo_proxy_site:
    id_tag: admin.example.com
    api_key: "{{ cloudillo_admin_key }}"
    domain: git.example.com
    status: disabled
"""

RETURN = r"""
proxy_site:
  description: The site after the run; V(null) after O(state=absent). In check mode, the prediction (RV(proxy_site.site_id) V(null) for a new one).
  returned: always
  type: dict
  contains:
    domain:
      description: The domain, lower-case.
      type: str
      sample: git.example.com
    backend_url:
      description: Where requests go.
      type: str
      sample: http://10.0.0.5:3000
    type:
      description: V(basic) or V(advanced).
      type: str
      sample: basic
    status:
      description: V(active) or V(disabled).
      type: str
      sample: active
    config:
      description: The stored forwarding settings, with the option names of O(config); a key not stored is left out.
      type: dict
      sample: {websocket: true, read_timeout_secs: 120}
      contains:
        connect_timeout_secs:
          description: Seconds to wait for a connection to the backend.
          type: int
          sample: 10
        read_timeout_secs:
          description: Seconds to wait for the backend's answer.
          type: int
          sample: 120
        preserve_host:
          description: Whether the client's C(Host) header is sent to the backend.
          type: bool
          sample: false
        proxy_protocol:
          description: Whether the PROXY protocol is spoken to the backend (V(advanced) sites).
          type: bool
          sample: true
        custom_headers:
          description: Headers added to every request (V(advanced) sites), header name -> value (a string), as given.
          type: dict
          sample: {X-Team: web}
        forward_headers:
          description: Whether C(X-Forwarded-*) headers are sent.
          type: bool
          sample: true
        websocket:
          description: Whether WebSocket connections are forwarded.
          type: bool
          sample: true
    site_id:
      description: The server's id of the site.
      type: int
      sample: 3
    cert_expires_at:
      description: When its certificate expires (ISO 8601), or V(null).
      type: str
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.proxy_sites import ProxySites
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import singular_argspec


def main():
    spec = singular_argspec(ProxySites)
    spec["domain"]["required"] = True
    CLOUDILLO.module(spec).singular(ProxySites())


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_proxy_site_info
short_description: List the proxy sites of a Cloudillo server
version_added: 0.1.0
description:
  - Lists the proxy sites in one request. Needs the server's admin (C(SADM)).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.info_attributes
options:
  domain:
    description: Only the site of this domain.
    type: str
seealso:
  - module: selfhosted.platforms.cloudillo_proxy_site
"""

EXAMPLES = r"""
- name: Every proxy site
  selfhosted.platforms.cloudillo_proxy_site_info:
    id_tag: admin.example.com
    api_key: "{{ cloudillo_admin_key }}"
  register: sites
"""

RETURN = r"""
proxy_sites:
  description: The sites, sorted by domain, in the form of RV(selfhosted.platforms.cloudillo_proxy_site#module:proxy_site).
  returned: always
  type: list
  elements: dict
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
      description:
        - The stored forwarding settings, with the option names of
          O(selfhosted.platforms.cloudillo_proxy_site#module:config); a key not stored is left out.
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
      description: When its certificate expires (ISO 8601), or V(null) when it has none yet.
      type: str
      sample: null
  sample: [{domain: git.example.com, backend_url: "http://10.0.0.5:3000", type: basic, status: active, config: {},
            site_id: 3, cert_expires_at: null}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.proxy_sites import ProxySites
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import lower


def main():
    run = CLOUDILLO.module({"domain": {"type": "str"}})
    domain = lower(run.params.get("domain"))
    run.info(ProxySites(), select=(lambda site: site["domain"] == domain) if domain else None)


if __name__ == "__main__":
    main()

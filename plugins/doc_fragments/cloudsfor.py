# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    """Connection options shared by every CloudsFor module, and their attributes."""

    DOCUMENTATION = r"""
options:
  api_url:
    description:
      - The CloudsFor API, V(https://cloudsfor.com/api/v1) by default. A bare host name means HTTPS; C(/api/v1) is added
        when the URL does not end with it.
      - If not set, the value of the E(CLOUDSFOR_API_URL) environment variable is used.
    type: str
    default: https://cloudsfor.com/api/v1
  api_user:
    description:
      - The e-mail address of the CloudsFor account (the API uses HTTP Basic authentication with the account's e-mail and
        password; it documents no tokens).
      - If not set, the value of the E(CLOUDSFOR_USER) environment variable is used. One of them is required.
    type: str
  api_password:
    description:
      - The password of the CloudsFor account.
      - If not set, the value of the E(CLOUDSFOR_PASSWORD) environment variable is used. One of them is required.
      - Sent only in the C(Authorization) header, never in a URL, and never shown in output.
    type: str
  validate_certs:
    description:
      - Whether to verify the server's TLS certificate.
      - Only set to V(false) against a server with a self-signed certificate you trust; prefer O(ca_path).
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file of CA certificates used to verify the server, for servers behind a private CA. The file must exist.
    type: path
  request_timeout:
    description:
      - Seconds to wait for each HTTP answer. Must be greater than 0.
    type: float
    default: 30
notes:
  - Experimental. The CloudsFor modules are written to the vendor's API documentation and, where it is silent, to the
    DigitalOcean API v2 shape the vendor's documentation copies; they have not yet been checked against a live account.
    Every behaviour taken from DigitalOcean rather than the vendor is named in the module's notes as inferred.
  - Answers are read under their root key (C(vm), C(vms), C(ssh_key), ...); errors quote the server's C(message) and its
    C(id) (such as C(unprocessable_entity)). A 401 means O(api_user) or O(api_password) is wrong.
  - Lists are read whole with C(per_page=200), following C(links.pages.next) when the server sends it, else page by page
    until C(meta.total) items are read or a page brings nothing new (inferred, DigitalOcean shape).
  - Idempotent requests (GET, PUT, DELETE) are retried with capped exponential backoff on connection errors and on HTTP
    502, 503 and 504; every request on HTTP 429, after C(Retry-After) or, without it, until the time in
    C(RateLimit-Reset) (inferred, DigitalOcean shape), at most 30 seconds. A POST whose answer was lost is never repeated
    blindly; the module reads the server again. When requests were retried, the result carries C(http_retries).
  - On a local connection the module runs inside the controller's worker process; the variable
    C(selfhosted_platforms_in_process=false) runs it the usual way.
requirements:
  - requests
"""

    ATTRIBUTES = r"""
attributes:
  check_mode:
    support: full
    description:
      - Predicts the result and the diff without sending a single write request, and fails where the real run would.
  diff_mode:
    support: full
    description: Shows the change in the same form the module returns.
  platform:
    support: full
    platforms: posix
    description: Runs wherever Python and C(requests) are (usually the controller); it only talks HTTPS to the API.
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.cloudsfor) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudsfor
"""

    INFO_ATTRIBUTES = r"""
attributes:
  check_mode:
    support: full
    description: The module only reads; it runs unchanged in check mode.
  diff_mode:
    support: none
    description: The module changes nothing, so there is nothing to show.
  platform:
    support: full
    platforms: posix
    description: Runs wherever Python and C(requests) are (usually the controller); it only talks HTTPS to the API.
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.cloudsfor) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudsfor
"""

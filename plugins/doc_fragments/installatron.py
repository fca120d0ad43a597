# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    """Connection options shared by every Installatron module, and their attributes."""

    DOCUMENTATION = r"""
options:
  api_url:
    description:
      - The Installatron Server, such as V(https://server.example.com). API paths hang directly off it.
      - A bare host name means HTTPS.
      - If not set, the value of the E(INSTALLATRON_API_URL) environment variable is used. One of them is required.
    type: str
  api_key:
    description:
      - The API key, the C(key=) or C(key2=) value of C(/usr/local/installatron/etc/settings.ini) on the server
        (two keys, so one can be rotated while the other works).
      - If not set, the value of the E(INSTALLATRON_API_KEY) environment variable is used. One of them is required.
      - Sent only in the C(X-API-Key) header, never in a URL.
    type: str
  acting_user:
    description:
      - The customer (Installatron user) the calls act for when an option of the module does not name one. It is sent
        as the API's C(user) parameter, which scopes a call to that customer.
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
  - Requests use the API's version 2 semantics (the C(X-API-Version) header) and JSON. Success is decided by the
    answer's C(result), its HTTP status and its C(errcode), never by its message; errors quote C(errcode) and the
    field they concern.
  - Idempotent requests (GET, DELETE) are retried with capped exponential backoff on connection errors and on HTTP
    429, 502, 503 and 504. A POST whose answer was lost is never repeated blindly; the module reads the server again.
    When requests were retried, the result carries C(http_retries).
  - On a local connection the module runs inside the controller's worker process; the variable
    C(selfhosted_platforms_in_process=false) runs it the usual way.
requirements:
  - requests
"""

    ATTRIBUTES = r"""
attributes:
  check_mode:
    support: full
    description: Predicts the result and the diff without sending a single write request.
  diff_mode:
    support: full
    description: Shows the change in the same form the module returns; secrets appear as C(********).
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.installatron) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.installatron
"""

    INFO_ATTRIBUTES = r"""
attributes:
  check_mode:
    support: full
    description: The module only reads; it runs unchanged in check mode.
  diff_mode:
    support: none
    description: The module changes nothing, so there is nothing to show.
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.installatron) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.installatron
"""

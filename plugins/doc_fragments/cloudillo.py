# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    """Connection options shared by every Cloudillo module, and their attributes."""

    DOCUMENTATION = r"""
options:
  id_tag:
    description:
      - The identity (C(idTag)) of the tenant to manage, a DNS name such as V(alice.example.com). The module talks to
        V(https://cl-o.<id_tag>), where the server serves that tenant's API.
      - Also the identity O(password) logs in as.
      - If not set, the value of the E(CLOUDILLO_ID_TAG) environment variable is used. O(id_tag) or O(api_url) is required.
    type: str
  api_url:
    description:
      - The tenant's API URL, instead of the one O(id_tag) builds; for a server behind another name, or V(http://127.0.0.1:PORT)
        for a test server.
      - If not set, the value of the E(CLOUDILLO_API_URL) environment variable is used.
    type: str
  api_key:
    description:
      - A tenant API key (C(cl_...)), sent as a Bearer token in the C(Authorization) header and never in a URL. It must belong to the tenant the URL
        serves. A key without scopes acts with the owner's roles; a scoped key is refused by most routes.
      - If not set, the value of the E(CLOUDILLO_API_KEY) environment variable is used. O(api_key) or O(password) is required.
    type: str
  password:
    description:
      - The password of O(id_tag), used instead of O(api_key) to log in once per module run (never per request); the access
        token it gives lasts an hour.
      - The server allows about 60 logins an hour from one address and bans the address for an hour after 20 failed ones,
        so prefer O(api_key) for anything that runs often.
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
  - Answers are read with or without the server's C({data, time, reqId, ...}) envelope. Errors quote the server's code and
    message (C(E-AUTH-NOPERM), C(E-VAL-INVALID), ...) or its plain-text answer; 401 and 403 say what to check.
  - Idempotent requests are retried with capped exponential backoff on connection errors and on HTTP 502, 503 and 504;
    HTTP 429 is retried after the server's C(Retry-After) (up to 30 seconds). A ban (403 C(E-RATE-BANNED)) is not retried;
    the error says how long it lasts. When requests were retried, the result carries C(http_retries).
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
    description: Shows the change in the same form the module returns; secrets never appear.
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.cloudillo) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudillo
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
    description: Use C(group/selfhosted.platforms.cloudillo) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudillo
"""

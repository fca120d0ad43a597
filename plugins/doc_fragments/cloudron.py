# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    """Connection options shared by every Cloudron module, and their attributes."""

    DOCUMENTATION = r"""
options:
  api_url:
    description:
      - The Cloudron dashboard host C(my.<domain>), or a full URL such as V(https://my.example.com).
      - A bare host name means HTTPS; the C(/api/v1) suffix is added when missing.
      - If not set, the value of the E(CLOUDRON_API_URL) environment variable is used, then E(CLOUDRON_DOMAIN)
        (the name the vendor's own tools use for the dashboard host). One of them is required.
    type: str
  api_token:
    description:
      - An API token created in the dashboard under Profile, API Tokens.
      - A read-only token is enough for check mode and for C(_info) modules; writes need a read and write
        token whose user has the role the operation needs (C(usermanager) for users and groups,
        C(mailmanager) for mail domains, mailboxes and lists, C(admin) for the mail server).
      - If not set, the value of the E(CLOUDRON_TOKEN) environment variable is used. One of them is required.
      - Sent only in the C(Authorization) header, never in a URL.
    type: str
  validate_certs:
    description:
      - Whether to verify the server's TLS certificate.
      - Only set to V(false) against a server with a self-signed certificate you trust; prefer O(ca_path).
        V(false) is warned about on every run, since anyone on the network path could then pose as the server.
      - A certificate failure is never retried; the error says whether the certificate is untrusted, made out for
        another host name, or whether the URL says C(https://) for a port that speaks plain HTTP.
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file of CA certificates used to verify the server, for servers behind a private CA.
      - The file must exist; a missing one fails before any request is sent.
    type: path
  request_timeout:
    description:
      - Seconds to wait for each HTTP answer. Must be greater than 0.
    type: float
    default: 30
  api_version:
    description:
      - The Cloudron version to assume, such as V(9.0) or V(8.1), instead of reading it from the server.
      - The version is otherwise read once per run, only when a route depends on it or before the first write.
      - Cloudron older than 8.0 is not supported.
    type: str
notes:
  - Idempotent requests (GET, PUT, DELETE) are retried with capped exponential backoff on connection errors and on
    HTTP 429, 502, 503 and 504; 429 answers are retried for every method, honouring C(Retry-After) up to 30 seconds
    (a longer C(Retry-After) ends the retries and is reported in the error). A request that never reached the server
    is retried whatever its method. A POST whose answer was lost is never repeated blindly; the module reads the
    server again and reconciles.
  - When requests were retried, the result carries C(http_retries) (C(count), C(last_reason), C(waited) seconds);
    retries that added more than five seconds are also a warning.
  - Writes never follow redirects, and reads follow them only on the same host. Use the final C(https://) URL in
    O(api_url).
  - An C(http://) O(api_url) with a token is warned about (the token travels unencrypted), except on loopback addresses.
  - On a local connection the module runs inside the controller's worker process (no new interpreter, no module file
    on disk), with the same results; the variable C(selfhosted_platforms_in_process=false) runs it the usual way.
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
    description: Use C(group/selfhosted.platforms.cloudron) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudron
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
    description: Use C(group/selfhosted.platforms.cloudron) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudron
"""

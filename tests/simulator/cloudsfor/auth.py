# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HTTP Basic authentication with the account's e-mail and password (docs). A missing, malformed or wrong
credential is 401 ``unauthorized`` (the message is inferred)."""

import base64
import binascii

from .errors import unauthorized


def presented(headers):
    """(user, password) of a Basic ``Authorization`` header; (None, None) without a readable one."""
    scheme, _sep, value = (headers.get("Authorization") or "").strip().partition(" ")
    if scheme.lower() != "basic":
        return None, None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return None, None
    user, sep, password = decoded.partition(":")
    if not sep:
        return None, None
    return user, password


def check(state, headers):
    """Raise 401 unless the request carries the account's credentials."""
    user, password = presented(headers)
    if user is None or not state.credentials_match(user, password):
        raise unauthorized()

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the request log keeps of an API request: the Basic auth user, never the password."""

import json

from . import auth

MASK = "***"


def _body(raw):
    if not raw.body:
        return None
    try:
        body = json.loads(raw.body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(body, dict) and body.get("password") is not None:
        body["password"] = MASK   # no route takes one; a client sending it anyway must not have it logged
    return body


def fields(raw):
    return dict(method=raw.method, path=raw.path, query=dict(raw.query), status=None, body=_body(raw),
                user=auth.presented(raw.headers)[0], content_type=raw.headers.get("Content-Type"), fault=None)

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the request log keeps of a request: never a secret (passwords, keys and tokens are replaced by "***")."""

import json

from . import auth

MASK = "***"
SECRET_FIELDS = ("password", "currentPassword", "newPassword", "apiKey", "plaintextKey", "token")


def _body(raw):
    if not raw.body:
        return None
    try:
        body = json.loads(raw.body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(body, dict):
        body = {k: (MASK if k in SECRET_FIELDS and v is not None else v) for k, v in body.items()}
        # a setting whose name says it is a password (email.smtp.password)
        if "password" in raw.path.rsplit("/", 1)[-1].lower() and "value" in body:
            body["value"] = MASK
    return body


def _auth(state, raw):
    token = auth.presented(raw.headers, raw.query)
    if token is None:
        return None, None
    if token.startswith("cl_"):
        key = state.find_key(token)[1]
        return "key", key["keyId"] if key else None
    if token.count(".") == 2:
        return "jwt", None
    return "other", None


def fields(state, raw, id_tag):
    kind, key_id = _auth(state, raw)
    query = {k: (MASK if k in ("token", "apiKey") else v) for k, v in raw.query.items()}
    return dict(listener=raw.listener, tenant=id_tag, method=raw.method, path=raw.path, query=query, status=None,
                body=_body(raw), auth=kind, key_id=key_id, request_id=raw.headers.get("X-Request-ID"),
                content_type=raw.headers.get("Content-Type"), fault=None)

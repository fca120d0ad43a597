# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Request bodies (JSON objects) and their fields; a wrong field is 422 naming it."""

import json

from .errors import ApiError, unprocessable


def parse(raw_body):
    """The JSON object of a request body ({} when empty)."""
    if not raw_body.strip():
        return {}
    try:
        body = json.loads(raw_body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        # inferred (DO): a body that is not JSON at all is a 400
        raise ApiError(400, "The request body is not valid JSON.") from error
    if not isinstance(body, dict):
        raise unprocessable("The request body must be a JSON object.")
    return body


def text(body, name, required=True):
    """A non-empty string (None when absent and not required)."""
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise unprocessable("%s must be a non-empty string" % name)
    return value


def count(body, name, required=True):
    """A positive integer (sizes in GB, CPUs)."""
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise unprocessable("%s must be a positive integer" % name)
    return value


def flag(body, name):
    value = body.get(name, False)
    if not isinstance(value, bool):
        raise unprocessable("%s must be true or false" % name)
    return value

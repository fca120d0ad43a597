# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Request bodies: JSON objects, or ``application/x-www-form-urlencoded`` with PHP's bracket names
(``websites[0][path]=...``, ``plugins[]=a``), which become nested objects and lists."""

import json
import re
from urllib.parse import parse_qsl

_BRACKETS = re.compile(r"\[([^\]]*)\]")


class BodyError(ValueError):
    pass


def content_type(headers):
    return (headers.get("Content-Type") or "").split(";")[0].strip().lower()


def parse_body(headers, data):
    """The body's parameters as a dict (``{}`` for none); ``BodyError`` for a malformed one.

    JSON when declared as JSON; form-encoded when declared so; otherwise JSON if it looks like JSON, else form.
    """
    if not data.strip():
        return {}
    kind = content_type(headers)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BodyError("The request body is not UTF-8.") from error
    if kind == "application/json" or kind.endswith("+json") or (
            kind != "application/x-www-form-urlencoded" and text.lstrip().startswith("{")):
        try:
            value = json.loads(text)
        except ValueError as error:
            raise BodyError("The request body is not valid JSON.") from error
        if not isinstance(value, dict):
            raise BodyError("The request body must be a JSON object.")
        return value
    return parse_form(text)


def parse_form(text):
    """PHP-style form decoding: bracketed names nest, ``[]`` appends, all-numeric keys make a list."""
    result = {}
    for name, value in parse_qsl(text, keep_blank_values=True):
        base = name.split("[", 1)[0]
        keys = [base] + _BRACKETS.findall(name[len(base):]) if "[" in name else [name]
        _put(result, keys, value)
    return _listify(result)


def _put(container, keys, value):
    for index, key in enumerate(keys):
        last = index == len(keys) - 1
        if key == "":
            key = str(sum(1 for k in container if k.isdigit()))
        if last:
            container[key] = value
        else:
            child = container.get(key)
            if not isinstance(child, dict):
                child = container[key] = {}
            container = child


def _listify(value):
    if not isinstance(value, dict):
        return value
    items = {k: _listify(v) for k, v in value.items()}
    if items and all(k.isdigit() for k in items) and sorted(int(k) for k in items) == list(range(len(items))):
        return [items[str(i)] for i in range(len(items))]
    return items


def logged(headers, data):
    """The body as the request log shows it: parsed, or None when absent or malformed."""
    try:
        return parse_body(headers, data) if data.strip() else None
    except BodyError:
        return None

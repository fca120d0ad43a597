# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Request bodies and query strings as the server's extractors take them: plain-text 415/400/422 for a body that is
not JSON of the right shape, 400 for a query a strict list does not know."""

import json

from .errors import PlainError

JSON_NAMES = {str: "a string", int: "an integer", bool: "a boolean", list: "a sequence", dict: "a map"}


def _kind(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean `%s`" % str(value).lower()
    if isinstance(value, int):
        return "integer `%d`" % value
    if isinstance(value, float):
        return "floating point `%s`" % value
    if isinstance(value, str):
        return 'string "%s"' % value
    return "a sequence" if isinstance(value, list) else "a map"


def json_body(request):
    """The parsed JSON body of a request (its raw bytes are ``request.body``)."""
    content_type = (request.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if content_type != "application/json" and not (content_type.startswith("application/") and content_type.endswith("+json")):
        raise PlainError(415, "Expected request with `Content-Type: application/json`")
    try:
        return json.loads((request.body or b"").decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise PlainError(400, "Failed to parse the request body as JSON: %s" % error) from error


def shape_error(text):
    return PlainError(422, "Failed to deserialize the JSON body into the target type: %s" % text)


def fields(request, spec):
    """The JSON object body checked against ``spec``: {name: (type or tuple, required, nullable)}.

    Unknown names are ignored (serde's default); a missing required field or a wrong type is 422."""
    body = json_body(request)
    if not isinstance(body, dict):
        raise shape_error("invalid type: %s, expected a map" % _kind(body))
    for name, (kinds, required, nullable) in spec.items():
        if name not in body:
            if required:
                raise shape_error("missing field `%s`" % name)
            continue
        value = body[name]
        if value is None:
            if nullable:
                continue
            raise shape_error("%s: invalid type: null, expected %s" % (name, _want(kinds)))
        kinds_tuple = kinds if isinstance(kinds, tuple) else (kinds,)
        if kinds_tuple == (object,):
            continue
        if not isinstance(value, kinds_tuple) or (isinstance(value, bool) and bool not in kinds_tuple):
            raise shape_error("%s: invalid type: %s, expected %s" % (name, _kind(value), _want(kinds)))
    return body


def _want(kinds):
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    if kinds == (object,):
        return "any value"
    return " or ".join(JSON_NAMES.get(k, k.__name__) for k in kinds)


def strict_query(request, known):
    """400 plain text for a query parameter outside ``known`` (serde's ``deny_unknown_fields``)."""
    for name in request.query:
        if name not in known:
            raise PlainError(400, "Failed to deserialize query string: unknown field `%s`, expected one of %s"
                             % (name, ", ".join("`%s`" % k for k in sorted(known))))


def int_query(request, name, minimum=0):
    """An unsigned integer query parameter, or None; 400 plain text when it is not one."""
    text = request.query.get(name)
    if text is None:
        return None
    if not text.isdigit() or int(text) < minimum:
        raise PlainError(400, "Failed to deserialize query string: %s: invalid digit found in string" % name)
    return int(text)


def list_query(state, request, name, known):
    """Reject unknown query parameters on the list ``name`` when switch ``unknown_query_rejected`` names it."""
    if name in state.switches["unknown_query_rejected"]:
        strict_query(request, known)

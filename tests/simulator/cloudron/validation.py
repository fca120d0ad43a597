# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Request body validation against the vendor OpenAPI document (plus ``overlay.OVERLAY``).

A small JSON-schema subset: ``$ref`` into components, ``type`` (also lists, and ``nullable``),
``required``, ``properties``, ``items``, ``enum``, ``allOf``, ``oneOf``/``anyOf`` (both treated as
"at least one matches": the spec's alternatives overlap), ``not`` and ``additionalProperties``.
Optionally (switch ``strict_fields``) fields the schema does not declare are rejected too.
"""

import copy
import json
import os
import re

from .errors import ApiError
from .overlay import OVERLAY

SPEC_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "openapi.json")
_METHODS = ("get", "put", "post", "delete", "patch")

_TYPES = {
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}


def _merge(base, patch):
    """``base`` with ``patch`` deep-merged in: objects merge, anything else (and a ``$ref``) is replaced."""
    result = dict(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict) and "$ref" not in result[key]:
            result[key] = _merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def _field(path):
    """["config", "token"] -> "config.token"; ["userIds", 0] -> "userIds[0]"; [] -> "body"."""
    text = ""
    for part in path:
        text += "[%d]" % part if isinstance(part, int) else ("." if text else "") + part
    return text or "body"


def _same(a, b):
    """JSON equality (Python would call True == 1)."""
    return a == b and isinstance(a, bool) == isinstance(b, bool)


class Validator:
    """Finds the spec operation for a request and checks its JSON body."""

    def __init__(self, spec, overlay=OVERLAY):
        self._schemas = spec.get("components", {}).get("schemas", {})
        self._operations = {}
        for path, operations in spec["paths"].items():
            for method, operation in operations.items():
                if method in _METHODS:
                    content = operation.get("requestBody", {}).get("content", {})
                    self._operations[(method, path)] = content.get("application/json", {}).get("schema")
        for entry in overlay:
            key = (entry["method"], entry["path"])
            if self._operations.get(key) is None:
                raise ValueError("overlay names an operation without a JSON body: %s %s" % key)
            if "schema" in entry:
                self._operations[key] = copy.deepcopy(entry["schema"])
            else:
                self._operations[key] = _merge(self.resolve(self._operations[key]), entry["patch"])
        # fewer placeholders first, so /backups/config wins over /backups/{backupId}
        self._templates = sorted(
            ((method, path, self._template_regex(path)) for method, path in self._operations),
            key=lambda item: item[1].count("{"),
        )

    @classmethod
    def from_file(cls, path=SPEC_PATH):
        with open(path, encoding="utf-8") as handle:
            return cls(json.load(handle))

    @staticmethod
    def _template_regex(path):
        return re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$")

    def schema_for(self, method, path):
        """Request body schema of the operation for a path relative to /api/v1 (literal paths win over templates)."""
        method = method.lower()
        if (method, path) in self._operations:
            return self._operations[(method, path)]
        for candidate_method, template, regex in self._templates:
            if candidate_method == method and regex.match(path):
                return self._operations[(method, template)]
        return None

    def validate(self, method, path, body, strict_fields, renames=None):
        """Raise a 400 ApiError for the first problem in ``body``; no-op for operations without a body schema.

        ``renames`` ({spec name: body name}) renames the schema's top-level fields first (older servers).
        """
        schema = self.schema_for(method, path)
        if schema is None:
            return
        if renames:
            schema = self._renamed(schema, renames)
        if not isinstance(body, dict):
            raise ApiError(400, "body must be object")
        errors = _Check(self.resolve, strict_fields).errors(body, schema, [])
        if errors:
            raise ApiError(400, errors[0])

    def _renamed(self, schema, renames):
        """A copy of a request schema whose top-level field names are replaced (also in its allOf/oneOf/anyOf parts)."""
        schema = dict(self.resolve(schema))
        if "properties" in schema:
            schema["properties"] = {renames.get(name, name): part for name, part in schema["properties"].items()}
        if "required" in schema:
            schema["required"] = [renames.get(name, name) for name in schema["required"]]
        for key in ("allOf", "oneOf", "anyOf"):
            if key in schema:
                schema[key] = [self._renamed(part, renames) for part in schema[key]]
        if "not" in schema:
            schema["not"] = self._renamed(schema["not"], renames)
        return schema

    def resolve(self, schema):
        """Follow ``$ref`` pointers into components/schemas."""
        seen = set()
        while isinstance(schema, dict) and "$ref" in schema:
            ref = schema["$ref"]
            if ref in seen or not ref.startswith("#/components/schemas/"):
                raise ValueError("cannot resolve %s" % ref)
            seen.add(ref)
            schema = self._schemas[ref.rsplit("/", 1)[1]]
        return schema


class _Check:
    """One validation run."""

    def __init__(self, resolve, strict_fields):
        self._resolve = resolve
        self._strict = strict_fields

    def errors(self, value, schema, path, top=True):
        """Messages for ``value``; ``top`` is False for allOf/oneOf parts, whose fields the parent accounts for."""
        schema = self._resolve(schema)
        types = self._types(schema)
        if types and not any(_TYPES[t](value) for t in types if t in _TYPES):
            return ["%s must be %s" % (_field(path), " or ".join(types))]
        if "enum" in schema and value is not None and not any(_same(value, option) for option in schema["enum"]):
            return ["Invalid %s" % _field(path)]
        errors = []
        if isinstance(value, dict):
            errors += self._object(value, schema, path)
        if isinstance(value, list) and "items" in schema:
            for index, item in enumerate(value):
                errors += self.errors(item, schema["items"], path + [index])
        for part in schema.get("allOf", ()):
            errors += self.errors(value, part, path, top=False)
        for key in ("oneOf", "anyOf"):
            if key in schema:
                errors += self._alternatives(value, schema[key], path)
        if "not" in schema and not self.errors(value, schema["not"], path, top=False):
            errors.append(self._not_message(value, self._resolve(schema["not"]), path))
        if top and self._strict and isinstance(value, dict) and not errors:
            names, open_ended = self._declared(value, schema)
            if names and not open_ended:
                errors += ["%s is not allowed" % _field(path + [k]) for k in value if k not in names]
        return errors

    @staticmethod
    def _types(schema):
        types = schema.get("type")
        if types is None:
            return None
        types = list(types) if isinstance(types, list) else [types]
        if schema.get("nullable") and "null" not in types:
            types.append("null")
        return types

    def _object(self, value, schema, path):
        errors = ["%s is required" % _field(path + [name]) for name in schema.get("required", ()) if name not in value]
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            if key in properties:
                errors += self.errors(item, properties[key], path + [key])
            elif extra is False:
                errors.append("%s is not allowed" % _field(path + [key]))
            elif isinstance(extra, dict):
                errors += self.errors(item, extra, path + [key])
        return errors

    def _alternatives(self, value, alternatives, path):
        results = [self.errors(value, part, path, top=False) for part in alternatives]
        if any(not result for result in results):
            return []
        return min(results, key=len)[:1]

    @staticmethod
    def _not_message(value, schema, path):
        present = [name for name in schema.get("required", ()) if isinstance(value, dict) and name in value]
        if present:
            return "%s is not allowed" % _field(path + [present[-1]])
        return "%s is invalid" % _field(path)

    def _declared(self, value, schema):
        """Field names a schema declares for an object, and whether it accepts any field anyway."""
        schema = self._resolve(schema)
        names = set(schema.get("properties", ()))
        extra = schema.get("additionalProperties")
        composed = any(key in schema for key in ("allOf", "oneOf", "anyOf"))
        open_ended = extra is True or isinstance(extra, dict) or (
            "object" in (self._types(schema) or ()) and "properties" not in schema and not composed)
        parts = list(schema.get("allOf", ()))
        for key in ("oneOf", "anyOf"):
            alternatives = schema.get(key, ())
            matching = [part for part in alternatives if not self.errors(value, part, [], top=False)]
            parts += matching or alternatives
        for part in parts:
            part_names, part_open = self._declared(value, part)
            names |= part_names
            open_ended = open_ended or part_open
        return names, open_ended

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Request body validation against the spec, the overlay and the schema subset."""

import re

import pytest

from cloudron import versions
from cloudron.errors import ApiError
from cloudron.overlay import OVERLAY
from cloudron.validation import Validator


@pytest.fixture(scope="module")
def spec_validator():
    return Validator.from_file()


def message(validator, method, path, body, strict=True):
    try:
        validator.validate(method, path, body, strict)
    except ApiError as error:
        assert error.status == 400
        return error.message
    return None


def test_operation_lookup(spec_validator):
    assert spec_validator.schema_for("put", "/users/uid-1/role")["required"] == ["role"]
    assert spec_validator.schema_for("post", "/tasks/1/stop") is None
    assert spec_validator.schema_for("get", "/nothing") is None
    # a literal path wins over a template
    assert "schedule" in spec_validator.schema_for("post", "/backups/policy")["properties"]


def test_overlay_entries_all_apply(spec_validator):
    for entry in OVERLAY:
        assert entry["reason"]
        assert ("patch" in entry) != ("schema" in entry)
        path = re.sub(r"\{[^}]+\}", "x1", entry["path"])
        schema = spec_validator.schema_for(entry["method"], path)
        for name in entry.get("patch", entry.get("schema", {})).get("required", ()):
            assert name in schema["required"]
        if "schema" in entry:
            assert schema == entry["schema"]


def test_overlay_must_name_a_real_operation():
    spec = {"paths": {}, "components": {"schemas": {}}}
    with pytest.raises(ValueError):
        Validator(spec, [{"method": "post", "path": "/x", "patch": {}, "reason": "r"}])


def test_install_body(spec_validator):
    good = {"appStoreId": "io.cloudron.surfer", "subdomain": "files", "domain": "example.com", "accessRestriction": None}
    assert message(spec_validator, "post", "/apps", good) is None
    assert message(spec_validator, "post", "/apps", dict(good, location="files")) == "location is not allowed"
    assert message(spec_validator, "post", "/apps", {k: v for k, v in good.items() if k != "domain"}) == "domain is required"
    no_app = {k: v for k, v in good.items() if k != "appStoreId"}
    assert message(spec_validator, "post", "/apps", no_app) == "appStoreId is required"


def test_one_of_with_not(spec_validator):
    assert message(spec_validator, "post", "/apps/a1/update", {"appStoreId": "x@1.0"}) is None
    assert message(spec_validator, "post", "/apps/a1/update", {"appStoreId": "x@1.0", "manifest": {}}) == "manifest is not allowed"


def test_all_of_fields_count_as_declared(spec_validator):
    schema = spec_validator.schema_for("post", "/domains")
    assert schema is not None
    body = {"domain": "example.com", "provider": "cloudflare", "zoneName": "example.com",
            "config": {"tokenType": "ApiToken", "token": "t", "email": "a@example.com"},
            "tlsConfig": {"provider": "letsencrypt-prod", "wildcard": True}}
    assert message(spec_validator, "post", "/domains", body) is None
    assert message(spec_validator, "post", "/domains", dict(body, colour="red")) == "colour is not allowed"


SCHEMAS = {
    "paths": {"/t": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/T"}}}}}}},
    "components": {"schemas": {
        "T": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string"},
                "label": {"type": ["string", "null"]},
                "old": {"type": "string", "nullable": True},
                "count": {"type": "integer"},
                "kind": {"type": "string", "enum": ["a", "b"]},
                "tags": {"type": "array", "items": {"type": "string"}},
                "env": {"type": "object", "additionalProperties": {"type": "string"}},
                "fixed": {"type": "object", "properties": {"x": {"type": "number"}}, "additionalProperties": False},
                "map": {"type": "object"},
            },
        },
    }},
}


@pytest.mark.parametrize("body, expected", [
    ({"name": "n"}, None),
    ({}, "name is required"),
    ({"name": 1}, "name must be string"),
    ({"name": "n", "label": None, "old": None}, None),
    ({"name": "n", "label": 5}, "label must be string or null"),
    ({"name": "n", "old": 5}, "old must be string or null"),
    ({"name": "n", "count": 2.0}, None),
    ({"name": "n", "count": 2.5}, "count must be integer"),
    ({"name": "n", "count": True}, "count must be integer"),
    ({"name": "n", "kind": "c"}, "Invalid kind"),
    ({"name": "n", "tags": ["a", 1]}, "tags[1] must be string"),
    ({"name": "n", "env": {"A": 1}}, "env.A must be string"),
    ({"name": "n", "fixed": {"y": 1}}, "fixed.y is not allowed"),
    ({"name": "n", "map": {"anything": [1]}}, None),
    ({"name": "n", "extra": 1}, "extra is not allowed"),
])
def test_subset(body, expected):
    assert message(Validator(SCHEMAS, overlay=()), "post", "/t", body) == expected


def test_extra_fields_allowed_when_not_strict():
    assert message(Validator(SCHEMAS, overlay=()), "post", "/t", {"name": "n", "extra": 1}, strict=False) is None
    assert message(Validator(SCHEMAS, overlay=()), "post", "/t", ["not", "an", "object"]) == "body must be object"


def test_port_bindings_renamed_when_called_port_bindings(spec_validator):
    path, renames = versions.schema_request("/apps/install", "portBindings")
    assert (path, renames) == ("/apps", {"ports": "portBindings"})
    assert versions.schema_request("/apps/install", "ports") == ("/apps", None)
    for other in ("/apps", "/apps/a1/clone", "/apps/a1/configure/location"):
        assert versions.schema_request(other, "portBindings") == (other, renames)
    assert versions.schema_request("/apps/a1/configure/label", "portBindings") == ("/apps/a1/configure/label", None)
    body = {"appStoreId": "io.cloudron.surfer", "subdomain": "files", "domain": "example.com", "accessRestriction": None,
            "portBindings": {}}
    spec_validator.validate("post", path, body, True, renames)
    with pytest.raises(ApiError) as raised:
        spec_validator.validate("post", path, dict(body, ports={}), True, renames)
    assert raised.value.message == "ports is not allowed"
    with pytest.raises(ApiError) as raised:
        spec_validator.validate("post", path, {k: v for k, v in body.items() if k != "subdomain"}, True, renames)
    assert raised.value.message == "subdomain is required"


def test_a_reference_is_replaced_not_merged(spec_validator):
    items = spec_validator.resolve(spec_validator.schema_for("post", "/apps")["properties"]["aliasDomains"])["items"]
    assert items["type"] == "object" and items["required"] == ["domain", "subdomain"]

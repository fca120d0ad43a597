# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Module options against the vendor's OpenAPI document, so drift between them is visible.

Every field the API declares is either managed by an option or listed here with the reason it is not;
every route a resource writes to exists in the document with that method.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron import groups as _cloudron_groups
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron import users as _cloudron_users

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", ".."))
SPEC_PATH = os.path.join(ROOT, "tests", "simulator", "cloudron", "openapi.json")

# API field -> option, where the two are not mapped one to one by ``Field.api``.
DERIVED = {"id": "id", "source": "source", "groupIds": "groups", "userIds": "members"}
NOT_MANAGED = {
    "twoFactorAuthenticationEnabled": "set by the user; admins can only disable it (an action, not state)",
    "inviteAccepted": "set by the user accepting an invitation",
}

RESOURCES = [
    # (resource fields, schema of the object, (method, path, body fields it must accept))
    (_cloudron_users.FIELDS, "User", [("post", "/users"), ("post", "/users/{userId}/profile"), ("put", "/users/{userId}/role"),
                                      ("put", "/users/{userId}/active"), ("put", "/users/{userId}/groups"),
                                      ("post", "/users/{userId}/password"), ("post", "/users/{userId}/send_invite_email"),
                                      ("delete", "/users/{userId}")]),
    (_cloudron_groups.FIELDS, "Group", [("post", "/groups"), ("put", "/groups/{groupId}/members"), ("delete", "/groups/{groupId}")]),
]


@pytest.fixture(scope="module")
def spec():
    with open(SPEC_PATH) as handle:
        return json.load(handle)


@pytest.mark.parametrize("fields,schema,routes", RESOURCES, ids=["users", "groups"])
def test_every_api_field_is_an_option_or_explained(spec, fields, schema, routes):
    options = set(field.name for field in fields)
    mapped = dict((field.api, field.name) for field in fields if field.api)
    mapped.update((api, option) for api, option in DERIVED.items() if option in options)
    declared = spec["components"]["schemas"][schema]["properties"]
    unexplained = sorted(api for api in declared if api not in mapped and api not in NOT_MANAGED)
    assert unexplained == [], "API fields without an option: %s" % unexplained
    stale = sorted(api for api, option in mapped.items() if api not in declared and option not in ("password",))
    assert stale == [], "options mapped to fields the API does not declare: %s" % stale


@pytest.mark.parametrize("fields,schema,routes", RESOURCES, ids=["users", "groups"])
def test_every_route_written_exists(spec, fields, schema, routes):
    for method, path in routes:
        assert method in spec["paths"].get(path, {}), "%s %s is not in the OpenAPI document" % (method.upper(), path)


def test_create_accepts_every_create_field(spec):
    body = spec["paths"]["/users"]["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"]
    sent = [field.api for field in _cloudron_users.FIELDS if field.create and field.api]
    assert sorted(set(sent) - set(body)) == []


def test_profile_route_accepts_the_profile_fields(spec):
    body = spec["paths"]["/users/{userId}/profile"]["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"]
    profile = [field.api for field in _cloudron_users.FIELDS if field.route == "profile"]
    # The document omits username, which the server accepts only while a user has none (see the simulator's overlay).
    assert sorted(set(profile) - set(body)) == ["username"]


def test_role_choices_match(spec):
    body = spec["paths"]["/users"]["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"]
    assert sorted(body["role"]["enum"]) == sorted(_cloudron_users.ROLES)


def test_reserved_names_match_the_document(spec):
    text = spec["components"]["schemas"]["User"]["properties"]["username"]["description"]
    documented = re.findall(r"`([a-z-]+)`", text)
    assert sorted(documented) == sorted(_cloudron_users.RESERVED_NAMES)

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tenant API keys: create (plaintext once), list, read, patch, delete; names are not unique."""

import pytest

pytest.register_assert_rewrite("csim")

pytest_plugins = ["csim"]

FIELDS = {"keyId", "keyPrefix", "name", "scopes", "expiresAt", "lastUsedAt", "createdAt"}


def test_create_answers_the_plaintext_once(csim):
    result = csim.call("POST", "/api/auth/api-keys", {"name": "ci", "scopes": "apkg:publish", "expiresAt": 4102444800})
    assert result.status == 201
    data = result.data
    assert set(data) == FIELDS | {"plaintextKey"}
    assert data["plaintextKey"].startswith("cl_") and len(data["plaintextKey"]) == 46
    assert data["keyPrefix"] == data["plaintextKey"][:11]
    assert data["scopes"] == "apkg:publish" and data["expiresAt"] == 4102444800 and isinstance(data["createdAt"], int)
    listed = csim.call("GET", "/api/auth/api-keys").data
    assert all(set(k) == FIELDS for k in listed) and [k["name"] for k in listed] == ["sim", "ci"]
    single = csim.call("GET", "/api/auth/api-keys/%d" % data["keyId"]).data
    assert set(single) == FIELDS and "plaintextKey" not in single


def test_names_are_not_unique_and_all_fields_optional(csim):
    first = csim.call("POST", "/api/auth/api-keys", {"name": "same"}).data
    second = csim.call("POST", "/api/auth/api-keys", {"name": "same"}).data
    bare = csim.call("POST", "/api/auth/api-keys", {}).data
    assert first["keyId"] != second["keyId"] and bare["name"] is None and bare["scopes"] is None
    assert [k["name"] for k in csim.call("GET", "/api/auth/api-keys").data].count("same") == 2


def test_last_used_is_recorded(csim):
    key = csim.call("POST", "/api/auth/api-keys", {"name": "used"}).data
    assert key["lastUsedAt"] is None
    csim.call("GET", "/api/settings", key=key["plaintextKey"])
    assert isinstance(csim.call("GET", "/api/auth/api-keys/%d" % key["keyId"]).data["lastUsedAt"], int)


def test_patch_and_delete(csim):
    key = csim.call("POST", "/api/auth/api-keys", {"name": "old", "scopes": "apkg:publish"}).data
    patched = csim.call("PATCH", "/api/auth/api-keys/%d" % key["keyId"], {"name": "new", "scopes": None}).data
    assert patched["name"] == "new" and patched["scopes"] is None
    deleted = csim.call("DELETE", "/api/auth/api-keys/%d" % key["keyId"])
    assert deleted.status == 200 and deleted.body["data"] is None
    for method in ("GET", "PATCH", "DELETE"):
        assert csim.call(method, "/api/auth/api-keys/%d" % key["keyId"], {} if method == "PATCH" else None).code == \
            (404, "E-CORE-NOTFOUND")
    assert csim.call("GET", "/api/auth/api-keys/abc").code == (404, "E-CORE-NOTFOUND")


def test_expiry_in_the_past_is_400(csim):
    result = csim.call("POST", "/api/auth/api-keys", {"name": "x", "expiresAt": 1})
    assert result.code == (400, "E-VAL-INVALID")
    assert result.body["error"]["message"].startswith("Request validation failed: ")


def test_scoped_key_cannot_manage_keys(csim):
    key = csim.call("POST", "/api/auth/api-keys", {"scopes": "apkg:publish"}).data["plaintextKey"]
    assert csim.call("POST", "/api/auth/api-keys", {"name": "x"}, key=key).code == (403, "E-AUTH-NOPERM")

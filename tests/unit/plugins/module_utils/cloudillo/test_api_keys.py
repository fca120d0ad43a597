# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""API keys: identity by name, never guessing between two, the plaintext kept out of every object."""

from __future__ import annotations

import os
import stat

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.api_keys import ApiKeys, KeyFile, unix_seconds, write_key_file
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import PartialFailure, ResourceError

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudillo.fake_cloudillo import env, make, paths

PLAINTEXT = "cl_NewKeyPlaintext9d8e7f"


def listed(*keys):
    return env([dict({"keyId": index + 1, "keyPrefix": "cl_Ab%d" % index, "createdAt": 1700000000}, **key)
                for index, key in enumerate(keys)])


def converge(ctx, item, state="present", resource=None):
    engine = Engine(resource or ApiKeys(), ctx, ctx.check_mode)
    return engine.converge(engine.items([item]), state)


def test_a_created_key_is_kept_apart_from_the_object_and_the_diff():
    ctx, server = make()
    server.on("GET", "/api/auth/api-keys", listed())
    server.on("POST", "/api/auth/api-keys", env({"keyId": 9, "keyPrefix": "cl_New", "plaintextKey": PLAINTEXT, "name": "ci",
                                                 "scopes": "apkg:publish", "createdAt": 1700000100}, status=201))
    resource = ApiKeys()
    outcome = converge(ctx, {"name": "ci", "scopes": ["apkg:publish"], "expires_at": "2027-01-31T00:00:00Z"}, resource=resource)
    assert resource.plaintext == PLAINTEXT
    assert PLAINTEXT not in repr(outcome.results) + repr(outcome.after)
    assert outcome.results[0]["key_id"] == 9
    assert server.log[1][3] == {"name": "ci", "scopes": "apkg:publish", "expiresAt": 1801353600}
    assert len(server.log) == 2


def test_two_keys_with_one_name_are_refused_without_a_write():
    ctx, server = make()
    server.on("GET", "/api/auth/api-keys", listed({"name": "ci"}, {"name": "ci"}))
    with pytest.raises(ResourceError, match=r"matches 2 API keys on the server \(key ids 1, 2\): refusing to guess"):
        converge(ctx, {"name": "ci", "state": "absent"}, state="absent")
    assert server.writes() == []


def test_scopes_change_in_place_but_are_never_removed():
    ctx, server = make()
    server.on("GET", "/api/auth/api-keys", listed({"name": "ci", "scopes": "carddav:read"}))
    server.on("PATCH", "/api/auth/api-keys/1", env({}))
    converge(ctx, {"name": "ci", "scopes": ["carddav:write", "carddav:read"]})
    assert paths(server)[-1] == "PATCH /api/auth/api-keys/1"
    assert server.log[-1][3] == {"scopes": "carddav:read,carddav:write"}
    ctx, server = make()
    server.on("GET", "/api/auth/api-keys", listed({"name": "ci", "scopes": "carddav:read"}))
    with pytest.raises(ResourceError, match="scopes cannot be removed"):
        converge(ctx, {"name": "ci", "scopes": []})
    assert server.writes() == []


def test_unknown_scopes_and_bad_dates_are_refused_naming_the_option():
    ctx, server = make()
    with pytest.raises(ResourceError) as caught:
        Engine(ApiKeys(), ctx).items([{"name": "ci", "scopes": ["apkg:pubish"], "expires_at": "soon"}])
    assert "scopes: 'apkg:pubish' does not match" in str(caught.value)
    assert "expires_at: 'soon' is neither Unix seconds nor an ISO 8601 date" in str(caught.value)
    assert server.log == []
    assert unix_seconds("1801353600") == unix_seconds(1801353600) == unix_seconds("2027-01-31T01:00:00+01:00")


def test_a_failed_create_quotes_the_server(tmp_path):
    ctx, server = make()
    server.on("GET", "/api/auth/api-keys", listed())
    server.on("POST", "/api/auth/api-keys", (403, {"error": {"code": "E-AUTH-NOPERM", "message": "Permission denied"}}))
    with pytest.raises(PartialFailure, match="E-AUTH-NOPERM: Permission denied"):
        converge(ctx, {"name": "ci"})


def test_the_key_file_is_only_readable_by_its_owner(tmp_path):
    path = str(tmp_path / "key")
    with open(path, "w") as handle:
        handle.write("old")
    os.chmod(path, 0o644)
    write_key_file(path, PLAINTEXT)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with open(path) as handle:
        assert handle.read() == PLAINTEXT + "\n"


def test_a_symlink_at_the_key_file_is_replaced_and_its_target_never_written(tmp_path):
    target = tmp_path / "elsewhere"
    target.write_text("untouched\n")
    link = tmp_path / "key"
    link.symlink_to(target)
    write_key_file(str(link), PLAINTEXT)
    assert not link.is_symlink()
    assert link.read_text() == PLAINTEXT + "\n"
    assert target.read_text() == "untouched\n"
    assert stat.S_IMODE(link.stat().st_mode) == 0o600


@pytest.mark.parametrize("name, expected", [("missing/key", "does not exist"), ("adir", "is a directory")])
def test_a_key_file_that_cannot_be_written_is_refused_before_anything_exists(tmp_path, name, expected):
    (tmp_path / "adir").mkdir()
    key_file = KeyFile(str(tmp_path / name))
    with pytest.raises(ResourceError, match=expected):
        key_file.prepare()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["adir"]


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    key_file = KeyFile(str(tmp_path / "key"))
    key_file.prepare()
    assert [path.name for path in tmp_path.iterdir()] != []

    def refuse(source, target):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        key_file.commit(PLAINTEXT)
    assert list(tmp_path.iterdir()) == []


def test_a_prepared_key_file_is_discarded_when_no_key_was_created(tmp_path):
    key_file = KeyFile(str(tmp_path / "key"))
    key_file.prepare()
    key_file.discard()
    assert list(tmp_path.iterdir()) == []

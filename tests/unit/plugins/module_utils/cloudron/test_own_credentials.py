# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""API tokens and app passwords through the engine: identity by name, the secret kept out of every object, what
cannot change in place, recreate (new first, old after), and the expiry's forms."""

from __future__ import annotations

import os
import stat

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_passwords import AppPasswords
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.tokens import Tokens, epoch_ms, iso_time
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.secret_file import SecretFile
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, dropped, mount

SECRET = "yeRpaRKtJwYJMglFAouYmpoRuN8syAmWXW75ca57AdO"
JAN_2027 = 1801353600000  # 2027-01-31T00:00:00Z


def token(name, token_id="tid-1", scope="rw", expires=JAN_2027, client="cid-sdk"):
    return {"id": token_id, "name": name, "identifier": "uid-owner", "clientId": client, "expires": expires,
            "lastUsedAt": None, "scope": {"*": scope}}


def make(resource, listing, check_mode=False, apps=()):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", resource.path, (200, {resource.list_key: list(listing)}))
    server.on("GET", "/apps", (200, {"apps": list(apps)}))
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode)
    return Engine(resource, ctx, check_mode=check_mode), server


def converge(engine, item, state="present"):
    return engine.converge(engine.items([item]), state)


def writes(server):
    return [(entry[0], entry[1], entry[3]) for entry in server.writes()]


@pytest.mark.parametrize("given, expected", [
    ("2027-01-31", JAN_2027),
    ("2027-01-31T00:00:00Z", JAN_2027),
    ("2027-01-31T02:00:00+02:00", JAN_2027),
    ("2027-01-31T00:00:00.999Z", JAN_2027),
    (JAN_2027 + 999, JAN_2027),
    (str(JAN_2027), JAN_2027),
])
def test_expiry_forms(given, expected):
    assert epoch_ms(given) == expected
    assert iso_time(given) == "2027-01-31T00:00:00Z"


@pytest.mark.parametrize("given", ["soon", True, -1, "31.01.2027", 10 ** 15])
def test_expiry_refused(given):
    with pytest.raises(ValueError):
        epoch_ms(given)


def test_create_returns_the_secret_once_and_keeps_it_out_of_objects():
    tokens = Tokens()
    engine, server = make(tokens, [])
    server.on("POST", "/tokens", (201, dict(token("ci", "tid-new"), accessToken=SECRET)))
    outcome = converge(engine, {"name": " ci ", "scope": "read-only", "expires_at": "2027-01-31"})
    assert writes(server) == [("POST", "/api/v1/tokens", {"name": "ci", "scope": {"*": "r"}, "expiresAt": JAN_2027})]
    assert tokens.secret == SECRET
    assert outcome.results[0]["id"] == "tid-new"
    assert SECRET not in repr((outcome.results, outcome.before, outcome.after))


def test_the_spec_status_200_is_accepted_too():
    tokens = Tokens()
    engine, server = make(tokens, [])
    server.on("POST", "/tokens", (200, dict(token("ci", "tid-new", scope="r"), accessToken=SECRET)))
    assert converge(engine, {"name": "ci", "scope": "read-only"}).changed
    assert tokens.secret == SECRET


def test_no_change_costs_one_read_and_ignores_dashboard_sessions():
    engine, server = make(Tokens(), [token("ci"), token("ci", "tid-web", client="cid-webadmin")])
    outcome = converge(engine, {"name": "ci", "scope": "read-write", "expires_at": "2027-01-31T00:00:00Z"})
    assert not outcome.changed
    assert [entry[1] for entry in server.log] == ["/api/v1/tokens?page=1&per_page=5000"]


def test_a_name_shared_by_two_is_refused_naming_both():
    engine, server = make(Tokens(), [token("ci", "tid-1"), token("ci", "tid-2")])
    with pytest.raises(ResourceError, match=r"name 'ci' matches 2 tokens .*\(ids tid-1, tid-2\)"):
        converge(engine, {"name": "ci"}, state="absent")
    assert writes(server) == []


def test_a_new_token_needs_a_scope_and_a_future_expiry():
    engine, server = make(Tokens(), [])
    with pytest.raises(ResourceError, match="creating it needs scope"):
        converge(engine, {"name": "ci"})
    with pytest.raises(ResourceError, match="expires_at 2020-01-01T00:00:00Z is in the past"):
        converge(engine, {"name": "ci", "scope": "read-only", "expires_at": "2020-01-01"})
    assert writes(server) == []


def test_scope_change_is_refused_without_recreate():
    engine, server = make(Tokens(), [token("ci")])
    with pytest.raises(ResourceError, match=r"token 'ci': scope cannot be changed in place \(scope 'read-write' to 'read-only'\)"
                                            r".*recreate=true"):
        converge(engine, {"name": "ci", "scope": "read-only"})
    assert writes(server) == []


def test_recreate_creates_first_then_deletes_and_keeps_the_expiry():
    tokens = Tokens(recreate=True)
    engine, server = make(tokens, [token("ci", "tid-old")])
    server.on("POST", "/tokens", (201, dict(token("ci", "tid-new", scope="r"), accessToken=SECRET)))
    server.on("DELETE", "/tokens/tid-old", (204, None))
    outcome = converge(engine, {"name": "ci", "scope": "read-only"})
    assert writes(server) == [("POST", "/api/v1/tokens", {"name": "ci", "scope": {"*": "r"}, "expiresAt": JAN_2027}),
                              ("DELETE", "/api/v1/tokens/tid-old", None)]
    assert outcome.results[0]["id"] == "tid-new" and outcome.results[0]["scope"] == "read-only"
    assert tokens.secret == SECRET and tokens.leftover is None


def test_recreate_in_check_mode_predicts_a_new_token_and_writes_nothing():
    engine, server = make(Tokens(recreate=True), [token("ci", "tid-old")], check_mode=True)
    outcome = converge(engine, {"name": "ci", "expires_at": "2028-01-01"})
    assert outcome.changed and writes(server) == []
    assert outcome.results[0]["id"] is None and outcome.results[0]["expires_at"] == "2028-01-01T00:00:00Z"


def test_recreate_whose_delete_fails_keeps_the_new_secret():
    tokens = Tokens(recreate=True)
    engine, server = make(tokens, [token("ci", "tid-old")])
    server.on("POST", "/tokens", (201, dict(token("ci", "tid-new", scope="r"), accessToken=SECRET)))
    server.on("DELETE", "/tokens/tid-old", (500, {"status": "Internal Server Error", "message": "Internal error"}))
    outcome = converge(engine, {"name": "ci", "scope": "read-only"})
    assert tokens.secret == SECRET
    assert tokens.leftover[0]["id"] == "tid-old" and "Internal error" in str(tokens.leftover[1])
    assert outcome.results[0]["id"] == "tid-new"


def lost_create(tokens, listings, *posts, deletes=((204, None),)):
    """A token create whose first answer is lost; ``listings`` are the token lists of the reads, in order."""
    engine, server = make(tokens, [])
    server.on("GET", "/tokens", *[(200, {"tokens": listing}) for listing in listings])
    server.on("POST", "/tokens", dropped(), *posts)
    server.on("DELETE", "/tokens/tid-orphan", *deletes)
    return engine, server


NEW_TOKEN = (201, dict(token("ci", "tid-new", scope="r", expires=None), accessToken=SECRET))
CI = {"name": "ci", "scope": "read-only"}


def test_a_lost_create_answer_revokes_what_it_made_and_creates_once_more():
    tokens = Tokens()
    engine, server = lost_create(tokens, [[], [token("ci", "tid-orphan", scope="r")]], NEW_TOKEN)
    outcome = converge(engine, CI)
    assert writes(server) == [("POST", "/api/v1/tokens", {"name": "ci", "scope": {"*": "r"}}),
                              ("DELETE", "/api/v1/tokens/tid-orphan", None),
                              ("POST", "/api/v1/tokens", {"name": "ci", "scope": {"*": "r"}})]
    assert tokens.secret == SECRET and tokens.failure is None
    assert outcome.changed and outcome.results[0]["id"] == "tid-new"


def test_a_lost_create_answer_that_made_nothing_is_sent_once_more():
    tokens = Tokens()
    engine, server = lost_create(tokens, [[], []], NEW_TOKEN)
    assert converge(engine, CI).results[0]["id"] == "tid-new"
    assert [entry[0] for entry in server.writes()] == ["POST", "POST"]
    assert tokens.secret == SECRET and tokens.failure is None


def test_an_orphan_that_cannot_be_revoked_is_named():
    tokens = Tokens()
    engine, server = lost_create(tokens, [[], [token("ci", "tid-orphan", scope="r")]], NEW_TOKEN,
                                 deletes=[(500, {"status": "Internal Server Error", "message": "Internal error"})])
    outcome = converge(engine, CI)
    assert [entry[0] for entry in server.writes()] == ["POST", "DELETE"]
    assert tokens.secret is None and outcome.results[0]["id"] == "tid-orphan"
    assert "(id tid-orphan)" in tokens.failure and "Internal error" in tokens.failure
    assert "delete it (state=absent) and run again" in tokens.failure


def test_a_failing_second_create_says_the_orphan_was_revoked():
    tokens = Tokens()
    engine, server = lost_create(tokens, [[], [token("ci", "tid-orphan", scope="r")]],
                                 (500, {"status": "Internal Server Error", "message": "Database down"}))
    converge(engine, CI)
    assert [entry[0] for entry in server.writes()] == ["POST", "DELETE", "POST"]
    assert tokens.secret is None
    assert "(id tid-orphan) was revoked" in tokens.failure and "Database down" in tokens.failure


def test_a_second_lost_answer_is_not_retried_again():
    tokens = Tokens()
    engine, server = lost_create(tokens, [[], []], dropped())
    converge(engine, CI)
    assert [entry[0] for entry in server.writes()] == ["POST", "POST"]
    assert tokens.secret is None and "both lost" in tokens.failure


def test_a_create_answer_without_id_says_what_happened():
    tokens = Tokens()
    engine, server = make(tokens, [])
    server.on("POST", "/tokens", (201, {"accessToken": SECRET}))
    converge(engine, CI)
    assert tokens.secret is None
    assert tokens.failure.startswith("POST /tokens created it, but its answer carried no id (keys: accessToken)")
    assert SECRET not in tokens.failure


def test_a_lost_answer_during_recreate_keeps_the_old_token_and_says_how_to_clean_up():
    tokens = Tokens(recreate=True)
    engine, server = make(tokens, [token("ci", "tid-old")])
    server.on("POST", "/tokens", dropped())
    converge(engine, CI)
    assert [entry[0] for entry in server.writes()] == ["POST"]  # neither the old one nor a guess is revoked
    assert "a second one of this name may exist" in tokens.failure
    assert "cloudron_token_info, revoke the one whose id is not tid-old" in tokens.failure
    assert tokens.failure.endswith("the old one (id tid-old) was kept")


def test_recreate_refuses_to_carry_over_a_past_expiry():
    engine, server = make(Tokens(recreate=True), [token("ci", expires=1577836800000)])
    with pytest.raises(ResourceError, match=r"token 'ci': recreate would carry over expires_at 2020-01-01T00:00:00Z, which "
                                            r"is in the past.*give a later expires_at"):
        converge(engine, CI)
    with pytest.raises(ResourceError, match="expires_at 2021-01-01T00:00:00Z is in the past; a new token would never work"):
        converge(engine, {"name": "ci", "expires_at": "2021-01-01"})
    assert writes(server) == []
    # an expired token that stays as it is is no error
    assert not converge(engine, {"name": "ci", "scope": "read-write"}).changed


def test_the_file_is_checked_only_when_a_token_is_made():
    called = []
    tokens = Tokens(recreate=True)
    tokens.on_new = lambda: called.append(True)
    engine, server = make(tokens, [token("ci")], check_mode=True)
    converge(engine, {"name": "ci", "scope": "read-write"})
    assert called == [] and tokens.existed
    converge(engine, {"name": "ci", "scope": "read-only"})
    assert called == [True]
    converge(engine, {"name": "other", "scope": "read-only"})
    assert called == [True, True] and tokens.existed is False


def test_app_password_by_fqdn_and_mail():
    passwords = AppPasswords()
    apps = [{"id": "app-1", "fqdn": "cloud.example.com"}]
    engine, server = make(passwords, [], apps=apps)
    server.on("POST", "/app_passwords", (201, {"id": "uid-new", "password": "01e536bbd289619f"}))
    outcome = converge(engine, {"name": "laptop", "app": "Cloud.Example.COM"})
    assert writes(server) == [("POST", "/api/v1/app_passwords", {"name": "laptop", "identifier": "app-1"})]
    assert outcome.results[0] == {"id": "uid-new", "name": "laptop", "app": "cloud.example.com", "mail": False,
                                  "creation_time": None}
    assert passwords.secret == "01e536bbd289619f"


def test_app_password_listing_and_change_refused():
    listing = [{"id": "uid-1", "name": "laptop", "userId": "uid-owner", "identifier": "app-1", "creationTime": "2026-11-30T10:00:00.000Z"},
               {"id": "uid-2", "name": "phone", "userId": "uid-owner", "identifier": "mail", "creationTime": "2026-11-30T10:00:00.000Z"},
               {"id": "uid-3", "name": "gone", "userId": "uid-owner", "identifier": "app-9", "creationTime": "2026-11-30T10:00:00.000Z"}]
    engine, server = make(AppPasswords(), listing, apps=[{"id": "app-1", "fqdn": "cloud.example.com"}])
    current = engine.read([], complete=True)
    shown = [(p["name"], p["app"], p["mail"]) for p in current]
    assert shown == [("laptop", "cloud.example.com", False), ("phone", None, True), ("gone", "app-9", False)]
    assert not converge(engine, {"name": "phone", "mail": True}).changed
    with pytest.raises(ResourceError, match=r"app password 'phone': app cannot be changed in place"):
        converge(engine, {"name": "phone", "app": "cloud.example.com"})
    assert writes(server) == []


def test_app_password_input_is_checked_before_any_request():
    engine, server = make(AppPasswords(), [])
    with pytest.raises(ResourceError, match="not both"):
        converge(engine, {"name": "x", "app": "a.example.com", "mail": True})
    with pytest.raises(ResourceError, match="creating it needs app or mail=true"):
        converge(engine, {"name": "x"})
    with pytest.raises(ResourceError, match="app: app 'a.example.com' does not exist"):
        converge(engine, {"name": "x", "app": "a.example.com"})
    assert writes(server) == []


def test_secret_file_is_0600_and_atomic(tmp_path):
    target = tmp_path / "token"
    target.write_text("old")
    os.chmod(str(target), 0o644)
    secret_file = SecretFile(str(target), "token_file")
    secret_file.prepare()
    assert target.read_text() == "old"  # nothing changes before the commit
    secret_file.commit(SECRET)
    assert target.read_text() == SECRET + "\n"
    assert stat.S_IMODE(os.stat(str(target)).st_mode) == 0o600
    assert sorted(os.listdir(str(tmp_path))) == ["token"]


def test_secret_file_refuses_a_missing_directory_and_cleans_up(tmp_path):
    with pytest.raises(ResourceError, match="token_file: the directory .* does not exist"):
        SecretFile(str(tmp_path / "no" / "token"), "token_file").prepare()
    secret_file = SecretFile(str(tmp_path / "token"), "token_file")
    secret_file.prepare()
    secret_file.discard()
    assert os.listdir(str(tmp_path)) == []


def test_secret_file_check_refuses_like_prepare_without_writing(tmp_path):
    with pytest.raises(ResourceError, match="token_file: the directory .* does not exist; nothing was created"):
        SecretFile(str(tmp_path / "no" / "token"), "token_file").check()
    (tmp_path / "dir").mkdir()
    with pytest.raises(ResourceError, match="token_file: .*/dir is a directory"):
        SecretFile(str(tmp_path / "dir"), "token_file").check()
    SecretFile(str(tmp_path / "token"), "token_file").check()
    assert os.listdir(str(tmp_path)) == ["dir"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_secret_file_check_refuses_a_directory_it_cannot_write(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(str(locked), 0o500)
    try:
        with pytest.raises(ResourceError, match="token_file: cannot write a file in .*locked"):
            SecretFile(str(locked / "token"), "token_file").check()
    finally:
        os.chmod(str(locked), 0o700)

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tokens, read-only scope and roles."""

import pytest

from conftest import RO


def test_token_required_and_unknown(client):
    assert client.call("GET", "/users", token=None).body == {"status": "Unauthorized", "message": "Token required"}
    status, payload = client.call("GET", "/users", token="nope").outcome
    assert (status, payload["message"]) == (401, "No such token")


def test_query_parameter_token(client):
    assert client.raw("GET", "/api/v1/profile?access_token=sim-rw-token").status == 200
    assert client.raw("GET", "/api/v1/profile?access_token=nope").status == 401


def test_readonly_token_reads_but_cannot_write(client):
    assert client.call("GET", "/users", token=RO).status == 200
    status, payload = client.call("POST", "/groups", {"name": "x"}, token=RO).outcome
    assert (status, payload) == (403, {"status": "Forbidden", "message": "Read-only token"})
    client.control("POST", "/switches", {"readonly_status": 401})
    assert client.call("DELETE", "/groups/gid-x", token=RO).status == 401


def test_expired_token(client):
    token = client.call("POST", "/tokens", {"name": "old", "expiresAt": 1000}).body["accessToken"]
    assert client.call("GET", "/profile", token=token).body["message"] == "No such token"


def test_inactive_users_tokens_stop_working(client):
    user_id = client.control("POST", "/tokens", {"token": "t-bob", "username": "bob", "role": "admin"})["user_id"]
    assert client.call("GET", "/profile", token="t-bob").status == 200
    assert client.call("PUT", "/users/%s/active" % user_id, {"active": False}).status == 204
    assert client.call("GET", "/profile", token="t-bob").status == 401


@pytest.mark.parametrize("role, allowed", [("user", False), ("usermanager", True), ("mailmanager", True), ("admin", True)])
def test_user_management_needs_usermanager(client, role, allowed):
    client.control("POST", "/tokens", {"token": "t", "username": "actor", "role": role})
    status, payload = client.call("POST", "/users", {"email": "new@example.com"}, token="t").outcome
    assert status == (201 if allowed else 403)
    if not allowed:
        assert payload == {"status": "Forbidden", "message": "role 'usermanager' is required but user has only 'user'"}
        # listing is open to every user, with fewer fields
        users = client.call("GET", "/users", token="t").body["users"]
        assert set(users[0]) == {"id", "username", "email", "displayName"}
        assert client.call("GET", "/groups", token="t").status == 200


def test_tasks_need_admin(client):
    client.control("POST", "/tokens", {"token": "t", "username": "um", "role": "usermanager"})
    assert client.call("GET", "/tasks", token="t").status == 403
    assert client.call("GET", "/tasks").status == 200


def test_only_an_owner_grants_owner(client):
    client.control("POST", "/tokens", {"token": "t-admin", "username": "boss", "role": "admin"})
    user_id = client.call("POST", "/users", {"email": "u@example.com", "username": "u"}, token="t-admin").body["id"]
    assert client.call("PUT", "/users/%s/role" % user_id, {"role": "owner"}, token="t-admin").status == 403
    assert client.call("POST", "/users", {"email": "o@example.com", "role": "owner"}, token="t-admin").status == 403
    assert client.call("PUT", "/users/%s/role" % user_id, {"role": "admin"}, token="t-admin").status == 204
    assert client.call("PUT", "/users/%s/role" % user_id, {"role": "owner"}).status == 204
    # an admin cannot touch an owner either
    assert client.call("POST", "/users/%s/password" % user_id, {"password": "long enough"}, token="t-admin").status == 403

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Users: creation rules, listing, updates, deletion, invites."""

import pytest


def create(client, **body):
    body.setdefault("email", "%s@example.com" % body.get("username", "someone"))
    status, payload = client.call("POST", "/users", body).outcome
    assert status == 201, payload
    return payload["id"]


def test_create_and_get(client):
    user_id = create(client, email="Alice@Example.COM", username="Alice", displayName="Alice A", password="12345678")
    assert user_id.startswith("uid-") and len(user_id) == 40
    status, user = client.call("GET", "/users/" + user_id).outcome
    assert status == 200
    assert user == {
        "id": user_id, "username": "alice", "email": "alice@example.com", "fallbackEmail": "alice@example.com",
        "displayName": "Alice A", "groupIds": [], "active": True, "source": "", "role": "user",
        "twoFactorAuthenticationEnabled": False, "inviteAccepted": True,
    }


def test_invite_flow_without_username_or_password(client):
    user_id = create(client, email="invitee@example.com", role="admin", fallbackEmail="other@example.org")
    user = client.call("GET", "/users/" + user_id).body
    assert (user["username"], user["inviteAccepted"], user["role"], user["fallbackEmail"]) == (None, False, "admin", "other@example.org")
    assert client.call("POST", "/users/%s/send_invite_email" % user_id, {"email": "invitee@example.com"}).outcome == (202, {})
    assert client.control("GET", "/state")["invites"][0]["userId"] == user_id
    link = client.call("GET", "/users/%s/invite_link" % user_id).body["inviteLink"]
    assert link.startswith("https://my.example.com/setupaccount.html?inviteToken=")
    # the username can be set once while it is empty
    assert client.call("POST", "/users/%s/profile" % user_id, {"username": "Invitee"}).status == 204
    assert client.call("GET", "/users/" + user_id).body["username"] == "invitee"
    status, payload = client.call("POST", "/users/%s/profile" % user_id, {"username": "other"}).outcome
    assert (status, payload["message"]) == (400, "Username cannot be changed")


@pytest.mark.parametrize("body, message", [
    ({}, "email is required"),
    ({"email": 5}, "email must be string"),
    ({"email": "not-an-email"}, "Invalid email"),
    ({"email": "a@example.com", "username": "with space"}, "Username can only contain alphanumerals, dot and -"),
    ({"email": "a@example.com", "username": "Admin"}, "Username is reserved"),
    ({"email": "a@example.com", "username": "root"}, "Username is reserved"),
    ({"email": "a@example.com", "username": "my.app"}, "Username pattern is reserved for apps"),
    ({"email": "a@example.com", "username": ""}, "Username must be atleast 1 char"),
    ({"email": "a@example.com", "username": "x" * 200}, "Username too long"),
    ({"email": "a@example.com", "password": "short"}, "Password must be atleast 8 characters"),
    ({"email": "a@example.com", "password": "x" * 257}, "Password cannot be more than 256 characters"),
    ({"email": "a@example.com", "role": "superuser"}, "Invalid role"),
    ({"email": "a@example.com", "name": "x"}, "name is not allowed"),
])
def test_create_validation(client, body, message):
    status, payload = client.call("POST", "/users", body).outcome
    assert (status, payload) == (400, {"status": "Bad Request", "message": message})


def test_unknown_fields_allowed_when_not_strict(client):
    client.control("POST", "/switches", {"strict_fields": False})
    assert client.call("POST", "/users", {"email": "a@example.com", "name": "x"}).status == 201


def test_duplicates(client):
    create(client, username="bob", email="bob@example.com")
    status, payload = client.call("POST", "/users", {"email": "other@example.com", "username": "BOB"}).outcome
    assert (status, payload) == (409, {"status": "Conflict", "message": "username already exists"})
    status, payload = client.call("POST", "/users", {"email": "Bob@example.com", "username": "bobby"}).outcome
    assert (status, payload["message"]) == (409, "email already exists")


def test_list_order_paging_search_and_filter(client):
    for name in ("carol", "alice", "bob"):
        create(client, username=name, displayName=name.title())
    nameless = create(client, email="zed@example.com")
    client.call("PUT", "/users/%s/active" % nameless, {"active": False})
    users = client.call("GET", "/users").body["users"]
    assert [u["username"] for u in users] == [None, "alice", "bob", "carol", "owner"]
    assert set(users[1]) == {"id", "username", "email", "fallbackEmail", "displayName", "twoFactorAuthenticationEnabled",
                             "active", "source", "role", "groupIds", "notificationConfig", "inviteAccepted"}
    page = client.call("GET", "/users?page=2&per_page=2").body["users"]
    assert [u["username"] for u in page] == ["bob", "carol"]
    assert client.call("GET", "/users?page=3&per_page=2").body["users"][0]["username"] == "owner"
    assert [u["username"] for u in client.call("GET", "/users?search=AL").body["users"]] == ["alice"]
    assert [u["email"] for u in client.call("GET", "/users?search=zed@").body["users"]] == ["zed@example.com"]
    assert [u["username"] for u in client.call("GET", "/users?search=Carol").body["users"]] == ["carol"]
    assert [u["username"] for u in client.call("GET", "/users?active=false").body["users"]] == [None]
    assert len(client.call("GET", "/users?active=true").body["users"]) == 4


def test_search_matches_usernames_only_when_switched(client):
    client.control("POST", "/switches", {"user_search": "username"})
    create(client, username="carol", email="c.smith@example.com", displayName="Carol Smith")
    create(client, email="newbie@example.com")
    assert [u["username"] for u in client.call("GET", "/users?search=CAR").body["users"]] == ["carol"]
    assert client.call("GET", "/users?search=smith").body["users"] == []
    # an invited user without a username cannot be found by search at all
    assert client.call("GET", "/users?search=newbie").body["users"] == []
    assert len(client.call("GET", "/users").body["users"]) == 3
    assert client.raw("POST", "/_control/switches", b'{"user_search": "email"}').status == 400


@pytest.mark.parametrize("query, message", [
    ("page=0", "page query param has to be a postive number"),
    ("page=abc", "page query param has to be a postive number"),
    ("per_page=-1", "per_page query param has to be a postive number"),
    ("active=maybe", "active must be true or false"),
])
def test_list_bad_query(client, query, message):
    status, payload = client.call("GET", "/users?" + query).outcome
    assert (status, payload["message"]) == (400, message)


def test_large_per_page(client):
    client.control("POST", "/seed", {"users": [{"username": "u%03d" % i, "email": "u%03d@example.com" % i} for i in range(600)]})
    assert len(client.call("GET", "/users?per_page=5000").body["users"]) == 601


def test_profile_update(client):
    user_id = create(client, username="dave")
    create(client, username="erin")
    assert client.call("POST", "/users/%s/profile" % user_id,
                       {"email": "Dave2@Example.com", "displayName": "Dave", "fallbackEmail": "d@example.org"}).status == 204
    user = client.call("GET", "/users/" + user_id).body
    assert (user["email"], user["displayName"], user["fallbackEmail"]) == ("dave2@example.com", "Dave", "d@example.org")
    status, payload = client.call("POST", "/users/%s/profile" % user_id, {"email": "erin@example.com"}).outcome
    assert (status, payload["message"]) == (409, "email already exists")
    assert client.call("POST", "/users/%s/profile" % user_id, {"email": "bad"}).body["message"] == "Invalid email"
    assert client.call("POST", "/users/uid-nope/profile", {"displayName": "x"}).outcome == (
        404, {"status": "Not Found", "message": "No such user"})


def test_role_active_password(client, owner_id):
    user_id = create(client, username="frank")
    assert client.call("PUT", "/users/%s/role" % user_id, {"role": "usermanager"}).status == 204
    assert client.call("PUT", "/users/%s/role" % user_id, {"user": "admin"}).body["message"] == "role is required"
    assert client.call("PUT", "/users/%s/active" % user_id, {"active": "no"}).body["message"] == "active must be boolean"
    assert client.call("PUT", "/users/%s/active" % user_id, {"active": False}).status == 204
    assert client.call("GET", "/users/" + user_id).body["active"] is False
    assert client.call("POST", "/users/%s/password" % user_id, {"password": "new-password"}).status == 204
    assert next(u for u in client.control("GET", "/state")["users"] if u["id"] == user_id)["password"] == "new-password"
    assert client.call("POST", "/users/%s/password" % user_id, {"password": "short"}).status == 400
    assert client.call("POST", "/users/%s/password" % user_id, {}).body["message"] == "password is required"
    assert client.call("PUT", "/users/%s/role" % owner_id, {"role": "admin"}).status == 409
    assert client.call("PUT", "/users/%s/active" % owner_id, {"active": False}).status == 409


def test_set_groups(client):
    user_id = create(client, username="gina")
    first = client.call("POST", "/groups", {"name": "one"}).body["id"]
    second = client.call("POST", "/groups", {"name": "two"}).body["id"]
    assert client.call("PUT", "/users/%s/groups" % user_id, {"groupIds": [first, second]}).status == 204
    assert client.call("GET", "/users/" + user_id).body["groupIds"] == [first, second]
    assert client.call("PUT", "/users/%s/groups" % user_id, {"groupIds": [second]}).status == 204
    assert client.call("GET", "/groups/" + first).body["userIds"] == []
    status, payload = client.call("PUT", "/users/%s/groups" % user_id, {"groupIds": ["gid-nope"]}).outcome
    assert (status, payload["message"]) == (404, "One or more groups not found")
    assert client.call("PUT", "/users/%s/groups" % user_id, {"groupIds": "x"}).body["message"] == "groupIds must be array"
    assert client.call("PUT", "/users/%s/groups" % user_id, {"groupIds": [1]}).body["message"] == "groupIds[0] must be string"


def test_delete(client, owner_id):
    user_id = create(client, username="hank")
    group_id = client.call("POST", "/groups", {"name": "crew"}).body["id"]
    client.call("PUT", "/groups/%s/members" % group_id, {"userIds": [user_id, owner_id]})
    assert client.call("DELETE", "/users/" + user_id).status == 204
    assert client.call("GET", "/groups/" + group_id).body["userIds"] == [owner_id]
    assert client.call("DELETE", "/users/" + user_id).outcome == (404, {"status": "Not Found", "message": "No such user"})
    status, payload = client.call("DELETE", "/users/" + owner_id).outcome
    assert (status, payload["message"]) == (409, "Not allowed to remove yourself.")


def test_profile_route(client, owner_id):
    profile = client.call("GET", "/profile").body
    assert profile["id"] == owner_id
    assert set(profile) == {"id", "username", "email", "fallbackEmail", "displayName", "twoFactorAuthenticationEnabled",
                            "role", "hasBackgroundImage", "avatarUrl", "source"}
    assert (profile["username"], profile["role"]) == ("owner", "owner")

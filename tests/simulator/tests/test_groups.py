# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Groups: names, membership, switches."""

import pytest


def create(client, name):
    status, payload = client.call("POST", "/groups", {"name": name}).outcome
    assert status == 201, payload
    return payload


def test_create_get_list(client, owner_id):
    created = create(client, "Developers")
    assert created["name"] == "developers" and created["id"].startswith("gid-") and set(created) == {"id", "name"}
    create(client, "admins-team")
    assert client.call("PUT", "/groups/%s/members" % created["id"], {"userIds": [owner_id]}).outcome == (200, {})
    assert client.call("GET", "/groups/" + created["id"]).body == {
        "id": created["id"], "name": "developers", "source": "", "userIds": [owner_id]}
    groups = client.call("GET", "/groups").body["groups"]
    assert [g["name"] for g in groups] == ["admins-team", "developers"]
    assert groups[1]["userIds"] == [owner_id]
    client.control("POST", "/switches", {"group_list_user_ids": False})
    assert set(client.call("GET", "/groups").body["groups"][0]) == {"id", "name", "source"}
    assert client.call("GET", "/users/" + owner_id).body["groupIds"] == [created["id"]]


@pytest.mark.parametrize("name, message", [
    ("bad name", "name can only contain alphanumerals, hyphen and dot"),
    ("users", "name is reserved"),
    ("", "name must be atleast 1 char"),
    ("x" * 200, "name too long"),
])
def test_name_rules(client, name, message):
    status, payload = client.call("POST", "/groups", {"name": name}).outcome
    assert (status, payload) == (400, {"status": "Bad Request", "message": message})


def test_printable_names_switch(client):
    client.control("POST", "/switches", {"group_name_charset": "printable"})
    assert create(client, "Team A (EU)")["name"] == "team a (eu)"
    assert client.call("POST", "/groups", {"name": "tab\there"}).status == 400


def test_duplicates_are_case_insensitive(client):
    first = create(client, "nephews")["id"]
    second = create(client, "nieces")["id"]
    assert client.call("POST", "/groups", {"name": "Nephews"}).outcome == (409, {"status": "Conflict", "message": "Already exists"})
    assert client.call("PUT", "/groups/%s/name" % second, {"name": "NEPHEWS"}).body["message"] == "Already exists"
    assert client.call("PUT", "/groups/%s/name" % first, {"name": "Nephews"}).status == 200
    assert client.call("PUT", "/groups/%s/name" % first, {"name": "cousins"}).outcome == (200, {})
    assert client.call("GET", "/groups/" + first).body["name"] == "cousins"


def test_members_replace_and_unknown_ids(client, owner_id):
    group_id = create(client, "g")["id"]
    other = client.call("POST", "/users", {"email": "m@example.com"}).body["id"]
    client.call("PUT", "/groups/%s/members" % group_id, {"userIds": [owner_id, other]})
    client.call("PUT", "/groups/%s/members" % group_id, {"userIds": [other]})
    assert client.call("GET", "/groups/" + group_id).body["userIds"] == [other]
    status, payload = client.call("PUT", "/groups/%s/members" % group_id, {"userIds": ["uid-nope"]}).outcome
    assert (status, payload["message"]) == (404, "Invalid group or user id")
    assert client.call("PUT", "/groups/gid-nope/members", {"userIds": []}).status == 404
    assert client.call("PUT", "/groups/%s/members" % group_id, {}).body["message"] == "userIds is required"


def test_missing_and_delete(client):
    assert client.call("GET", "/groups/gid-nope").outcome == (404, {"status": "Not Found", "message": "No such group"})
    group_id = create(client, "short-lived")["id"]
    assert client.call("DELETE", "/groups/" + group_id).status == 204
    assert client.call("DELETE", "/groups/" + group_id).outcome == (404, {"status": "Not Found", "message": "Group not found"})

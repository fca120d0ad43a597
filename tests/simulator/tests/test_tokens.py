# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""API tokens."""


def test_create_list_use_delete(client, owner_id):
    status, token = client.call("POST", "/tokens", {"name": "ci", "scope": {"*": "r"}}).outcome
    assert status == 201
    assert token["id"].startswith("tid-") and len(token["accessToken"]) == 43
    assert (token["identifier"], token["scope"], token["name"]) == (owner_id, {"*": "r"}, "ci")
    listed = client.call("GET", "/tokens").body["tokens"]
    assert [t["name"] for t in listed] == ["automation", "automation (read-only)", "ci"]
    assert all("accessToken" not in t for t in listed)
    assert client.call("GET", "/profile", token=token["accessToken"]).status == 200
    assert client.call("POST", "/groups", {"name": "x"}, token=token["accessToken"]).status == 403
    assert client.call("GET", "/tokens/" + token["id"]).body["name"] == "ci"
    assert client.call("DELETE", "/tokens/" + token["id"]).status == 204
    assert client.call("GET", "/profile", token=token["accessToken"]).body["message"] == "No such token"
    assert client.call("DELETE", "/tokens/" + token["id"]).status == 404


def test_tokens_are_per_user(client):
    client.control("POST", "/tokens", {"token": "t-ivy", "username": "ivy"})
    assert client.call("GET", "/tokens", token="t-ivy").body["tokens"][0]["name"] == "seeded"
    owners = client.call("GET", "/tokens").body["tokens"]
    assert client.call("DELETE", "/tokens/" + owners[0]["id"], token="t-ivy").status == 404


def test_validation(client):
    assert client.call("POST", "/tokens", {}).body["message"] == "name is required"
    assert client.call("POST", "/tokens", {"name": "x", "scope": {"*": "all"}}).body["message"] == "Invalid scope"
    assert client.call("POST", "/tokens", {"name": "x", "expiresAt": "soon"}).body["message"] == "expiresAt must be integer"


def test_create_status_switch(client):
    """Facts 8: the dashboards expect 201, the spec says 200; the switch gives the spec's answer."""
    client.control("POST", "/switches", {"credential_create_status": 200})
    status, token = client.call("POST", "/tokens", {"name": "spec", "scope": {"*": "rw"}}).outcome
    assert status == 200 and len(token["accessToken"]) == 43
    assert client.call("GET", "/profile", token=token["accessToken"]).status == 200
    assert client.raw("POST", "/_control/switches", b'{"credential_create_status": 202}',
                      {"Content-Type": "application/json"}).status == 400

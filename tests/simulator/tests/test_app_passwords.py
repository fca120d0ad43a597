# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""App passwords (facts 7.11)."""

APP = {"domains": ["example.com"], "apps": [{"appStoreId": "io.cloudron.surfer", "subdomain": "files", "domain": "example.com"}]}


def test_create_list_get_delete(client, owner_id):
    app_id = client.control("POST", "/seed", APP)["apps"]["files.example.com"]
    status, created = client.call("POST", "/app_passwords", {"name": "phone", "identifier": app_id}).outcome
    assert status == 201
    assert sorted(created) == ["id", "password"] and len(created["password"]) == 16
    assert client.call("POST", "/app_passwords", {"name": "mail client", "identifier": "mail"}).status == 201
    listed = client.call("GET", "/app_passwords").body["appPasswords"]
    assert [(p["name"], p["identifier"], p["userId"]) for p in listed] == [("phone", app_id, owner_id), ("mail client", "mail", owner_id)]
    assert all("password" not in p and p["creationTime"].endswith(".000Z") for p in listed)
    one = client.call("GET", "/app_passwords/" + created["id"]).body
    assert one == listed[0]
    stored = client.control("GET", "/state")["app_passwords"]
    assert stored[0]["password"] == created["password"] and stored[0]["username"] == "owner"
    assert client.call("DELETE", "/app_passwords/" + created["id"]).status == 204
    assert client.call("GET", "/app_passwords/" + created["id"]).outcome == (404, {"status": "Not Found", "message": "No such app password"})
    assert client.call("DELETE", "/app_passwords/" + created["id"]).status == 404


def test_own_only(client):
    client.control("POST", "/tokens", {"token": "t-ivy", "username": "ivy"})
    created = client.call("POST", "/app_passwords", {"name": "mine", "identifier": "mail"}).body
    assert client.call("GET", "/app_passwords", token="t-ivy").body["appPasswords"] == []
    assert client.call("GET", "/app_passwords/" + created["id"], token="t-ivy").status == 404
    assert client.call("DELETE", "/app_passwords/" + created["id"], token="t-ivy").status == 404
    assert client.call("POST", "/app_passwords", {"name": "ivy's", "identifier": "mail"}, token="t-ivy").status == 201
    assert [p["name"] for p in client.call("GET", "/app_passwords").body["appPasswords"]] == ["mine"]


def test_validation_and_read_only(client):
    def message(body, token="sim-rw-token"):
        return client.call("POST", "/app_passwords", body, token=token).outcome

    assert message({"identifier": "mail"}) == (400, {"status": "Bad Request", "message": "name is required"})
    assert message({"name": "", "identifier": "mail"})[1]["message"] == "name must be atleast 1 char"
    assert message({"name": "x"})[1]["message"] == "identifier is required"
    assert message({"name": "x", "identifier": 7})[1]["message"] == "identifier must be string"
    assert message({"name": "x", "identifier": "9f9f78b2-6c5b-41df-9a21-5fa20dee3d6a"}) == (404, {"status": "Not Found", "message": "No such app"})
    assert message({"name": "x", "identifier": "mail"}, token="sim-ro-token")[0] == 403
    assert client.control("GET", "/state")["app_passwords"] == []


def test_create_status_switch_and_user_removal(client):
    client.control("POST", "/switches", {"credential_create_status": 200})
    client.control("POST", "/tokens", {"token": "t-ivy", "username": "ivy"})
    assert client.call("POST", "/app_passwords", {"name": "ivy", "identifier": "mail"}, token="t-ivy").status == 200
    ivy = [u for u in client.control("GET", "/state")["users"] if u["username"] == "ivy"][0]
    assert client.call("DELETE", "/users/" + ivy["id"]).status == 204
    assert client.control("GET", "/state")["app_passwords"] == []


def test_identifier_switch(client):
    assert client.call("POST", "/app_passwords", {"name": "x"}).outcome == (400, {"status": "Bad Request", "message": "identifier is required"})
    client.control("POST", "/switches", {"app_password_identifier_required": False})
    status, created = client.call("POST", "/app_passwords", {"name": "x"}).outcome
    assert status == 201 and len(created["password"]) == 16
    assert client.call("GET", "/app_passwords/" + created["id"]).body["identifier"] is None
    assert client.call("POST", "/app_passwords", {"name": "y", "identifier": "nope"}).status == 404
    assert client.raw("POST", "/_control/switches", b'{"app_password_identifier_required": "no"}',
                      {"Content-Type": "application/json"}).status == 400

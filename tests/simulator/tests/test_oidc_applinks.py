# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""OpenID Connect clients and applinks (facts 7.15, shapes from the vendor spec)."""

import base64
import json

import pytest

CLIENT = {"name": "wiki", "loginRedirectUri": "https://wiki.example.org/cb", "tokenSignatureAlgorithm": "RS256"}
PNG = b"\x89PNG\r\n\x1a\nicon"


def test_oidc_client_lifecycle(client):
    status, created = client.call("POST", "/oidc/clients", CLIENT).outcome
    assert status == 201
    assert created["id"].startswith("cid-") and len(created["id"]) == 36 and len(created["secret"]) == 64
    assert dict(created, id=None, secret=None) == dict(CLIENT, id=None, secret=None, appId="")
    # the spec shows the secret in every read
    assert client.call("GET", "/oidc/clients").body["clients"] == [created]
    assert client.call("GET", "/oidc/clients/" + created["id"]).body == created
    changed = dict(CLIENT, loginRedirectUri="https://wiki.example.org/cb2", tokenSignatureAlgorithm="EdDSA")
    assert client.call("POST", "/oidc/clients/" + created["id"], changed).outcome == (201, {})
    stored = client.control("GET", "/state")["oidc_clients"]
    assert stored == [dict(changed, id=created["id"], secret=created["secret"], appId="")]
    assert client.call("DELETE", "/oidc/clients/" + created["id"]).status == 204
    assert client.call("DELETE", "/oidc/clients/" + created["id"]).outcome == (404, {"status": "Not Found", "message": "No such client"})
    assert client.control("GET", "/state")["oidc_clients"] == []


def test_oidc_clients_of_apps_are_seeded_all_or_nothing_and_served_like_others(client):
    seeded = client.control("POST", "/oidc_clients", {"clients": [dict(CLIENT, appId="app-1")]})
    [client_id] = seeded["ids"]
    stored = client.control("GET", "/state")["oidc_clients"]
    assert [dict(c, secret=len(c["secret"])) for c in stored] == [dict(CLIENT, id=client_id, secret=64, appId="app-1")]
    assert client.call("GET", "/oidc/clients").body["clients"] == stored
    assert client.call("GET", "/oidc/clients/" + client_id).body["appId"] == "app-1"
    for bad in ([dict(CLIENT, appId="app-2"), dict(CLIENT, appId=" ")], [dict(CLIENT, appId="app-2", name="")], ["x"]):
        refused = client.raw("POST", "/_control/oidc_clients", json.dumps({"clients": bad}).encode(),
                             {"Content-Type": "application/json"})
        assert refused.status == 400, refused.body
    assert client.control("GET", "/state")["oidc_clients"] == stored


def test_oidc_switches_validation_and_role(client):
    client.control("POST", "/switches", {"oidc_create_status": 200, "oidc_update_status": 200})
    created = client.call("POST", "/oidc/clients", CLIENT)
    assert created.status == 200
    assert client.call("POST", "/oidc/clients/" + created.body["id"], CLIENT).status == 200
    assert client.call("POST", "/oidc/clients", dict(CLIENT, name=" ")).outcome[1]["message"] == "name must be a non-empty string"
    assert client.call("POST", "/oidc/clients", dict(CLIENT, tokenSignatureAlgorithm="HS256")).status == 400
    assert client.call("POST", "/oidc/clients", {"name": "x"}).status == 400
    assert client.call("POST", "/oidc/clients", CLIENT, token="sim-ro-token").status == 403
    client.control("POST", "/tokens", {"token": "t-ivy", "username": "ivy", "role": "usermanager"})
    assert client.call("GET", "/oidc/clients", token="t-ivy").status == 403
    assert len(client.control("GET", "/state")["oidc_clients"]) == 1


def test_applink_lifecycle(client):
    group = client.call("POST", "/groups", {"name": "editors"}).body["id"]
    body = {"upstreamUri": "https://docs.example.com/", "tags": ["a"], "accessRestriction": {"users": [], "groups": [group]}}
    status, created = client.call("POST", "/applinks", body).outcome
    assert status == 201 and sorted(created) == ["id"]
    link = client.call("GET", "/applinks/" + created["id"]).body
    # no label given: named after the site (chosen)
    assert link["label"] == "docs.example.com" and link["tags"] == ["a"] and link["accessRestriction"]["groups"] == [group]
    assert sorted(link) == ["accessRestriction", "creationTime", "id", "label", "tags", "ts", "updateTime", "upstreamUri"]
    assert client.call("GET", "/applinks").body["applinks"] == [link]
    assert client.call("GET", "/applinks/%s/icon" % created["id"]).outcome == (404, {"status": "Not Found", "message": "No such icon"})
    update = {"upstreamUri": "https://docs.example.com/", "label": "Docs", "accessRestriction": None,
              "icon": base64.b64encode(PNG).decode()}
    assert client.call("POST", "/applinks/" + created["id"], update).outcome == (202, {})
    icon = client.call("GET", "/applinks/%s/icon" % created["id"])
    assert icon.status == 200 and icon.body == PNG and icon.response.getheader("Content-Type") == "image/png"
    stored = client.control("GET", "/state")["applinks"][0]
    assert (stored["label"], stored["tags"], stored["accessRestriction"], stored["icon"]) == ("Docs", ["a"], None, update["icon"])
    assert client.call("POST", "/applinks/" + created["id"], dict(update, icon="***")).outcome[1]["message"] == "icon is not base64"
    assert client.call("DELETE", "/applinks/" + created["id"]).outcome == (202, {})
    assert client.call("GET", "/applinks/" + created["id"]).status == 404
    assert client.control("GET", "/state")["applinks"] == []


def test_applink_switches(client):
    client.control("POST", "/switches", {"applink_create_answer": "empty", "applink_write_status": 200, "applink_icon_shape": "json"})
    assert client.call("POST", "/applinks", {"upstreamUri": "https://a.example/"}).outcome == (201, {})
    # nothing is unique
    assert client.call("POST", "/applinks", {"upstreamUri": "https://a.example/"}).status == 201
    ids = [link["id"] for link in client.call("GET", "/applinks").body["applinks"]]
    assert len(ids) == 2
    icon = base64.b64encode(PNG).decode()
    assert client.call("POST", "/applinks/" + ids[0], {"upstreamUri": "https://a.example/", "icon": icon}).outcome == (200, {})
    assert client.call("GET", "/applinks/%s/icon" % ids[0]).body == {"icon": [icon]}
    assert client.call("DELETE", "/applinks/" + ids[1]).outcome == (200, {})


@pytest.mark.parametrize("body, status", [
    ({}, 400), ({"upstreamUri": ""}, 400), ({"upstreamUri": "https://a.example/", "label": 5}, 400),
    ({"upstreamUri": "https://a.example/", "accessRestriction": "everyone"}, 400),
])
def test_applink_validation(client, body, status):
    assert client.call("POST", "/applinks", body).status == status
    assert client.control("GET", "/state")["applinks"] == []


def test_applink_roles(client):
    client.control("POST", "/tokens", {"token": "t-ivy", "username": "ivy", "role": "usermanager"})
    created = client.call("POST", "/applinks", {"upstreamUri": "https://a.example/"}).body
    assert client.call("GET", "/applinks", token="t-ivy").status == 200
    assert client.call("POST", "/applinks", {"upstreamUri": "https://b.example/"}, token="t-ivy").status == 403
    assert client.call("POST", "/applinks/" + created["id"], {"upstreamUri": "https://a.example/"}, token="t-ivy").status == 403
    assert client.call("DELETE", "/applinks/" + created["id"], token="sim-ro-token").status == 403
    assert client.call("DELETE", "/applinks/" + created["id"], token="t-ivy").status == 202

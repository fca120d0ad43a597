# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tenant addressing, the envelope, both error shapes, the framework's plain-text answers, credentials and roles."""

import json

import pytest

pytest.register_assert_rewrite("csim")

from csim import ADMIN, ADMIN_KEY, ALICE, Client  # noqa: E402

pytest_plugins = ["csim"]


def test_host_header_picks_the_tenant_and_tolerates_port_dot_and_case(csim):
    for host in ("cl-o.admin.example", "CL-O.Admin.Example.:8443", "cl-o.alice.example"):
        result = csim.call("GET", "/.well-known/cloudillo/id-tag", key=None, headers={"Host": host})
        assert result.status == 200
        assert result.body == {"idTag": ALICE if "alice" in host else ADMIN}


def test_a_tenant_listener_serves_its_tenant_without_a_host_name(tenant_client):
    alice = tenant_client(ALICE)
    assert alice.call("GET", "/.well-known/cloudillo/id-tag", key=None).body == {"idTag": ALICE}
    # the Host header still wins on a tenant's listener
    assert alice.call("GET", "/api/me", key=None, headers={"Host": "cl-o." + ADMIN}).data["idTag"] == ADMIN


def test_the_main_listener_without_a_tenant_answers_the_web_app(csim):
    main = Client(csim.port)
    result = main.call("GET", "/api/me", key=None)
    assert result.status == 200 and result.response.getheader("Content-Type").startswith("text/html")
    assert b"<html" in result.body


def test_an_unknown_tenant_is_404(csim):
    result = csim.call("GET", "/api/me", key=None, headers={"Host": "cl-o.nobody.example"})
    assert result.code == (404, "E-CORE-NOTFOUND")


def test_envelope_time_and_request_id(csim):
    result = csim.call("GET", "/api/me", headers={"X-Request-ID": "req-7"})
    assert set(result.body) == {"data", "time", "reqId"} and result.body["reqId"] == "req-7"
    assert result.body["time"].endswith("Z") and "T" in result.body["time"]
    assert csim.call("GET", "/api/me").body["reqId"] == ""
    assert result.data["idTag"] == ADMIN and result.data["type"] == "person" and result.data["keys"]


def test_unknown_route_and_method(csim):
    assert csim.call("GET", "/api/nothing").code == (404, "E-CORE-NOTFOUND")
    result = csim.call("DELETE", "/api/me")
    assert result.status == 405 and result.body == b"" and "GET" in result.response.getheader("Allow")


def test_error_body_shape_and_no_store(csim):
    result = csim.call("GET", "/api/auth/api-keys", key=None)
    assert result.body == {"error": {"code": "E-AUTH-NOPERM", "message": "Permission denied"}}
    assert result.response.getheader("Cache-Control") == "no-store"


def test_plain_text_extractor_errors(csim):
    def send(data, content_type):
        headers = {"Authorization": "Bearer " + ADMIN_KEY}
        if content_type:
            headers["Content-Type"] = content_type
        return csim.raw("POST", "/api/auth/api-keys", data, headers)

    unsupported = send(b'{"name": "x"}', None)
    assert unsupported.status == 415 and unsupported.response.getheader("Content-Type").startswith("text/plain")
    assert b"Content-Type: application/json" in unsupported.body
    broken = send(b'{"name": ', "application/json")
    assert broken.status == 400 and broken.body.startswith(b"Failed to parse the request body as JSON")
    wrong = send(json.dumps({"name": 5}).encode(), "application/json")
    assert wrong.status == 422 and b"name: invalid type: integer `5`, expected a string" in wrong.body
    missing = csim.call("POST", "/api/apps/install", {})
    assert missing.status == 422 and b"missing field `actionId`" in missing.body


@pytest.mark.parametrize("header", ["Basic abc", "Token " + ADMIN_KEY, "Bearer cl_unknown0000000", "Bearer garbage"])
def test_bad_credentials_are_403(csim, header):
    result = csim.raw("GET", "/api/auth/api-keys", headers={"Authorization": header})
    assert result.code == (403, "E-AUTH-NOPERM")


def test_a_key_of_another_tenant_is_403(csim):
    result = csim.call("GET", "/api/settings", headers={"Host": "cl-o." + ALICE})
    assert result.code == (403, "E-AUTH-NOPERM")


def test_token_query_parameter_is_accepted(csim):
    assert csim.call("GET", "/api/auth/api-keys", key=None, query={"token": ADMIN_KEY}).status == 200


def test_jwt_login_works_and_expires_as_401(csim):
    token = csim.login().data["token"]
    assert csim.call("GET", "/api/auth/api-keys", key=token).status == 200
    other = Client(csim.port, host=ALICE)
    assert other.call("GET", "/api/settings", key=token).code == (401, "E-AUTH-UNAUTH")
    assert csim.call("GET", "/api/settings", key=token[:-3] + "abc").code == (401, "E-AUTH-UNAUTH")
    csim.control("POST", "/clock", {"advance": 3601})
    assert csim.call("GET", "/api/auth/api-keys", key=token).code == (401, "E-AUTH-UNAUTH")


def test_admin_routes_need_sadm(csim):
    alice_key = csim.control("POST", "/seed", {"tenants": [{"idTag": ALICE, "keys": [{"name": "full"}]}]})["keys"][ALICE]["full"]
    alice = Client(csim.port, host=ALICE)
    assert alice.call("GET", "/api/admin/tenants", key=alice_key).code == (403, "E-AUTH-NOPERM")
    assert alice.call("GET", "/api/admin/proxy-sites", key=alice_key).code == (403, "E-AUTH-NOPERM")
    assert alice.call("GET", "/api/auth/api-keys", key=alice_key).status == 200


def test_scoped_keys(csim):
    seeded = csim.control("POST", "/seed", {
        "packages": [{"publisher": "apps.example", "name": "notes", "version": "1.0.0"}],
        "tenants": [{"idTag": ADMIN, "keys": [{"name": "pub", "scopes": "apkg:publish"},
                                              {"name": "dav", "scopes": "carddav:read,caldav:read"},
                                              {"name": "odd", "scopes": "nonsense"}]}]})
    keys = seeded["keys"][ADMIN]
    action = seeded["packages"]["apps.example/notes"]
    assert csim.call("POST", "/api/apps/install", {"actionId": action}, key=keys["pub"]).status == 201
    assert csim.call("GET", "/api/apps/installed", key=keys["pub"]).status == 200
    assert csim.call("DELETE", "/api/apps/@apps.example/notes", key=keys["pub"]).status == 204
    for route in ("/api/settings", "/api/auth/api-keys", "/api/admin/tenants"):
        assert csim.call("GET", route, key=keys["pub"]).code == (403, "E-AUTH-NOPERM")
    for name in ("dav", "odd"):
        assert csim.call("GET", "/api/apps/installed", key=keys[name]).code == (403, "E-AUTH-NOPERM")


def test_expired_and_deleted_keys_are_403(csim):
    key = csim.call("POST", "/api/auth/api-keys", {"name": "short", "expiresAt": 4102444800}).data
    assert csim.call("GET", "/api/me", key=key["plaintextKey"]).status == 200
    assert csim.call("GET", "/api/auth/api-keys", key=key["plaintextKey"]).status == 200
    csim.control("POST", "/clock", {"advance": 4102444800})
    assert csim.call("GET", "/api/auth/api-keys", key=key["plaintextKey"]).code == (403, "E-AUTH-NOPERM")
    other = csim.call("POST", "/api/auth/api-keys", {"name": "gone"}).data
    csim.call("DELETE", "/api/auth/api-keys/%d" % other["keyId"])
    assert csim.call("GET", "/api/settings", key=other["plaintextKey"]).code == (403, "E-AUTH-NOPERM")


def test_idp_routes_are_503(csim):
    for method, path in (("GET", "/api/idp/identities"), ("POST", "/api/idp/api-keys"),
                         ("PUT", "/api/idp/identities/x.example/address")):
        assert csim.call(method, path, {}).code == (503, "E-SYS-UNAVAIL")

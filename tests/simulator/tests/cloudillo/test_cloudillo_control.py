# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The control interface: reset, seed (all or nothing), state, switches, clock, faults and the request log."""

import json

import pytest

pytest.register_assert_rewrite("csim")

from csim import ADMIN, ADMIN_KEY, ALICE, Client, port_of  # noqa: E402

pytest_plugins = ["csim"]


def test_reset_answers_the_startup_state(csim):
    csim.call("POST", "/api/auth/api-keys", {"name": "extra"})
    answer = csim.control("POST", "/reset", {"switches": {"ban_scope": "all"}})
    assert answer["admin"] == ADMIN and answer["key"] == ADMIN_KEY and answer["switches"]["ban_scope"] == "all"
    assert set(answer["tenants"]) == {ADMIN, ALICE}
    assert [k["name"] for k in csim.call("GET", "/api/auth/api-keys").data] == ["sim"]
    assert csim.control("POST", "/reset", {"switches": {"nope": 1}}, status=400)["message"].startswith("unknown switch")


def test_seed_answers_urls_and_keys_and_opens_listeners(csim):
    answer = csim.control("POST", "/seed", {
        "tenants": [{"idTag": "bob.example", "password": "pw",
                     "keys": [{"name": "mine", "key": "cl_BobKey12345678"}, {"name": "gen"}],
                     "settings": {"ui.theme": "dark"}}],
        "global_settings": {"email.enabled": True},
        "proxy_sites": [{"domain": "git.example", "backendUrl": "http://10.0.0.1"}]})
    assert answer["keys"]["bob.example"]["mine"] == "cl_BobKey12345678"
    assert answer["keys"]["bob.example"]["gen"].startswith("cl_")
    assert answer["proxy_sites"] == {"git.example": 1}
    bob = Client(port_of(answer["tenants"]["bob.example"]))
    assert bob.call("GET", "/api/settings/ui.theme", key="cl_BobKey12345678").data["value"] == "dark"
    assert bob.call("GET", "/api/settings/email.enabled", key="cl_BobKey12345678").data["value"] is True
    assert bob.login("bob.example", "pw").status == 200
    # a re-seeded idTag keeps its listener across a reset
    csim.control("POST", "/reset", {})
    again = csim.control("POST", "/seed", {"tenants": [{"idTag": "bob.example"}]})
    assert again["tenants"]["bob.example"] == answer["tenants"]["bob.example"]
    bob.connection.close()


@pytest.mark.parametrize("body, message", [
    ({"tenants": [{"name": "x"}]}, "tenants[0]: idTag is required"),
    ({"tenants": [{"idTag": "x.example", "colour": 1}]}, "tenants[0]: unknown fields: colour"),
    ({"tenants": [{"idTag": "x.example", "settings": {"no.such": 1}}]}, "tenants[0].settings: unknown setting no.such"),
    ({"tenants": [{"idTag": "x.example", "apps": [{"publisher": "p", "name": "n"}]}]}, "tenants[0].apps[0]: no seeded package p/n"),
    ({"tenants": [{"idTag": "x.example", "keys": [{"key": "abc"}]}]}, "tenants[0].keys[0]: key must be"),
    ({"tenants": [{"idTag": "x.example", "profiles": [{"idTag": "y", "roles": ["king"]}]}]}, "tenants[0].profiles[0]: roles"),
    ({"global_settings": {"email.smtp.port": "x"}}, "global_settings: email.smtp.port has the wrong type"),
    ({"packages": [{"publisher": "p"}]}, "packages[0]: name is required"),
    ({"proxy_sites": [{"domain": "a.example", "backendUrl": "nope"}]}, "proxy_sites[0]: Request validation failed"),
])
def test_seed_is_all_or_nothing(csim, body, message):
    body = dict(body, tenants=[{"idTag": "early.example"}] + body.get("tenants", []))
    for index, tenant in enumerate(body["tenants"][1:]):
        message = message.replace("tenants[%d]" % index, "tenants[%d]" % (index + 1), 1)
    answer = csim.control("POST", "/seed", body, status=400)
    assert answer["message"].startswith(message)
    assert "early.example" not in [t["idTag"] for t in csim.state()["tenants"]]


def test_state_dump_and_switch_errors(csim):
    state = csim.state()
    assert set(state) >= {"switches", "clock_offset", "tenants", "global_settings", "packages", "proxy_sites", "dns",
                          "invites", "bans"}
    admin = state["tenants"][0]
    assert admin["password"] == "sim-password" and admin["keys"][0]["plaintext"] == ADMIN_KEY
    assert csim.control("POST", "/switches", {"login_per_hour": 0}, status=400)["message"].startswith("switch")
    assert csim.control("POST", "/switches", {"unknown_query_rejected": ["files"]}, status=400)
    assert csim.control("POST", "/clock", {"advance": -1}, status=400)
    assert csim.control("POST", "/clock", {"advance": 10})["clock_offset"] == 10
    assert csim.control("GET", "/nothing", status=404)


def test_faults_default_and_plain_bodies(csim):
    csim.control("POST", "/faults", {"path": "/api/settings", "status": 500})
    result = csim.call("GET", "/api/settings")
    assert result.code == (500, "E-CORE-INTERNAL")
    csim.control("POST", "/faults", {"path": "/api/settings/*", "status": 422, "body": "Failed to deserialize"})
    plain = csim.call("PUT", "/api/settings/ui.x", {"value": 1})
    assert plain.status == 422 and plain.body == b"Failed to deserialize"
    csim.control("POST", "/faults", {"path": "/api/settings", "status": 429, "headers": {"Retry-After": "2"},
                                     "body": {"error": {"code": "E-RATE-LIMITED", "message": "slow",
                                                        "details": {"level": "ipv4_individual", "retryAfter": 2}}}})
    limited = csim.call("GET", "/api/settings")
    assert limited.code == (429, "E-RATE-LIMITED") and limited.response.getheader("Retry-After") == "2"
    assert csim.call("GET", "/api/settings").status == 200
    assert csim.requests()[-2]["fault"] == "status"


def test_request_log_never_keeps_secrets(csim):
    csim.control("DELETE", "/requests")
    csim.login()
    csim.call("GET", "/api/settings", key=None, query={"token": ADMIN_KEY})
    csim.call("PUT", "/api/settings/email.smtp.password", {"value": "smtp-secret"}, headers={"X-Request-ID": "r1"})
    token = csim.login().data["token"]
    csim.call("GET", "/api/settings", key=token)
    entries = csim.requests()
    dumped = json.dumps(entries)
    for secret in (ADMIN_KEY, "sim-password", "smtp-secret", token):
        assert secret not in dumped
    assert entries[0]["body"] == {"idTag": ADMIN, "password": "***"} and entries[0]["auth"] is None
    assert entries[1]["query"] == {"token": "***"} and entries[1]["auth"] == "key" and entries[1]["key_id"] == 1
    assert entries[2]["request_id"] == "r1" and entries[2]["tenant"] == ADMIN and entries[2]["status"] == 404
    assert entries[4]["auth"] == "jwt" and entries[4]["listener"] == "main"
    assert csim.state() and not any(e["path"].startswith("/_control") for e in csim.requests())

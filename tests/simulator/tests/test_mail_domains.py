# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mail domains: created and removed with their domain, the config object (switches mail_domain_shape and
relay_password_read), the settings routes (202 {}), status, test mail, roles."""

import pytest

from mail_helpers import RO, role_token, seed, state_of

MAIL = "/mail/example.com"
DEFAULT = {"domain": "example.com", "enabled": False, "mailFromValidation": True, "catchAll": [],
           "relay": {"provider": "cloudron-smtp"}, "banner": {"text": "", "html": ""}}
RELAY = {"provider": "external-smtp", "host": "smtp.example.net", "port": 587, "username": "relay", "password": "s3cret",
         "acceptSelfSignedCerts": False, "forceFromAddress": True}
MASK = "\u25cf" * 8


def test_created_and_removed_with_the_domain(client):
    net, fresh = "/mail/example.net", dict(DEFAULT, domain="example.net")
    assert client.call("GET", net).outcome == (404, {"status": "Not Found", "message": "No such domain"})
    body = {"domain": "example.net", "provider": "noop", "config": {}, "tlsConfig": {"provider": "fallback"}}
    assert client.call("POST", "/domains", body).status == 201
    assert client.call("GET", net).outcome == (200, fresh)
    assert client.call("POST", net + "/enable", {"enabled": True}).status == 202
    assert state_of(client, "mail_domains") == [dict(fresh, enabled=True)]
    assert client.call("DELETE", "/domains/example.net").status == 204
    assert client.call("GET", net).status == 404
    assert state_of(client, "mail_domains") == []
    # a domain added again starts with the defaults
    assert client.call("POST", "/domains", body).status == 201
    assert client.call("GET", net).body == fresh


@pytest.mark.parametrize("route, body, changed", [
    ("enable", {"enabled": True}, {"enabled": True}),
    ("mail_from_validation", {"enabled": False}, {"mailFromValidation": False}),
    ("catch_all", {"addresses": ["ann@example.com"]}, {"catchAll": ["ann@example.com"]}),
    ("banner", {"text": "Regards"}, {"banner": {"text": "Regards", "html": ""}}),
    ("banner", {"text": "Regards", "html": "<b>Regards</b>"}, {"banner": {"text": "Regards", "html": "<b>Regards</b>"}}),
    ("relay", {"provider": "noop"}, {"relay": {"provider": "noop"}}),
])
def test_settings(client, route, body, changed):
    seed(client)
    assert client.call("POST", MAIL + "/" + route, body).outcome == (202, {})
    assert client.call("GET", MAIL).body == dict(DEFAULT, **changed)
    # the other domain is untouched
    assert client.call("GET", "/mail/example.org").body == dict(DEFAULT, domain="example.org")


@pytest.mark.parametrize("route, body, message", [
    ("enable", {}, "enabled is required"),
    ("enable", {"enabled": "yes"}, "enabled must be boolean"),
    ("mail_from_validation", {}, "enabled is required"),
    ("catch_all", {"addresses": "ann@example.com"}, "addresses must be array"),
    ("relay", {"host": "smtp.example.net"}, "provider is required"),
    ("relay", {"provider": ""}, "provider is required"),
    ("relay", {"provider": "external-smtp", "port": "587"}, "port must be number"),
    ("banner", {"html": "<b>x</b>"}, "text is required"),
    ("send_test_mail", {}, "to is required"),
])
def test_setting_validation(client, route, body, message):
    seed(client)
    assert client.call("POST", MAIL + "/" + route, body).outcome == (400, {"status": "Bad Request", "message": message})
    assert client.call("GET", MAIL).body == DEFAULT


@pytest.mark.parametrize("shape", ["plain", "wrapped"])
def test_shape(client, shape):
    client.control("POST", "/switches", {"mail_domain_shape": shape})
    seed(client)
    expected = DEFAULT if shape == "plain" else {"domain": [DEFAULT]}
    assert client.call("GET", MAIL).outcome == (200, expected)


@pytest.mark.parametrize("read, shown", [("masked", {"password": MASK}), ("absent", {})])
def test_relay_password(client, read, shown):
    client.control("POST", "/switches", {"relay_password_read": read})
    seed(client)
    assert client.call("POST", MAIL + "/relay", RELAY).status == 202
    relay = client.call("GET", MAIL).body["relay"]
    assert relay == dict({k: v for k, v in RELAY.items() if k != "password"}, **shown)
    # the masked value stands for the stored password; a new one replaces it
    assert client.call("POST", MAIL + "/relay", dict(RELAY, password=MASK, port=2525)).status == 202
    stored = state_of(client, "mail_domains")[0]["relay"]
    assert (stored["password"], stored["port"]) == ("s3cret", 2525)
    assert client.call("POST", MAIL + "/relay", dict(RELAY, password="n3w")).status == 202
    assert state_of(client, "mail_domains")[0]["relay"]["password"] == "n3w"
    # a relay without a password has none
    assert client.call("POST", MAIL + "/relay", {"provider": "cloudron-smtp"}).status == 202
    assert state_of(client, "mail_domains")[0]["relay"] == {"provider": "cloudron-smtp"}


def test_status(client):
    seed(client)
    status, payload = client.call("GET", MAIL + "/status").outcome
    assert status == 200 and set(payload) == {"dns", "rbl", "relay"}
    assert set(payload["dns"]) == {"spf", "dkim", "ptr"} and payload["relay"]["status"] is True


def test_send_test_mail_and_its_failure(client):
    seed(client)
    assert client.call("POST", MAIL + "/send_test_mail", {"to": "ann@example.com"}).outcome == (202, {})
    client.control("POST", "/faults", {"path": "/api/v1/mail/example.com/send_test_mail", "status": 424,
                                       "body": {"status": "Failed Dependency", "message": "Connection refused"}})
    assert client.call("POST", MAIL + "/send_test_mail", {"to": "ann@example.com"}).outcome == (
        424, {"status": "Failed Dependency", "message": "Connection refused"})
    log = client.control("GET", "/requests")["requests"]
    assert [(r["path"], r["status"], r["body"]) for r in log[-2:]] == [
        ("/api/v1/mail/example.com/send_test_mail", 202, {"to": "ann@example.com"}),
        ("/api/v1/mail/example.com/send_test_mail", 424, {"to": "ann@example.com"})]


ROUTES = [("GET", "", None), ("GET", "/status", None), ("POST", "/enable", {"enabled": True}),
          ("POST", "/mail_from_validation", {"enabled": True}), ("POST", "/catch_all", {"addresses": []}),
          ("POST", "/relay", {"provider": "noop"}), ("POST", "/banner", {"text": ""}),
          ("POST", "/send_test_mail", {"to": "ann@example.com"})]


@pytest.mark.parametrize("method, suffix, body", ROUTES)
def test_unknown_domain(client, method, suffix, body):
    seed(client)
    assert client.call(method, "/mail/nope.example" + suffix, body).outcome == (404, {"status": "Not Found", "message": "No such domain"})


@pytest.mark.parametrize("method, suffix, body", [r for r in ROUTES if r[0] == "POST"])
def test_read_only_token(client, method, suffix, body):
    seed(client)
    assert client.call(method, MAIL + suffix, body, token=RO).outcome == (403, {"status": "Forbidden", "message": "Read-only token"})
    assert client.call("GET", MAIL).body == DEFAULT


@pytest.mark.parametrize("method, suffix, body", ROUTES)
def test_needs_mailmanager(client, method, suffix, body):
    seed(client)
    status, payload = client.call(method, MAIL + suffix, body, token=role_token(client, "usermanager")).outcome
    assert (status, payload["message"]) == (403, "role 'mailmanager' is required but user has only 'usermanager'")
    assert client.call(method, MAIL + suffix, body, token=role_token(client, "mailmanager")).status in (200, 202)

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Domains: listing and reading seeded domains."""

import pytest

PLACEHOLDER = "\u25cf" * 8


def seed_domains(client):
    client.control("POST", "/seed", {"domains": [
        "Zeta.example", {"domain": "alpha.example", "provider": "cloudflare",
                         "config": {"tokenType": "ApiToken", "token": "cf-secret"}}]})


def test_list_hides_config(client):
    seed_domains(client)
    client.control("POST", "/tokens", {"token": "t-plain", "username": "plain"})
    for token in ("sim-rw-token", "t-plain"):
        status, payload = client.call("GET", "/domains", token=token).outcome
        assert status == 200
        assert payload == {"domains": [
            {"domain": "alpha.example", "zoneName": "alpha.example", "provider": "cloudflare", "locked": False},
            {"domain": "zeta.example", "zoneName": "zeta.example", "provider": "noop", "locked": False},
        ]}


def test_empty_list(client):
    assert client.call("GET", "/domains").outcome == (200, {"domains": []})


def test_get_unwrapped_with_config(client):
    seed_domains(client)
    status, payload = client.call("GET", "/domains/alpha.example").outcome
    assert status == 200
    assert payload == {
        "domain": "alpha.example", "zoneName": "alpha.example", "provider": "cloudflare",
        "config": {"tokenType": "ApiToken", "token": PLACEHOLDER},
        "tlsConfig": {"provider": "letsencrypt-prod", "wildcard": False}, "wellKnown": None, "locked": False,
    }
    assert client.call("GET", "/domains/ZETA.example").body["config"] == {}
    client.control("POST", "/switches", {"secret_placeholder": False})
    assert client.call("GET", "/domains/alpha.example").body["config"] == {"tokenType": "ApiToken", "token": "cf-secret"}


def test_unknown_domain(client):
    seed_domains(client)
    assert client.call("GET", "/domains/nope.example").outcome == (404, {"status": "Not Found", "message": "No such domain"})


@pytest.mark.parametrize("role, allowed", [("user", False), ("usermanager", False), ("mailmanager", False), ("admin", True)])
def test_get_needs_admin(client, role, allowed):
    seed_domains(client)
    client.control("POST", "/tokens", {"token": "t-role", "username": "someone", "role": role})
    status, payload = client.call("GET", "/domains/alpha.example", token="t-role").outcome
    if allowed:
        assert status == 200
    else:
        assert (status, payload["message"]) == (403, "role 'admin' is required but user has only '%s'" % role)


TLS = {"provider": "letsencrypt-prod", "wildcard": False}


def add(client, domain="new.example", provider="noop", config=None, **extra):
    body = dict({"domain": domain, "provider": provider, "config": config if config is not None else {}, "tlsConfig": TLS}, **extra)
    return client.call("POST", "/domains", body)


@pytest.mark.parametrize("provider", ["noop", "manual", "wildcard"])
def test_add_without_credentials(client, provider):
    assert add(client, provider=provider, config={"anything": 1}).outcome == (201, {})
    domain = client.call("GET", "/domains/new.example").body
    assert (domain["provider"], domain["config"], domain["zoneName"], domain["tlsConfig"]) == (provider, {}, "new.example", TLS)
    assert {"domain": "new.example", "zoneName": "new.example", "provider": provider, "locked": False} in \
        client.call("GET", "/domains").body["domains"]


@pytest.mark.parametrize("provider, config, stored", [
    ("cloudflare", {"tokenType": "ApiToken", "token": "t", "email": "x@example.com", "junk": 1},
     {"tokenType": "ApiToken", "token": "t", "defaultProxyStatus": False}),
    ("cloudflare", {"tokenType": "GlobalApiKey", "token": "t", "email": "x@example.com", "defaultProxyStatus": True},
     {"tokenType": "GlobalApiKey", "token": "t", "email": "x@example.com", "defaultProxyStatus": True}),
    ("route53", {"accessKeyId": "AKIA", "secretAccessKey": "s"},
     {"accessKeyId": "AKIA", "secretAccessKey": "s", "region": "us-east-1", "endpoint": None, "listHostedZonesByName": True}),
    ("digitalocean", {"token": "d"}, {"token": "d"}),
    ("godaddy", {"apiKey": "k", "apiSecret": "s"}, {"apiKey": "k", "apiSecret": "s"}),
    ("gcdns", {"projectId": "p", "credentials": {"client_email": "a@b.example", "private_key": "K", "x": 1}},
     {"projectId": "p", "credentials": {"client_email": "a@b.example", "private_key": "K"}}),
    ("netcup", {"customerNumber": "1", "apiKey": "k", "apiPassword": "p"}, {"customerNumber": "1", "apiKey": "k", "apiPassword": "p"}),
])
def test_stored_config_is_rebuilt(client, provider, config, stored):
    client.control("POST", "/switches", {"secret_placeholder": False})
    assert add(client, provider=provider, config=config).status == 201
    assert client.call("GET", "/domains/new.example").body["config"] == stored
    assert client.control("GET", "/state")["domains"][0]["config"] == stored


@pytest.mark.parametrize("provider, config, message", [
    ("cloudflare", {"tokenType": "ApiToken"}, "token must be a non-empty string"),
    ("cloudflare", {"tokenType": "GlobalApiKey", "token": "t"}, "email must be a non-empty string"),
    ("cloudflare", {"tokenType": "Other", "token": "t"}, "tokenType must be GlobalApiKey or ApiToken"),
    ("route53", {"accessKeyId": "AKIA", "secretAccessKey": ""}, "secretAccessKey must be a non-empty string"),
    ("hetzner", {}, "token must be a non-empty string"),
    ("dnsimple", {"token": "x"}, "accessToken must be a non-empty string"),
    ("godaddy", {"apiKey": "k"}, "apiSecret must be a non-empty string"),
    ("gcdns", {"projectId": "p"}, "credentials must be an object"),
    ("gcdns", {"projectId": "p", "credentials": {"client_email": "e"}}, "credentials.private_key must be a non-empty string"),
    ("ovh", {"endpoint": "ovh-eu", "appKey": "a", "appSecret": "s"}, "consumerKey must be a non-empty string"),
    ("dyn", {}, "Invalid provider"),
])
def test_missing_credentials(client, provider, config, message):
    assert add(client, provider=provider, config=config).outcome == (400, {"status": "Bad Request", "message": message})
    assert client.call("GET", "/domains").body == {"domains": []}


@pytest.mark.parametrize("body, message", [
    ({"domain": "not a domain"}, "Invalid domain"),
    ({"domain": "example"}, "Invalid domain"),
    ({"zoneName": "bad_zone"}, "Invalid zoneName"),
    ({"tlsConfig": {"provider": "caas"}}, "tlsConfig.provider must be fallback, letsencrypt-prod/staging"),
    ({"tlsConfig": {"provider": "letsencrypt-prod", "wildcard": True}}, "wildcard cert requires a programmable DNS backend"),
    ({"tlsConfig": {"provider": "fallback", "wildcard": True}}, "wildcard can only be set with letsencrypt"),
    ({"fallbackCertificate": {"cert": "C"}}, "fallbackCertificate.key must be a string"),
    ({"config": None}, "config must be object"),
])
def test_bad_add_body(client, body, message):
    full = dict({"domain": "new.example", "provider": "noop", "config": {}, "tlsConfig": TLS}, **body)
    assert client.call("POST", "/domains", full).outcome == (400, {"status": "Bad Request", "message": message})


def test_add_needs_config_and_tls_and_admin(client):
    assert client.call("POST", "/domains", {"domain": "a.example", "provider": "noop", "tlsConfig": TLS}).body["message"] == "config is required"
    assert client.call("POST", "/domains", {"domain": "a.example", "provider": "noop", "config": {}}).body["message"] == "tlsConfig is required"
    client.control("POST", "/tokens", {"token": "t-um", "username": "um", "role": "usermanager"})
    assert add(client).status == 201
    status, payload = client.call("POST", "/domains", {"domain": "b.example", "provider": "noop", "config": {}, "tlsConfig": TLS},
                                  token="t-um").outcome
    assert (status, payload["message"]) == (403, "role 'admin' is required but user has only 'usermanager'")


def test_duplicate_and_zone_name(client):
    assert add(client, domain="Sub.Example.com", zoneName="example.com").status == 201
    assert client.call("GET", "/domains/sub.example.com").body["zoneName"] == "example.com"
    assert add(client, domain="sub.example.com").outcome == (409, {"status": "Conflict", "message": "Domain already exists"})


def test_secrets_are_masked_and_placeholders_keep_them(client):
    config = {"tokenType": "ApiToken", "token": "cf-secret"}
    assert add(client, provider="cloudflare", config=config, fallbackCertificate={"cert": "CERT", "key": "KEY"}).status == 201
    domain = client.call("GET", "/domains/new.example").body
    assert domain["config"] == {"tokenType": "ApiToken", "token": PLACEHOLDER, "defaultProxyStatus": False}
    assert domain["fallbackCertificate"] == {"cert": "CERT", "key": PLACEHOLDER}
    # writing back what was read keeps the secrets
    body = {"provider": "cloudflare", "config": dict(domain["config"], defaultProxyStatus=True), "tlsConfig": TLS,
            "fallbackCertificate": domain["fallbackCertificate"]}
    assert client.call("POST", "/domains/new.example/config", body).outcome == (204, b"")
    stored = client.control("GET", "/state")["domains"][0]
    assert stored["config"] == {"tokenType": "ApiToken", "token": "cf-secret", "defaultProxyStatus": True}
    assert stored["fallbackCertificate"] == {"cert": "CERT", "key": "KEY"}
    # a placeholder does not stand for the secret of another provider
    body = {"provider": "digitalocean", "config": {"token": PLACEHOLDER}, "tlsConfig": TLS}
    assert client.call("POST", "/domains/new.example/config", body).status == 204
    assert client.control("GET", "/state")["domains"][0]["config"] == {"token": PLACEHOLDER}


def test_update_config(client):
    assert add(client, zoneName="new.example").status == 201
    body = {"provider": "route53", "config": {"accessKeyId": "A", "secretAccessKey": "S", "region": "eu-central-1"},
            "tlsConfig": {"provider": "letsencrypt-staging", "wildcard": True}}
    assert client.call("POST", "/domains/NEW.example/config", body).status == 204
    domain = client.call("GET", "/domains/new.example").body
    assert (domain["provider"], domain["zoneName"], domain["tlsConfig"]) == ("route53", "new.example", body["tlsConfig"])
    assert domain["config"]["region"] == "eu-central-1" and domain["config"]["secretAccessKey"] == PLACEHOLDER
    assert client.call("POST", "/domains/new.example/config", dict(body, domain="x")).body["message"] == "domain is not allowed"
    assert client.call("POST", "/domains/nope.example/config", body).outcome == (404, {"status": "Not Found", "message": "No such domain"})
    bad = dict(body, config={"accessKeyId": "A"})
    assert client.call("POST", "/domains/new.example/config", bad).body["message"] == "secretAccessKey must be a non-empty string"


def test_delete(client):
    client.control("POST", "/seed", {"domains": ["example.com", "mail.example", "app.example", "alias.example", "free.example"],
                                     "users": [{"username": "ann", "email": "ann@example.com"}],
                                     "mailboxes": [{"name": "ann", "domain": "mail.example", "owner": "ann"}],
                                     "apps": [{"appStoreId": "io.cloudron.surfer", "subdomain": "files", "domain": "app.example",
                                               "aliasDomains": [{"domain": "alias.example", "subdomain": "www"}]}]})
    in_use = (409, {"status": "Conflict", "message": "Domain is still in use. Remove all apps and mailboxes using this domain"})
    for name in ("mail.example", "app.example", "alias.example", "example.com"):
        assert client.call("DELETE", "/domains/" + name).outcome == in_use, name
    assert client.call("DELETE", "/domains/free.example").outcome == (204, b"")
    assert client.call("DELETE", "/domains/free.example").outcome == (404, {"status": "Not Found", "message": "No such domain"})
    remaining = [d["domain"] for d in client.call("GET", "/domains").body["domains"]]
    assert remaining == ["alias.example", "app.example", "example.com", "mail.example"]

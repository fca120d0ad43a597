"""Domains: listing and reading seeded domains."""

import pytest


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
        "config": {"tokenType": "ApiToken", "token": "cf-secret"},
        "tlsConfig": {"provider": "letsencrypt-prod", "wildcard": False}, "wellKnown": None, "locked": False,
    }
    assert client.call("GET", "/domains/ZETA.example").body["config"] == {}


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

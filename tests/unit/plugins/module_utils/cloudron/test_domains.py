# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Domains through the engine: the full config sent on every write, credentials kept or dropped by provider, secrets never shown."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.domains import Domains
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, PartialFailure, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import REDACTED
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

MASK = "\u25cf" * 8
CF_TOKEN = "cf-stored-token-4711"
AWS_SECRET = "aws-secret-access-key-0815"
TLS = {"provider": "letsencrypt-prod", "wildcard": False}
CERT = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----"


def cloudflare(token=MASK, **extra):
    """A cloudflare domain as GET /domains/:domain answers it, its token masked or as stored."""
    config = {"email": "dns@example.com", "tokenType": "GlobalApiKey", "token": token}
    config.update(extra)
    return {"domain": "example.com", "zoneName": "example.com", "provider": "cloudflare", "config": config,
            "tlsConfig": dict(TLS), "wellKnown": None, "locked": False}


def make(domain=None, check_mode=False, update_secrets="on_create"):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/domains/example.com", (200, domain or cloudflare()))
    server.on("POST", "/domains/example.com/config", (204, ""))
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode)
    return Engine(Domains(), ctx, check_mode=check_mode, update_secrets=update_secrets), server


def converge(engine, params, state="present"):
    return engine.converge(engine.items([dict({"domain": "example.com"}, **params)]), state)


def sent_configs(server):
    return [(entry[1], entry[3]) for entry in server.writes()]


SWITCH_TO_ROUTE53 = {"provider": "route53", "dns_config": {"access_key_id": "AKIAEXAMPLE"},
                     "dns_credentials": {"secret_access_key": AWS_SECRET}}


@pytest.mark.parametrize("token", [MASK, CF_TOKEN], ids=["answered-masked", "answered-as-stored"])
def test_a_provider_switch_sends_only_the_new_providers_settings_and_credentials(token):
    engine, server = make(cloudflare(token))
    outcome = converge(engine, SWITCH_TO_ROUTE53)
    assert [change.report() for change in outcome.changes] == [
        {"action": "update", "key": "example.com", "fields": ["dns_config", "provider"]}]
    assert sent_configs(server) == [("/api/v1/domains/example.com/config", {
        "provider": "route53", "zoneName": "example.com",
        "config": {"accessKeyId": "AKIAEXAMPLE", "secretAccessKey": AWS_SECRET}, "tlsConfig": TLS})]


def test_the_result_of_a_provider_switch_shows_only_the_new_providers_settings():
    engine, _server = make()
    outcome = converge(engine, SWITCH_TO_ROUTE53)
    assert outcome.results[0]["dns_config"] == {"access_key_id": "AKIAEXAMPLE"}
    assert outcome.after["example.com"]["dns_config"] == {"access_key_id": "AKIAEXAMPLE"}


@pytest.mark.parametrize("token", [MASK, CF_TOKEN], ids=["answered-masked", "answered-as-stored"])
def test_a_tls_change_sends_back_the_stored_credentials_and_settings_unchanged(token):
    engine, server = make(cloudflare(token))
    outcome = converge(engine, {"tls_config": {"wildcard": True}})
    assert [change.report() for change in outcome.changes] == [{"action": "update", "key": "example.com", "fields": ["tls_config"]}]
    assert sent_configs(server) == [("/api/v1/domains/example.com/config", {
        "provider": "cloudflare", "zoneName": "example.com",
        "config": {"email": "dns@example.com", "tokenType": "GlobalApiKey", "token": token},
        "tlsConfig": {"provider": "letsencrypt-prod", "wildcard": True}})]
    assert outcome.results == [{"domain": "example.com", "zone_name": "example.com", "provider": "cloudflare",
                                "dns_config": {"email": "dns@example.com", "token_type": "GlobalApiKey"},
                                "tls_config": {"provider": "letsencrypt-prod", "wildcard": True}, "fallback_certificate": None}]


def test_a_tls_change_keeps_stored_provider_settings_the_module_does_not_model():
    engine, server = make(cloudflare(defaultProxyStatus=True))
    converge(engine, {"tls_config": {"wildcard": True}})
    assert sent_configs(server)[0][1]["config"] == {"email": "dns@example.com", "tokenType": "GlobalApiKey", "token": MASK,
                                                    "defaultProxyStatus": True}


def test_a_new_credential_for_the_same_provider_replaces_the_stored_one_only():
    engine, server = make(update_secrets="always")
    converge(engine, {"dns_credentials": {"token": "rotated-token"}})
    assert sent_configs(server)[0][1]["config"] == {"email": "dns@example.com", "tokenType": "GlobalApiKey", "token": "rotated-token"}


def test_nothing_to_change_sends_nothing():
    engine, server = make()
    outcome = converge(engine, {"provider": "cloudflare", "dns_config": {"token_type": "GlobalApiKey"},
                                "dns_credentials": {"token": "not-sent-on-update"}})
    assert outcome.changed is False
    assert outcome.results[0]["dns_config"] == {"email": "dns@example.com", "token_type": "GlobalApiKey"}
    assert server.writes() == []


def test_check_mode_predicts_the_switch_without_writing():
    engine, server = make(check_mode=True)
    outcome = converge(engine, SWITCH_TO_ROUTE53)
    assert outcome.changed is True
    assert outcome.results[0]["provider"] == "route53"
    assert server.writes() == []
    assert [entry[1] for entry in server.log] == ["/api/v1/domains/example.com", "/api/v1/cloudron/status"]


@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check-mode"])
def test_update_secrets_always_marks_credentials_redacted_and_never_shows_them(check_mode):
    engine, server = make(check_mode=check_mode, update_secrets="always")
    outcome = converge(engine, {"dns_credentials": {"token": "rotated-token"}})
    assert [change.report() for change in outcome.changes] == [
        {"action": "update", "key": "example.com", "fields": ["dns_credentials"]}]
    assert outcome.after["example.com"]["dns_credentials"] == REDACTED
    assert "dns_credentials" not in outcome.before["example.com"]
    assert "dns_credentials" not in outcome.results[0]
    shown = repr((outcome.before, outcome.after, outcome.results))
    assert "rotated-token" not in shown and MASK not in shown
    assert len(server.writes()) == (0 if check_mode else 1)


def test_a_fallback_certificate_without_its_key_fails_before_any_write():
    engine, server = make()
    with pytest.raises(ResourceError) as caught:
        converge(engine, {"fallback_certificate": CERT})
    assert str(caught.value) == "domain 'example.com': fallback_certificate_key is needed to set fallback_certificate"
    assert server.writes() == []


def test_a_fallback_certificate_with_its_key_is_sent_with_a_final_newline():
    engine, server = make()
    outcome = converge(engine, {"fallback_certificate": CERT + "\r\n", "fallback_certificate_key": "-----BEGIN PRIVATE KEY-----"})
    assert sent_configs(server)[0][1]["fallbackCertificate"] == {"cert": CERT + "\n", "key": "-----BEGIN PRIVATE KEY-----"}
    assert outcome.results[0]["fallback_certificate"] == CERT
    assert "fallback_certificate_key" not in outcome.after["example.com"]
    assert "PRIVATE KEY" not in repr((outcome.before, outcome.after, outcome.results))


def test_deleting_a_domain_the_server_no_longer_has_counts_as_done():
    engine, server = make()
    server.on("DELETE", "/domains/example.com", (404, {"status": "Not Found", "message": "No such domain"}))
    outcome = converge(engine, {}, state="absent")
    assert [change.report() for change in outcome.changes] == [{"action": "delete", "key": "example.com", "fields": []}]
    assert outcome.results == [None]
    assert [entry[:2] for entry in server.writes()] == [("DELETE", "/api/v1/domains/example.com")]


def test_deleting_through_an_unknown_route_fails():
    engine, server = make()
    with pytest.raises(PartialFailure) as caught:
        converge(engine, {}, state="absent")
    assert isinstance(caught.value.error, ApiError)
    assert (caught.value.error.status, caught.value.error.message, caught.value.error.missing) == (404, "No such route", False)
    assert caught.value.applied == []
    assert [entry[:2] for entry in server.writes()] == [("DELETE", "/api/v1/domains/example.com")]


def test_a_domain_in_use_cannot_be_deleted_and_says_why():
    engine, server = make()
    server.on("DELETE", "/domains/example.com", (409, {"status": "Conflict", "message": "Domain is in use by an app"}))
    with pytest.raises(PartialFailure) as caught:
        converge(engine, {}, state="absent")
    assert str(caught.value.error) == "domain 'example.com' cannot be removed: Domain is in use by an app"


def test_a_missing_domain_is_added_with_the_full_config():
    engine, server = make()
    server.on("GET", "/domains/example.com", (404, {"status": "Not Found", "message": "No such domain"}))
    server.on("POST", "/domains", (201, {}))
    outcome = converge(engine, {"provider": "cloudflare", "dns_config": {"token_type": "ApiToken"}, "dns_credentials": {"token": CF_TOKEN}})
    assert [change.report() for change in outcome.changes] == [
        {"action": "create", "key": "example.com", "fields": ["dns_config", "dns_credentials", "domain", "provider"]}]
    assert sent_configs(server) == [("/api/v1/domains", {
        "domain": "example.com", "provider": "cloudflare", "zoneName": "example.com",
        "config": {"tokenType": "ApiToken", "token": CF_TOKEN}, "tlsConfig": TLS})]
    assert outcome.after["example.com"]["dns_credentials"] == REDACTED
    assert CF_TOKEN not in repr((outcome.before, outcome.after, outcome.results))

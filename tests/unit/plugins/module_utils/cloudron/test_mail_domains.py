# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mail domains through the engine: one read, one write per changed setting, the relay password never shown."""

from __future__ import annotations

import json

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_actions import send_test_mail
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_domains import MailDomains
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import REDACTED
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

MASK = "\u25cf" * 8
SECRET = "relay-secret-4711"
PATH = "/mail/example.com"
EXTERNAL = {"provider": "external-smtp", "host": "smtp.relay.example.net", "port": 587, "username": "cloudron",
            "password": MASK, "acceptSelfSignedCerts": False, "forceFromAddress": False}


def config(**changes):
    """A mail config object as GET /mail/:domain answers it."""
    found = {"domain": "example.com", "enabled": False, "mailFromValidation": True, "catchAll": [],
             "relay": {"provider": "cloudron-smtp"}, "banner": {"text": "", "html": ""},
             "dkimSelector": "cloudron"}
    found.update(changes)
    return found


def make(answer=None, check_mode=False, update_secrets="on_create", shape="plain"):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    answer = answer or config()
    server.on("GET", PATH, (200, {"domain": [answer]} if shape == "wrapped" else answer))
    for route in ("enable", "mail_from_validation", "catch_all", "relay", "banner", "send_test_mail"):
        server.on("POST", "%s/%s" % (PATH, route), (202, {}))
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode)
    return Engine(MailDomains(), ctx, check_mode=check_mode, update_secrets=update_secrets), server


def converge(engine, params, password=None):
    item = engine.items([dict({"domain": "Example.COM"}, **params)])[0]
    if password is not None:
        item["relay.password"] = password
    return engine.converge([item], "present")


def writes(server):
    return [(entry[1][len("/api/v1"):], entry[3]) for entry in server.writes()]


@pytest.mark.parametrize("shape", ["plain", "wrapped"])
def test_the_same_settings_cost_one_read_and_no_write(shape):
    engine, server = make(config(enabled=True, catchAll=["Admin@Example.com"]), shape=shape)
    outcome = converge(engine, {"enabled": True, "catch_all": ["admin@example.com"], "mail_from_validation": True,
                                "relay": {"provider": "cloudron-smtp"}, "banner": {"text": ""}})
    assert outcome.changed is False
    assert [(entry[0], entry[1]) for entry in server.log] == [("GET", "/api/v1" + PATH)]
    assert outcome.results == [{"domain": "example.com", "enabled": True, "mail_from_validation": True,
                                "catch_all": ["admin@example.com"], "relay": {"provider": "cloudron-smtp"},
                                "banner": {"text": "", "html": ""}}]


@pytest.mark.parametrize("shape", ["plain", "wrapped"])
def test_each_changed_setting_is_one_post_in_route_order(shape):
    engine, server = make(shape=shape)
    outcome = converge(engine, {"banner": {"html": "<p>Example Co</p>"}, "catch_all": ["B@example.com", "a@example.com"],
                                "enabled": True, "mail_from_validation": True})
    assert [change.report() for change in outcome.changes] == [
        {"action": "update", "key": "example.com", "fields": ["banner", "catch_all", "enabled"]}]
    assert writes(server) == [
        (PATH + "/enable", {"enabled": True}),
        (PATH + "/catch_all", {"addresses": ["a@example.com", "b@example.com"]}),
        (PATH + "/banner", {"text": "", "html": "<p>Example Co</p>"}),
    ]
    assert outcome.results[0]["catch_all"] == ["a@example.com", "b@example.com"]


def test_check_mode_reads_the_domain_and_the_version_writes_nothing_and_predicts():
    engine, server = make(check_mode=True)
    outcome = converge(engine, {"enabled": True, "relay": {"provider": "external-smtp", "host": "SMTP.example.net"}},
                       password=SECRET)
    assert outcome.changed is True
    assert server.writes() == []
    assert [entry[1] for entry in server.log] == ["/api/v1" + PATH, "/api/v1/cloudron/status"]
    assert outcome.results[0]["relay"] == {"provider": "external-smtp", "host": "smtp.example.net"}
    assert SECRET not in json.dumps([outcome.results, outcome.before, outcome.after])


def test_a_provider_switch_sends_only_the_settings_given_and_the_password():
    engine, server = make()
    outcome = converge(engine, {"relay": {"provider": "external-smtp", "host": "smtp.relay.example.net", "port": 587,
                                          "username": "cloudron"}}, password=SECRET)
    assert writes(server) == [(PATH + "/relay", {"provider": "external-smtp", "host": "smtp.relay.example.net", "port": 587,
                                                 "username": "cloudron", "password": SECRET})]
    assert outcome.results[0]["relay"] == {"provider": "external-smtp", "host": "smtp.relay.example.net", "port": 587,
                                           "username": "cloudron"}
    assert SECRET not in json.dumps([outcome.results, outcome.before, outcome.after])


def test_a_provider_switch_drops_the_old_providers_settings():
    engine, server = make(config(relay=dict(EXTERNAL)))
    outcome = converge(engine, {"relay": {"provider": "cloudron-smtp"}})
    assert writes(server) == [(PATH + "/relay", {"provider": "cloudron-smtp"})]
    assert outcome.results[0]["relay"] == {"provider": "cloudron-smtp"}


def test_a_change_for_the_same_provider_sends_the_masked_password_back():
    engine, server = make(config(relay=dict(EXTERNAL)))
    outcome = converge(engine, {"relay": {"force_from_address": True}})
    assert writes(server) == [(PATH + "/relay", dict(EXTERNAL, forceFromAddress=True))]
    assert outcome.results[0]["relay"]["force_from_address"] is True
    assert "password" not in outcome.results[0]["relay"]


def test_the_password_is_never_compared_and_sent_on_every_run_with_always():
    stored = config(relay=dict(EXTERNAL))
    engine, server = make(stored)
    assert converge(engine, {"relay": {"host": "smtp.relay.example.net"}}, password=SECRET).changed is False
    assert server.writes() == []
    engine, server = make(stored, update_secrets="always")
    outcome = converge(engine, {"relay": {"host": "smtp.relay.example.net"}}, password=SECRET)
    assert [change.report() for change in outcome.changes] == [
        {"action": "update", "key": "example.com", "fields": ["relay.password"]}]
    assert writes(server) == [(PATH + "/relay", dict(EXTERNAL, password=SECRET))]
    assert outcome.after["example.com"]["relay.password"] == REDACTED
    assert SECRET not in json.dumps([outcome.results, outcome.before, outcome.after])


def test_a_server_that_hides_the_password_needs_it_for_a_relay_change_before_any_write():
    hidden = dict(EXTERNAL)
    del hidden["password"]
    engine, server = make(config(relay=hidden))
    with pytest.raises(ResourceError, match="relay.password is needed"):
        converge(engine, {"enabled": True, "relay": {"port": 465}})
    assert server.writes() == []
    engine, server = make(config(relay=hidden))
    converge(engine, {"relay": {"port": 465}}, password=SECRET)
    assert writes(server) == [(PATH + "/relay", dict(hidden, port=465, password=SECRET))]


def test_a_hidden_password_does_not_matter_without_a_relay_change_or_a_username():
    hidden = dict(EXTERNAL)
    del hidden["password"]
    engine, server = make(config(relay=hidden))
    assert converge(engine, {"relay": {"port": 587}}).changed is False
    engine, server = make(config(relay={"provider": "external-smtp-noauth", "host": "relay.lan"}))
    converge(engine, {"relay": {"port": 25}})
    assert writes(server) == [(PATH + "/relay", {"provider": "external-smtp-noauth", "host": "relay.lan", "port": 25})]


def test_an_unknown_domain_is_an_error_naming_it_and_a_warning_in_check_mode():
    engine, server = make()
    server.on("GET", "/mail/example.org", (404, {"status": "Not Found", "message": "No such domain"}))
    with pytest.raises(ResourceError, match=r"domain 'example.org' is not a domain of this Cloudron \(No such domain\)"):
        engine.converge(engine.items([{"domain": "example.org", "enabled": True}]), "present")
    warnings = []
    engine, server = make(check_mode=True)
    engine.ctx._warn = warnings.append
    server.on("GET", "/mail/example.org", (404, {"status": "Not Found", "message": "No such domain"}))
    outcome = engine.converge(engine.items([{"domain": "example.org", "enabled": True}]), "present")
    assert outcome.changed is True and outcome.results[0]["enabled"] is True
    assert len(warnings) == 1 and "example.org" in warnings[0]


@pytest.mark.parametrize("params,message", [
    ({"domain": "not a domain"}, "domain 'not a domain' is not a valid domain name"),
    ({"domain": "example.com", "catch_all": ["admin@example.com", "nobody"]}, "catch_all: 'nobody' is not an email address"),
    ({"domain": "example.com", "relay": {"port": 70000}}, "relay.port 70000 is out of range"),
])
def test_bad_input_names_the_option_before_any_request(params, message):
    engine, server = make()
    with pytest.raises(ResourceError, match=message):
        engine.items([params])
    assert server.log == []


def test_a_refused_relay_keeps_the_settings_written_before_it():
    engine, server = make()
    server.on("POST", PATH + "/relay", (400, {"status": "Bad Request", "message": "Invalid provider"}))
    with pytest.raises(Exception) as caught:
        converge(engine, {"enabled": True, "relay": {"provider": "carrier-pigeon"}})
    assert "Invalid provider" in str(caught.value.error)
    assert [change.report() for change in caught.value.applied] == [
        {"action": "update", "key": "example.com", "fields": ["enabled"]}]


def test_reading_every_domain_reads_the_list_then_each_domain():
    engine, server = make()
    server.on("GET", "/domains", (200, {"domains": [{"domain": "example.com"}, {"domain": "example.org"}]}))
    server.on("GET", "/mail/example.org", (200, {"domain": [config(domain="example.org", enabled=True)]}))
    found = engine.read([], complete=True)
    assert [(item["domain"], item["enabled"]) for item in found] == [("example.com", False), ("example.org", True)]
    assert [entry[1] for entry in server.log] == ["/api/v1/domains", "/api/v1" + PATH, "/api/v1/mail/example.org"]


def test_a_test_mail_is_sent_once_and_not_in_check_mode():
    engine, server = make(check_mode=True)
    assert send_test_mail(engine.ctx, "Example.com", "admin@example.org", check_mode=True) == {
        "domain": "example.com", "to": "admin@example.org", "sent": False}
    assert server.writes() == []
    engine, server = make()
    assert send_test_mail(engine.ctx, "example.com", "admin@example.org")["sent"] is True
    assert writes(server) == [(PATH + "/send_test_mail", {"to": "admin@example.org"})]


def test_a_test_mail_the_server_cannot_send_quotes_its_message():
    engine, server = make()
    server.on("POST", PATH + "/send_test_mail", (424, {"status": "Failed Dependency", "message": "connect ECONNREFUSED 10.0.0.1:587"}))
    with pytest.raises(ApiError) as caught:
        send_test_mail(engine.ctx, "example.com", "admin@example.org")
    assert caught.value.status == 424
    assert "connect ECONNREFUSED 10.0.0.1:587" in str(caught.value)
    assert "could not send the test mail" in str(caught.value)


def test_a_test_mail_to_a_bad_address_sends_no_request():
    engine, server = make()
    with pytest.raises(ResourceError, match="to 'admin' is not an email address"):
        send_test_mail(engine.ctx, "example.com", "admin")
    assert server.log == []

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Provisioning: where a server is in the setup/activation flow, and the steps that take it from there."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron import provision
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.provision import (
    ACTIVATE, READY, SETUP, TOKEN, Provisioner, TokenFailed,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError, WaitTimeout
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import MAX_ATTEMPTS
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount, refused

SETUP_BASE = "https://203.0.113.10/api/v1"
IDLE = {"active": False, "message": "", "errorMessage": None}
# The dashboard host before it is ready answers every status read (and its retries) with 503.
NOT_READY = [(503, "<html><body>Cloudron is not ready yet</body></html>")] * MAX_ATTEMPTS
OWNER = {"username": "admin1", "email": "admin@example.com", "password": "owner-password-1", "display_name": "Ada Admin"}
DOMAIN = {"domain": "Example.com", "provider": "cloudflare", "dns_config": {"token_type": "ApiToken"},
          "dns_credentials": {"token": "cf-token"}}
TOKENS_HINT = "create one in the dashboard (Profile, API Tokens) as the owner and give it as api_token"
# What setup and activation answer once the server is activated: newer servers, then older ones.
ALREADY_DONE = [(405, {"status": "Method Not Allowed", "message": "Route unavailable after activation"}),
                (409, {"status": "Conflict", "message": "Already setup"})]


def status(activated=False, setup=None, admin_fqdn=None):
    return (200, {"version": "9.0.15", "activated": activated, "setup": setup or IDLE, "adminFqdn": admin_fqdn,
                  "provider": "generic"})


SET_UP = status(admin_fqdn="my.example.com")
ACTIVATED = status(activated=True, admin_fqdn="my.example.com")
# An activated 9.0.15 answers GET /cloudron/status with its version only.
VERSION_ONLY = (200, {"version": "9.0.15"})


class Clock:
    """A monotonic clock that only moves when something sleeps."""

    def __init__(self):
        self.now = 100.0
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def servers(monkeypatch):
    """(dashboard, setup): every client the provisioner creates talks to one of them, retries without sleeping."""
    dashboard, setup = FakeServer(), FakeServer(SETUP_BASE)

    class Mounted(CloudronClient):
        @classmethod
        def from_params(cls, params, url_option="api_url", token=None, **http_kwargs):
            client = super().from_params(params, url_option=url_option, token=token, sleep=lambda s: None, **http_kwargs)
            mount(client.http, setup if url_option == "setup_url" else dashboard)
            return client

    monkeypatch.setattr(provision, "CloudronClient", Mounted)
    return dashboard, setup


def provisioner(clock=None, **params):
    clock = clock or Clock()
    options = {"api_url": "my.example.com", "api_token": None, "validate_certs": True, "ca_path": None, "request_timeout": 30.0,
               "api_version": None, "setup_url": "https://203.0.113.10", "setup_validate_certs": False, "domain": DOMAIN,
               "owner": OWNER, "token_name": "ansible", "wait_timeout": 600}
    options.update(params)
    return Provisioner(options, clock=clock, sleep=clock.sleep)


def writes(server):
    """(path, body, Authorization header) of every write."""
    return [(entry[1], entry[3], entry[2].get("Authorization")) for entry in server.writes()]


def reads(server):
    """(path, Authorization header) of every read."""
    return [(entry[1], entry[2].get("Authorization")) for entry in server.log if entry[0] == "GET"]


def paths(server):
    return [entry[1] for entry in server.log]


def answer_activation(dashboard, expires=1):
    dashboard.on("POST", "/provision/activate", (201, {"userId": "uid-1", "token": "activation-token", "expires": expires}))
    dashboard.on("POST", "/tokens", (201, {"id": "tid-1", "name": "ansible", "accessToken": "durable-token"}))


# -- where the server is ---------------------------------------------------------------------------


def test_an_activated_server_needs_no_step_and_only_its_provision_status_is_read(servers):
    dashboard, setup = servers
    dashboard.on("GET", "/provision/status", ACTIVATED)
    dashboard.on("GET", "/cloudron/status", VERSION_ONLY)
    assert provisioner().state() == (ACTIVATED[1], [])
    assert paths(dashboard) == ["/api/v1/provision/status"]
    assert setup.log == []


@pytest.mark.parametrize("answer", [
    (404, {"status": "Not Found", "message": "No such route"}),
    (404, "<html><body><h1>404 Not Found</h1>nginx</body></html>"),
    refused(),
], ids=["no-such-route", "nginx-404", "refused"])
def test_without_a_provision_status_the_cloudron_status_is_read(servers, answer):
    dashboard, setup = servers
    dashboard.on("GET", "/provision/status", answer)
    dashboard.on("GET", "/cloudron/status", SET_UP)
    assert provisioner().state() == (SET_UP[1], [ACTIVATE, TOKEN])
    assert paths(dashboard)[-1] == "/api/v1/cloudron/status"
    assert set(paths(dashboard)) == {"/api/v1/provision/status", "/api/v1/cloudron/status"}
    assert setup.log == []


def test_a_provision_status_without_a_version_is_merged_with_the_cloudron_status(servers):
    dashboard, _setup = servers
    dashboard.on("GET", "/provision/status", (200, {"activated": True, "setup": IDLE, "adminFqdn": "my.example.com"}))
    dashboard.on("GET", "/cloudron/status", VERSION_ONLY)
    assert provisioner().state() == ({"version": "9.0.15", "activated": True, "setup": IDLE, "adminFqdn": "my.example.com"}, [])
    assert paths(dashboard) == ["/api/v1/provision/status", "/api/v1/cloudron/status"]


def test_a_status_that_does_not_say_activated_is_not_taken_for_activated(servers):
    dashboard, setup = servers
    dashboard.on("GET", "/cloudron/status", VERSION_ONLY)
    assert provisioner().state() == (VERSION_ONLY[1], [ACTIVATE, TOKEN])
    assert dashboard.writes() == []
    assert setup.log == []


def test_a_status_that_does_not_say_activated_counts_as_activated_when_api_token_works(servers):
    dashboard, _setup = servers
    dashboard.on("GET", "/cloudron/status", VERSION_ONLY)
    dashboard.on("GET", "/profile", (200, {"id": "uid-1", "username": "admin1", "role": "owner"}))
    dashboard.on("GET", "/tokens", (200, {"tokens": []}))
    assert provisioner(api_token="owner-token").state() == (VERSION_ONLY[1], [TOKEN])
    assert reads(dashboard)[-2:] == [("/api/v1/profile", "Bearer owner-token"), ("/api/v1/tokens", "Bearer owner-token")]


def test_an_api_token_the_server_refuses_does_not_prove_it_activated(servers):
    dashboard, _setup = servers
    dashboard.on("GET", "/cloudron/status", VERSION_ONLY)
    dashboard.on("GET", "/profile", (401, {"status": "Unauthorized", "message": "Token invalid"}))
    assert provisioner(api_token="stale-token").state() == (VERSION_ONLY[1], [ACTIVATE, TOKEN])
    assert "/api/v1/tokens" not in paths(dashboard)


@pytest.mark.parametrize("tokens,needs", [
    ([{"id": "tid-1", "name": "ci"}, {"id": "tid-2", "name": "ansible"}], []),
    ([{"id": "tid-1", "name": "ci"}], [TOKEN]),
    ([], [TOKEN]),
], ids=["token-name-exists", "other-token-only", "no-token"])
def test_an_activated_server_needs_a_token_only_when_api_tokens_user_has_none_named_token_name(servers, tokens, needs):
    dashboard, _setup = servers
    dashboard.on("GET", "/provision/status", ACTIVATED)
    dashboard.on("GET", "/tokens", (200, {"tokens": tokens}))
    assert provisioner(api_token="owner-token").state() == (ACTIVATED[1], needs)
    assert reads(dashboard) == [("/api/v1/provision/status", None), ("/api/v1/tokens", "Bearer owner-token")]


def test_a_fresh_server_needs_every_step(servers):
    dashboard, setup = servers
    dashboard.on("GET", "/provision/status", *NOT_READY)
    dashboard.on("GET", "/cloudron/status", *NOT_READY)
    setup.on("GET", "/provision/status", status())
    found, needs = provisioner().state()
    assert needs == [SETUP, READY, ACTIVATE, TOKEN] == ["setup", "wait for the dashboard host", "activate", "create API token"]
    assert found == status()[1]
    assert [(entry[1], entry[4]) for entry in setup.log] == [("/api/v1/provision/status", False)]


def test_a_dashboard_that_answers_unactivated_needs_activation_and_a_token_only(servers):
    dashboard, setup = servers
    dashboard.on("GET", "/cloudron/status", SET_UP)
    assert provisioner().state()[1] == [ACTIVATE, TOKEN]
    assert setup.log == []


@pytest.mark.parametrize("setup_status,needs", [
    (status(admin_fqdn="my.example.com"), [READY, ACTIVATE, TOKEN]),
    (status(admin_fqdn="my.example.com", setup={"active": False, "message": "", "errorMessage": "Invalid token"}),
     [SETUP, READY, ACTIVATE, TOKEN]),
    (status(admin_fqdn="my.example.com", setup={"active": True, "message": "Adding domain", "errorMessage": None}),
     [SETUP, READY, ACTIVATE, TOKEN]),
    (status(admin_fqdn="my.example.com", setup={"message": ""}), [SETUP, READY, ACTIVATE, TOKEN]),
    (status(), [SETUP, READY, ACTIVATE, TOKEN]),
    (status(activated=True, admin_fqdn="my.example.com"), []),
], ids=["set-up", "setup-failed", "setup-running", "setup-active-unknown", "not-set-up", "activated"])
def test_the_setup_step_is_skipped_only_for_a_setup_that_ended_without_error(servers, setup_status, needs):
    dashboard, setup = servers
    dashboard.on("GET", "/cloudron/status", *NOT_READY)
    setup.on("GET", "/provision/status", setup_status)
    assert provisioner().state() == (setup_status[1], needs)


def test_a_server_answering_nowhere_is_an_error_naming_both_addresses(servers):
    dashboard, setup = servers
    dashboard.on("GET", "/cloudron/status", *NOT_READY)
    setup.on("GET", "/cloudron/status", (404, "<html>nginx</html>"))
    with pytest.raises(ResourceError) as caught:
        provisioner().state()
    assert str(caught.value) == "neither https://my.example.com/api/v1 nor https://203.0.113.10/api/v1 answers as a Cloudron server"


def test_without_a_setup_url_an_unready_dashboard_is_an_error_saying_so(servers):
    dashboard, _setup = servers
    dashboard.on("GET", "/cloudron/status", *NOT_READY)
    with pytest.raises(ResourceError) as caught:
        provisioner(setup_url=None).state()
    assert str(caught.value) == "neither https://my.example.com/api/v1 nor a setup_url (not given) answers as a Cloudron server"


# -- running the steps -----------------------------------------------------------------------------


def test_a_fresh_server_is_set_up_activated_and_given_a_durable_token(servers):
    dashboard, setup = servers
    dashboard.on("GET", "/cloudron/status", *(NOT_READY + NOT_READY + [SET_UP]))
    setup.on("GET", "/cloudron/status", status(), status(setup={"active": True, "message": "Adding domain", "errorMessage": None}),
             status(setup={"active": False, "message": "Done", "errorMessage": None}, admin_fqdn="my.example.com"))
    setup.on("POST", "/provision/setup", (200, {}))
    answer_activation(dashboard)
    clock = Clock()
    run = provisioner(clock)
    _found, needs = run.state()
    assert run.run(needs) == "durable-token"
    assert writes(setup) == [("/api/v1/provision/setup", {"domainConfig": {
        "domain": "example.com", "provider": "cloudflare", "zoneName": "example.com",
        "config": {"tokenType": "ApiToken", "token": "cf-token"}, "tlsConfig": {"provider": "letsencrypt-prod", "wildcard": False}}}, None)]
    assert writes(dashboard) == [
        ("/api/v1/provision/activate", {"username": "admin1", "email": "admin@example.com", "password": "owner-password-1",
                                        "displayName": "Ada Admin"}, None),
        ("/api/v1/tokens", {"name": "ansible"}, "Bearer activation-token")]
    assert clock.slept == [0.5, 0.5]


def test_a_set_up_server_is_activated_without_touching_the_setup_address(servers):
    dashboard, setup = servers
    dashboard.on("GET", "/cloudron/status", SET_UP)
    answer_activation(dashboard)
    assert provisioner().run([READY, ACTIVATE, TOKEN]) == "durable-token"
    assert [entry[0] for entry in writes(dashboard)] == ["/api/v1/provision/activate", "/api/v1/tokens"]
    assert setup.log == []


def test_a_failed_setup_surfaces_the_servers_message_and_activates_nothing(servers):
    dashboard, setup = servers
    setup.on("GET", "/cloudron/status", status(setup={"active": False, "message": "Failed",
                                                      "errorMessage": "DNS credentials are invalid: Invalid token"}))
    setup.on("POST", "/provision/setup", (200, {}))
    with pytest.raises(ResourceError) as caught:
        provisioner().run([SETUP, READY, ACTIVATE, TOKEN])
    assert str(caught.value) == ("setup failed: DNS credentials are invalid: Invalid token; fix the cause (DNS credentials, domain) "
                                 "and re-run")
    assert dashboard.log == []


def test_a_setup_the_server_refuses_is_an_error_with_its_answer_and_nothing_is_waited_on(servers):
    dashboard, setup = servers
    setup.on("GET", "/provision/status", status())
    setup.on("POST", "/provision/setup", (422, {"status": "Unprocessable Entity", "message": "domain must be a valid domain"}))
    clock = Clock()
    with pytest.raises(ResourceError) as caught:
        provisioner(clock).run([SETUP, READY, ACTIVATE, TOKEN])
    assert str(caught.value) == ("setup refused: POST https://203.0.113.10/api/v1/provision/setup returned 422: "
                                 "domain must be a valid domain")
    assert (setup.log[-1][:2], clock.slept, dashboard.log) == (("POST", "/api/v1/provision/setup"), [], [])


@pytest.mark.parametrize("refusal", ALREADY_DONE, ids=["405", "409"])
def test_a_setup_answered_already_done_is_waited_on_like_one_that_started(servers, refusal):
    _dashboard, setup = servers
    setup.on("GET", "/provision/status", SET_UP)
    setup.on("POST", "/provision/setup", refusal)
    assert provisioner().run([SETUP]) is None
    assert [entry[:2] for entry in setup.log] == [("POST", "/api/v1/provision/setup"), ("GET", "/api/v1/provision/status")]


def test_a_setup_that_never_ends_times_out_with_a_hint(servers):
    _dashboard, setup = servers
    setup.on("GET", "/cloudron/status", status(setup={"active": True, "message": "Waiting for DNS", "errorMessage": None}))
    setup.on("POST", "/provision/setup", (200, {}))
    clock = Clock()
    with pytest.raises(WaitTimeout) as caught:
        provisioner(clock).run([SETUP])
    assert str(caught.value) == "timed out after 600s waiting for setup; a re-run continues from there"
    assert sum(clock.slept) == pytest.approx(600)


def test_a_re_run_while_the_setup_runs_waits_for_it_instead_of_posting_it_again(servers):
    dashboard, setup = servers
    dashboard.on("GET", "/cloudron/status", *(NOT_READY + [SET_UP]))
    setup.on("GET", "/cloudron/status", status(setup={"active": True, "message": "Adding domain", "errorMessage": None}),
             status(setup={"active": False, "message": "Done", "errorMessage": None}, admin_fqdn="my.example.com"))
    setup.on("POST", "/provision/setup", (409, {"status": "Conflict", "message": "Already setup"}))
    answer_activation(dashboard)
    run = provisioner()
    assert run.run(run.state()[1]) == "durable-token"
    assert writes(setup) == []
    assert [entry[0] for entry in writes(dashboard)] == ["/api/v1/provision/activate", "/api/v1/tokens"]


def test_setup_needs_the_setup_url(servers):
    with pytest.raises(ResourceError) as caught:
        provisioner(setup_url=None).run([SETUP])
    assert str(caught.value) == ("the server is not set up yet: give setup_url, the address it answers on before it has a "
                                 "dashboard host")


def test_a_fallback_certificate_without_its_key_is_refused_before_setup(servers):
    _dashboard, setup = servers
    with pytest.raises(ResourceError) as caught:
        provisioner(domain=dict(DOMAIN, fallback_certificate="-----BEGIN CERTIFICATE-----")).run([SETUP])
    assert str(caught.value) == "domain 'example.com': fallback_certificate_key is needed to set fallback_certificate"
    assert setup.log == []


@pytest.mark.parametrize("owner,missing", [
    ({"username": "admin1"}, "owner.email, owner.password"),
    ({"username": "admin1", "email": "admin@example.com", "password": ""}, "owner.password"),
    (None, "owner.username, owner.email, owner.password"),
])
def test_activation_names_the_missing_owner_fields_before_any_write(servers, owner, missing):
    dashboard, _setup = servers
    dashboard.on("GET", "/cloudron/status", SET_UP)
    with pytest.raises(ResourceError) as caught:
        provisioner(owner=owner).run([READY, ACTIVATE, TOKEN])
    assert str(caught.value) == "the server is not activated yet: %s needed" % missing
    assert dashboard.writes() == []


@pytest.mark.parametrize("refusal", ALREADY_DONE, ids=["405", "409"])
def test_an_activation_answered_already_done_without_api_token_asks_for_one(servers, refusal):
    dashboard, _setup = servers
    dashboard.on("GET", "/cloudron/status", VERSION_ONLY)
    dashboard.on("POST", "/provision/activate", refusal)
    run = provisioner()
    needs = run.state()[1]
    assert needs == [ACTIVATE, TOKEN]
    with pytest.raises(ResourceError) as caught:
        run.run(needs)
    assert str(caught.value) == "the server is already activated, so a durable token needs a token of its owner: " + TOKENS_HINT
    assert [entry[0] for entry in writes(dashboard)] == ["/api/v1/provision/activate"]


@pytest.mark.parametrize("refusal", ALREADY_DONE, ids=["405", "409"])
def test_an_activation_answered_already_done_creates_the_token_with_api_token(servers, refusal):
    dashboard, _setup = servers
    dashboard.on("POST", "/provision/activate", refusal)
    dashboard.on("POST", "/tokens", (201, {"id": "tid-1", "name": "ansible", "accessToken": "durable-token"}))
    assert provisioner(api_token="owner-token").run([ACTIVATE, TOKEN]) == "durable-token"
    assert [(path, auth) for path, _body, auth in writes(dashboard)] == [
        ("/api/v1/provision/activate", None), ("/api/v1/tokens", "Bearer owner-token")]


def test_an_activation_refused_for_another_reason_is_an_error(servers):
    dashboard, _setup = servers
    dashboard.on("POST", "/provision/activate", (400, {"status": "Bad Request", "message": "password is too weak"}))
    with pytest.raises(ApiError) as caught:
        provisioner().run([ACTIVATE, TOKEN])
    assert (caught.value.status, caught.value.message) == (400, "password is too weak")
    assert [entry[0] for entry in writes(dashboard)] == ["/api/v1/provision/activate"]


def test_a_token_answer_without_the_token_is_an_error_that_keeps_the_activation(servers):
    dashboard, _setup = servers
    answer_activation(dashboard)
    dashboard.on("POST", "/tokens", (201, {"id": "tid-1", "name": "ansible"}))
    with pytest.raises(TokenFailed) as caught:
        provisioner().run([ACTIVATE, TOKEN])
    assert str(caught.value) == (
        "the server is activated, but creating the durable token failed: POST https://my.example.com/api/v1/tokens returned 201: "
        "the answer carries no accessToken. The activation token (returned as activation_token, valid until 1) finishes the job: "
        "re-run with api_token set to it, or " + TOKENS_HINT)
    assert caught.value.activation == {"userId": "uid-1", "token": "activation-token", "expires": 1}


def test_a_token_failure_after_activation_carries_the_activation_token_and_names_its_expiry(servers):
    dashboard, _setup = servers
    answer_activation(dashboard, expires="2026-12-01T12:00:00.000Z")
    dashboard.on("POST", "/tokens", (500, {"status": "Internal Server Error", "message": "database is locked"}))
    with pytest.raises(TokenFailed) as caught:
        provisioner().run([ACTIVATE, TOKEN])
    assert isinstance(caught.value, ResourceError)
    assert caught.value.activation["token"] == "activation-token"
    assert str(caught.value) == (
        "the server is activated, but creating the durable token failed: POST https://my.example.com/api/v1/tokens returned 500: "
        "database is locked. The activation token (returned as activation_token, valid until 2026-12-01T12:00:00.000Z) finishes "
        "the job: re-run with api_token set to it, or " + TOKENS_HINT)
    assert "activation-token" not in str(caught.value)


def test_a_token_failure_without_an_activation_in_this_run_says_only_what_failed(servers):
    dashboard, _setup = servers
    dashboard.on("POST", "/tokens", (500, {"status": "Internal Server Error", "message": "database is locked"}))
    with pytest.raises(TokenFailed) as caught:
        provisioner(api_token="owner-token").run([TOKEN])
    assert str(caught.value) == ("creating the durable token failed: POST https://my.example.com/api/v1/tokens returned 500: "
                                 "database is locked")
    assert caught.value.activation is None

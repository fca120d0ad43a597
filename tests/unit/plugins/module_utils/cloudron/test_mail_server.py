# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The mail server's settings through the engine: read only the routes given, write each changed route once,
wait for the location task."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.mail_server import MailServer
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import PartialFailure, ResourceError, TaskFailed
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

ANSWERS = {
    "location": {"domain": "example.com", "subdomain": "my"},
    "max_email_size": {"size": 26214400},
    "dnsbl_config": {"zones": ["zen.spamhaus.org"]},
    "solr_config": {"enabled": False},
    "mailbox_sharing": {"enabled": False},
    "virtual_all_mail": {"enabled": True},
    "spam_acl": {"whitelist": ["friend@example.org"], "blacklist": []},
    "spam_custom_config": {"config": ""},
}
DONE = {"id": "7", "active": False, "pending": False, "success": True, "percent": 100, "message": "Done", "error": None}


def make(check_mode=False, wait=True):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/domains", (200, {"domains": [{"domain": "example.com"}, {"domain": "example.org"}]}))
    for route, answer in ANSWERS.items():
        server.on("GET", "/mailserver/" + route, (200, answer))
        server.on("POST", "/mailserver/" + route, (200, {}))
    server.on("POST", "/mailserver/location", (202, {"taskId": "7"}))
    server.on("GET", "/tasks/7", (200, DONE))
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode)
    resource = MailServer(wait=wait, wait_timeout=60)
    return Engine(resource, ctx, check_mode=check_mode), server


def converge(engine, params):
    return engine.converge(engine.items([params]), "present")


def paths(server, method=None):
    return [entry[1][len("/api/v1"):] for entry in server.log if method is None or entry[0] == method]


def test_a_no_change_run_reads_only_the_routes_given_once_each():
    engine, server = make()
    outcome = converge(engine, {"max_email_size": "25M", "spam_allowlist": ["Friend@Example.org"], "spam_blocklist": [],
                                "virtual_all_mail": True})
    assert outcome.changed is False
    assert paths(server) == ["/mailserver/max_email_size", "/mailserver/virtual_all_mail", "/mailserver/spam_acl"]
    assert outcome.results == [{"max_email_size": 26214400, "virtual_all_mail": True,
                                "spam_allowlist": ["friend@example.org"], "spam_blocklist": []}]


def test_each_changed_route_is_one_post_and_a_shared_route_keeps_the_setting_not_given():
    engine, server = make()
    outcome = converge(engine, {"max_email_size": "50M", "dnsbl_zones": ["zen.spamhaus.org", "bl.spamcop.net"],
                                "spam_blocklist": ["Pest@example.net"], "full_text_search": False})
    assert [change.report() for change in outcome.changes] == [
        {"action": "update", "key": "mail_server", "fields": ["dnsbl_zones", "max_email_size", "spam_blocklist"]}]
    assert [(entry[1][len("/api/v1"):], entry[3]) for entry in server.writes()] == [
        ("/mailserver/max_email_size", {"size": 52428800}),
        ("/mailserver/dnsbl_config", {"zones": ["bl.spamcop.net", "zen.spamhaus.org"]}),
        ("/mailserver/spam_acl", {"whitelist": ["friend@example.org"], "blacklist": ["pest@example.net"]}),
    ]
    assert "spam_allowlist" not in outcome.results[0]


@pytest.mark.parametrize("answer", [{"enabled": False}, {"enable": False}], ids=["enabled", "enable"])
def test_mailbox_sharing_is_read_from_either_key_and_sent_with_both(answer):
    engine, server = make()
    server.on("GET", "/mailserver/mailbox_sharing", (200, answer))
    converge(engine, {"mailbox_sharing": True})
    assert [entry[3] for entry in server.writes()] == [{"enabled": True, "enable": True}]
    engine, server = make()
    server.on("GET", "/mailserver/mailbox_sharing", (200, answer))
    assert converge(engine, {"mailbox_sharing": False}).changed is False


def test_check_mode_reads_and_checks_the_location_domain_and_writes_nothing():
    engine, server = make(check_mode=True)
    outcome = converge(engine, {"location": {"domain": "Example.ORG", "subdomain": "Mail"}, "max_email_size": 1024})
    assert outcome.changed is True
    assert server.writes() == []
    assert paths(server) == ["/mailserver/max_email_size", "/mailserver/location", "/domains"]
    assert outcome.results[0]["location"] == {"domain": "example.org", "subdomain": "mail"}
    assert engine.resource.task_id is None


def test_a_new_location_starts_a_task_and_waits_for_it():
    engine, server = make()
    outcome = converge(engine, {"location": {"domain": "example.org", "subdomain": "mail"}})
    assert [(entry[1][len("/api/v1"):], entry[3]) for entry in server.writes()] == [
        ("/mailserver/location", {"domain": "example.org", "subdomain": "mail"})]
    assert "/tasks/7" in paths(server, "GET")
    assert engine.resource.task_id == "7"
    assert outcome.results[0]["location"] == {"domain": "example.org", "subdomain": "mail"}


def test_without_wait_the_task_is_started_and_not_read():
    engine, server = make(wait=False)
    converge(engine, {"location": {"domain": "example.org", "subdomain": "mail"}})
    assert engine.resource.task_id == "7"
    assert "/tasks/7" not in paths(server)


def test_a_failed_location_task_fails_with_its_error():
    engine, server = make()
    server.on("GET", "/tasks/7", (200, dict(DONE, success=False, error={"message": "Could not get certificate"})))
    server.on("GET", "/tasks/7/logs", (200, ""))
    with pytest.raises(PartialFailure) as caught:
        converge(engine, {"location": {"domain": "example.org", "subdomain": "mail"}})
    assert isinstance(caught.value.error, TaskFailed)
    assert "Could not get certificate" in str(caught.value.error)


def test_a_location_on_a_domain_the_server_lacks_is_refused_before_any_write():
    engine, server = make()
    with pytest.raises(ResourceError, match="location.domain: domain 'example.net' does not exist"):
        converge(engine, {"location": {"domain": "example.net", "subdomain": "mail"}, "max_email_size": 1024})
    assert server.writes() == []


def test_in_check_mode_a_location_domain_an_earlier_task_may_add_is_a_warning():
    engine, server = make(check_mode=True)
    warnings = []
    engine.ctx._warn = warnings.append
    outcome = converge(engine, {"location": {"domain": "example.net", "subdomain": "mail"}})
    assert outcome.results[0]["location"] == {"domain": "example.net", "subdomain": "mail"}
    assert len(warnings) == 1 and "'example.net'" in warnings[0]
    assert server.writes() == []


@pytest.mark.parametrize("params,message", [
    ({"max_email_size": "lots"}, "max_email_size: 'lots' is not a size"),
    ({"max_email_size": 0}, "max_email_size: 0 is out of range"),
    ({"location": {"domain": "example.com", "subdomain": "-mail"}}, "location.subdomain '-mail' is not a valid subdomain"),
])
def test_bad_input_names_the_option_before_any_request(params, message):
    engine, server = make()
    with pytest.raises(ResourceError, match=message):
        engine.items([params])
    assert server.log == []


def test_reading_every_setting_reads_each_route_once():
    engine, server = make()
    found = engine.read([], complete=True)[0]
    assert sorted(paths(server)) == sorted("/mailserver/" + route for route in ANSWERS)
    assert found["spam_allowlist"] == ["friend@example.org"] and found["mailbox_sharing"] is False
    assert found["location"] == {"domain": "example.com", "subdomain": "my"}

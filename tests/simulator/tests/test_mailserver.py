# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mail server settings (role admin, 200 {}), switch mailbox_sharing_key, and the location task."""

import json

import pytest

from mail_helpers import RO, role_token, seed, state_of

SETTINGS = [
    ("max_email_size", {"size": 26214400}, {"size": 1048576}),
    ("dnsbl_config", {"zones": []}, {"zones": ["zen.spamhaus.org"]}),
    ("solr_config", {"enabled": False}, {"enabled": True}),
    ("mailbox_sharing", {"enabled": False}, {"enabled": True}),
    ("virtual_all_mail", {"enabled": False}, {"enabled": True}),
    ("spam_acl", {"whitelist": [], "blacklist": []}, {"whitelist": ["friend@example.net"], "blacklist": ["spam@example.net"]}),
    ("spam_custom_config", {"config": ""}, {"config": "score X 1.0"}),
]


@pytest.mark.parametrize("setting, default, changed", SETTINGS)
def test_read_and_set(client, setting, default, changed):
    path = "/mailserver/" + setting
    assert client.call("GET", path).outcome == (200, default)
    assert client.call("POST", path, changed).outcome == (200, {})
    assert client.call("GET", path).outcome == (200, changed)
    assert state_of(client, "mailserver")[setting] == changed


@pytest.mark.parametrize("setting, body, message", [
    ("max_email_size", {}, "size is required"),
    ("max_email_size", {"size": "10M"}, "size must be number"),
    ("max_email_size", {"size": 0}, "size must be a positive number"),
    ("max_email_size", {"size": -5}, "size must be a positive number"),
    ("dnsbl_config", {"zones": "x"}, "zones must be array"),
    ("solr_config", {}, "enabled is required"),
    ("virtual_all_mail", {"enabled": 1}, "enabled must be boolean"),
    ("spam_acl", {"blacklist": []}, "whitelist is required"),
    ("spam_acl", {"whitelist": []}, "blacklist is required"),
    ("spam_custom_config", {"config": 5}, "config must be string"),
    ("mailbox_sharing", {}, "enabled is required"),
    ("mailbox_sharing", {"enable": True}, "enabled is required"),
    ("mailbox_sharing", {"enabled": "yes"}, "enabled must be boolean"),
])
def test_validation(client, setting, body, message):
    before = state_of(client, "mailserver")
    assert client.call("POST", "/mailserver/" + setting, body).outcome == (400, {"status": "Bad Request", "message": message})
    assert state_of(client, "mailserver") == before


@pytest.mark.parametrize("key, body, result", [
    ("enabled", {"enabled": True, "enable": False}, 200),
    ("enable", {"enabled": False, "enable": True}, 200),
    ("enable", {"enable": True}, 200),
    ("enable", {"enabled": True}, 400),
])
def test_mailbox_sharing_key(client, key, body, result):
    client.control("POST", "/switches", {"mailbox_sharing_key": key})
    status, payload = client.call("POST", "/mailserver/mailbox_sharing", body).outcome
    assert status == result
    if status == 200:
        assert client.call("GET", "/mailserver/mailbox_sharing").body == {"enabled": True}
    else:
        assert payload["message"] == "enable is required"
        assert client.call("GET", "/mailserver/mailbox_sharing").body == {"enabled": False}


def test_location_task(client):
    seed(client)
    assert client.call("GET", "/mailserver/location").outcome == (200, {"domain": "example.com", "subdomain": "my"})
    status, payload = client.call("POST", "/mailserver/location", {"domain": "Example.org", "subdomain": "Mail"}).outcome
    assert status == 202 and set(payload) == {"taskId"} and payload["taskId"].isdigit()
    # unchanged while the task runs
    assert client.call("GET", "/mailserver/location").body == {"domain": "example.com", "subdomain": "my"}
    task = client.wait(payload["taskId"])
    assert (task["type"], task["success"], task["error"]) == ("changeMailLocation", True, None)
    assert client.call("GET", "/mailserver/location").body == {"domain": "example.org", "subdomain": "mail"}
    assert state_of(client, "mailserver")["location"] == {"domain": "example.org", "subdomain": "mail"}


def test_location_task_failure(client):
    seed(client)
    client.control("POST", "/task_faults", {"type": "changeMailLocation", "message": "DNS error"})
    task_id = client.call("POST", "/mailserver/location", {"domain": "example.org", "subdomain": "mail"}).body["taskId"]
    task = client.wait(task_id)
    assert (task["success"], task["error"]["message"]) == (False, "DNS error")
    assert client.call("GET", "/mailserver/location").body == {"domain": "example.com", "subdomain": "my"}
    # the rule was used up: the next change succeeds
    assert client.control("GET", "/task_faults") == {"task_faults": []}
    task_id = client.call("POST", "/mailserver/location", {"domain": "example.org", "subdomain": "mail"}).body["taskId"]
    assert client.wait(task_id)["success"] is True


@pytest.mark.parametrize("body, status, message", [
    ({"domain": "nope.example", "subdomain": "mail"}, 404, "No such domain"),
    ({"domain": "example.org", "subdomain": "bad_name"}, 400, "Bad location: Hostname is not a valid domain name"),
    ({"domain": "example.org"}, 400, "subdomain is required"),
    ({"subdomain": "mail"}, 400, "domain is required"),
])
def test_location_validation(client, body, status, message):
    seed(client)
    assert client.call("POST", "/mailserver/location", body).outcome == (status, {"status": {400: "Bad Request", 404: "Not Found"}[status],
                                                                                  "message": message})
    assert client.call("GET", "/tasks").body["tasks"] == []


@pytest.mark.parametrize("body, message", [
    ({"type": "syncDnsRecords", "message": "x"},
     "type must be one of changeMailLocation, backup, cleanBackups, update, checkCerts, syncExternalLdap"),
    ({"type": "changeMailLocation"}, "message is required"),
    ({"type": "changeMailLocation", "message": "x", "times": -1}, "times must be an integer >= 0 (0 = forever)"),
    ({"type": "changeMailLocation", "message": "x", "fqdn": "a"}, "unknown fields: fqdn"),
])
def test_task_fault_rules(client, body, message):
    result = client.raw("POST", "/_control/task_faults", json.dumps(body).encode(), {"Content-Type": "application/json"})
    assert (result.status, result.body["message"]) == (400, message)


ROUTES = [("GET", "/mailserver/location", None), ("POST", "/mailserver/location", {"domain": "example.org", "subdomain": "mail"})]
ROUTES += [(method, "/mailserver/" + s, body) for s, default, changed in SETTINGS for method, body in (("GET", None), ("POST", changed))]


@pytest.mark.parametrize("method, path, body", ROUTES)
def test_needs_admin(client, method, path, body):
    seed(client)
    status, payload = client.call(method, path, body, token=role_token(client, "mailmanager")).outcome
    assert (status, payload["message"]) == (403, "role 'admin' is required but user has only 'mailmanager'")
    assert client.call(method, path, body, token=role_token(client, "admin")).status in (200, 202)


@pytest.mark.parametrize("method, path, body", [r for r in ROUTES if r[0] == "POST"])
def test_read_only_token(client, method, path, body):
    seed(client)
    before = state_of(client, "mailserver")
    assert client.call(method, path, body, token=RO).outcome == (403, {"status": "Forbidden", "message": "Read-only token"})
    assert state_of(client, "mailserver") == before and client.call("GET", "/tasks").body["tasks"] == []

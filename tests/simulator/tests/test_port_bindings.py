# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The port bindings' name (switch ports_field) in install, clone and configure/location bodies and in app objects."""

import pytest

from cloudron import versions

DOMAINS = ["example.com", "example.org"]
INSTALL = {"appStoreId": "io.gitea.cloudronapp", "subdomain": "git", "domain": "example.com", "accessRestriction": None}
GIT = {"appStoreId": "io.gitea.cloudronapp", "subdomain": "code", "domain": "example.org", "ports": {"SSH_PORT": 2222}}


def message(result):
    return result.status, result.body["message"]


@pytest.mark.parametrize("mode, choice, name", [
    ("8.1", "by_version", "portBindings"),
    ("9", "by_version", "ports"),
    ("8.1", "ports", "ports"),
    ("9", "portBindings", "portBindings"),
])
def test_name_by_version_or_choice(mode, choice, name):
    assert versions.ports_field(mode, choice) == name


def test_ports_from_8_2_by_default(client):
    client.control("POST", "/seed", {"domains": DOMAINS})
    assert message(client.call("POST", "/apps", dict(INSTALL, portBindings={"SSH_PORT": 2223}))) == (400, "portBindings is not allowed")
    app_id = client.call("POST", "/apps", dict(INSTALL, ports={"SSH_PORT": 2223})).body["id"]
    app = client.call("GET", "/apps/" + app_id).body
    assert (app["ports"], "portBindings" in app) == ({"SSH_PORT": 2223}, False)


def test_port_bindings_below_8_2_by_default(client):
    client.control("POST", "/reset", {"version": "8.0.1"})
    client.control("POST", "/seed", {"domains": DOMAINS})
    assert message(client.call("POST", "/apps/install", dict(INSTALL, ports={"SSH_PORT": 2223}))) == (400, "ports is not allowed")
    assert client.call("POST", "/apps/install", dict(INSTALL, portBindings={"SSH_PORT": 2223})).status == 202


def test_port_bindings_chosen_on_a_9_server(client):
    client.control("POST", "/reset", {"switches": {"ports_field": "portBindings"}})
    git_id = client.control("POST", "/seed", {"domains": DOMAINS, "apps": [GIT]})["apps"]["code.example.org"]
    assert client.call("GET", "/apps/" + git_id).body["portBindings"] == {"SSH_PORT": 2222}
    assert message(client.call("POST", "/apps", dict(INSTALL, ports={"SSH_PORT": 2223}))) == (400, "ports is not allowed")
    assert message(client.call("POST", "/apps", dict(INSTALL, portBindings={"NOPE": 2223}))) == (400, "Invalid portBindings NOPE")
    payload = client.call("POST", "/apps", dict(INSTALL, portBindings={"SSH_PORT": 2223})).body
    client.wait(payload["taskId"])
    app = client.call("GET", "/apps").body["apps"][1]
    assert (app["id"], app["portBindings"], "ports" in app) == (payload["id"], {"SSH_PORT": 2223}, False)
    assert client.control("GET", "/state")["apps"][1]["portBindings"] == {"SSH_PORT": 2223}
    body = {"subdomain": "git", "domain": "example.com", "portBindings": {"SSH_PORT": 2224}}
    assert message(client.call("POST", "/apps/%s/configure/location" % payload["id"], dict(body, ports={}))) == (
        400, "ports is not allowed")
    client.wait(client.call("POST", "/apps/%s/configure/location" % payload["id"], body).body["taskId"])
    assert client.call("GET", "/apps/" + payload["id"]).body["portBindings"] == {"SSH_PORT": 2224}


def test_ports_chosen_on_an_8_1_server(client):
    client.control("POST", "/reset", {"version": "8.1.0", "switches": {"ports_field": "ports"}})
    git_id = client.control("POST", "/seed", {"domains": DOMAINS, "apps": [GIT]})["apps"]["code.example.org"]
    assert message(client.call("POST", "/apps/install", dict(INSTALL, portBindings={}))) == (400, "portBindings is not allowed")
    app_id = client.call("POST", "/apps/install", dict(INSTALL, ports={"SSH_PORT": 2223})).body["id"]
    app = client.call("GET", "/apps/" + app_id).body
    assert (app["ports"], "portBindings" in app) == ({"SSH_PORT": 2223}, False)
    backup_id = client.wait(client.call("POST", "/apps/%s/backup" % git_id).body["taskId"])["result"]
    clone = {"backupId": backup_id, "subdomain": "copy", "domain": "example.org"}
    assert message(client.call("POST", "/apps/%s/clone" % git_id, dict(clone, portBindings={}))) == (400, "portBindings is not allowed")
    copy_id = client.call("POST", "/apps/%s/clone" % git_id, dict(clone, ports={"SSH_PORT": 2224})).body["id"]
    assert client.call("GET", "/apps/" + copy_id).body["ports"] == {"SSH_PORT": 2224}


def test_other_name_ignored_without_strict_fields(client):
    client.control("POST", "/reset", {"switches": {"strict_fields": False}})
    client.control("POST", "/seed", {"domains": DOMAINS})
    app_id = client.call("POST", "/apps", dict(INSTALL, portBindings={"SSH_PORT": 2223})).body["id"]
    assert client.call("GET", "/apps/" + app_id).body["ports"] == {}


def test_bad_value(client):
    assert client.raw("POST", "/_control/switches", b'{"ports_field": "location"}').status == 400

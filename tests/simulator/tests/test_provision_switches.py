# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Provisioning switches: GET /provision/status, the setup keys of /cloudron/status, setup and activation once activated."""

from test_provision import ALREADY_SETUP, CLOSED, DOMAIN_CONFIG, IDLE, OWNER, activate, set_up, status, unprovision, wait_for

NO_ROUTE = (404, {"status": "Not Found", "message": "No such route"})
DONE = {"active": False, "message": "Done", "errorMessage": None}


def provision_status(sim):
    return sim.call("GET", "/provision/status", token=None)


def setup(sim, body=None):
    return sim.call("POST", "/provision/setup", {"domainConfig": DOMAIN_CONFIG} if body is None else body, token=None)


def test_provision_status_of_a_new_server(client, setup_client):
    unprovision(client)
    assert provision_status(setup_client).outcome == (200, {"version": "9.0.15", "activated": False, "setup": IDLE,
                                                            "adminFqdn": None, "provider": "generic"})
    # the dashboard host has no proxy yet
    assert provision_status(client).status == 503


def test_provision_status_keeps_its_keys_once_activated(client, setup_client):
    unprovision(client)
    set_up(client, setup_client)
    expected = {"version": "9.0.15", "activated": False, "setup": DONE, "adminFqdn": "my.example.org", "provider": "generic"}
    assert provision_status(setup_client).outcome == provision_status(client).outcome == (200, expected)
    assert activate(setup_client).status == 201
    assert provision_status(setup_client).outcome == provision_status(client).outcome == (200, dict(expected, activated=True))
    assert status(client).body == {"version": "9.0.15"}


def test_provision_status_of_a_provisioned_server(client, setup_client):
    expected = {"version": "9.0.15", "activated": True, "setup": IDLE, "adminFqdn": "my.example.com", "provider": "generic"}
    assert provision_status(client).outcome == provision_status(setup_client).outcome == (200, expected)


def test_provision_status_route_switched_off(client, setup_client):
    unprovision(client, provision_status_route=False)
    assert provision_status(setup_client).outcome == NO_ROUTE
    client.control("POST", "/reset", {"switches": {"provision_status_route": False}})
    assert provision_status(client).outcome == provision_status(setup_client).outcome == NO_ROUTE


def test_status_without_setup_keys(client, setup_client):
    unprovision(client, status_setup_keys=False, task_seconds=0.2)
    assert status(setup_client).outcome == (200, {"version": "9.0.15"})
    assert setup(setup_client).status == 200
    assert status(setup_client).body == {"version": "9.0.15"}
    # only /provision/status shows the progress then
    assert provision_status(setup_client).body["setup"]["active"] is True
    wait_for(lambda: not provision_status(setup_client).body["setup"]["active"])
    assert status(setup_client).body == {"version": "9.0.15"}


def test_closed_once_activated_by_default(client, setup_client):
    for sim in (client, setup_client):
        assert setup(sim).outcome == activate(sim).outcome == CLOSED
        # the route is closed before its body is looked at
        assert setup(sim, {}).outcome == CLOSED
        assert sim.call("POST", "/provision/activate", {}, token=None).outcome == CLOSED


def test_already_setup_once_activated_with_409(client, setup_client):
    client.control("POST", "/switches", {"after_activation": 409})
    for sim in (client, setup_client):
        assert setup(sim).outcome == activate(sim).outcome == ALREADY_SETUP
    # the route answers, after checking the body, as the 2019 server did
    assert client.call("POST", "/provision/activate", {}, token=None).body["message"] == "username is required"


def test_second_setup_before_activation_is_409_whatever_the_switch(client, setup_client):
    unprovision(client)
    set_up(client, setup_client)
    assert setup(setup_client).outcome == ALREADY_SETUP
    assert activate(setup_client, dict(OWNER)).status == 201
    assert setup(setup_client).outcome == CLOSED


def test_bad_values(client):
    for body in (b'{"after_activation": 404}', b'{"after_activation": true}', b'{"provision_status_route": "no"}',
                 b'{"status_setup_keys": 0}'):
        assert client.raw("POST", "/_control/switches", body).status == 400, body

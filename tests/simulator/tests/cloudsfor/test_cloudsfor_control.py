# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The control interface: reset, seed (all or nothing), state, switches."""

import pytest

pytest.register_assert_rewrite("cfsim")

from cfsim import FAST, USER, VM, key  # noqa: E402

pytest_plugins = ["cfsim"]


def test_reset_answers_the_account_switches_and_ssh_port(cf):
    cf.seed_vm()
    answer = cf.control("POST", "/reset", {"vm_limit": 1, "switches": {"fingerprint": "sha256"}})
    assert answer["account"]["email"] == USER and answer["account"]["vm_limit"] == 1
    assert answer["switches"]["fingerprint"] == "sha256" and answer["switches"]["action_ids"] == "vm"
    assert answer["ssh_port"] == cf.state()["ssh_port"]
    assert cf.state()["vms"] == [] and cf.ok("GET", "/vms")["vms"] == []
    assert cf.control("POST", "/reset", {})["account"]["vm_limit"] == 10


@pytest.mark.parametrize("body", [{"vm_limit": -1}, {"vm_limit": "3"}, {"switches": {"nope": 1}},
                                  {"switches": {"create_status": 200}}])
def test_bad_resets_change_nothing(cf, body):
    vm_id = cf.seed_vm()
    cf.control("POST", "/reset", body, status=400)
    assert [v["id"] for v in cf.state()["vms"]] == [vm_id]


def test_switches_get_and_partial_post(cf):
    assert cf.control("GET", "/switches")["switches"]["build_seconds"] == FAST["build_seconds"]
    answer = cf.switches(action_ids="own", max_per_page=5)
    assert answer["switches"]["action_ids"] == "own" and answer["switches"]["max_per_page"] == 5
    assert answer["switches"]["fingerprint"] == "md5"
    for body in ({"nope": True}, {"max_per_page": 0}, {"numeric_strings": "yes"}, {"build_seconds": -1},
                 {"vm_region_shape": "slug"}):
        assert "switch" in cf.control("POST", "/switches", body, status=400)["message"]
    assert cf.state()["switches"]["action_ids"] == "own"


def test_seed_answers_ids_in_order_and_builds_nothing(cf):
    answer = cf.seed(ssh_keys=[{"name": "a", "public_key": key(0)}, {"name": "b", "public_key": key(1)}],
                     vms=[dict(VM, name="one", ssh_keys=["b", 1], backups=True),
                          dict(VM, name="two", status="stopped", region="amsterdam_01", distro=590)])
    assert answer["ssh_keys"] == [1, 2] and len(answer["vms"]) == 2
    state = cf.state()
    one, two = state["vms"]
    assert (one["id"], one["status"], one["ssh_keys"], one["backups"]) == (answer["vms"][0], "running", [2, 1], True)
    assert (two["status"], two["region"], two["distro"], two["distro_given"]) == ("stopped", "amsterdam_01", "rescue-iso", 590)
    assert one["ssh_listening"] is True and two["ssh_listening"] is False
    assert state["actions"] == []


def test_seed_ignores_the_vm_limit_and_unique_names(cf):
    cf.control("POST", "/reset", {"vm_limit": 1, "switches": {"unique_names": True}})
    assert len(cf.seed(vms=[VM, VM])["vms"]) == 2


@pytest.mark.parametrize("body, message", [
    ({"volumes": []}, "unknown seed fields: volumes"),
    ({"ssh_keys": [{"name": "x"}]}, "ssh_keys[0]: public_key must be a non-empty string"),
    ({"ssh_keys": [{"name": "x", "public_key": "junk"}]}, "ssh_keys[0]: Key invalid"),
    ({"ssh_keys": [{"name": "x", "public_key": key(0)}, {"name": "y", "public_key": key(0)}]},
     "ssh_keys[1]: SSH Key is already in use on your account"),
    ({"vms": [dict(VM, region="mars")]}, "vms[0]: Region is not available"),
    ({"vms": [VM, dict(VM, colour="red")]}, "vms[1]: unknown fields: colour"),
    ({"vms": [VM, dict(VM, status="new")]}, "vms[1]: status must be running or stopped"),
    ({"vms": [dict(VM, ssh_keys=["nobody"])]}, "vms[0]: ssh_keys: no SSH key nobody on your account"),
    ({"vms": ["web"]}, "vms[0]: must be an object"),
])
def test_seed_is_all_or_nothing(cf, body, message):
    body = dict(body, ssh_keys=[{"name": "early", "public_key": key(9)}] + body.get("ssh_keys", []))
    message = message.replace("ssh_keys[1]", "ssh_keys[2]").replace("ssh_keys[0]", "ssh_keys[1]")
    answer = cf.control("POST", "/seed", body, status=400)
    assert answer["message"].startswith(message)
    state = cf.state()
    assert state["ssh_keys"] == [] and state["vms"] == []
    assert cf.seed(ssh_keys=[{"name": "after", "public_key": key(9)}])["ssh_keys"] == [1]
    assert cf.seed_vm() and cf.state()["vms"][0]["ipv4"] == "127.0.1.1"


def test_state_shows_everything_but_the_password(cf):
    cf.control("POST", "/ratelimit", {"remaining": 10, "reset_in": 30})
    cf.control("POST", "/action_faults", {"type": "snapshot"})
    vm_id = cf.seed_vm()
    cf.ok("POST", "/vms/%s/actions" % vm_id, {"type": "reboot"}, status=201)
    state = cf.state()
    assert set(state) == {"account", "ssh_port", "switches", "ssh_keys", "vms", "actions", "snapshots",
                          "action_faults", "ratelimit"}
    action = state["actions"][0]
    assert (action["seq"], action["vm_id"], action["type"], action["status"]) == (1, vm_id, "reboot", "in-progress")
    assert state["ratelimit"]["armed"] is True and state["ratelimit"]["remaining"] == 9
    assert state["action_faults"] == [{"type": "snapshot", "message": "Simulated failure", "times": 1, "seconds": None}]
    vm = state["vms"][0]
    assert (vm["vcpus"], vm["disk"], vm["locked"], vm["status"]) == (2, 20, True, "running")


def test_unknown_control_route(cf):
    assert cf.control("GET", "/nothing", status=404)["message"] == "No such control route"

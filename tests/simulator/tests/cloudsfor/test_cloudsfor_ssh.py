# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SSH banners: listening on (the VM's public address, ssh_port) exactly while the VM is running."""

import socket

import pytest

pytest.register_assert_rewrite("cfsim")

from cfsim import VM, banner  # noqa: E402

pytest_plugins = ["cfsim"]

BANNER = b"SSH-2.0-OpenSSH_9.6 CloudsForSim\r\n"


def _listening(cf, vm_id):
    return cf.stored_vm(vm_id)["ssh_listening"]


def test_the_banner_opens_when_the_build_is_done(cf):
    cf.switches(build_seconds=0.3)
    port = cf.state()["ssh_port"]
    vm_id = cf.ok("POST", "/vms", VM, status=202)["vm"]["id"]
    assert banner("127.0.1.1", port) is None and not _listening(cf, vm_id)
    # no request is needed for the build to end on time
    cf.wait(lambda s: s["vms"][0]["ssh_listening"])
    assert banner("127.0.1.1", port) == BANNER
    assert banner("127.0.0.1", port) is None    # only the VM's own address


def test_the_banner_follows_the_power_state_and_deletion(cf):
    vm_id = cf.seed_vm()
    port = cf.state()["ssh_port"]
    assert banner("127.0.1.1", port) == BANNER
    cf.ok("POST", "/vms/%s/actions" % vm_id, {"type": "shutdown"}, status=201)
    assert banner("127.0.1.1", port) == BANNER      # still running while the action runs
    cf.wait_unlocked(vm_id)
    assert banner("127.0.1.1", port) is None and not _listening(cf, vm_id)
    cf.ok("POST", "/vms/%s/actions" % vm_id, {"type": "power_on"}, status=201)
    cf.wait_unlocked(vm_id)
    assert banner("127.0.1.1", port) == BANNER and _listening(cf, vm_id)
    cf.ok("DELETE", "/vms/" + vm_id, status=204)
    assert banner("127.0.1.1", port) is None


def test_a_seeded_stopped_vm_has_no_banner_and_reset_closes_them_all(cf):
    running, stopped = cf.seed(vms=[dict(VM, name="a"), dict(VM, name="b", status="stopped")])["vms"]
    port = cf.state()["ssh_port"]
    assert banner("127.0.1.1", port) == BANNER and banner("127.0.1.2", port) is None
    assert _listening(cf, running) and not _listening(cf, stopped)
    cf.control("POST", "/reset", {})
    assert banner("127.0.1.1", port) is None
    assert cf.state()["ssh_port"] == port


def test_a_client_that_talks_first_still_reads_the_banner(cf):
    cf.seed_vm()
    with socket.create_connection(("127.0.1.1", cf.state()["ssh_port"]), timeout=2) as connection:
        connection.sendall(b"SSH-2.0-OpenSSH_9.0 client\r\n")
        assert connection.recv(100) == BANNER


def test_a_banner_that_cannot_bind_is_logged_and_the_vm_runs(cf, capfd):
    port = cf.state()["ssh_port"]
    blocker = socket.socket()
    blocker.bind(("127.0.1.1", port))
    blocker.listen(1)
    try:
        vm_id = cf.seed_vm()
        assert not _listening(cf, vm_id)
        assert cf.ok("GET", "/vms/" + vm_id)["vm"]["status"] == "running"
        assert "no SSH banner on 127.0.1.1:%d" % port in capfd.readouterr().err
        # the next VM's address is free
        assert banner("127.0.1.2", port) is None
        cf.seed_vm(name="next")
        assert banner("127.0.1.2", port) == BANNER
    finally:
        blocker.close()

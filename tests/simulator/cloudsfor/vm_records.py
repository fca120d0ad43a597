# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""VM records: creating one (built at once, or by a build task), its addresses, its power state with the SSH banner
that follows it, and deleting it."""

# Addresses N = 1, 2, ... per VM, never reused until a reset: 127.0.1.N public (loopback, so a client really connects),
# 10.10.0.N private; after 254 they go on in the next /24 (127.0.2.1, 10.10.1.1).
PER_NET = 254


def addresses(index):
    high, low = divmod(index - 1, PER_NET)
    return "127.0.%d.%d" % (1 + high, low + 1), "10.10.%d.%d" % (high, low + 1)


def new_vm(state, fields, status):
    """A VM record from checked fields; ``status`` "new" while it is being built."""
    ipv4, private_ipv4 = addresses(state.next_id("address"))
    vm = dict(fields, id=state.new_vm_id(), status=status, locked=False, created_at=state.now(), snapshot_ids=[],
              backup_ids=[], ipv4=ipv4, private_ipv4=private_ipv4)
    state.vms[vm["id"]] = vm
    return vm


def set_status(state, vm, status):
    """Power state; the SSH banner listens exactly while the VM is running."""
    vm["status"] = status
    if status == "running":
        state.banners.open(vm["ipv4"])
    else:
        state.banners.close(vm["ipv4"])


def build(state, vm):
    """Build the VM in switch ``build_seconds``; it is running afterwards."""
    def built(_task):
        if state.vms.get(vm["id"]) is vm:
            set_status(state, vm, "running")
    state.start_task("build", state.switches["build_seconds"], built)


def delete(state, vm):
    del state.vms[vm["id"]]
    state.banners.close(vm["ipv4"])

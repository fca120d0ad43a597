# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""In-memory state of one CloudsFor account: SSH keys, VMs, actions, snapshots, and the simulator's own bookkeeping
(switches, faults, action faults, the rate limit window, the request log). All access happens under ``State.lock``.

Builds and actions run on the shared task clock in real seconds; a timer settles each one when it ends, so a VM
becomes running (and its SSH banner opens) on time even when no request comes in.
"""

import hashlib
import hmac
import random
import threading
import time

from common.faults import Faults
from common.requestlog import RequestLog
from common.tasks import TaskEngine

from . import ratelimit
from . import switches as switch_defs
from .ssh import Banners

DEFAULT_VM_LIMIT = 10
SETTLE_SLACK = 0.005    # a timer fires this long after the task's end, so the task has surely ended


class State:
    def __init__(self, user, password, ssh_port=0):
        self.lock = threading.RLock()
        # the uuid is derived from the user so it stays the same across resets and restarts (docs: 40 characters)
        self.startup = {"user": user, "uuid": hashlib.sha1(user.encode("utf-8")).hexdigest()}
        self._password = password   # compared, never shown
        self.banners = Banners(ssh_port)
        self.reset()

    def reset(self, vm_limit=None, switches=None):
        """An empty account; ``switches`` are merged over the defaults (ValueError before anything changes)."""
        merged = switch_defs.merged(switch_defs.defaults(), switches or {})
        if hasattr(self, "banners"):
            self.banners.close_all()
        self.switches = merged
        self.vm_limit = DEFAULT_VM_LIMIT if vm_limit is None else vm_limit
        self.rng = random.Random(0)
        self.keys = {}              # id -> {id, name, public_key, blob}
        self.vms = {}               # id -> VM record, in creation order
        self.actions = []           # action records, oldest first
        self.snapshots = []         # {id, name, vm_id, created_at}
        self.action_faults = []     # rules of POST /_control/action_faults
        self.last = {"key": 0, "address": 0, "action": 0, "snapshot": 0}
        # a new clock: builds and actions of before the reset never settle
        self.engine = TaskEngine(scale=lambda: 1.0, clock=time.monotonic, wallclock=self.now)
        self.ratelimit = ratelimit.fresh(self.now())
        self.request_log = RequestLog()
        self.faults = Faults()

    @property
    def ssh_port(self):
        return self.banners.port

    def credentials_match(self, user, password):
        return (hmac.compare_digest(user.encode("utf-8"), self.startup["user"].encode("utf-8"))
                and hmac.compare_digest(password.encode("utf-8"), self._password.encode("utf-8")))

    def account(self):
        return {"email": self.startup["user"], "uuid": self.startup["uuid"], "vm_limit": self.vm_limit}

    @staticmethod
    def now():
        return time.time()

    def next_id(self, kind):
        self.last[kind] += 1
        return self.last[kind]

    def new_vm_id(self):
        while True:
            ident = "%032x" % self.rng.getrandbits(128)
            if ident not in self.vms:
                return ident

    # the task clock
    def start_task(self, kind, seconds, on_success, on_failure=None, fail=None):
        """A task of ``seconds`` real seconds; a timer settles it when it ends."""
        task = self.engine.start(kind, pending_seconds=0, seconds=seconds, fail=fail, on_success=on_success,
                                 on_failure=on_failure)
        timer = threading.Timer(max(0.0, seconds) + SETTLE_SLACK, self._wake)
        timer.daemon = True
        timer.start()
        return task

    def settle(self):
        self.engine.settle()

    def _wake(self):
        with self.lock:
            self.settle()

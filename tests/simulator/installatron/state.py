# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""In-memory server state. All access happens under ``State.lock``."""

import random
import string
import threading
import time

from common.faults import Faults
from common.requestlog import RequestLog

from . import switches as switch_defs
from .tasks import Tasks

# The acting admin when a request names no ``user``: the settings.ini ``admin=`` user. It has no record (and so no
# websites) until one is created with that id.
ADMIN = "admin"


class State:
    """Users, installs, backups, tasks, and the simulator's own bookkeeping (switches, faults, request log)."""

    def __init__(self, key, key2, task_seconds):
        self.lock = threading.RLock()
        self.startup = {"key": key, "key2": key2, "task_seconds": task_seconds}
        self.generation = 0
        self.reset()

    def reset(self, switches=None, task_seconds=None, seed=0):
        """Forget everything; ``switches`` are merged over the defaults, ``task_seconds`` over the startup value."""
        base = dict(switch_defs.defaults(), task_seconds=self.startup["task_seconds"])
        if task_seconds is not None:
            base = switch_defs.merged(base, {"task_seconds": task_seconds})
        self.switches = switch_defs.merged(base, switches or {})
        self.generation += 1        # tasks of an earlier generation change nothing when they end
        self.rng = random.Random(seed)
        self.users = {}             # by id
        self.installs = {}          # by id, in creation order
        self.backups = {}           # by id
        self.task_faults = []       # rules of POST /_control/task_faults
        self.request_log = RequestLog()
        self.faults = Faults()
        self.tasks = Tasks(scale=lambda: self.switches["task_seconds"])

    def key_kind(self, presented):
        """How the request log names a presented X-API-Key: "key", "key2", "other" or None."""
        if presented is None:
            return None
        if presented == self.startup["key"]:
            return "key"
        if presented == self.startup["key2"]:
            return "key2"
        return "other"

    # ids and secrets come from a seeded generator so runs are reproducible
    def new_number(self, taken, prefix):
        while True:
            ident = "%s%05d" % (prefix, self.rng.randrange(10000, 100000))
            if ident not in taken:
                return ident

    def new_secret(self, length=16):
        alphabet = string.ascii_letters + string.digits
        return "".join(self.rng.choices(alphabet, k=length))

    def taken_ids(self):
        """Install and backup ids in use, also those reserved by tasks that have not ended (or failed)."""
        ids = set(self.installs) | set(self.backups)
        for task in self.tasks.all():
            ids.update(v for k, v in task.info.items() if k in ("install", "backup") and v)
        return ids

    @staticmethod
    def now():
        return int(time.time())

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""In-memory server state: tenants (with their keys, settings rows, installed apps and known profiles), the server's
global settings, APKG packages, proxy sites, invites, the login buckets and bans. All access happens under
``State.lock``."""

import base64
import random
import threading
import time

from common.faults import Faults
from common.requestlog import RequestLog

from . import switches as switch_defs

# The role set the server mints for a tenant's own owner (src: settings/types.rs); the base tenant adds SADM.
OWNER_ROLES = ["public", "follower", "supporter", "contributor", "moderator", "leader"]
COMMUNITY_ROLES = OWNER_ROLES


class State:
    def __init__(self, startup):
        """``startup``: {admin, tenants (further idTags), key (the admin's plaintext), password}."""
        self.lock = threading.RLock()
        self.startup = startup
        self.listeners = {}         # idTag -> URL of its own listener (kept across resets)
        self.open_listener = None   # callable(idTag) -> URL, set by the application
        self.reset()

    def reset(self, switches=None):
        self.switches = switch_defs.merged(switch_defs.defaults(), switches or {})
        self.rng = random.Random(0)
        self.clock_offset = 0
        self.tenants = {}           # idTag -> tenant record
        self.global_settings = {}   # the TnId(0) rows
        self.packages = {}          # actionId -> APKG action
        self.proxy_sites = {}       # siteId -> site
        self.dns = set()            # idTags whose DNS points at this server (beside the tenants)
        self.invites = {}           # refId -> profile.invite ref
        self.buckets = {}           # address -> {"burst", "hour", "at"}
        self.failures = {}          # address -> failed logins
        self.bans = {}              # address -> until (clock)
        self.last = {"tn": 0, "key": 0, "site": 0}
        self.request_log = RequestLog()
        self.faults = Faults()
        admin = self.add_tenant(self.startup["admin"], password=self.startup["password"])
        admin["roles"] = ["SADM"]
        self.add_key(admin, "sim", None, None, plaintext=self.startup["key"])
        for id_tag in self.startup["tenants"]:
            self.add_tenant(id_tag, password=self.startup["password"])

    # the clock: wall time plus what /_control/clock added
    def now(self):
        return time.time() + self.clock_offset

    def random_text(self, length):
        return base64.urlsafe_b64encode(bytes(self.rng.getrandbits(8) for _index in range(length))).decode().rstrip("=")

    def add_tenant(self, id_tag, kind="person", name=None, email=None, password=None, owner=None, status="A"):
        self.last["tn"] += 1
        tenant = {
            "tnId": self.last["tn"], "idTag": id_tag, "type": kind, "name": name or id_tag.split(".")[0].capitalize(),
            "email": email, "status": status, "password": password, "roles": [], "profilePic": None,
            "createdAt": int(self.now()), "owner": owner, "keys": {}, "settings": {}, "apps": {}, "profiles": {},
            "signingKey": "sk-" + self.random_text(16),
        }
        self.tenants[id_tag] = tenant
        return tenant

    def add_key(self, tenant, name, scopes, expires_at, plaintext=None):
        self.last["key"] += 1
        plaintext = plaintext or "cl_" + self.random_text(32)
        key = {"keyId": self.last["key"], "keyPrefix": plaintext[:11], "name": name, "scopes": scopes,
               "expiresAt": expires_at, "lastUsedAt": None, "createdAt": int(self.now()), "plaintext": plaintext}
        tenant["keys"][key["keyId"]] = key
        return key

    def find_key(self, plaintext):
        """(tenant, key) for a presented ``cl_`` key, or (None, None)."""
        for tenant in self.tenants.values():
            for key in tenant["keys"].values():
                if key["plaintext"] == plaintext:
                    return tenant, key
        return None, None

    def listener_url(self, id_tag):
        """The URL of the idTag's own listener, opening one when it has none yet (None without a server)."""
        if id_tag not in self.listeners and self.open_listener is not None:
            self.listeners[id_tag] = self.open_listener(id_tag)
        return self.listeners.get(id_tag)

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What one module run knows about an Installatron server: users and installs read at most once each."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.context import Context
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError

NO_SUCH_USER = "invalid_argument_user"


class InstallatronContext(Context):
    """Caches for one module run."""

    def __init__(self, client, check_mode=False, warn=None, progress=None):
        super().__init__(client.http, check_mode=check_mode, warn=warn, progress=progress)
        self.client = client
        self._users = None
        self._installs = {}

    def forget(self):
        self._users = None
        self._installs = {}

    def users(self):
        """Every customer, as the list answers them."""
        if self._users is None:
            self._users = self.client.list_all("/users", scope=False)
        return self._users

    def user(self, name):
        """One customer in full (its websites), or None."""
        envelope = self.client.call("GET", "/users/%s" % name, scope=False)
        return envelope.get("data")

    def installs(self, user):
        """The installs of one customer."""
        if user not in self._installs:
            try:
                self._installs[user] = self.client.list_all("/installs", user=user)
            except ApiError as exc:
                # in check mode a customer the plan would create (the bootstrap role plans customers first) has none yet
                if not (self.check_mode and exc.code == NO_SUCH_USER):
                    raise
                self._installs[user] = []
        return self._installs[user]

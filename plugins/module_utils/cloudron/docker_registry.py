# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The private container registry of a Cloudron server as a singleton resource (facts 7.14).

One route takes the whole configuration every time (``GET``/``POST /docker/registry_config``). The password is
write-only: the server answers it masked or not at all. A write for the same provider sends back what the server
showed with the settings given over it (a masked password sent back keeps the stored one); a provider switch sends
only the new provider's settings (facts 11 row 7). Provider ``noop`` means no registry.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.write_only import add_given_secret
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import Field, lower, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Singleton

ADMIN = "admin"
PATH = "/docker/registry_config"
NONE = "noop"  # the provider that turns the registry off
# option -> the API's name; the password is kept apart
SETTINGS = {"provider": "provider", "server_address": "serverAddress", "username": "username", "email": "email"}
PASSWORD = "password"

FIELDS = (
    Field("provider", api="provider", normalize=lower, route="config"),
    Field("server_address", api="serverAddress", normalize=stripped, route="config"),
    Field("username", api="username", normalize=stripped, route="config"),
    Field("email", api="email", normalize=lower, route="config"),
    # write-only, sent with the configuration (see update_secrets)
    Field(PASSWORD, secret=True, route="config"),
)
OPTIONS = ("provider", "server_address", "username", "email")


class DockerRegistry(Singleton):
    """The registry the server pulls the images of custom apps from."""

    name = "docker_registry"
    plural = "docker_registries"
    fields = FIELDS
    # Reading the configuration already fails on a server without the route; check mode adds no status read.
    check_server_in_check_mode = False

    @staticmethod
    def validate(item):
        if item.get("provider") == NONE:
            given = [name for name in OPTIONS[1:] + (PASSWORD,) if item.get(name) is not None]
            if given:
                return ["provider noop turns the registry off; %s cannot be given with it" % ", ".join(given)]
        if item.get("provider") == "":
            return ["provider must not be empty (noop turns the registry off)"]
        return []

    def read(self, ctx, items, complete):
        raw = ctx.client.call("GET", PATH, role=ADMIN)
        found = dict((option, raw.get(api) or None) for option, api in SETTINGS.items())
        found["provider"] = found["provider"] or NONE
        # kept out of results (not a field): the answer as read, the password masked or absent
        found["stored_config"] = raw
        return [found]

    @staticmethod
    def check_updates(ctx, updates):
        """A configuration that cannot work, or a write that would lose the stored password, is refused before anything
        is written (check mode too). A password given goes out with every write, so it is named with the change."""
        for change in updates:
            DockerRegistry.body(change.current, change.item)
        add_given_secret(updates, PASSWORD)

    @staticmethod
    def predict(current, item, after):
        """A provider switch leaves only the settings given."""
        provider = item.get("provider")
        if provider is not None and provider != current.get("provider"):
            for name in OPTIONS[1:]:
                after[name] = item.get(name)
        return after

    @staticmethod
    def body(current, item):
        """The whole configuration the route takes; raises ``ResourceError`` for one that cannot be sent."""
        raw = current.get("stored_config") or {}
        stored = current.get("provider") or NONE
        provider = item.get("provider", stored)
        if provider == NONE:
            return {"provider": NONE}
        same = provider == stored
        body = dict((key, value) for key, value in raw.items() if key in SETTINGS.values() or key == PASSWORD) if same else {}
        body.update((SETTINGS[name], item[name]) for name in OPTIONS if name in item)
        body["provider"] = provider
        problems = []
        if not body.get("serverAddress"):
            problems.append("server_address is required with provider %s" % provider)
        if item.get(PASSWORD) is not None:
            body[PASSWORD] = item[PASSWORD]
        elif body.get("username"):
            if not same:
                problems.append("password is required to switch the provider from %s to %s: the stored password is not "
                                "carried over" % (stored, provider))
            elif not raw.get(PASSWORD):
                problems.append("password is required to change the registry: the server does not show the stored "
                                "password, so it cannot be kept")
        if problems:
            raise ResourceError("; ".join(problems))
        return body

    def write(self, ctx, current, route, values, item):
        ctx.client.call("POST", PATH, body=self.body(current, item), role=ADMIN)

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The user directory's profile settings (locked user profiles, mandatory two-factor login) as a singleton.

Where they live is not settled (facts 7.14): the seed and the curl samples of the vendor's own API document say
``/user_directory/profile_config``, the document's path table says ``/user_directory``; 7.x used
``/settings/profile_config`` (below the supported versions). No source ties either 8.x/9.x route to a version, so
the first route of ``ROUTES`` is asked first and, only when the server says it has no such route (a 404 that is not
"no such object"), the second once; the route found is used for the write of the same run.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import Field
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Singleton

ADMIN = "admin"
# The one table of this resource's routes, in the order they are tried (see the module docstring).
ROUTES = ("/user_directory/profile_config", "/user_directory")
CONFIG = "profile_config"  # the one write route of every field: the server takes both settings in one body

FIELDS = (
    Field("lock_user_profiles", api="lockUserProfiles", type="bool", route=CONFIG),
    Field("mandatory_2fa", api="mandatory2FA", type="bool", route=CONFIG),
)


def no_route(exc):
    """A 404 for the route itself (v9's "No such route", an HTML page), not for an object."""
    return exc.status == 404 and not exc.missing


class UserDirectory(Singleton):
    """The profile settings; ``route`` is the route the server answered on (None before the read)."""

    name = "user_directory"
    plural = "user_directories"
    fields = FIELDS
    # Reading the route already fails on a server without it; check mode adds no status read.
    check_server_in_check_mode = False

    def __init__(self):
        self.route = None

    def read(self, ctx, items, complete):
        answer = self.answer(ctx)
        return [dict((field.name, answer.get(field.api)) for field in FIELDS)]

    def answer(self, ctx):
        """The server's settings, from the first route of ``ROUTES`` it has (at most one extra request)."""
        try:
            answer = ctx.client.call("GET", ROUTES[0], role=ADMIN)
            self.route = ROUTES[0]
        except ApiError as exc:
            if not no_route(exc):
                raise
            try:
                answer = ctx.client.call("GET", ROUTES[1], role=ADMIN)
            except ApiError as second:
                if not no_route(second):
                    raise
                raise exc.with_hint("the server has neither %s nor %s" % ROUTES) from None
            self.route = ROUTES[1]
        return answer

    def write(self, ctx, current, route, values, item):
        # both settings are required in the body: the one not given goes back as the server answered it
        body = dict((field.api, values.get(field.name, current.get(field.name))) for field in FIELDS)
        ctx.client.call("POST", self.route, body=body, role=ADMIN)

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Password login and token refresh, both in the auth bucket (see ``ratelimit``)."""

import time

from . import auth, bodies, ratelimit
from .envelope import env
from .errors import no_permission


def _login_object(state, tenant):
    return {"tnId": tenant["tnId"], "idTag": tenant["idTag"], "roles": auth.owner_roles(tenant),
            "token": auth.issue_jwt(state, tenant), "name": tenant["name"], "profilePic": tenant["profilePic"],
            "settings": []}


def login(state, request):
    body = bodies.fields(request, {"idTag": (str, True, False), "password": (str, True, False)})
    tenant = request.user
    if body["idTag"] != tenant["idTag"] or tenant["password"] is None or body["password"] != tenant["password"]:
        ratelimit.failed_login(state, request.client)
        delay = state.switches["login_failure_delay_ms"] / 1000.0
        if delay:
            # the server answers a failed login after a pause; other requests go on meanwhile
            state.lock.release()
            try:
                time.sleep(delay)
            finally:
                state.lock.acquire()
        raise no_permission()
    return env(request, state, _login_object(state, tenant))


def login_token(state, request):
    caller = request.token
    if caller.kind is None or caller.problem is not None:
        return env(request, state, None)
    return env(request, state, _login_object(state, request.user))


def register(router):
    router.add("POST", "/api/auth/login", login, role="public")
    router.add("GET", "/api/auth/login-token", login_token, role="public")


RATE_LIMITED = {("POST", "/api/auth/login"), ("GET", "/api/auth/login-token")}

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The mail server (global, role admin): /api/v1/mailserver/location (a task) and the settings that answer 200."""

from common.routing import Response

from . import domains
from .errors import ApiError
from .mailserver_settings import CHECKS

# the task type of a location change (named as the server names it; not in the facts)
LOCATION_TASK = "changeMailLocation"
_LOCATION_STEPS = ((10, "Registering location %s"), (50, "Waiting for DNS of %s"), (90, "Getting certificate of %s"))


def location(state):
    """``{domain, subdomain}`` of the mail server: the one set last, else the dashboard's."""
    stored = state.mailserver["location"]
    if stored is not None:
        return dict(stored)
    subdomain, domain = (state.dashboard_fqdn() or "my.example.com").split(".", 1)
    return {"domain": domain, "subdomain": subdomain}


def get_location(state, request):
    return Response(200, location(state))


def set_location(state, request):
    body = request.body
    domain = domains.load(state, body["domain"])
    subdomain = body["subdomain"].lower()
    fqdn = "%s.%s" % (subdomain, domain.domain) if subdomain else domain.domain
    if not domains.valid_hostname(fqdn):
        raise ApiError(400, "Bad location: Hostname is not a valid domain name")
    wanted = {"domain": domain.domain, "subdomain": subdomain}

    def moved(task):
        state.mailserver["location"] = wanted

    task = state.tasks.start(LOCATION_TASK, [wanted], steps=tuple((p, m % fqdn) for p, m in _LOCATION_STEPS),
                             fail=state.take_task_fault(LOCATION_TASK), on_success=moved)
    return Response(202, {"taskId": task.id})


def _getter(setting):
    return lambda state, request: Response(200, dict(state.mailserver[setting]))


def _setter(setting):
    def handler(state, request):
        state.mailserver[setting] = CHECKS[setting](request.body, state.switches)
        return Response(200, {})
    return handler


def register(router):
    router.add("GET", "/api/v1/mailserver/location", get_location, "admin")
    router.add("POST", "/api/v1/mailserver/location", set_location, "admin")
    for setting in CHECKS:
        router.add("GET", "/api/v1/mailserver/" + setting, _getter(setting), "admin")
        router.add("POST", "/api/v1/mailserver/" + setting, _setter(setting), "admin")

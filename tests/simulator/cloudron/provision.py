# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Provisioning: the public status routes, the first-time setup and the owner's activation.

A new server answers on its raw IP (the setup listener) until it has a dashboard host.
``POST /provision/setup`` adds the dashboard's domain: the setup runs for a while (progress in the
status route's ``setup``), then the domain exists and the dashboard host is ``my.<domain>``, which
answers once its DNS record, certificate and proxy would be in place (switch ``readiness_seconds``).
``POST /provision/activate`` then creates the owner and a token that expires.
"""

from common.routing import Response

from . import users
from .domains import new_domain
from .errors import ApiError
from .state import WEBADMIN_CLIENT

STATUS_ROUTE = "/api/v1/cloudron/status"
PROVISION_STATUS_ROUTE = "/api/v1/provision/status"
SETUP_ROUTE = "/api/v1/provision/setup"
ACTIVATE_ROUTE = "/api/v1/provision/activate"
# all the raw IP serves until the server is activated; anything else there is 404 "No such route"
SETUP_LISTENER_ROUTES = (STATUS_ROUTE, PROVISION_STATUS_ROUTE, SETUP_ROUTE, ACTIVATE_ROUTE)
# routes closed once the server is activated (switch after_activation)
SETUP_ONLY_ROUTES = (SETUP_ROUTE, ACTIVATE_ROUTE)
# the hosting provider the status names
PROVIDER = "generic"
SETUP_SECONDS = 3
DEFAULT_TLS = {"provider": "letsencrypt-prod", "wildcard": False}
NOT_READY = b"<html><body>Cloudron is not ready yet</body></html>"


def settle(state):
    """Apply a setup that has finished since the last request; called before anything is read."""
    state.provisioning.engine.settle()


def _setup_ended(state, succeeded):
    """Whether the last setup has ended, and succeeded (or failed)."""
    provisioning = state.provisioning
    task = provisioning.setup_task
    if task is None or not provisioning.engine.finished(task):
        return False
    return (provisioning.engine.error(task) is None) == succeeded


def setup_json(state):
    """``{active, message, errorMessage}`` of the running or last setup."""
    provisioning = state.provisioning
    if provisioning.setup_task is None:
        return {"active": False, "message": "", "errorMessage": None}
    view = provisioning.engine.view(provisioning.setup_task)
    return {"active": view["active"] or view["pending"], "message": view["message"],
            "errorMessage": view["error"]["message"] if view["error"] else None}


def ready(state):
    """Whether the dashboard host answers: ``readiness_seconds`` after a setup succeeded (a provisioned server always)."""
    provisioning = state.provisioning
    if provisioning.setup_task is None:
        return provisioning.admin_fqdn is not None
    if not _setup_ended(state, succeeded=True):
        return False
    delay = state.switches["readiness_seconds"] * state.switches["task_seconds"]
    return provisioning.engine.now() >= provisioning.engine.end(provisioning.setup_task) + delay


def not_ready():
    """What the dashboard host answers before it is ready (no proxy or certificate there yet)."""
    return Response(503, NOT_READY, content_type="text/html; charset=utf-8")


def serves(state, listener, route):
    """Whether ``listener`` serves ``route``: the setup listener only serves provisioning until the server is activated."""
    return listener != "setup" or state.provisioning.activated or route.template in SETUP_LISTENER_ROUTES


def dump(state):
    """The provisioning part of ``/_control/state``."""
    provisioning = state.provisioning
    return {"setup": setup_json(state), "activated": provisioning.activated, "admin_fqdn": provisioning.admin_fqdn,
            "ready": ready(state)}


def check_open(state, route):
    """405 for setup and activation once activated (switch ``after_activation``), before the body is looked at.

    "Route unavailable" reads like a gate in front of the route; with 409 the route itself answers, after
    its body checks.
    """
    if route.template in SETUP_ONLY_ROUTES and state.provisioning.activated and state.switches["after_activation"] == 405:
        raise ApiError(405, "Route unavailable after activation")


def _provisioning_json(state):
    """The provisioning state with the keys of the 4.2/7.x status route."""
    provisioning = state.provisioning
    return {"version": state.version, "activated": provisioning.activated, "setup": setup_json(state),
            "adminFqdn": provisioning.admin_fqdn, "provider": PROVIDER}


def get_status(state, request):
    if state.provisioning.activated or not state.switches["status_setup_keys"]:
        # an activated 9.0.15 answers only the version (older servers sent much more)
        return Response(200, {"version": state.version})
    return Response(200, _provisioning_json(state))


def get_provision_status(state, request):
    """Its shape is not documented: the keys the 4.2/7.x ``/cloudron/status`` has, in every state."""
    if not state.switches["provision_status_route"]:
        raise ApiError(404, "No such route")
    return Response(200, _provisioning_json(state))


def _finish_setup(state, domain):
    state.domains[domain.domain] = domain
    state.provisioning.admin_fqdn = "my." + domain.domain


def setup(state, request, validator):
    """Check ``domainConfig`` as ``POST /domains`` checks its body, then add the domain in a setup that takes a while."""
    provisioning = state.provisioning
    config = dict(request.body["domainConfig"])
    if config.get("tlsConfig") is None:
        config["tlsConfig"] = dict(DEFAULT_TLS)
    validator.validate("post", "/domains", config, state.switches["strict_fields"])
    # once activated only reached with switch after_activation 409
    if provisioning.activated or (provisioning.setup_task is not None and not _setup_ended(state, succeeded=False)):
        raise ApiError(409, "Already setup")
    domain = new_domain(state, config)
    fqdn = "my." + domain.domain
    steps = ((10, "Adding domain %s" % domain.domain), (30, "Registering location %s" % fqdn),
             (60, "Waiting for DNS propagation of %s" % fqdn), (85, "Getting certificate of %s" % fqdn))
    provisioning.setup_task = provisioning.engine.start(
        "setup", [domain.domain], pending_seconds=0, seconds=SETUP_SECONDS, steps=steps,
        fail=state.switches["setup_error"], on_success=lambda task: _finish_setup(state, domain))
    return Response(200, {})


def activate(state, request):
    """Create the owner and a token that works for ``activation_token_seconds``."""
    provisioning = state.provisioning
    if provisioning.activated:
        # only reached with switch after_activation 409
        raise ApiError(409, "Already setup")
    if provisioning.admin_fqdn is None:
        raise ApiError(409, "Not setup yet")
    body = request.body
    username = users.check_username(body["username"])
    password = users.check_password(body["password"])
    email = users.check_email(body["email"])
    users.check_unique(state, username, email)
    owner = state.add_user(username, email, role="owner", display_name=body.get("displayName") or "", password=password)
    expires = state.now_ms() + int(state.switches["activation_token_seconds"] * 1000)
    token = state.add_token(owner, "activation", {"*": "rw"}, expires=expires)
    token.client_id = WEBADMIN_CLIENT
    provisioning.activated = True
    return Response(201, {"userId": owner.id, "token": token.secret, "expires": expires})


def register(router, validator):
    router.add("GET", STATUS_ROUTE, get_status, role=None)
    router.add("GET", PROVISION_STATUS_ROUTE, get_provision_status, role=None)
    router.add("POST", SETUP_ROUTE, lambda state, request: setup(state, request, validator), role=None)
    router.add("POST", ACTIVATE_ROUTE, activate, role=None)

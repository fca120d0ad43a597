# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""First-time provisioning of a Cloudron server: setup on the raw IP, readiness of the dashboard host,
activation of the owner, and a durable API token (activation tokens expire).

Each step runs only when the server still needs it, so the whole flow can be re-run safely.
"""

from __future__ import annotations

import time

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import STATUS_PATH, CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.domains import Domains
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError, TransportError, WaitTimeout
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import argspec, wanted
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import poll

SETUP, READY, ACTIVATE, TOKEN = "setup", "wait for the dashboard host", "activate", "create API token"


class Provisioner:
    """Reads where the server is in the flow and runs the missing steps."""

    def __init__(self, params, clock=time.monotonic, sleep=time.sleep):
        self.params = params
        self.clock = clock
        self.sleep = sleep
        self.timeout = params["wait_timeout"]
        self.dashboard = CloudronClient.from_params(dict(params, api_token=None))
        self.setup = None
        if params.get("setup_url"):
            # before setup the server has only a self-signed certificate on its raw address
            self.setup = CloudronClient.from_params(dict(params, api_token=None, ca_path=None,
                                                         validate_certs=params["setup_validate_certs"]), url_option="setup_url")

    # -- where are we -----------------------------------------------------------------------------

    @staticmethod
    def _status(client):
        """The status answer, or None when the host does not answer like a ready Cloudron (yet)."""
        try:
            answer = client.http.request("GET", STATUS_PATH)
        except TransportError:
            return None
        return answer.json if answer.status == 200 and isinstance(answer.json, dict) else None

    def state(self):
        """(status, needs): the status seen and the steps still to run, in order."""
        status = self._status(self.dashboard)
        if status is not None and "activated" not in status:
            return status, []  # an activated 8.x/9.x server answers only its version
        if status is None and self.setup is not None:
            status = self._status(self.setup)
        if status is None:
            raise ResourceError("neither %s nor %s answers as a Cloudron server" % (
                self.dashboard.http.base_url, self.setup.http.base_url if self.setup else "a setup_url (not given)"))
        if status.get("activated"):
            return status, []
        needs = [] if status.get("adminFqdn") and not (status.get("setup") or {}).get("active") else [SETUP]
        return status, needs + [READY, ACTIVATE, TOKEN]

    # -- steps -----------------------------------------------------------------------------------

    def run(self, needs):
        token = None
        if SETUP in needs:
            self._setup()
        if READY in needs:
            self._wait_ready()
        if ACTIVATE in needs:
            token = self._activate()
        if TOKEN in needs:
            token = self._token(token)
        return token

    def _setup(self):
        if self.setup is None:
            raise ResourceError("the server is not set up yet: give setup_url, the address it answers on before it has a dashboard host")
        domain = self.params.get("domain") or {}
        if not domain.get("domain") or not domain.get("provider"):
            raise ResourceError("the server is not set up yet: domain.domain and domain.provider are needed to set it up")
        item = wanted(Domains.fields, domain)
        Domains.resolve(None, item, None)
        body = Domains.body({}, item)
        body["domain"] = item["domain"]
        self.setup.call("POST", "/provision/setup", body={"domainConfig": body})
        status = self._wait(lambda: self._status(self.setup),
                            lambda found: found is not None and not (found.get("setup") or {}).get("active"), "setup")
        error = (status.get("setup") or {}).get("errorMessage")
        if error:
            raise ResourceError("setup failed: %s" % error)

    def _wait_ready(self):
        self._wait(lambda: self._status(self.dashboard), lambda found: found is not None, "the dashboard host to answer")

    def _wait(self, read, done, what):
        try:
            found = poll(read, done, self.timeout, clock=self.clock, sleep=self.sleep).state
        except WaitTimeout:
            raise WaitTimeout("timed out after %ss waiting for %s; a re-run continues from there" % (self.timeout, what))
        return found

    def _activate(self):
        owner = self.params.get("owner") or {}
        missing = [key for key in ("username", "email", "password") if not owner.get(key)]
        if missing:
            raise ResourceError("the server is not activated yet: owner.%s needed" % ", owner.".join(missing))
        body = {"username": owner["username"], "email": owner["email"], "password": owner["password"]}
        if owner.get("display_name"):
            body["displayName"] = owner["display_name"]
        return self.dashboard.call("POST", "/provision/activate", body=body)["token"]

    def _token(self, activation_token):
        if activation_token is None:
            raise ResourceError("the server is activated but no token to create a durable one with")
        client = CloudronClient.from_params(self.params, token=activation_token)
        created = client.call("POST", "/tokens", body={"name": self.params["token_name"]})
        token = created.get("accessToken")
        if not token:
            raise ApiError("POST", client.http.url("/tokens"), 201, "the answer carries no accessToken")
        return token


def domain_argspec():
    """The setup domain takes the options of cloudron_domain."""
    spec = argspec(Domains.fields)
    spec["domain"]["required"] = True
    spec["provider"]["required"] = True
    return spec

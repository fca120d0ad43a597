# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""First-time provisioning of a Cloudron server: setup on the raw IP, readiness of the dashboard host,
activation of the owner, and a durable API token (activation tokens expire).

Each step runs only when the server still needs it, so the whole flow can be re-run safely, also
after a run that failed or timed out half-way. Where the server is in the flow is read from the
public ``GET /provision/status`` (newer servers), else from the keys of ``GET /cloudron/status``
(older ones); a key that is missing never counts as "done".
"""

from __future__ import annotations

import time

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import STATUS_PATH, CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.domains import Domains
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError, TransportError, WaitTimeout
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import argspec, wanted
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import poll

SETUP, READY, ACTIVATE, TOKEN = "setup", "wait for the dashboard host", "activate", "create API token"
PROVISION_STATUS_PATH = "/provision/status"
# What setup and activation answer once the server is activated: 405 (newer servers) or 409 (older ones).
ALREADY_DONE = (405, 409)
TOKENS_HINT = "create one in the dashboard (Profile, API Tokens) as the owner and give it as api_token"


class Provisioner:
    """Reads where the server is in the flow and runs the missing steps."""

    def __init__(self, params, clock=time.monotonic, sleep=time.sleep):
        self.params = params
        self.clock = clock
        self.sleep = sleep
        self.timeout = params["wait_timeout"]
        self.dashboard = CloudronClient.from_params(dict(params, api_token=None))
        self.setup = None
        self.setup_running = False
        self.activation = None  # the activation answer, once activated in this run
        if params.get("setup_url"):
            # before setup the server has only a self-signed certificate on its raw address
            self.setup = CloudronClient.from_params(dict(params, api_token=None, ca_path=None,
                                                         validate_certs=params["setup_validate_certs"]), url_option="setup_url")

    # -- where are we -----------------------------------------------------------------------------

    @staticmethod
    def _answer(client, path):
        """The JSON object a public route answers, or None (no answer, an error, not JSON)."""
        try:
            answer = client.http.request("GET", path)
        except TransportError:
            return None
        return answer.json if answer.status == 200 and isinstance(answer.json, dict) else None

    def _status(self, client):
        """What the host says of its provisioning, or None when it does not answer like a ready Cloudron (yet)."""
        status = self._answer(client, PROVISION_STATUS_PATH)
        if status is not None and "version" in status:
            return status
        basic = self._answer(client, STATUS_PATH)
        if basic is None:
            return status
        return dict(basic, **(status or {}))

    def state(self):
        """(status, needs): the status seen and the steps still to run, in order."""
        status = self._status(self.dashboard)
        if status is not None:
            if status.get("activated") is True or (status.get("activated") is None and self._token_works()):
                return status, self._token_needed()
            # the dashboard host answers, so the setup is done; activation answers "already done" if it is unknown
            return status, [ACTIVATE, TOKEN]
        if self.setup is not None:
            status = self._status(self.setup)
        if status is None:
            raise ResourceError("neither %s nor %s answers as a Cloudron server" % (
                self.dashboard.http.base_url, self.setup.http.base_url if self.setup else "a setup_url (not given)"))
        if status.get("activated") is True:
            return status, self._token_needed()
        setup = status.get("setup") or {}
        self.setup_running = setup.get("active") is True
        done = status.get("adminFqdn") and setup.get("active") is False and not setup.get("errorMessage")
        return status, ([] if done else [SETUP]) + [READY, ACTIVATE, TOKEN]

    def _token_works(self):
        """Whether api_token is accepted, which proves the server activated when its status does not say."""
        if not self.params.get("api_token"):
            return False
        try:
            self._client(self.params["api_token"]).call("GET", "/profile")
        except ApiError as exc:
            if exc.status == 401:
                return False
            raise
        return True

    def _token_needed(self):
        """On an activated server, with api_token: whether a token named token_name still has to be made."""
        if not self.params.get("api_token"):
            return []
        tokens = self._client(self.params["api_token"]).call("GET", "/tokens").get("tokens") or []
        return [] if any(token.get("name") == self.params["token_name"] for token in tokens) else [TOKEN]

    # -- steps -----------------------------------------------------------------------------------

    def run(self, needs):
        """Run the steps; return the durable token when one was made."""
        if SETUP in needs:
            self._setup()
        if READY in needs:
            self._wait_ready()
        token = self.params.get("api_token")
        if ACTIVATE in needs:
            token = self._activate() or token
        if TOKEN in needs:
            return self._token(token)
        return None

    def _setup(self):
        if self.setup is None:
            raise ResourceError("the server is not set up yet: give setup_url, the address it answers on before it has a dashboard host")
        domain = self.params.get("domain") or {}
        if not domain.get("domain") or not domain.get("provider"):
            raise ResourceError("the server is not set up yet: domain.domain and domain.provider are needed to set it up")
        if not self.setup_running:  # a setup an earlier run started is waited on, not posted again
            item = wanted(Domains.fields, domain)
            Domains.resolve(None, item, None)
            body = Domains.body({}, item)
            body["domain"] = item["domain"]
            try:
                self.setup.call("POST", "/provision/setup", body={"domainConfig": body})
            except ApiError as exc:
                if exc.status not in ALREADY_DONE:
                    raise ResourceError("setup refused: %s" % exc)
        status = self._wait(lambda: self._status(self.setup),
                            lambda found: found is not None and (found.get("setup") or {}).get("active") is not True, "setup")
        error = (status.get("setup") or {}).get("errorMessage")
        if error:
            raise ResourceError("setup failed: %s; fix the cause (DNS credentials, domain) and re-run" % error)

    def _wait_ready(self):
        self._wait(lambda: self._answer(self.dashboard, STATUS_PATH), lambda found: found is not None, "the dashboard host to answer")

    def _wait(self, read, done, what):
        try:
            return poll(read, done, self.timeout, clock=self.clock, sleep=self.sleep).state
        except WaitTimeout:
            raise WaitTimeout("timed out after %ss waiting for %s; a re-run continues from there" % (self.timeout, what))

    def _activate(self):
        """Activate the owner; return the activation token (None when the server turns out to be activated)."""
        owner = self.params.get("owner") or {}
        missing = [key for key in ("username", "email", "password") if not owner.get(key)]
        if missing:
            raise ResourceError("the server is not activated yet: owner.%s needed" % ", owner.".join(missing))
        body = {"username": owner["username"], "email": owner["email"], "password": owner["password"]}
        if owner.get("display_name"):
            body["displayName"] = owner["display_name"]
        try:
            self.activation = self.dashboard.call("POST", "/provision/activate", body=body)
        except ApiError as exc:
            if exc.status not in ALREADY_DONE:
                raise
            return None
        return self.activation.get("token")

    def _token(self, token):
        if not token:
            raise ResourceError("the server is already activated, so a durable token needs a token of its owner: " + TOKENS_HINT)
        client = self._client(token)
        try:
            created = client.call("POST", "/tokens", body={"name": self.params["token_name"]})
        except (ApiError, TransportError) as exc:
            raise TokenFailed(exc, self.activation)
        if not created.get("accessToken"):
            raise TokenFailed(ApiError("POST", client.http.url("/tokens"), 201, "the answer carries no accessToken"), self.activation)
        return created["accessToken"]

    def _client(self, token):
        return CloudronClient.from_params(self.params, token=token)


class TokenFailed(ResourceError):
    """The durable token could not be made. After an activation in the same run, ``activation`` holds the one
    credential that still works (until it expires), so the caller can keep it for the re-run."""

    def __init__(self, error, activation):
        if activation:
            text = ("the server is activated, but creating the durable token failed: %s. The activation token "
                    "(returned as activation_token, valid until %s) finishes the job: re-run with api_token set to it, "
                    "or %s" % (error, activation.get("expires"), TOKENS_HINT))
        else:
            text = "creating the durable token failed: %s" % error
        super().__init__(text)
        self.activation = activation


def domain_argspec():
    """The setup domain takes the options of cloudron_domain."""
    spec = argspec(Domains.fields)
    spec["domain"]["required"] = True
    spec["provider"]["required"] = True
    return spec

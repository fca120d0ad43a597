# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mail settings of a domain (role mailmanager): /api/v1/mail/:domain, its settings routes (202 {}), status and counts.

Every Cloudron domain has a mail domain, created and removed with it (``Domain.mail``).
"""

import copy

from common.routing import Response

from . import domains
from .dns_providers import PLACEHOLDER
from .errors import ApiError

RELAY_FIELDS = ("provider", "host", "port", "username", "password", "acceptSelfSignedCerts", "forceFromAddress")


def mail_domain_json(state, domain, secrets=False):
    """The mail config object; the relay password masked or left out (switch ``relay_password_read``) unless ``secrets``."""
    mail = domain.mail
    relay = copy.deepcopy(mail.relay)
    if "password" in relay and not secrets:
        if state.switches["relay_password_read"] == "masked":
            relay["password"] = PLACEHOLDER
        else:
            del relay["password"]
    return {
        "domain": domain.domain,
        "enabled": mail.enabled,
        "mailFromValidation": mail.mail_from_validation,
        "catchAll": list(mail.catch_all),
        "relay": relay,
        "banner": dict(mail.banner),
    }


def get_mail_domain(state, request):
    result = mail_domain_json(state, domains.load(state, request.params["domain"]))
    if state.switches["mail_domain_shape"] == "wrapped":
        # the spec's shape: {domain: [object]}
        result = {"domain": [result]}
    return Response(200, result)


def stored_relay(body, current):
    """The relay the server keeps for a POST body; the masked password stands for the stored one."""
    relay = {name: copy.deepcopy(body[name]) for name in RELAY_FIELDS if name in body}
    if not relay["provider"]:
        raise ApiError(400, "provider is required")
    if relay.get("password") == PLACEHOLDER and "password" in current:
        relay["password"] = current["password"]
    return relay


def _setter(apply):
    """A settings route: ``apply(mail, body)`` changes the mail domain; 202 {}."""
    def handler(state, request):
        apply(domains.load(state, request.params["domain"]).mail, request.body)
        return Response(202, {})
    return handler


def _set_enabled(mail, body):
    mail.enabled = body["enabled"]


def _set_mail_from_validation(mail, body):
    mail.mail_from_validation = body["enabled"]


def _set_catch_all(mail, body):
    mail.catch_all = list(body["addresses"])


def _set_relay(mail, body):
    mail.relay = stored_relay(body, mail.relay)


def _set_banner(mail, body):
    mail.banner = {"text": body["text"], "html": body.get("html", "")}


def send_test_mail(state, request):
    # a failed send (424) is a fault rule on this path
    domains.load(state, request.params["domain"])
    return Response(202, {})


def get_status(state, request):
    """The checks of the domain's DNS records, block lists and relay; the simulator finds everything in order."""
    domain = domains.load(state, request.params["domain"])
    fqdn = domain.domain

    def record(name, kind, value):
        return {"domain": fqdn if name == "@" else "%s.%s" % (name, fqdn), "name": name, "type": kind, "value": value,
                "expected": value, "status": True}

    return Response(200, {
        "dns": {"spf": record("@", "TXT", "v=spf1 a:my.%s ~all" % fqdn),
                "dkim": record("cloudron._domainkey", "TXT", "v=DKIM1; t=s; p=SIMULATOR"),
                "ptr": record("@", "PTR", "my.%s" % fqdn)},
        "rbl": {"status": True, "ip": "127.0.0.1", "servers": []},
        "relay": {"status": True, "value": "OK"},
    })


def mailbox_count(state, request):
    domain = domains.load(state, request.params["domain"])
    return Response(200, {"count": sum(1 for m in state.mailboxes.values() if m.domain == domain.domain)})


def register(router):
    manager = "mailmanager"
    router.add("GET", "/api/v1/mail/:domain", get_mail_domain, manager)
    for route, apply in (("enable", _set_enabled), ("mail_from_validation", _set_mail_from_validation),
                         ("catch_all", _set_catch_all), ("relay", _set_relay), ("banner", _set_banner)):
        router.add("POST", "/api/v1/mail/:domain/" + route, _setter(apply), manager)
    router.add("POST", "/api/v1/mail/:domain/send_test_mail", send_test_mail, manager)
    router.add("GET", "/api/v1/mail/:domain/status", get_status, manager)
    router.add("GET", "/api/v1/mail/:domain/mailbox_count", mailbox_count, manager)

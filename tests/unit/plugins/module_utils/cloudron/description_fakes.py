# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a fake server answers for the access, directory, network, branding, registry and services parts of an export
(shared by the tests of those parts and of the whole description)."""

from __future__ import annotations

MASKED = "\u25cf" * 8
PNG = b"\x89PNG\r\n\x1a\n" + b"avatar-pixels"
JPEG = b"\xff\xd8\xff\xe0" + b"background-photo"
ICON = b"\x89PNG\r\n\x1a\n" + b"status-icon"
OIDC_SECRET = "oidc-client-secret-4242"
DIRECTORY_SECRET = "directory-secret-77"
BIND_PASSWORD = "ldap-bind-password-9"
REGISTRY_PASSWORD = "registry-password-3"
SECRETS = (OIDC_SECRET, DIRECTORY_SECRET, BIND_PASSWORD, REGISTRY_PASSWORD)
# 2100-01-01T00:00:00Z and 2001-09-09T01:46:40Z
LATER, PAST = 4102444800000, 1000000000000

TOKENS = [
    {"id": "tid-ci", "name": "ci-deploy", "scope": {"*": "r"}, "clientId": "cid-sdk", "lastUsedAt": "2025-01-01T00:00:00Z"},
    {"id": "tid-audit", "name": "audit", "scope": {"*": "rw"}, "clientId": "cid-sdk", "expires": LATER + 123},
    {"id": "tid-old", "name": "expired", "scope": {"*": "r"}, "clientId": "cid-sdk", "expires": PAST},
    {"id": "tid-apps", "name": "apps-only", "scope": {"apps": "rw"}, "clientId": "cid-sdk"},
    {"id": "tid-web", "name": "webadmin", "scope": {"*": "rw"}, "clientId": "cid-webadmin"},
]
OIDC_CLIENTS = [
    {"id": "cid-2", "name": "grafana", "loginRedirectUri": "https://grafana.example.com/login/generic_oauth",
     "tokenSignatureAlgorithm": "RS256", "secret": OIDC_SECRET},
    {"id": "cid-app", "name": "wiki", "appId": "app-wiki", "loginRedirectUri": "https://wiki.example.com/callback",
     "tokenSignatureAlgorithm": "RS256", "secret": OIDC_SECRET},
    {"id": "cid-1", "name": "audit", "loginRedirectUri": "https://audit.example.com/cb", "tokenSignatureAlgorithm": "EdDSA",
     "secret": OIDC_SECRET},
]
APPLINKS = [
    {"id": "l-status", "upstreamUri": "https://Status.example.com", "label": "Status", "tags": ["ops", "monitoring"],
     "accessRestriction": {"users": [], "groups": ["gid-staff"]}},
    {"id": "l-docs", "upstreamUri": "https://docs.example.com/", "label": "Docs", "tags": [], "accessRestriction": None},
]
DIRECTORY_SERVER = {"enabled": True, "secret": MASKED, "allowlist": "# office\n198.51.100.0/24\n2001:DB8::/32\n198.51.100.0/24"}
EXTERNAL_LDAP = {"provider": "ad", "url": "ldaps://dc.example.com", "baseDn": "dc=example,dc=com", "usernameField": "sAMAccountName",
                 "filter": "(objectClass=user)", "groupBaseDn": "", "bindDn": "cn=cloudron,dc=example,dc=com",
                 "bindPassword": MASKED}
REGISTRY = {"provider": "other", "serverAddress": "registry.example.com", "username": "pull", "email": "Ops@Example.com",
            "password": MASKED}
SERVICES = {
    "mail": {"name": "mail", "config": {"memoryLimit": 1073741824, "recoveryMode": False}, "defaultMemoryLimit": 536870912},
    "mysql": {"name": "mysql", "config": {}, "defaultMemoryLimit": 805306368},
    "docker": {"name": "docker", "config": {}, "defaultMemoryLimit": 0},
    "turn": {"name": "turn", "config": {"recoveryMode": True}, "defaultMemoryLimit": 268435456},
}
NETWORK = {
    "/network/ipv4_config": {"provider": "generic"},
    "/network/ipv6_config": {"provider": "fixed", "ip": "2001:DB8::10"},
    "/network/blocklist": {"blocklist": "# abusers\n203.0.113.7\n192.0.2.0/24\n"},
    "/reverseproxy/trusted_ips": {"trustedIps": ""},
}


def serve_config(server, **changes):
    """Answer every read of those parts; ``changes`` replaces one answer by its route (``/docker/registry_config``)."""
    answers = {
        "/tokens": (200, {"tokens": TOKENS}),
        "/oidc/clients": (200, {"clients": OIDC_CLIENTS}),
        "/applinks": (200, {"applinks": APPLINKS}),
        "/applinks/l-status/icon": (200, ICON),
        "/applinks/l-docs/icon": (404, {"status": "Not Found", "message": "No such icon"}),
        "/user_directory": (200, {"lockUserProfiles": True, "mandatory2FA": False}),
        "/directory_server/config": (200, DIRECTORY_SERVER),
        "/external_ldap/config": (200, EXTERNAL_LDAP),
        "/docker/registry_config": (200, REGISTRY),
        "/services": (200, {"services": list(SERVICES)}),
        "/branding/cloudron_avatar": (200, PNG),
        "/branding/cloudron_background": (200, JPEG),
    }
    answers.update(("/services/%s" % name, (200, {"service": service})) for name, service in SERVICES.items())
    answers.update((path, (200, answer)) for path, answer in NETWORK.items())
    answers.update(changes)
    for path, answer in answers.items():
        server.on("GET", path, answer)
    return server

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Corrections to the vendor OpenAPI document, applied before request bodies are validated.

Each entry names one operation (method, path as written in the spec) and why it is corrected, and
either a patch that is deep-merged into its request body schema (objects merge, everything else,
including a ``$ref``, is replaced) or a ``schema`` that replaces it.
"""

_ACCESS = {"type": ["object", "null"], "properties": {"users": {"type": "array", "items": {"type": "string"}},
                                                      "groups": {"type": "array", "items": {"type": "string"}}}}
_LOCATION = {"type": "object", "properties": {"domain": {"type": "string"}, "subdomain": {"type": "string"}},
             "required": ["domain", "subdomain"]}
_SECONDARY = {"type": "object", "required": ["domain", "subdomain", "environmentVariable"],
              "properties": {"domain": {"type": "string"}, "subdomain": {"type": "string"}, "environmentVariable": {"type": "string"}}}
_DOMAIN_LISTS = {
    "secondaryDomains": {"type": "array", "items": _SECONDARY},
    "redirectDomains": {"type": "array", "items": _LOCATION},
    "aliasDomains": {"type": "array", "items": _LOCATION},
}
_LISTS_REASON = "The spec types secondaryDomains, redirectDomains and aliasDomains as lists of strings; they are lists of {domain, subdomain} objects."

OVERLAY = (
    {
        "method": "post",
        "path": "/cloudron/time_zone",
        "patch": {"required": ["timeZone"]},
        "reason": "The spec marks 'language' as required, copied from the language route; the body's field is 'timeZone'.",
    },
    {
        "method": "put",
        "path": "/users/{userId}/role",
        "patch": {"required": ["role"]},
        "reason": "The spec lists 'user' as required, a field it does not declare; the body's field is 'role'.",
    },
    {
        "method": "post",
        "path": "/users/{userId}/profile",
        "patch": {"properties": {"username": {"type": "string"}}},
        "reason": "The description says the username can be set while it is still empty, but the schema omits 'username'.",
    },
    {
        "method": "post",
        "path": "/users/{userId}/password",
        "patch": {"required": ["password"]},
        "reason": "The server cannot set a password without one; the spec forgets to mark it required.",
    },
    {
        "method": "post",
        "path": "/apps",
        "patch": {
            "properties": dict(_DOMAIN_LISTS, **{
                "subdomain": {"type": "string"},
                "domain": {"type": "string"},
                "accessRestriction": {"type": ["object", "null"]},
                "cpuQuota": {"type": "number"},
                "enableRedis": {"type": "boolean"},
            }),
            "required": ["subdomain", "domain", "accessRestriction"],
            "anyOf": [{"required": ["appStoreId"]}, {"required": ["manifest"]}],
        },
        "reason": "The spec requires both appStoreId and manifest (one of them is meant), requires subdomain and domain "
                  "without declaring them, and types accessRestriction as object although null (everyone) is valid. "
                  "cpuQuota and enableRedis are app settings the install route takes (unverified). " + _LISTS_REASON,
    },
    {
        "method": "post",
        "path": "/apps/{appId}/clone",
        "patch": {"properties": {"secondaryDomains": _DOMAIN_LISTS["secondaryDomains"]}},
        "reason": "The dashboard sends secondaryDomains when cloning; the spec does not declare it.",
    },
    {
        "method": "post",
        "path": "/apps/{appId}/configure/location",
        "patch": {"properties": dict(_DOMAIN_LISTS, subdomain={"type": "string"}, domain={"type": "string"}),
                  "required": ["subdomain", "domain"]},
        "reason": "The new location itself (subdomain, domain) is missing from the spec's schema. " + _LISTS_REASON,
    },
    {
        "method": "post",
        "path": "/apps/{appId}/configure/operators",
        "schema": {"type": "object", "properties": {"operators": _ACCESS}, "required": ["operators"]},
        "reason": "The spec copies the access_restriction body; the field is 'operators' (null or {users, groups}).",
    },
    {
        "method": "post",
        "path": "/apps/{appId}/configure/access_restriction",
        "patch": {"properties": {"accessRestriction": {"type": ["object", "null"]}}, "required": ["accessRestriction"]},
        "reason": "null (everyone) is valid and the field is needed.",
    },
    {
        "method": "post",
        "path": "/apps/{appId}/configure/reverse_proxy",
        "schema": {"type": "object", "properties": {"robotsTxt": {"type": ["string", "null"]}, "csp": {"type": ["string", "null"]},
                                                    "hstsPreload": {"type": "boolean"}}},
        "reason": "The spec names a boolean 'robotTxt'; the app's reverseProxyConfig has the string robotsTxt, csp and hstsPreload.",
    },
    {
        "method": "post",
        "path": "/apps/{appId}/configure/debug_mode",
        "patch": {"properties": {"debugMode": {"type": ["object", "null"]}}, "required": ["debugMode"]},
        "reason": "null turns debug mode off, and the field is needed.",
    },
    {
        "method": "post",
        "path": "/apps/{appId}/configure/cert",
        "patch": {"properties": {"cert": {"type": ["string", "null"]}, "key": {"type": ["string", "null"]}}},
        "reason": "null cert and key remove a custom certificate.",
    },
    {
        "method": "post",
        "path": "/domains",
        "patch": {"required": ["domain", "provider", "config", "tlsConfig"]},
        "reason": "A domain needs its provider config and TLS config; the spec only requires domain and provider.",
    },
    {
        "method": "post",
        "path": "/domains/{domain}/config",
        "schema": {
            "type": "object",
            "properties": {
                "zoneName": {"type": "string"},
                "provider": {"$ref": "#/components/schemas/definitions-provider"},
                "config": {"type": "object"},
                "tlsConfig": {"$ref": "#/components/schemas/tlsConfig"},
                "fallbackCertificate": {"$ref": "#/components/schemas/fallbackCertificate"},
            },
            "required": ["provider", "config", "tlsConfig"],
        },
        "reason": "The spec reuses the add-domain body, which requires 'domain'; the domain is in the path.",
    },
    {
        "method": "post",
        "path": "/mail/{domain}/mailboxes",
        "patch": {"required": ["name", "ownerId", "ownerType", "active"]},
        "reason": "enablePop3 is optional on creation (facts 7.5); the spec marks it required.",
    },
    {
        "method": "post",
        "path": "/mail/{domain}/lists",
        "patch": {"required": ["name", "members"]},
        "reason": "A list needs its name and members (facts 7.5); the spec marks nothing required.",
    },
    {
        "method": "put",
        "path": "/mail/{domain}/mailboxes/{name}/aliases",
        "patch": {"properties": {"aliases": {"items": {"required": ["name", "domain"],
                                                       "properties": {"name": {"type": "string"}, "domain": {"type": "string"}}}}}},
        "reason": "An alias is nothing without its name and domain; the spec does not mark them required.",
    },
    {
        "method": "post",
        "path": "/mailserver/mailbox_sharing",
        "schema": {"type": "object", "properties": {"enabled": {"type": "boolean"}, "enable": {"type": "boolean"}}},
        "reason": "The 7.x dashboard sends 'enable', the spec 'enabled'; switch mailbox_sharing_key says which one the route "
                  "reads (and requires), so both are declared.",
    },
    {
        "method": "post",
        "path": "/mailserver/spam_acl",
        "patch": {"properties": {"whitelist": {"type": "array", "items": {"type": "string"}}},
                  "required": ["whitelist", "blacklist"]},
        "reason": "The route replaces both lists (facts 7.6: {whitelist[], blacklist[]}); the spec forgets the whitelist.",
    },
    {
        "method": "post",
        "path": "/backups/config/storage",
        "patch": {
            "properties": {
                "backupFolder": {"type": "string"}, "noHardLinks": {"type": "boolean"},
                "bucket": {"type": "string"}, "prefix": {"type": "string"}, "region": {"type": "string"},
                "endpoint": {"type": "string"}, "accessKeyId": {"type": "string"}, "secretAccessKey": {"type": "string"},
                "mountOptions": {"type": "object"},
            },
            "required": ["provider", "format", "password", "encryptedFilenames"],
        },
        "reason": "The spec declares none of the provider fields (facts 7.4: bucket, prefix, accessKeyId..., backupFolder; "
                  "the config schema's noHardLinks; the volume mount options for mounted storage) and does not require "
                  "provider and format, without which nothing can be stored.",
    },
    {
        "method": "post",
        "path": "/backups/policy",
        "patch": {"properties": {"retention": {"type": "object", "properties": {
            "keepWithinSecs": {"type": "number"}, "keepDaily": {"type": "integer"}, "keepWeekly": {"type": "integer"},
            "keepMonthly": {"type": "integer"}, "keepYearly": {"type": "integer"}}}}},
        "reason": "The spec's retention names 'keepWWithinSecs' (a typo) only; facts 7.4: keepWithinSecs or "
                  "keepDaily/keepWeekly/keepMonthly/keepYearly.",
    },
    {
        "method": "post",
        "path": "/provision/setup",
        "schema": {
            "type": "object",
            "properties": {"domainConfig": {"type": "object"}, "ipv4Config": {"type": "object"}, "ipv6Config": {"type": "object"}},
            "required": ["domainConfig"],
        },
        "reason": "domainConfig is checked as the body of POST /domains is (same rules and messages, tlsConfig optional); "
                  "the spec's loose copy of it would report its fields as domainConfig.<field>. Nothing works without it.",
    },
    {
        "method": "post",
        "path": "/provision/activate",
        "patch": {"required": ["username", "password", "email"]},
        "reason": "The spec marks nothing required; the owner needs a username, password and email (facts 7.7).",
    },
    {
        "method": "post",
        "path": "/network/ipv4_config",
        "schema": {"type": "object", "required": ["provider"],
                   "properties": {"provider": {"type": "string"}, "ip": {"type": "string"}, "ifname": {"type": "string"},
                                  "iface": {"type": "string"}}},
        "reason": "The spec's IPConfig names the interface 'iface' and its discriminator the provider 'network-interface'; "
                  "facts 7.14 give 'ifname' and 'interface'. Switch ip_interface_key says which key the route reads, so both "
                  "are declared; the provider is checked by the route.",
    },
    {
        "method": "post",
        "path": "/network/ipv6_config",
        "schema": {"type": "object", "required": ["provider"],
                   "properties": {"provider": {"type": "string"}, "ip": {"type": "string"}, "ifname": {"type": "string"},
                                  "iface": {"type": "string"}}},
        "reason": "As /network/ipv4_config.",
    },
) + tuple(
    {
        "method": "post",
        "path": path,
        "patch": {"properties": {"accessRestriction": _ACCESS}},
        "reason": "The spec's own description says null means everyone, but types accessRestriction as an object.",
    }
    for path in ("/applinks", "/applinks/{id}")
) + tuple(
    {
        "method": "post",
        "path": "/apps/{appId}/configure/" + route,
        "patch": {"required": [field]},
        "reason": "The route cannot change anything without '%s'; the spec does not mark it required." % field,
    }
    for route, field in (("label", "label"), ("tags", "tags"), ("icon", "icon"), ("notes", "notes"), ("crontab", "crontab"),
                         ("upstream_uri", "upstreamUri"), ("memory_limit", "memoryLimit"), ("cpu_quota", "cpuQuota"),
                         ("env", "env"), ("turn", "enable"), ("redis", "enable"), ("automatic_backup", "enable"),
                         ("automatic_update", "enable"), ("mailbox", "enable"), ("inbox", "enable"), ("mounts", "mounts"))
)

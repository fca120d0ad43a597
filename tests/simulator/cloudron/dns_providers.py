# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DNS providers: the credentials each needs, what the server stores of them, and which fields are secret.

The real server checks the credentials against the provider's API; here they only have to be present.
What it stores is rebuilt from the known fields: unknown keys are dropped and defaults added.
"""

import copy

from .errors import ApiError

# DNS providers the server knows (the spec's list; older servers also had desec).
PROVIDERS = ("route53", "bunny", "cloudflare", "digitalocean", "dnsimple", "gandi", "godaddy", "gcdns", "hetzner",
             "linode", "namecom", "namecheap", "netcup", "ovh", "porkbun", "vultr", "wildcard", "manual", "noop", "desec")

# Shown instead of a secret on reads; a write sending it keeps the stored secret (8 x U+25CF BLACK CIRCLE).
PLACEHOLDER = "\u25cf" * 8
SECRET_FIELDS = ("token", "secretAccessKey", "apiSecret", "apiKey", "apiPassword", "appSecret", "consumerKey", "secretApiKey",
                 "accessKey", "accessToken")

# provider: (credential fields that must be non-empty strings, optional fields with their defaults)
_CREDENTIALS = {
    "route53": (("accessKeyId", "secretAccessKey"), {"region": "us-east-1", "endpoint": None, "listHostedZonesByName": True}),
    "bunny": (("accessKey",), {}),
    "digitalocean": (("token",), {}),
    "dnsimple": (("accessToken",), {}),
    "gandi": (("token",), {}),
    "godaddy": (("apiKey", "apiSecret"), {}),
    "hetzner": (("token",), {}),
    "linode": (("token",), {}),
    "namecom": (("username", "token"), {}),
    "namecheap": (("username", "token"), {}),
    "netcup": (("customerNumber", "apiKey", "apiPassword"), {}),
    "ovh": (("endpoint", "appKey", "appSecret", "consumerKey"), {}),
    "porkbun": (("apiKey", "secretApiKey"), {}),
    "vultr": (("token",), {}),
    "desec": (("token",), {}),
    "wildcard": ((), {}),
    "manual": ((), {}),
    "noop": ((), {}),
}
# providers that need no API access, and so cannot get wildcard certificates
WITHOUT_API = ("manual", "noop", "wildcard")


def _non_empty(config, name, label=None):
    value = config.get(name)
    if not isinstance(value, str) or not value:
        raise ApiError(400, "%s must be a non-empty string" % (label or name))
    return value


def _cloudflare(config):
    token_type = config.get("tokenType")
    if token_type not in ("GlobalApiKey", "ApiToken"):
        raise ApiError(400, "tokenType must be GlobalApiKey or ApiToken")
    result = {"tokenType": token_type, "token": _non_empty(config, "token")}
    if token_type == "GlobalApiKey":
        result["email"] = _non_empty(config, "email")
    proxied = config.get("defaultProxyStatus", False)
    if not isinstance(proxied, bool):
        raise ApiError(400, "defaultProxyStatus must be a boolean")
    result["defaultProxyStatus"] = proxied
    return result


def _gcdns(config):
    project = _non_empty(config, "projectId")
    credentials = config.get("credentials")
    if not isinstance(credentials, dict):
        raise ApiError(400, "credentials must be an object")
    return {"projectId": project, "credentials": {
        "client_email": _non_empty(credentials, "client_email", "credentials.client_email"),
        "private_key": _non_empty(credentials, "private_key", "credentials.private_key"),
    }}


def _with_stored_secrets(config, current):
    """``config`` with placeholders replaced by the secrets of ``current`` (the stored config)."""
    config = copy.deepcopy(config)
    if not current:
        return config
    for name in SECRET_FIELDS:
        if config.get(name) == PLACEHOLDER and name in current:
            config[name] = current[name]
    credentials = config.get("credentials")
    if isinstance(credentials, dict) and credentials.get("private_key") == PLACEHOLDER:
        credentials["private_key"] = (current.get("credentials") or {}).get("private_key", PLACEHOLDER)
    return config


def stored_config(provider, config, current=None):
    """The config the server keeps when ``config`` is sent for ``provider``, or 400 for missing credentials.

    ``current`` is the config stored so far when the provider stays the same: a placeholder sent for
    one of its secrets stands for the stored value.
    """
    config = _with_stored_secrets(config, current)
    if provider == "cloudflare":
        return _cloudflare(config)
    if provider == "gcdns":
        return _gcdns(config)
    required, optional = _CREDENTIALS[provider]
    result = {name: _non_empty(config, name) for name in required}
    for name, default in optional.items():
        result[name] = config[name] if config.get(name) is not None else default
    return result


def mask_secrets(values, names=SECRET_FIELDS):
    """A copy of ``values`` with the secret fields (and ``credentials.private_key``) replaced by the placeholder."""
    result = copy.deepcopy(values)
    for name in names:
        if isinstance(result.get(name), str) and result[name]:
            result[name] = PLACEHOLDER
    credentials = result.get("credentials")
    if isinstance(credentials, dict) and isinstance(credentials.get("private_key"), str):
        credentials["private_key"] = PLACEHOLDER
    return result

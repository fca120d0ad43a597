# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Glue between AnsibleModule and the core: connection options, running a resource, reporting errors.

Every Cloudron module is a declaration plus one call into this file.
"""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.selfhosted.platforms.plugins.module_utils._cloudron_client import CloudronClient, ConfigError
from ansible_collections.selfhosted.platforms.plugins.module_utils._cloudron_context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils._engine import Engine, PartialFailure
from ansible_collections.selfhosted.platforms.plugins.module_utils._http import (
    HAS_REQUESTS, REQUESTS_IMPORT_ERROR, ApiError, TransportError,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils._resource import ResourceError, argspec, public, wanted
from ansible_collections.selfhosted.platforms.plugins.module_utils._wait import WaitError

CONNECTION_ARGSPEC = {
    "api_url": {"type": "str", "fallback": (env_fallback, ["CLOUDRON_API_URL", "CLOUDRON_DOMAIN"])},
    "api_token": {"type": "str", "no_log": True, "fallback": (env_fallback, ["CLOUDRON_TOKEN"])},
    "validate_certs": {"type": "bool", "default": True},
    "ca_path": {"type": "path"},
    "request_timeout": {"type": "float", "default": 30.0},
    "api_version": {"type": "str"},
}

SECRETS_POLICY = {"type": "str", "choices": ["always", "on_create"], "default": "on_create", "no_log": False}

PLURAL_STATES = {"merged": "present", "replaced": "replaced", "overridden": "overridden", "deleted": "absent"}


def cloudron_module(argument_spec, require_token=True, **kwargs):
    """An AnsibleModule with the connection options; fails early on missing settings."""
    spec = dict(CONNECTION_ARGSPEC)
    spec.update(argument_spec)
    module = AnsibleModule(argument_spec=spec, supports_check_mode=True, **kwargs)
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))
    if not module.params["api_url"]:
        module.fail_json(msg="api_url is required: set it, or CLOUDRON_API_URL, or CLOUDRON_DOMAIN (the dashboard host my.<domain>)")
    if require_token and not module.params["api_token"]:
        module.fail_json(msg="api_token is required: set it or CLOUDRON_TOKEN")
    return module


def connect(module):
    """The per-run context: one HTTP session, lazily read server state."""
    try:
        client = CloudronClient.from_params(module.params)
    except ConfigError as exc:
        module.fail_json(msg=str(exc))
    return CloudronContext(client, check_mode=module.check_mode, warn=module.warn)


def fail(module, exc, resource=None, **result):
    """Report any core error as a module failure with what is known about it."""
    prefix = ""
    if isinstance(exc, PartialFailure):
        applied = [change.report() for change in exc.applied]
        fields = exc.change.fields()
        result.update(changed=bool(applied), changes=applied)
        prefix = "%s %r: %s failed%s: " % (resource.name, exc.change.key, exc.change.action,
                                           " (options: %s)" % ", ".join(fields) if fields else "")
        exc = exc.error
    if isinstance(exc, (ApiError, WaitError)):
        result["error"] = exc.as_dict()
    module.fail_json(msg=prefix + str(exc), **result)


CORE_ERRORS = (ApiError, TransportError, ResourceError, PartialFailure, WaitError, ConfigError)


def singular_argspec(resource, skip=(), **extra):
    spec = argspec([field for field in resource.fields if not field.read_only], skip=skip)
    spec.update(state={"type": "str", "choices": ["present", "absent"], "default": "present"})
    spec.update(extra)
    return spec


def plural_argspec(resource, **extra):
    """``config`` + ``state`` like network resource modules; secrets stay out of ``config``."""
    suboptions = argspec([field for field in resource.fields if not field.secret])
    states = ["merged", "replaced", "overridden", "deleted", "gathered"]
    if not resource.supports_replaced:
        states.remove("replaced")
    spec = {
        "config": {"type": "list", "elements": "dict", "options": suboptions},
        "state": {"type": "str", "choices": states, "default": "merged"},
        "allow_empty": {"type": "bool", "default": False},
    }
    spec.update(extra)
    return spec


def _first(mapping):
    return next(iter(mapping.values())) if mapping else {}


def run_singular(module, resource, secrets_option=None, state=None, extra=None, finish=None):
    """One object: ``state`` (present/absent, default the module's) with ``extra`` wanted values;
    ``finish(ctx, result)`` may act after the converge (restart, wait for health). Exits the module."""
    ctx = connect(module)
    params = module.params
    engine = Engine(resource, ctx, module.check_mode, append=params.get("append", False),
                    update_secrets=params.get(secrets_option) or "on_create", force=params.get("force", False))
    try:
        item = wanted(resource.fields, params)
        item.update(extra or {})
        outcome = engine.converge([item], state or params["state"])
        result = {"changed": outcome.changed, resource.name: outcome.results[0]}
        if module._diff:
            result["diff"] = {"before": _first(outcome.before), "after": _first(outcome.after)}
        if finish:
            finish(ctx, result)
    except CORE_ERRORS as exc:
        fail(module, exc, resource)
    module.exit_json(**result)


def _items_with_secrets(resource, config, secrets, secret_name):
    """Config items plus their secrets, which live beside ``config`` keyed by identity."""
    items = [wanted(resource.fields, entry) for entry in config]
    if not secrets:
        return items
    by_key = dict((resource.key(item), item) for item in items)
    unknown = sorted(set(key.lower() for key in secrets) - set(by_key))
    if unknown:
        raise ResourceError("%ss: no item of config is named %s" % (secret_name, ", ".join(repr(k) for k in unknown)))
    field = next(field for field in resource.fields if field.name == secret_name)
    for key, value in secrets.items():
        by_key[key.lower()][secret_name] = field.clean(value)
    return items


def run_plural(module, resource, secrets_option=None, secrets_key=None, secret_name=None, gathered_view=None):
    """merged / replaced / overridden / deleted / gathered for a list of objects; exits the module.

    ``gathered_view`` may mask parts of what ``gathered`` returns."""
    params = module.params
    state, config = params["state"], params["config"]
    if state == "deleted" and not config:
        module.fail_json(msg="state=deleted needs a non-empty config listing what to delete; "
                             "it never deletes everything")
    if state == "overridden" and not config and not params["allow_empty"]:
        module.fail_json(msg="state=overridden with an empty config would delete every %s that is not protected; "
                             "set allow_empty=true if that is really wanted" % resource.name)
    ctx = connect(module)
    try:
        if state == "gathered":
            found = [public(resource.fields, item) for item in resource.read(ctx, [], complete=True)]
            found = sorted((gathered_view(item) if gathered_view else item for item in found), key=resource.key)
            module.exit_json(changed=False, gathered=found)
        items = _items_with_secrets(resource, config or [], params.get(secrets_key) if secrets_key else None, secret_name)
        engine = Engine(resource, ctx, module.check_mode, append=params.get("append", False),
                        update_secrets=params.get(secrets_option) or "on_create", force=params.get("force", False))
        outcome = engine.converge(items, PLURAL_STATES[state])
    except CORE_ERRORS as exc:
        fail(module, exc, resource, changes=[])
    result = {
        "changed": outcome.changed,
        "changes": [change.report() for change in outcome.changes],
        resource.plural: [item for item in outcome.results if item is not None],
    }
    if module._diff:
        result["diff"] = {"before": outcome.before, "after": outcome.after}
    module.exit_json(**result)


def run_info(module, resource, select=None, lookup=None):
    """List objects in canonical form; ``lookup`` (an identity item) reads one cheaply."""
    ctx = connect(module)
    try:
        if lookup:
            found = resource.find(resource.read(ctx, [lookup], complete=False), lookup)
            items = [found] if found else []
        else:
            items = resource.read(ctx, [], complete=True)
    except CORE_ERRORS as exc:
        fail(module, exc, resource)
    items = [public(resource.fields, item) for item in items if select is None or select(item)]
    module.exit_json(changed=False, **{resource.plural: sorted(items, key=resource.key)})

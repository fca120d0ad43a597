# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Glue between a module and the core: options, running a resource, reporting results and errors.

A module is a declaration plus one call into this file. The platform (``Platform``) brings its
connection options and its context; everything else is the same for every platform.
"""

from __future__ import annotations


from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import (
    CORE_ERRORS, UNEXPECTED_DATA, ApiError, ConfigError, PartialFailure, ServerDataError, WaitError, unexpected_answer,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import argspec, canonical, public
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import (
    HAS_REQUESTS, REQUESTS_IMPORT_ERROR, connection_options, plain_http_warning,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Singleton

SECRETS_POLICY = {"type": "str", "choices": ["always", "on_create"], "default": "on_create", "no_log": False}
PLURAL_STATES = {"merged": "present", "replaced": "replaced", "overridden": "overridden", "deleted": "absent"}
# Numbers every module refuses outside these bounds, before the first request.
LIMITS = {"wait_timeout": (0, None)}
# Retries that added more than this many seconds are worth a warning.
RETRY_WARNING_SECONDS = 5.0
NO_CERT_CHECK_WARNING = ("validate_certs=false: the server's certificate is not checked, so anyone on the network path "
                         "can pose as the server; prefer ca_path")
# Set by the in-process action plugin while a module runs in the controller's worker: a callable that shows
# one line of progress during long waits. A module running remotely has none, and waits silently.
progress_sink = None


class Platform:
    """What a platform plugs into the runner. A platform package subclasses it once.

    ``connection_argspec``  the connection options, identical in every module of the platform
    ``credentials``         options that carry a credential (their absence is checked by ``check``)
    """

    name = None
    connection_argspec = {}
    credentials = ()
    url_help = ""  # what api_url names, for the message when it is missing

    def normalize_url(self, value):
        """The base URL of the API from the ``api_url`` option (raise ``ConfigError`` when it is not one)."""
        raise NotImplementedError

    def check(self, params, require_credentials):
        """Refuse missing or invalid connection options before anything is sent (raise ``ConfigError``)."""
        for name in ["api_url"] + (list(self.credentials) if require_credentials else []):
            if not params.get(name):
                raise ConfigError("%s is required: set it%s%s" % (name, self._env_help(name), self.url_help if name == "api_url" else ""))
        self.normalize_url(params["api_url"])
        connection_options(params)

    def _env_help(self, name):
        fallback = self.connection_argspec.get(name, {}).get("fallback")
        return ", or %s" % ", or ".join(fallback[1]) if fallback else ""

    def connect(self, params, check_mode, warn, progress):
        """The per-run context (a ``context.Context``) with its HTTP client."""
        raise NotImplementedError

    def module(self, argument_spec, require_credentials=True, limits=None, **kwargs):
        """A ``ModuleRun`` on a new ``AnsibleModule`` with the connection options added."""
        spec = dict(self.connection_argspec)
        spec.update(argument_spec)
        return ModuleRun(self, AnsibleModule(argument_spec=spec, supports_check_mode=True, **kwargs),
                         require_credentials=require_credentials, limits=limits)


def out_of_bounds(params, limits):
    """Messages for numeric options outside their (minimum, maximum)."""
    problems = []
    for name, (low, high) in sorted(limits.items()):
        value = params.get(name)
        if value is None or isinstance(value, bool):
            continue
        if low is not None and value < low or high is not None and value > high:
            if low is not None and high is not None:
                bounds = "between %s and %s" % (low, high)
            else:
                bounds = "at least %s" % low if high is None else "at most %s" % high
            problems.append("%s must be %s, not %s" % (name, bounds, value))
    return problems


class ModuleRun:
    """One run of one module: the module object (an ``AnsibleModule`` or an equivalent), its platform
    and, once connected, its context. Every exit goes through here so results look alike."""

    def __init__(self, platform, module, require_credentials=True, limits=None):
        self.platform = platform
        self.module = module
        self.params = module.params
        self._ctx = None
        if not HAS_REQUESTS:
            module.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))
        bounds = dict(LIMITS)
        bounds.update(limits or {})
        problems = out_of_bounds(self.params, bounds)
        if problems:
            module.fail_json(msg="; ".join(problems))
        try:
            platform.check(self.params, require_credentials)
        except ConfigError as exc:
            module.fail_json(msg=str(exc))

    @property
    def check_mode(self):
        return self.module.check_mode

    @property
    def ctx(self):
        """The context, connected on first use."""
        if self._ctx is None:
            try:
                self._ctx = self.platform.connect(self.params, self.module.check_mode, self.module.warn, progress_sink)
            except ConfigError as exc:
                self.module.fail_json(msg=str(exc))
            if self._ctx.http is not None and any(self.params.get(name) for name in self.platform.credentials):
                warning = plain_http_warning(self._ctx.http.base_url)
                if warning:
                    self.module.warn(warning)
            if self.params.get("validate_certs") is False:
                self.module.warn(NO_CERT_CHECK_WARNING)
        return self._ctx

    # -- results -------------------------------------------------------------------------------

    def _annotate(self, result):
        http = self._ctx.http if self._ctx is not None else None
        report = http.retry_report() if http is not None else None
        if report:
            result["http_retries"] = report
            if report["waited"] > RETRY_WARNING_SECONDS:
                self.module.warn("requests were retried %d times, adding %ss (last: %s)"
                                 % (report["count"], report["waited"], report["last_reason"]))
        return result

    def exit(self, **result):
        self.module.exit_json(**self._annotate(result))

    def fail(self, exc, resource=None, changed_fields=None, **result):
        """Report any core error as a module failure with what is known about it.

        ``changed_fields`` names a result key listing the options written before the failure."""
        prefix = ""
        if changed_fields:
            result[changed_fields] = []
        if isinstance(exc, PartialFailure):
            applied = [change.report() for change in exc.applied]
            fields = exc.change.failing or exc.change.fields()
            result.update(changed=bool(applied), changes=applied)
            if changed_fields:
                result[changed_fields] = _in_order(resource, exc.applied)
            if isinstance(resource, Singleton):
                prefix = "%s: " % ", ".join(fields)
            else:
                prefix = "%s %r: %s failed%s: " % (resource.name, exc.change.key, exc.change.action,
                                                   " (options: %s)" % ", ".join(fields) if fields else "")
            exc = exc.error
        if isinstance(exc, (ApiError, WaitError)):
            result["error"] = exc.as_dict()
        if isinstance(exc, ServerDataError) and exc.trace:
            result["exception"] = exc.trace
        self.module.fail_json(msg=prefix + str(exc), **self._annotate(result))

    def execute(self, body, resource=None, on_failure=None, **fields):
        """Run ``body(ctx)`` -> result dict and exit with it; errors become failures carrying ``fields`` and what
        ``on_failure(error)`` returns (a dict: what a failure part-way left, such as ``changed``), when given."""
        try:
            result = body(self.ctx)
        except CORE_ERRORS as exc:
            self._fail_after(exc, resource, on_failure, fields)
        except UNEXPECTED_DATA as exc:
            http = self._ctx.http if self._ctx is not None else None
            self._fail_after(unexpected_answer(exc, http.last if http is not None else None), resource, on_failure, fields)
        self.exit(**result)

    def _fail_after(self, exc, resource, on_failure, fields):
        found = dict(fields)
        found.update((on_failure(exc) if on_failure is not None else None) or {})
        self.fail(exc, resource, **found)

    # -- resources -------------------------------------------------------------------------------

    def engine(self, resource, secrets_option=None):
        params = self.params
        return Engine(resource, self.ctx, self.module.check_mode, append=params.get("append", False),
                      update_secrets=params.get(secrets_option) or "on_create", force=params.get("force", False))

    def singular(self, resource, secrets_option=None, state=None, extra=None, finish=None, changed_fields=None,
                 on_failure=None):
        """One object: ``state`` (present/absent, default the module's) with ``extra`` wanted values;
        ``finish(ctx, result)`` may act after the converge (restart, wait for health); ``changed_fields``
        names a result key listing the options that changed (settings-style modules); ``on_failure`` as for
        ``execute`` (what ``finish`` had done). Exits the module."""
        def body(ctx):
            engine = self.engine(resource, secrets_option)
            item = engine.items([self.params])[0]
            item.update(extra or {})
            outcome = engine.converge([item], state or self.params["state"])
            result = {"changed": outcome.changed, resource.name: outcome.results[0]}
            if changed_fields:
                result[changed_fields] = _in_order(resource, outcome.changes)
            if self.module._diff:
                result["diff"] = {"before": _first(outcome.before), "after": _first(outcome.after)}
            if finish:
                finish(ctx, result)
            return result
        self.execute(body, resource=resource, on_failure=on_failure, changed_fields=changed_fields)

    def report_unless_given(self, resource, changed_fields, options=None, extra=None):
        """Settings-type modules: with none of ``options`` given (default: the resource's fields), report the whole
        resource read-only and exit (``changed`` false, ``changed_fields`` empty, no write, no version check, no
        diff); ``extra(ctx)`` adds keys to the report. Returns when an option is given."""
        names = [field.name for field in resource.fields] if options is None else options
        if any(self.params.get(name) is not None for name in names):
            return

        def body(ctx):
            result = {"changed": False, changed_fields: [],
                      # in the compared form, as a run with options returns it
                      resource.name: public(resource.fields, canonical(resource.fields, resource.read(ctx, [], complete=True)[0]))}
            result.update(extra(ctx) if extra else {})
            return result
        self.execute(body, resource=resource, changed_fields=changed_fields)

    def plural(self, resource, secrets_option=None, secrets=None, gathered_view=None, finish=None):
        """merged / replaced / overridden / deleted / gathered for a list of objects; exits the module.

        ``secrets`` is ``(option, field name)`` of secrets kept beside ``config`` by identity;
        ``gathered_view`` may mask parts of what ``gathered`` returns; ``finish(ctx, result)`` may add to the result."""
        params = self.params
        state, config = params["state"], params["config"]
        if state == "deleted" and not config:
            self.module.fail_json(msg="state=deleted needs a non-empty config listing what to delete; it never deletes everything")
        if state == "overridden" and not config and not params["allow_empty"]:
            self.module.fail_json(msg="state=overridden with an empty config would delete every %s that is not protected; "
                                      "set allow_empty=true if that is really wanted" % resource.name)

        def body(ctx):
            engine = self.engine(resource, secrets_option)
            if state == "gathered":
                found = [public(resource.fields, item) for item in engine.read([], complete=True)]
                return {"changed": False, "gathered": sorted((gathered_view(item) if gathered_view else item for item in found),
                                                             key=resource.key)}
            extras = [(secrets[0], secrets[1], params.get(secrets[0]))] if secrets else None
            items = engine.items(config or [], option="config", extras=extras)
            outcome = engine.converge(items, PLURAL_STATES[state])
            result = {
                "changed": outcome.changed,
                "changes": [change.report() for change in outcome.changes],
                resource.plural: [item for item in outcome.results if item is not None],
            }
            if self.module._diff:
                result["diff"] = {"before": outcome.before, "after": outcome.after}
            if finish:
                finish(ctx, result)
            return result
        self.execute(body, resource=resource, changes=[])

    def info(self, resource, select=None, lookup=None):
        """List objects in canonical form; ``lookup`` (an identity item) reads one cheaply."""
        def body(ctx):
            engine = Engine(resource, ctx)
            if lookup:
                found = resource.find(engine.read([lookup], complete=False), lookup)
                items = [found] if found else []
            else:
                items = engine.read([], complete=True)
            items = [public(resource.fields, item) for item in items if select is None or select(item)]
            return {"changed": False, resource.plural: sorted(items, key=resource.key)}
        self.execute(body)


def _in_order(resource, changes):
    """Names of the options the changes wrote, in declaration order."""
    names = set(name for change in changes for name in change.fields())
    return [field.name for field in resource.fields if field.name in names]


def _first(mapping):
    return next(iter(mapping.values())) if mapping else {}


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


def wait_argspec(timeout):
    """``wait`` and ``wait_timeout`` with the module's default budget."""
    return {"wait": {"type": "bool", "default": True}, "wait_timeout": {"type": "int", "default": timeout}}

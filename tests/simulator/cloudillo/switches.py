# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Switches: behaviours the sources leave open (inferred facts, or sources that disagree), and test conveniences."""

from common import switches as _table
from common.switches import one_of

LISTS = ("actions", "profiles", "settings", "tenants")


def _int_at_least(low):
    return lambda value: isinstance(value, int) and not isinstance(value, bool) and value >= low


def _lists(value):
    return isinstance(value, list) and all(item in LISTS for item in value)


# name: (default, check, what the check accepts)
SWITCHES = {
    # How settings show scope/permission: the handler prints them with Rust's {:?} ("Tenant", "Admin"); the types'
    # serde names are lower-case. §1.8 does not say which reaches the wire.
    "settings_meta_case": ("debug", one_of("debug", "lower"), '"debug" or "lower"'),
    # Where a ban applies: the rate limiter checks it, and guards public routes only (src); "all" refuses a banned
    # address everywhere.
    "ban_scope": ("limited", one_of("limited", "all"), '"limited" or "all"'),
    # The auth bucket's hourly size (src default 60) and the failed logins before a ban (src default 20).
    "login_per_hour": (60, _int_at_least(1), "an integer >= 1"),
    "ban_after_failures": (20, _int_at_least(1), "an integer >= 1"),
    # The server waits 1 s before answering a failed login (src); tests may shorten it.
    "login_failure_delay_ms": (1000, _int_at_least(0), "an integer >= 0"),
    # Lists that reject unknown query parameters: actions (and files) use deny_unknown_fields (src); whether the
    # others ignore unknown names is inferred.
    "unknown_query_rejected": (["actions"], _lists, "a list of %s" % ", ".join(LISTS)),
    # GET /api/settings?prefix=: the facts give one prefix; whether a comma list names several is not said.
    "settings_prefix_list": (False, lambda value: isinstance(value, bool), "true or false"),
    # GET /api/profiles/{idTag}: the facts say "profile (with relationship status)", not whether roles are in it.
    "profile_roles_in_get": (True, lambda value: isinstance(value, bool), "true or false"),
    # PATCH /api/admin/profiles/{idTag} for an idTag the tenant does not know: the facts do not say.
    "profile_patch_unknown": ("create", one_of("create", "not_found"), '"create" or "not_found"'),
}


def defaults():
    return {name: list(value) if isinstance(value, list) else value for name, value in _table.defaults(SWITCHES).items()}


def merged(current, changes):
    return _table.merged(SWITCHES, current, changes)

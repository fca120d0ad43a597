# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Switches: behaviours the sources leave open (inferred facts, or sources that disagree), selectable per test."""

from common import switches as _table
from common.switches import is_bool, is_positive_number, one_of

# name: (default, check, what the check accepts)
SWITCHES = {
    # The envelope key naming the field an error is about: the live v2 pages say "errfield", the seed "field".
    "error_field_name": ("errfield", one_of("errfield", "field"), '"errfield" or "field"'),
    # Whether GET /users items are whole user objects (with websites) or only id, type, email, suspended, so that a
    # client needs GET /users/{id} for the websites (inferred: the docs show the list's parameters, not its items).
    "user_list_full": (True, is_bool, "true or false"),
    # What a website path read back shows of the credentials in it: "user" keeps the login name and drops the
    # password, "none" drops both, "all" shows both. The server stores paths AES-encrypted; what it shows is not
    # documented.
    "echo_path_credentials": ("user", one_of("user", "none", "all"), '"user", "none" or "all"'),
    # The user object's language key: POST /users takes "language", the users/view page lists "locale".
    "user_language_field": ("language", one_of("language", "locale"), '"language" or "locale"'),
    # Install object keys: "v1" (installer, url-domain, db-host, cf-login, ... as the v1 peer documents) or "v2"
    # (plain names: app, url_domain, db_host, login, ...; inferred from the v2 parameter names).
    "install_field_names": ("v1", one_of("v1", "v2"), '"v1" or "v2"'),
    # Whether finished tasks stay in GET /tasks (as complete/failed) or leave it when they end.
    "finished_tasks_listed": (True, is_bool, "true or false"),
    # Whether a background=true answer carries a "task" object beside "data" (v1 documented it) or not.
    "background_answer": ("task", one_of("task", "none"), '"task" or "none"'),
    # Length of one nominal task second in real seconds; scales every task duration.
    "task_seconds": (1.0, is_positive_number, "a number > 0"),
    # Reject parameters a route does not know (catches misspelt names; a PHP server more likely ignores them).
    "strict_params": (True, is_bool, "true or false"),
    # Whether GET and DELETE also read parameters from a JSON or form body (the seed's curl examples pass every
    # parameter with -d) or only from the query string.
    "get_delete_body_params": (False, is_bool, "true or false"),
    # What POST /browser/{appId}/install answers for an unknown app: 404 application_not_found (like
    # GET /browser/{appId}) or 400 invalid_argument_application (in the seed's errcode list for this API).
    "install_unknown_app": ("application_not_found", one_of("application_not_found", "invalid_argument_application"),
                            '"application_not_found" or "invalid_argument_application"'),
}


def defaults():
    return _table.defaults(SWITCHES)


def merged(current, changes):
    """``current`` updated with ``changes``; ValueError naming the first unknown switch or bad value."""
    return _table.merged(SWITCHES, current, changes)

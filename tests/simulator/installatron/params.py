# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Typed parameter values, pagination and the unknown-parameter check.

Values come from a query string (always strings) or a JSON body (typed), so every reader accepts both forms.
"""

import re

from .errors import empty, invalid

# Accepted by every route: the query form of the X-API-Version header (apinotes).
GLOBAL = ("api_version",)
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def check_known(state, params, known):
    """400 ``invalid_argument_<name>`` for the first parameter the route does not know (switch ``strict_params``)."""
    if not state.switches["strict_params"]:
        return
    for name in params:
        if name not in known and name not in GLOBAL:
            raise invalid(name, "Unknown parameter %s." % name)


def text(params, name, default=None, required=False):
    """A string parameter (numbers are taken as their text); ``empty_argument_<name>`` when required and empty."""
    value = params.get(name)
    if value is None or value == "":
        if required:
            raise empty(name)
        return default
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise invalid(name, "The %s argument must be a string." % name)
    return str(value)


def flag(params, name, default=False):
    """A boolean: JSON true/false, 1/0, or the words true/false, 1/0, yes/no, on/off (any case; empty is false)."""
    value = params.get(name)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.lower() in _TRUE:
        return True
    if isinstance(value, str) and value.lower() in _FALSE:
        return False
    raise invalid(name, "The %s argument must be true or false." % name)


def choice(params, name, options, default):
    value = text(params, name, default)
    if value not in options:
        raise invalid(name, "The %s argument must be one of: %s." % (name, ", ".join(options)))
    return value


def email(params, name, default=None):
    value = text(params, name, default)
    if value is not None and not EMAIL.match(value):
        raise invalid(name, "The %s argument is not a valid email address." % name)
    return value


def integer(params, name, default=None, minimum=None):
    value = params.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool) or not re.match(r"^-?\d+$", str(value)):
        raise invalid(name, "The %s argument must be an integer." % name)
    number = int(value)
    if minimum is not None and number < minimum:
        raise invalid(name, "The %s argument must be at least %d." % (name, minimum))
    return number


def strings(params, name):
    """A list of strings (a JSON array, ``name[]=`` form values, or one string); None when absent."""
    value = params.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise invalid(name, "The %s argument must be a list of strings." % name)


def dryrun(params):
    """``none`` (default), ``input`` or ``all``."""
    return choice(params, "dryrun", ("none", "input", "all"), "none")


def background(params):
    return flag(params, "background")


def paging(params):
    """(offset, limit): defaults 0 and 50; offset >= 0, limit >= 1."""
    return integer(params, "offset", 0, minimum=0), integer(params, "limit", 50, minimum=1)

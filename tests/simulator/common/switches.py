# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Switch tables: behaviours where the real server is not known for certain, selectable per test.

A platform's table maps each switch name to ``(default, check, what the check accepts)``.
"""


def is_bool(value):
    return isinstance(value, bool)


def is_positive_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def is_non_negative_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0


def one_of(*values):
    """A check accepting exactly these values (``True`` is not ``1`` here)."""
    return lambda value: any(value == v and type(value) is type(v) for v in values)


def defaults(table):
    return {name: spec[0] for name, spec in table.items()}


def merged(table, current, changes):
    """``current`` updated with ``changes``; ValueError naming the first unknown switch or bad value."""
    if not isinstance(changes, dict):
        raise ValueError("switches must be an object")
    result = dict(current)
    for name, value in changes.items():
        if name not in table:
            raise ValueError("unknown switch %r (known: %s)" % (name, ", ".join(sorted(table))))
        if not table[name][1](value):
            raise ValueError("switch %r must be %s" % (name, table[name][2]))
        result[name] = value
    return result

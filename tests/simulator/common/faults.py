# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fault injection rules (the same for every simulator): answer a status, drop the connection, or delay the answer."""

from fnmatch import fnmatchcase

_DROPS = ("before", "after")


def path_matches(pattern, path):
    """Exact match, or ``*`` (and other fnmatch patterns) matching within one path segment."""
    wanted = pattern.rstrip("/").split("/")
    actual = path.rstrip("/").split("/")
    return len(wanted) == len(actual) and all(fnmatchcase(a, w) for w, a in zip(wanted, actual))


def _check(rule):
    """Validated copy of a rule as posted to /_control/faults; ValueError when it makes no sense."""
    if not isinstance(rule, dict):
        raise ValueError("a fault rule must be an object")
    known = {"method", "path", "times", "status", "body", "content_type", "headers", "drop", "latency_ms"}
    unknown = sorted(set(rule) - known)
    if unknown:
        raise ValueError("unknown fault fields: %s" % ", ".join(unknown))
    times = rule.get("times", 1)
    status = rule.get("status")
    drop = rule.get("drop")
    latency = rule.get("latency_ms", 0)
    if not isinstance(times, int) or isinstance(times, bool) or times < 0:
        raise ValueError("times must be an integer >= 0 (0 = forever)")
    if status is not None and (not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599):
        raise ValueError("status must be an HTTP status code")
    if drop is not None and drop not in _DROPS:
        raise ValueError('drop must be "before" or "after"')
    if status is not None and drop is not None:
        raise ValueError("status and drop cannot be combined")
    if not isinstance(latency, int) or isinstance(latency, bool) or latency < 0:
        raise ValueError("latency_ms must be an integer >= 0")
    if status is None and drop is None and not latency:
        raise ValueError("a fault needs status, drop or latency_ms")
    if status is None and ("body" in rule or "content_type" in rule or "headers" in rule):
        raise ValueError("body, content_type and headers need a status")
    headers = rule.get("headers", {})
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        raise ValueError("headers must be an object of strings")
    for name in ("method", "path", "content_type"):
        if rule.get(name) is not None and not isinstance(rule[name], str):
            raise ValueError("%s must be a string" % name)
    checked = dict(rule, times=times, latency_ms=latency, headers=headers)
    if checked.get("method"):
        checked["method"] = checked["method"].upper()
    return checked


class Faults:
    """Rules in the order they were added; the first one matching a request applies to it."""

    def __init__(self):
        self._rules = []
        self._last_id = 0

    def add(self, rule):
        checked = _check(rule)
        self._last_id += 1
        checked["id"] = self._last_id
        self._rules.append(checked)
        return dict(checked)

    def clear(self):
        self._rules = []

    def list(self):
        return [dict(rule) for rule in self._rules]

    def take(self, method, path):
        """The first rule matching the request, consuming one of its ``times``; None when none matches."""
        for rule in self._rules:
            if rule.get("method") and rule["method"] != method:
                continue
            if rule.get("path") and not path_matches(rule["path"], path):
                continue
            if rule["times"]:
                rule["times"] -= 1
                if rule["times"] == 0:
                    self._rules.remove(rule)
            return dict(rule)
        return None

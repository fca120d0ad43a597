# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a VM module has done so far, so that a failure after a write (an action that timed out or errored, a build
that did not end) still says ``changed``, which actions ran and in what state it left the VM."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import (
    ApiError, ResourceError, ServerDataError, TransportError, WaitError,
)


class Journal:
    """``written``: a write request got an answer of success; ``actions``: the action types started, in order."""

    def __init__(self):
        self.written = False
        self.actions = []


def failure_report(journal, actions=False):
    """The runner's ``on_failure`` hook: after a write, the failure reports ``changed=true`` and, with ``actions``,
    the actions started."""
    def report(_error):
        if not journal.written:
            return {}
        found = {"changed": True}
        if actions:
            found["actions"] = list(journal.actions)
        return found
    return report


def noted(error, note):
    """The same error (same type, same details for the result) with ``note`` added to its message."""
    if isinstance(error, ApiError):
        return error.with_hint("; ".join(part for part in (error.hint, note) if part))
    if isinstance(error, WaitError):
        return type(error)("%s; %s" % (error, note), task_id=error.task_id, last=error.last, logs=error.logs)
    if isinstance(error, TransportError):
        return TransportError(error.method, error.url, "%s; %s" % (error.message, note), error.maybe_applied)
    if isinstance(error, ServerDataError):
        return ServerDataError("%s; %s" % (error, note), trace=error.trace)
    return ResourceError("%s; %s" % (error, note))

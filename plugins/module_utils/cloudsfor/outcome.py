# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a VM module has done so far, so that a failure after a write (an action that timed out or errored, a build
that did not end) still says ``changed`` and which actions ran."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import (
    CORE_ERRORS, UNEXPECTED_DATA, unexpected_answer,
)


class Journal:
    """``written``: a write request got an answer of success; ``actions``: the action types started, in order."""

    def __init__(self):
        self.written = False
        self.actions = []


def execute(run, body, journal, **on_failure):
    """``run.execute(body)``; when ``body`` fails after a write, the failure reports ``changed=true`` and, with
    ``actions=True``, the actions started."""
    show_actions = on_failure.pop("actions", False)

    def guarded(ctx):
        try:
            return body(ctx)
        except CORE_ERRORS as exc:
            failure = exc
        except UNEXPECTED_DATA as exc:
            failure = unexpected_answer(exc, ctx.http.last if ctx.http is not None else None)
        if journal.written:
            extra = dict(on_failure, actions=journal.actions) if show_actions else dict(on_failure)
            run.fail(failure, changed=True, **extra)
        raise failure

    run.execute(guarded)

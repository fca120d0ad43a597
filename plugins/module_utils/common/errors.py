# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The error types of the core. The module runner turns each into a clear module failure."""

from __future__ import annotations

import re
import traceback

# An error body in a result is a hint, not a dump: a 100 KB proxy page never reaches the output.
BODY_LIMIT = 4096


def body_text(text, limit=BODY_LIMIT):
    """A response body as readable text: HTML reduced to its words, capped."""
    text = text or ""
    if re.search(r"<(html|body|head|title|div|p|h1|pre)\b", text[:2000], re.I):
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
        text = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    if len(text) > limit:
        text = text[:limit] + " [... %d more characters]" % (len(text) - limit)
    return text


def capped_body(body, limit=BODY_LIMIT):
    """An error body kept as data when small, as capped text otherwise."""
    if isinstance(body, (dict, list)):
        if len(repr(body)) <= limit:
            return body
        return body_text(repr(body), limit)
    return body_text(body, limit) if isinstance(body, str) else body


class ConfigError(Exception):
    """Bad connection settings or module options, found before any request is sent."""


class ResourceError(Exception):
    """Bad input or a state the module refuses to act on; raised before any write when possible."""


class TransportError(Exception):
    """No HTTP answer at all (connection refused or dropped, timeout, TLS failure).

    ``maybe_applied`` tells callers whether the server may have acted on the request
    (it was sent but no answer came back), so a POST is never blindly repeated.
    """

    def __init__(self, method, url, message, maybe_applied):
        super().__init__("%s %s failed: %s" % (method, url, message))
        self.method = method
        self.url = url
        self.message = message
        self.maybe_applied = maybe_applied


class ApiError(Exception):
    """An HTTP answer that is an error: method, URL, status, the server's message and (capped) body.

    ``missing`` is set by the platform adapter when the answer means "no such object" (as opposed to
    "no such route"): only then may a delete count as already done, or a read as "absent". ``code`` is
    the platform's own error code, where it has one (Installatron's ``errcode``).
    """

    def __init__(self, method, url, status, message, body=None, hint=None, missing=False, code=None):
        text = "%s %s returned %s: %s" % (method, url, status, message)
        if hint:
            text += " (%s)" % hint
        super().__init__(text)
        self.method = method
        self.url = url
        self.status = status
        self.message = message
        self.body = capped_body(body)
        self.hint = hint
        self.missing = missing
        self.code = code

    def with_hint(self, hint):
        """The same error with another hint."""
        return ApiError(self.method, self.url, self.status, self.message, self.body, hint=hint, missing=self.missing, code=self.code)

    def as_dict(self):
        """What a module returns beside ``msg`` so callers can inspect the failure."""
        found = {"method": self.method, "url": self.url, "status": self.status, "message": self.message, "body": self.body}
        if self.code:
            found["code"] = self.code
        return found


class ServerDataError(Exception):
    """The server answered, but not with what the adapter expects (a missing key, a wrong type).

    ``trace`` keeps the traceback of the error it stands for, so a report can still show where it happened.
    """

    def __init__(self, message, trace=None):
        super().__init__(message)
        self.trace = trace


# What code reading a server's answer raises when the answer lacks what it needs.
UNEXPECTED_DATA = (KeyError, TypeError, AttributeError, IndexError, ValueError)


def unexpected_answer(exc, last=None):
    """A ``ServerDataError`` for an exception raised while reading an answer; ``last`` is (method, url)."""
    where = " to %s %s" % last if last else ""
    return ServerDataError("unexpected answer from the server%s: %s: %s" % (where, exc.__class__.__name__, exc),
                           trace="".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))


class WaitError(Exception):
    """Base class: the operation did not reach the wanted state."""

    def __init__(self, message, task_id=None, last=None, logs=None):
        super().__init__(message)
        self.task_id = task_id
        self.last = last
        self.logs = logs or []

    def as_dict(self):
        return {"task_id": self.task_id, "last_state": self.last, "log_tail": self.logs}


class TaskFailed(WaitError):
    """The task ended without success."""


class WaitTimeout(WaitError):
    """The deadline passed; the operation may still finish on the server."""


class PartialFailure(Exception):
    """A write failed after others succeeded: carries what was applied so the result can say so."""

    def __init__(self, applied, change, error):
        super().__init__("%s %s failed: %s" % (change.action, change.key, error))
        self.applied = applied
        self.change = change
        self.error = error


# Everything the runner reports as a module failure (anything else is a bug and keeps its traceback).
CORE_ERRORS = (ApiError, TransportError, ResourceError, PartialFailure, WaitError, ConfigError, ServerDataError)

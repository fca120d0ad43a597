# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HTTP reason phrases and the simple ``{"status": <reason phrase>, "message": <text>}`` error.

That error format is Cloudron's, and also what every simulator's control interface answers when a control request
is wrong (the control interface is the simulators' own, not a platform's).
"""

from http import HTTPStatus

# The classic phrases (Cloudron's server uses them); newer Pythons renamed these.
_PHRASES = {
    413: "Payload Too Large",
    422: "Unprocessable Entity",
}


def reason(status):
    """HTTP reason phrase for a status code."""
    if status in _PHRASES:
        return _PHRASES[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def error_body(status, message):
    """The JSON error object for a status and message."""
    return {"status": reason(status), "message": message}


class HttpError(Exception):
    """Raised by handlers; turned into a ``{"status", "message"}`` error response."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message

    def body(self):
        return error_body(self.status, self.message)

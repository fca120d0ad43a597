"""Errors in the server's format: ``{"status": <reason phrase>, "message": <text>}``."""

from http import HTTPStatus

# The real server (Express + connect-lastmile) uses these phrases; newer Pythons renamed them.
_PHRASES = {
    413: "Payload Too Large",
    422: "Unprocessable Entity",
}


def reason(status):
    """HTTP reason phrase for a status code, as the real server spells it."""
    if status in _PHRASES:
        return _PHRASES[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def error_body(status, message):
    """The JSON error object for a status and message."""
    return {"status": reason(status), "message": message}


class ApiError(Exception):
    """Raised by handlers; turned into a JSON error response."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message

    def body(self):
        return error_body(self.status, self.message)

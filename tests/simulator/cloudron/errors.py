"""Errors in the server's format: ``{"status": <reason phrase>, "message": <text>}`` (the shared simple format)."""

from common.errors import HttpError


class ApiError(HttpError):
    """Raised by handlers; turned into a JSON error response."""

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cloudillo's two error shapes: ``{"error": {code, message, details}}`` (the server's own) and the plain-text
answers of the web framework's extractors (bad JSON, wrong content type, wrong shape, bad query)."""

from common.routing import Response

PLAIN = "text/plain; charset=utf-8"


class ApiError(Exception):
    """Answered as ``{"error": {...}}`` with ``Cache-Control: no-store``."""

    def __init__(self, status, code, message, details=None, headers=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}

    def response(self):
        error = {"code": self.code, "message": self.message}
        if self.details is not None:
            error["details"] = self.details
        return Response(self.status, {"error": error}, headers=dict({"Cache-Control": "no-store"}, **self.headers))


class PlainError(Exception):
    """An extractor's rejection: plain text, no JSON."""

    def __init__(self, status, text):
        super().__init__(text)
        self.status = status
        self.text = text

    def response(self):
        return Response(self.status, self.text.encode("utf-8"), content_type=PLAIN)


def invalid(detail):
    return ApiError(400, "E-VAL-INVALID", "Request validation failed: %s" % detail)


def not_found(what="Resource not found"):
    return ApiError(404, "E-CORE-NOTFOUND", what)


def no_permission():
    return ApiError(403, "E-AUTH-NOPERM", "Permission denied")


def unauthorized():
    return ApiError(401, "E-AUTH-UNAUTH", "Unauthorized")


def conflict(what):
    return ApiError(409, "E-CORE-CONFLICT", what)


def internal():
    return ApiError(500, "E-CORE-INTERNAL", "Internal server error")

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The error body ``{"id": "<slug>", "message": "..."}`` (seed, docs) and the errors the API answers with."""

from common.routing import Response

# The slug of each status (seed: forbidden; the others inferred from DO's names).
IDS = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
       422: "unprocessable_entity", 429: "too_many_requests"}


def slug(status):
    return IDS.get(status, "server_error" if status >= 500 else "bad_request")


class ApiError(Exception):
    """Raised by handlers; answered as ``{"id", "message"}``."""

    def __init__(self, status, message, ident=None, headers=None):
        super().__init__(message)
        self.status = status
        self.ident = ident or slug(status)
        self.message = message
        self.headers = dict(headers or {})

    def response(self):
        return Response(self.status, {"id": self.ident, "message": self.message}, headers=dict(self.headers))


def not_found():
    return ApiError(404, "The resource you were accessing could not be found.")


def unprocessable(message):
    """Validation errors and state conflicts."""
    return ApiError(422, message)


def unauthorized():
    return ApiError(401, "Unable to authenticate you.")


def internal():
    return ApiError(500, "Server was unable to give you a response.")


def fault_body(status):
    """The body of an injected fault rule that brings none of its own."""
    return {"id": slug(status), "message": "Injected fault"}

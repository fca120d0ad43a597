# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""API errors: an HTTP status, an Installatron errcode, a message and the field the error is about."""


class ApiError(Exception):
    """Raised by handlers; answered as an envelope with ``result: false``."""

    def __init__(self, status, errcode, message, field=None, headers=None):
        super().__init__(message)
        self.status = status
        self.errcode = errcode
        self.message = message
        self.field = field
        self.headers = headers or {}


def empty(name):
    """400 ``empty_argument_<name>``: a required parameter is missing or empty."""
    return ApiError(400, "empty_argument_" + name, "The %s argument is required." % name, name)


def invalid(name, message=None, errcode=None):
    """400 ``invalid_argument_<name>`` (or ``errcode``) about parameter ``name``."""
    return ApiError(400, errcode or "invalid_argument_" + name, message or "The %s argument is invalid." % name, name)


def not_found(errcode, what, ident):
    """404 ``<kind>_not_found``."""
    return ApiError(404, errcode, "%s %s was not found." % (what, ident))

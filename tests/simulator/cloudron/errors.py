# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Errors in the server's format: ``{"status": <reason phrase>, "message": <text>}`` (the shared simple format)."""

from common.errors import HttpError


class ApiError(HttpError):
    """Raised by handlers; turned into a JSON error response."""

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Root-key envelopes (seed, docs): one object under its singular key, a collection under its plural key with
``meta.total`` (and ``links`` when paginated); times in ISO 8601."""

import datetime

from common.routing import Response

from .pagination import paged


def iso(epoch):
    """ISO 8601 UTC to the second, as the docs' (DO's) examples print times; None stays None."""
    if epoch is None:
        return None
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def one(root, obj, status=200):
    return Response(status, {root: obj})


def many(state, request, root, items, view):
    """One page of ``items`` (each shown by ``view``) under ``root``, then ``links`` (unless ignored) and ``meta``."""
    page, links = paged(state, request, items)
    body = {root: [view(item) for item in page]}
    if links is not None:
        body["links"] = links
    body["meta"] = {"total": len(items)}
    return Response(200, body)

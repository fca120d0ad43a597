# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared pieces of the backup, volume and updater tests."""

from conftest import RO

PLACEHOLDER = "\u25cf" * 8
APPS = {"domains": ["example.com"],
        "apps": [{"appStoreId": "io.gitea.cloudronapp", "version": "1.33.1", "subdomain": "git", "domain": "example.com"},
                 {"appStoreId": "org.wordpress.cloudronapp", "version": "3.5.1", "subdomain": "blog", "domain": "example.com"}]}


def error(client, method, path, body=None, token=None):
    """(status, message) of a request expected to fail."""
    result = client.call(method, path, body, **({"token": token} if token else {}))
    return result.status, (result.body or {}).get("message")


def readonly_refused(client, method, path, body=None):
    return error(client, method, path, body, token=RO) == (403, "Read-only token")


def user_refused(client, method, path, body=None):
    """A plain user's token gets the role error (admin needed)."""
    if client.control("GET", "/state")["users"][-1]["username"] != "plain":
        client.control("POST", "/tokens", {"token": "user-token", "username": "plain"})
    status, message = error(client, method, path, body, token="user-token")
    return status == 403 and message == "role 'admin' is required but user has only 'user'"

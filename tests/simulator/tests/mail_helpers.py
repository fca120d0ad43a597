# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared set-up for the mail tests: a seeded server with two domains, users, a group, mailboxes and a list."""

RW = "sim-rw-token"
RO = "sim-ro-token"


def seed(client, **extra):
    body = {
        "domains": ["example.com", "example.org"],
        "users": [{"username": "ann", "email": "ann@example.com"}, {"username": "bob", "email": "bob@example.com"}],
        "groups": [{"name": "staff", "members": ["ann"]}],
        "mailboxes": [{"name": "ann", "domain": "example.com", "owner": "ann", "aliases": ["anna@example.com"]}],
        "mail_lists": [{"name": "all", "domain": "example.com", "members": ["ann@example.com"]}],
    }
    body.update(extra)
    return client.control("POST", "/seed", body)


def role_token(client, role):
    """A token of a new user with ``role``."""
    client.control("POST", "/tokens", {"token": "t-" + role, "username": "r-" + role, "role": role})
    return "t-" + role


def state_of(client, key):
    return client.control("GET", "/state")[key]

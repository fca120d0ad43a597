# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Simulator of the Cloudron 8.x/9.x REST API (provisioning, users, groups, profile, tokens, tasks, domains, mailboxes, apps, App Store)."""

import argparse

from .app import CloudronApp
from .state import State
from .validation import Validator
from . import versions


def add_arguments(parser):
    """Command line options of the ``cloudron`` sub-command."""
    parser.add_argument("--version", default="9.0.15", type=_version,
                        help="server version to report and behave as (below 8.2 = 8.1 mode, default %(default)s)")
    parser.add_argument("--token", default="sim-rw-token", help="read-write token of the owner (default %(default)s)")
    parser.add_argument("--readonly-token", default="sim-ro-token",
                        help="read-only token of the owner (default %(default)s)")
    parser.add_argument("--task-seconds", default=1.0, type=_positive,
                        help="real seconds per nominal task second; scales every task duration (default %(default)s)")
    parser.add_argument("--setup-port", default=None, type=int,
                        help="also listen on this port (plain HTTP, same host), standing for the server's raw IP before it has "
                             "a dashboard host; 0 = any free port")


def listeners(args):
    """Listeners besides the main one: the setup listener when ``--setup-port`` was given."""
    return [("setup", args.setup_port)] if args.setup_port is not None else []


def _version(text):
    try:
        versions.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    return text


def _positive(text):
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be > 0")
    return value


def create_app(args):
    """The application for parsed command line arguments."""
    state = State(args.version, args.token, args.readonly_token, args.task_seconds)
    return CloudronApp(state, Validator.from_file())

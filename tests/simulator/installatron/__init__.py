# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Simulator of the Installatron Server API v2 (users and websites, catalogue, installs, backups, WordPress plugins, tasks)."""

import argparse

from .app import InstallatronApp
from .state import State


def add_arguments(parser):
    """Command line options of the ``installatron`` sub-command."""
    parser.add_argument("--api-key", default="sim-key", help="the settings.ini key= value (default %(default)s)")
    parser.add_argument("--api-key2", default="sim-key2", help="the settings.ini key2= value (default %(default)s)")
    parser.add_argument("--task-seconds", default=1.0, type=_positive,
                        help="real seconds per nominal task second; scales every task duration (default %(default)s)")


def _positive(text):
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be > 0")
    return value


def create_app(args):
    """The application for parsed command line arguments."""
    return InstallatronApp(State(args.api_key, args.api_key2, args.task_seconds))

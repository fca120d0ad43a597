# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Simulator of the CloudsFor API v1 (account, regions, distros, SSH keys, VMs and their actions), with an SSH banner on
every running VM's address.

Written from the vendor's documentation and, where it is silent, the DigitalOcean v2 shape it copies; every inferred
behaviour is a switch (tests/simulator/README.md, "CloudsFor").
"""

from .app import CloudsForApp
from .state import State

USER = "sim@example.com"
PASSWORD = "sim-password"


def add_arguments(parser):
    """Command line options of the ``cloudsfor`` sub-command."""
    parser.add_argument("--user", default=USER, help="the account's e-mail, the Basic auth user (default %(default)s)")
    parser.add_argument("--password", default=PASSWORD, help="the account's password (default %(default)s)")
    parser.add_argument("--ssh-port", default=0, type=int, metavar="PORT",
                        help="port of the SSH banner on running VMs' addresses, 0 = a free one (default %(default)s)")


def create_app(args):
    """The application for parsed command line arguments (it opens the VMs' SSH banners itself)."""
    scheme = "https" if getattr(args, "tls_cert", None) else "http"
    return CloudsForApp(State(args.user, args.password, ssh_port=args.ssh_port), scheme=scheme)

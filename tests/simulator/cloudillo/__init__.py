# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Simulator of a multi-tenant Cloudillo server (API keys, login, settings, apps, proxy sites, communities, profiles).

Every tenant gets its own listener, so clients that cannot resolve ``cl-o.<idTag>`` reach it by port.
"""

from .app import CloudilloApp
from .state import State

ADMIN_KEY = "cl_SimAdminKey0000000000000000000000000000000"


def add_arguments(parser):
    """Command line options of the ``cloudillo`` sub-command."""
    parser.add_argument("--admin-id-tag", default="admin.example", help="the base tenant, with role SADM (default %(default)s)")
    parser.add_argument("--tenant", action="append", dest="tenants", metavar="ID_TAG",
                        help="a further person tenant at startup; repeatable (default alice.example)")
    parser.add_argument("--admin-key", default=ADMIN_KEY, help="plaintext of the base tenant's unscoped API key")
    parser.add_argument("--password", default="sim-password", help="password of every startup tenant (default %(default)s)")


def startup(args):
    return {"admin": args.admin_id_tag.lower(), "tenants": [t.lower() for t in (args.tenants or ["alice.example"])],
            "key": args.admin_key, "password": args.password}


def create_app(args):
    """The application for parsed command line arguments (it opens the tenants' listeners itself)."""
    app = CloudilloApp(State(startup(args)), host=args.host, verbose=args.verbose)
    app.startup_listeners = app.open_startup_listeners()
    return app


def announced(app):
    """(name, URL) pairs the start line names after the main listener."""
    return app.startup_listeners

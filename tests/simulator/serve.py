# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start an API simulator: ``python tests/simulator/serve.py cloudron --port 8765`` (or ``installatron``, ``cloudillo``,
``cloudsfor``).

Each platform is a package next to this file offering ``add_arguments(parser)`` and
``create_app(args)``, and optionally ``listeners(args)``: (name, port) pairs of further listeners
for the same application, and ``announced(app)``: (name, URL) pairs of listeners the application opened
itself; it becomes a sub-command of the same name. ``--tls-cert`` and
``--tls-key`` make the main listener serve HTTPS.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cloudillo  # noqa: E402
import cloudron  # noqa: E402
import cloudsfor  # noqa: E402
import installatron  # noqa: E402
from common.http import serve, tls_context  # noqa: E402

PLATFORMS = {"cloudron": cloudron, "installatron": installatron, "cloudillo": cloudillo, "cloudsfor": cloudsfor}


def main(argv=None):
    parser = argparse.ArgumentParser(description="Stateful HTTP simulators of platform APIs, for tests and demos.")
    commands = parser.add_subparsers(dest="platform", required=True)
    for name, module in PLATFORMS.items():
        command = commands.add_parser(name, help=module.__doc__.splitlines()[0])
        command.add_argument("--host", default="127.0.0.1", help="address to listen on (default %(default)s)")
        command.add_argument("--port", default=8765, type=int, help="port to listen on, 0 = any free port (default %(default)s)")
        command.add_argument("--verbose", action="store_true", help="log every request to stderr")
        command.add_argument("--tls-cert", metavar="PATH", help="PEM certificate (chain): the main listener serves HTTPS")
        command.add_argument("--tls-key", metavar="PATH", help="PEM private key of --tls-cert")
        module.add_arguments(command)
    args = parser.parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    module = PLATFORMS[args.platform]
    extra = module.listeners(args) if hasattr(module, "listeners") else ()
    tls = tls_context(args.tls_cert, args.tls_key) if args.tls_cert else None
    app = module.create_app(args)
    announced = module.announced(app) if hasattr(module, "announced") else ()
    return serve(app, args.host, args.port, args.verbose, extra, tls=tls, announced=announced)


if __name__ == "__main__":
    sys.exit(main())

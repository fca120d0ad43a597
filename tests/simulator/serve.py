"""Start an API simulator: ``python tests/simulator/serve.py cloudron --port 8765``.

Each platform is a package next to this file offering ``add_arguments(parser)`` and
``create_app(args)``, and optionally ``listeners(args)``: (name, port) pairs of further listeners
for the same application; it becomes a sub-command of the same name.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cloudron  # noqa: E402
from cloudron.http import serve  # noqa: E402

PLATFORMS = {"cloudron": cloudron}


def main(argv=None):
    parser = argparse.ArgumentParser(description="Stateful HTTP simulators of platform APIs, for tests and demos.")
    commands = parser.add_subparsers(dest="platform", required=True)
    for name, module in PLATFORMS.items():
        command = commands.add_parser(name, help=module.__doc__.splitlines()[0])
        command.add_argument("--host", default="127.0.0.1", help="address to listen on (default %(default)s)")
        command.add_argument("--port", default=8765, type=int, help="port to listen on, 0 = any free port (default %(default)s)")
        command.add_argument("--verbose", action="store_true", help="log every request to stderr")
        module.add_arguments(command)
    args = parser.parse_args(argv)
    module = PLATFORMS[args.platform]
    extra = module.listeners(args) if hasattr(module, "listeners") else ()
    return serve(module.create_app(args), args.host, args.port, args.verbose, extra)


if __name__ == "__main__":
    sys.exit(main())

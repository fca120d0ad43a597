# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Search what a run left behind for secret values; print every hit with its place and exit 1 when there is one.

Places: output files (every line), the simulator's request log (every URL, and the body of every request whose
route is not one that carries secrets by design) and every file below a directory.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import sys

# Routes whose request bodies carry secrets by design (the server needs them); their URLs are still searched.
SECRET_BODIES = ("POST /api/v1/users", "POST /api/v1/users/*/password", "POST /api/v1/domains", "POST /api/v1/domains/*/config",
                 "POST /api/v1/apps", "POST /api/v1/apps/install", "POST /api/v1/apps/*/configure/env", "POST /api/v1/provision/setup",
                 "POST /api/v1/provision/activate", "POST /api/v1/directory_server/config", "POST /api/v1/external_ldap/config",
                 "POST /api/v1/docker/registry_config")


def hits_in_text(secrets, text, place):
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        found.extend("%s, line %d: %s" % (place, number, name) for name, value in secrets.items() if value in line)
    return found


def hits_in_requests(secrets, requests, place):
    found = []
    for request in requests:
        route = "%s %s" % (request.get("method"), request.get("path"))
        url = route + "?" + json.dumps(request.get("query") or {}, sort_keys=True)
        found.extend("%s: the URL of %s holds %s" % (place, route, name) for name, value in secrets.items() if value in url)
        if not any(fnmatch.fnmatchcase(route, pattern) for pattern in SECRET_BODIES):
            body = json.dumps(request.get("body"))
            found.extend("%s: the body of %s holds %s" % (place, route, name) for name, value in secrets.items() if value in body)
    return found


def hits_in_tree(secrets, top, excluded):
    found = []
    for folder, _dirs, names in os.walk(top):
        for name in names:
            path = os.path.join(folder, name)
            if os.path.abspath(path) in excluded or os.path.islink(path):
                continue
            with open(path, "rb") as handle:
                data = handle.read()
            found.extend("file %s: %s" % (path, secret) for secret, value in secrets.items() if value.encode() in data)
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("secrets", help="JSON file: name -> secret value")
    parser.add_argument("--output", action="append", default=[], help="a file of captured output (repeatable)")
    parser.add_argument("--requests", action="append", default=[], help="a JSON file of a simulator's request log (repeatable)")
    parser.add_argument("--tree", action="append", default=[], help="a directory whose files are searched (repeatable)")
    parser.add_argument("--exclude", action="append", default=[], help="a file the tree search leaves out (repeatable)")
    args = parser.parse_args(argv)
    with open(args.secrets, encoding="utf-8") as handle:
        secrets = dict((name, value) for name, value in json.load(handle).items() if value)
    found = []
    for path in args.output:
        with open(path, encoding="utf-8", errors="replace") as handle:
            found.extend(hits_in_text(secrets, handle.read(), os.path.basename(path)))
    for path in args.requests:
        with open(path, encoding="utf-8") as handle:
            found.extend(hits_in_requests(secrets, json.load(handle).get("requests") or [], os.path.basename(path)))
    excluded = set(os.path.abspath(path) for path in args.exclude + [args.secrets])
    for top in args.tree:
        found.extend(hits_in_tree(secrets, top, excluded))
    for hit in found:
        print(hit)
    print("%d secret value(s) searched, %d hit(s)" % (len(secrets), len(found)))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every operation of the vendor's Cloudron API spec is used by a module or listed with the reason none does.

The spec is ``tests/simulator/cloudron/openapi.json``: Cloudron's official OpenAPI 3.1 document, unchanged, as
published in the public repository ``halecraft/mcp-cloudron`` (``docs/cloudron-openapi.json``; the API facts, §10).
The table is ``docs/cloudron-api-coverage.md``. The routes the code uses are read from the source of
``plugins/module_utils/cloudron/*.py`` and ``plugins/modules/cloudron_*.py`` by ``route_scan`` (no import, no
network); a module uses a route when it calls it itself or imports a file of the package that does, directly or through
files that are not aggregators. The aggregators (``layout.py``, ``description*.py``) import nearly every resource for
its options; a module importing one is credited through it only where a row names it, only for ``GET`` (they
describe, never write), and only for the files they call into at run time (``Users()``, not ``Users.fields``).
A use's method must be one the scanner sees (or a rule gives); a use of unknown method credits no row.

The test fails when an operation has no row, when a row names a module that does not exist or does not use the
route, when a row says "—" for a route the code uses, when a "—" row gives no reason, and when the counts written
in the page differ from the table.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from collections import namedtuple


from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudron import route_scan
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudron.route_scan import Package, Rule

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", ".."))
SPEC_PATH = os.path.join(ROOT, "tests", "simulator", "cloudron", "openapi.json")
DOC = "docs/cloudron-api-coverage.md"
PACKAGE_DIR = os.path.join(ROOT, "plugins", "module_utils", "cloudron")
MODULES_DIR = os.path.join(ROOT, "plugins", "modules")
HTTP = ("get", "post", "put", "delete", "patch")
NONE = "—"

# The spec's own spelling errors in paths, corrected only for matching against the code (the table keeps the
# spec's spelling so that each row names the spec's operation as it is).
SPEC_TYPOS = {"/network/dynamic_dns'": "/network/dynamic_dns"}  # a stray quote (API facts §11, item 10)


def _package_tree(name):
    return lambda package: package.sources[name].tree


# Holes the scanner cannot see through: the last segment comes from a table or a caller. Each rule reads its values
# from the code, and is reported when it no longer matches.
RULES = [
    Rule("mail_server", "/mailserver/{}", 1, route_scan.keyword_strings("mail_server", "route"),
         "each setting's route= names its /mailserver/<route>"),
    Rule("mail_domains", "/mail/{}/{}", 2, route_scan.keyword_strings("mail_domains", "route"),
         "each setting's route= names its /mail/:domain/<route>"),
    Rule("apps", "/apps/{}/configure/{}", 3, route_scan.dict_keys("apps", "INSTANT_ROUTES", "TASK_ROUTES"),
         "the configure sub-routes are the keys of INSTANT_ROUTES and TASK_ROUTES"),
    Rule("apps", "/apps/{}/{}", 2, route_scan.call_arguments("action", 2, _package_tree("app_actions"),
                                                             _package_tree("cloudron_app")),
         "Apps.action(ctx, app, <route>, ...) is called with literal routes by app_actions and cloudron_app"),
    Rule("services", "/services/{}/{}", 2, route_scan.tuple_strings("services", "ACTIONS"),
         "the service actions are the ACTIONS tuple"),
    # route tables read through an attribute (``call("GET", field.route)``): the methods the resource uses them with
    Rule("settings", None, None, route_scan.keyword_strings("settings", "route"),
         "Settings.read GETs each field's route and Settings.write POSTs it", methods=("GET", "POST")),
    Rule("branding", None, None, route_scan.keyword_strings("branding", "route"),
         "Branding.read GETs each image (client.image) and Branding.write POSTs it (client.upload)", methods=("GET", "POST")),
]


def is_aggregator(name):
    """The description files: they import every resource; crediting their importers with all of it is too loose."""
    return name == "layout" or name.startswith("description")


Operation = namedtuple("Operation", "method path operation_id")
Row = namedtuple("Row", "method path operation_id modules reason line")

_ROW = re.compile(r"^\|\s*(GET|POST|PUT|DELETE|PATCH)\s*\|(.*)\|\s*$")
_COUNTS = re.compile(r"Used by a module: \*\*(\d+)\*\*; not used: \*\*(\d+)\*\*; total: \*\*(\d+)\*\*")


def spec_operations(spec):
    return [Operation(method.upper(), path, operation.get("operationId"))
            for path, operations in spec["paths"].items() for method, operation in operations.items() if method in HTTP]


def parse_table(text):
    """The rows of the page's table by (method, path), and the rows given twice."""
    rows, twice = {}, []
    for number, line in enumerate(text.splitlines(), 1):
        match = _ROW.match(line)
        if not match:
            continue
        cells = [cell.strip() for cell in match.group(2).split("|")]
        cells += [""] * (4 - len(cells))
        path, operation_id, used, reason = (cells[0].strip("`"), cells[1].strip("`"), cells[2], " ".join(cells[3:]).strip())
        modules = None if used in (NONE, "") else [name.strip().strip("`") for name in used.split(",") if name.strip()]
        row = Row(match.group(1), path, operation_id, modules, reason, number)
        if (row.method, row.path) in rows:
            twice.append(row)
        rows[(row.method, row.path)] = row
    return rows, twice


def uses_of(operation, uses, unseen=False):
    """The uses of the operation (its method and path); with ``unseen``, the uses of its path of unknown method."""
    path = SPEC_TYPOS.get(operation.path, operation.path)
    method = None if unseen else operation.method
    return [use for use in uses if use.method == method and route_scan.matches(use.template, path)]


def source_path(name):
    return ("plugins/modules/%s.py" if name.startswith("cloudron_") else "plugins/module_utils/cloudron/%s.py") % name


def coverage_problems(operations, text, uses, module_files, read_through=None):
    """Every disagreement between the spec, the table and the code, each saying what to do.

    ``module_files`` maps each module name to the package files it imports (transitively, not through an
    aggregator); ``read_through`` maps a module importing an aggregator to the files it reaches through it, which
    credit it for ``GET`` only, and only where a row names it (it is never suggested)."""
    read_through = read_through or {}
    rows, twice = parse_table(text)
    problems = ["%s line %d: %s %s has a second row; keep one" % (DOC, row.line, row.method, row.path) for row in twice]
    known = set((op.method, op.path) for op in operations)
    for key, row in sorted(rows.items()):
        if key not in known:
            problems.append("%s line %d: %s %s is not an operation of the spec; remove the row or fix its method/path"
                            % (DOC, row.line, row.method, row.path))
    used_count = 0
    for op in operations:
        label = "%s %s (%s)" % (op.method, op.path, op.operation_id)
        row = rows.get((op.method, op.path))
        if row is None:
            problems.append("%s has no row in %s: add one naming the module(s) that use it, or %s with the reason "
                            "no module does" % (label, DOC, NONE))
            continue
        if row.operation_id != op.operation_id:
            problems.append("%s line %d: %s is written as operationId %r; the spec says %r"
                            % (DOC, row.line, label, row.operation_id, op.operation_id))
        found = uses_of(op, uses)
        files = sorted(set(use.file for use in found))
        users = sorted(name for name, imported in module_files.items() if imported & set(files))
        readers = sorted(name for name, reached in read_through.items() if op.method == "GET" and reached & set(files))
        if row.modules is None:
            unseen = uses_of(op, uses, unseen=True)  # a "—" row must not hide a use whose method is not known
            first = sorted(found or unseen, key=lambda use: (use.file, use.line))[:3]
            where = ", ".join("%s line %d" % (source_path(use.file), use.line) for use in first)
            if found:
                problems.append("%s line %d: %s says %s, but %s uses it; name the module(s) "
                                "that use it (from: %s)" % (DOC, row.line, label, NONE, where, ", ".join(users) or "none"))
            elif unseen:
                problems.append("%s line %d: %s says %s, but %s uses its path with a method the scanner cannot see; "
                                "give the use its method with a rule, or name the module(s) that use it"
                                % (DOC, row.line, label, NONE, where))
            elif not row.reason:
                problems.append("%s line %d: %s says %s without a reason; add one line saying why no module uses it"
                                % (DOC, row.line, label, NONE))
            continue
        used_count += 1
        for name in row.modules:
            if name not in module_files:
                problems.append("%s line %d: %s names %s, which is not a module in plugins/modules; fix the name or "
                                "remove it" % (DOC, row.line, label, name))
            elif not found:
                problems.append("%s line %d: %s names %s, but no module or file of plugins/module_utils/cloudron uses "
                                "this route; write %s with a reason, or add the code that uses it"
                                % (DOC, row.line, label, name, NONE))
            elif name not in users and name not in readers:
                problems.append("%s line %d: %s names %s, which imports none of the files that use it (%s); name one of: "
                                "%s" % (DOC, row.line, label, name, ", ".join(files), ", ".join(users) or "none"))
    counts = _COUNTS.search(text)
    wanted = (used_count, len(operations) - used_count, len(operations))
    if counts is None:
        problems.append("%s: no counts line ('Used by a module: **N**; not used: **N**; total: **N**'); add one with "
                        "%d, %d, %d" % ((DOC,) + wanted))
    elif tuple(int(number) for number in counts.groups()) != wanted:
        problems.append("%s: the counts say used %s, not used %s, total %s; the table gives %d, %d, %d: update them"
                        % ((DOC,) + counts.groups() + wanted))
    return problems


def module_imports(package):
    """Each cloudron_* module: itself and the package files it imports, not following an aggregator's imports (the
    aggregator itself is left out: what it reaches is ``read_through``)."""
    return dict((name, set(n for n in route_scan.import_closure(package, [name], is_aggregator) if not is_aggregator(n)))
                for name in package.sources if name.startswith("cloudron_"))


def read_through(package):
    """Each module importing an aggregator: the aggregators it reaches (their own calls) and the files whose
    resources they instantiate at run time."""
    out = {}
    for name in package.sources:
        if not name.startswith("cloudron_"):
            continue
        aggregators = set(n for n in route_scan.import_closure(package, [name]) if is_aggregator(n))
        if not aggregators:
            continue
        called = set(n for agg in aggregators for n in route_scan.called_at_run_time(package, agg) if not is_aggregator(n))
        out[name] = aggregators | called
    return out


def real_package():
    return Package.from_directory(PACKAGE_DIR, MODULES_DIR, "cloudron_")


# -- the real check --------------------------------------------------------------------------------------------------

def test_every_spec_operation_is_used_or_explained():
    with open(SPEC_PATH) as handle:
        operations = spec_operations(json.load(handle))
    with open(os.path.join(ROOT, DOC)) as handle:
        text = handle.read()
    package = real_package()
    uses, stale = route_scan.resolve(package, RULES)
    problems = stale + coverage_problems(operations, text, uses, module_imports(package), read_through(package))
    assert not problems, "%d problem(s):\n%s" % (len(problems), "\n".join(problems))


def test_the_spec_copy_has_every_operation():
    with open(SPEC_PATH) as handle:
        operations = spec_operations(json.load(handle))
    assert len(operations) == 240
    assert len(set((op.method, op.path) for op in operations)) == 240


# -- the scanner and the checks on small fixtures -----------------------------------------------------------------------

def scan(**files):
    return Package(dict((name, textwrap.dedent(text)) for name, text in files.items())).uses()


def templates(uses):
    return set((use.method, use.template, use.file) for use in uses)


CLIENT = '''
    class Client(object):
        def call(self, method, path, body=None):
            return {}
        def list_all(self, path, key):
            return self.call("GET", path)
        def image(self, path):
            return self.fetch("GET", path)
        def upload(self, path, data):
            return self.call("POST", path, body=data)
    '''


def test_literals_format_holes_and_methods():
    uses = scan(client=CLIENT, things='''
        PATH = "/things"
        def read(ctx, thing_id):
            def nested(ctx):
                path = "/things/%s" % thing_id
                ctx.client.call("PUT", path + "/name")
            ctx.client.call("GET", "/things/%s" % thing_id)
            ctx.client.call("DELETE", f"/things/{thing_id}/parts")
            ctx.client.list_all(PATH, "things")
            helper(ctx, "/things/refresh?force=1")
        ''')
    assert templates(uses) == {
        (None, "/things/refresh", "things"), ("DELETE", "/things/{}/parts", "things"),
        ("GET", "/things", "things"), ("GET", "/things/{}", "things"), ("PUT", "/things/{}/name", "things")}


def test_a_method_comes_from_what_the_callee_does_with_the_route():
    uses = scan(client=CLIENT, backups='''
        def start(ctx, path, what):
            return ctx.client.call("POST", path)
        def describe(path):
            return "see %s" % path
        class Images(object):
            def read(self, ctx):
                ctx.client.image("/images/logo")
                ctx.client.upload("/images/banner", b"x")
                return self.task(ctx, lambda: start(ctx, "/backups/create", "back up"))
            def task(self, ctx, starter):
                return starter()
        def note(ctx):
            ctx.warn(describe("/backups/cleanup"))
        ''')
    assert templates(uses) == {("POST", "/backups/create", "backups"), ("GET", "/images/logo", "backups"),
                               ("POST", "/images/banner", "backups"), (None, "/backups/cleanup", "backups")}


def test_tables_count_where_they_reach_a_call():
    uses = scan(network='''
        ROUTES = {"ipv4": ("/network/ipv4_config", None), "blocklist": ("/network/blocklist", "blocklist")}
        ADDRESSES = {"ipv4": "/network/ipv4"}
        UNUSED = {"x": "/network/unused"}
        def read(ctx, name):
            path, key = ROUTES[name]
            ctx.client.call("GET", path)
            return dict((n, ctx.client.call("GET", p)) for n, p in ADDRESSES.items())
        ''')
    assert templates(uses) == {("GET", "/network/ipv4_config", "network"), ("GET", "/network/blocklist", "network"),
                               ("GET", "/network/ipv4", "network")}


def test_locals_and_concatenation():
    uses = scan(users='''
        def write(ctx, current, flag):
            path = "/users/%s" % current["id"]
            action = "start" if flag else "stop"
            ctx.client.call("PUT", path + "/role")
            ctx.client.call("POST", "%s/%s" % (path, action))
        ''')
    assert templates(uses) == {("POST", "/users/{}/start", "users"), ("POST", "/users/{}/stop", "users"),
                               ("PUT", "/users/{}/role", "users")}


def test_base_class_routes_count_for_each_subclass_in_its_file():
    uses = scan(client=CLIENT, base='''
        class Base(object):
            path = None
            def listed(self, ctx):
                return ctx.client.list_all(self.path, "items")
            def delete(self, ctx, current):
                ctx.client.call("DELETE", "%s/%s" % (self.path, current["id"]))
        ''', tokens='''
        from ansible_collections.x.plugins.module_utils.cloudron.base import Base
        class Tokens(Base):
            path = "/tokens"
            def listed(self, ctx):
                return [t for t in super().listed(ctx) if t]
        ''', keys='''
        from ansible_collections.x.plugins.module_utils.cloudron.base import Base
        class Keys(Base):
            path = "/keys"
            def listed(self, ctx):
                return []
        ''')
    assert templates(uses) == {("DELETE", "/keys/{}", "keys"), ("DELETE", "/tokens/{}", "tokens"),
                               ("GET", "/tokens", "tokens")}


def test_functions_of_the_package_resolve_to_their_returns_and_tables_count():
    uses = scan(versions='''
        ROUTES = {"8.0": "/user_directory", "7.0": "/settings/profile_config"}
        def install_route(version):
            return "/apps" if version >= 8 else "/apps/install"
        ''', apps='''
        from ansible_collections.x.plugins.module_utils.cloudron.versions import install_route
        FIELDS = [Field("name", route="/branding/cloudron_name"), Field("label", route="label")]
        def create(ctx):
            route = install_route(ctx.client.version())
            ctx.client.call("POST", route)
        ''')
    assert templates(uses) == {
        (None, "/branding/cloudron_name", "apps"), ("POST", "/apps", "apps"), ("POST", "/apps/install", "apps")}


def test_docstrings_and_prose_are_not_routes():
    assert scan(prose='''
        """Reads /secret/route and writes /other."""
        def f(ctx):
            ctx.warn("see /docs for this")
            return "relative/path"
        ''') == []


def test_a_hole_matches_only_a_parameter_segment():
    assert route_scan.matches("/apps/{}", "/apps/{appId}")
    assert not route_scan.matches("/apps/install", "/apps/{appId}")
    assert not route_scan.matches("/apps/{}/{}", "/apps/{appId}/uninstall")
    assert not route_scan.matches("/apps/{}", "/apps/{appId}/icon")
    assert route_scan.normalize("/a/%s-x" % "{}") == "/a/{}"
    assert route_scan.normalize("relative") is None


def test_a_rule_fills_a_table_hole_and_reports_itself_stale():
    package = Package({"server": textwrap.dedent('''
        FIELDS = [Field("size", route="max_email_size"), Field("zones", route="dnsbl_config")]
        def read(ctx, field):
            ctx.client.call("GET", "/mailserver/%s" % field.route)
        ''')})
    rule = Rule("server", "/mailserver/{}", 1, route_scan.keyword_strings("server", "route"), "routes")
    uses, stale = route_scan.resolve(package, [rule])
    assert stale == []
    assert templates(uses) == {("GET", "/mailserver/dnsbl_config", "server"), ("GET", "/mailserver/max_email_size", "server")}
    uses, stale = route_scan.resolve(package, [rule._replace(template="/mailserver/{}/x")])
    assert len(stale) == 1 and "no longer matches" in stale[0] and "/mailserver/{}/x" in stale[0]


def test_a_rule_gives_a_route_table_its_methods():
    package = Package({"settings": textwrap.dedent('''
        FIELDS = [Field("name", route="/branding/name"), Field("zone", route="/cloudron/zone")]
        def read(ctx, field):
            ctx.client.call("GET", field.route)
        def other(ctx):
            helper("/cloudron/other")
        ''')})
    rule = Rule("settings", None, None, route_scan.keyword_strings("settings", "route"), "read and written", ("GET", "POST"))
    uses, stale = route_scan.resolve(package, [rule])
    assert stale == []
    assert templates(uses) == {("GET", "/branding/name", "settings"), ("POST", "/branding/name", "settings"),
                               ("GET", "/cloudron/zone", "settings"), ("POST", "/cloudron/zone", "settings"),
                               (None, "/cloudron/other", "settings")}
    uses, stale = route_scan.resolve(package, [rule._replace(file="other")])
    assert len(stale) == 1 and "other route table" in stale[0]


SPEC = [Operation("GET", "/widgets", "listWidgets"), Operation("POST", "/widgets", "addWidget"),
        Operation("GET", "/widgets/{id}/logs", "widgetLogs")]
FIXTURE_USES = [route_scan.Use("GET", "/widgets", "widgets", 10), route_scan.Use("POST", "/widgets", "widgets", 20)]
FIXTURE_MODULES = {"cloudron_widget": {"widgets", "client"}, "cloudron_other": {"client"}}
GOOD = """
Used by a module: **2**; not used: **1**; total: **3**.

| Method | Path | operationId | Used by | Why no module uses it |
| --- | --- | --- | --- | --- |
| GET | `/widgets` | `listWidgets` | `cloudron_widget` | |
| POST | `/widgets` | `addWidget` | `cloudron_widget` | |
| GET | `/widgets/{id}/logs` | `widgetLogs` | — | a log download, not configuration |
"""


def check(text, uses=None):
    return coverage_problems(SPEC, text, FIXTURE_USES if uses is None else uses, FIXTURE_MODULES)


def test_a_complete_table_passes():
    assert check(GOOD) == []


def test_a_missing_row_fails_naming_the_operation():
    problems = check(GOOD.replace("| POST | `/widgets` | `addWidget` | `cloudron_widget` | |\n", ""))
    assert any(p.startswith("POST /widgets (addWidget) has no row in %s" % DOC) for p in problems), problems


def test_a_module_that_does_not_exist_or_does_not_use_the_route_fails():
    problems = check(GOOD.replace("| `cloudron_widget` | |\n| POST", "| `cloudron_widgets` | |\n| POST"))
    assert problems == ["%s line 6: GET /widgets (listWidgets) names cloudron_widgets, which is not a module in "
                        "plugins/modules; fix the name or remove it" % DOC]
    problems = check(GOOD.replace("| `cloudron_widget` | |\n| POST", "| `cloudron_other` | |\n| POST"))
    assert len(problems) == 1 and "names cloudron_other, which imports none of the files that use it (widgets); " \
                                  "name one of: cloudron_widget" in problems[0]
    problems = check(GOOD.replace("`widgetLogs` | — | a log download, not configuration", "`widgetLogs` | `cloudron_widget` |")
                     .replace("**2**; not used: **1**", "**3**; not used: **0**"))
    assert len(problems) == 1
    assert "GET /widgets/{id}/logs (widgetLogs) names cloudron_widget, but no module or file" in problems[0]


def test_a_dash_for_a_used_route_fails_and_names_the_users():
    problems = check(GOOD.replace("| `addWidget` | `cloudron_widget` | |", "| `addWidget` | — | not needed |")
                     .replace("**2**; not used: **1**", "**1**; not used: **2**"))
    assert problems == ["%s line 7: POST /widgets (addWidget) says —, but plugins/module_utils/cloudron/widgets.py line 20 "
                        "uses it; name the module(s) that use it (from: cloudron_widget)" % DOC]


def test_a_dash_without_a_reason_fails():
    problems = check(GOOD.replace("| a log download, not configuration |", "| |"))
    assert problems == ["%s line 8: GET /widgets/{id}/logs (widgetLogs) says — without a reason; add one line saying "
                        "why no module uses it" % DOC]


def test_an_unknown_method_credits_no_row_but_a_dash_may_not_hide_it():
    problems = check(GOOD, uses=[route_scan.Use(None, "/widgets", "widgets", 5)])
    assert len(problems) == 2 and all("but no module or file" in p for p in problems), problems
    problems = check(GOOD, uses=[route_scan.Use(None, "/widgets/{}/logs", "widgets", 5)] + FIXTURE_USES)
    assert len(problems) == 1 and "widgetLogs) says —, but" in problems[0] and "cannot see" in problems[0]


def test_a_get_only_use_does_not_satisfy_a_post_row():
    problems = check(GOOD, uses=[route_scan.Use("GET", "/widgets", "widgets", 10)])
    assert len(problems) == 1 and problems[0].startswith("%s line 7: POST /widgets (addWidget) names cloudron_widget, "
                                                         "but no module or file" % DOC), problems


AGGREGATED = {
    "widgets": '''
        class Widgets(object):
            fields = ()
            def read(self, ctx):
                return ctx.client.call("GET", "/widgets")
            def create(self, ctx):
                ctx.client.call("POST", "/widgets")
        ''',
    "gadgets": "def read(ctx):\n    ctx.client.call('GET', '/widgets')\n",
    "description": '''
        from ansible_collections.x.plugins.module_utils.cloudron.widgets import Widgets
        from ansible_collections.x.plugins.module_utils.cloudron.gadgets import read
        TABLE = {"widgets": Widgets.fields}
        def describe(ctx):
            return Widgets().read(ctx)
        ''',
    "layout": '''
        from ansible_collections.x.plugins.module_utils.cloudron.widgets import Widgets
        from ansible_collections.x.plugins.module_utils.cloudron.gadgets import read
        LAYOUT = {"widgets": Widgets.fields, "reader": read}
        ''',
    "cloudron_widget": "from ansible_collections.x.plugins.module_utils.cloudron.widgets import Widgets\n",
    "cloudron_description_info": "from ansible_collections.x.plugins.module_utils.cloudron.description import describe\n",
    "cloudron_description_validate": "from ansible_collections.x.plugins.module_utils.cloudron.layout import LAYOUT\n",
}


def test_an_aggregator_credits_its_importers_only_where_named_for_what_it_reads_at_run_time():
    package = Package(dict((name, textwrap.dedent(text)) for name, text in AGGREGATED.items()))
    imported, through = module_imports(package), read_through(package)
    assert imported == {"cloudron_widget": {"cloudron_widget", "widgets"},
                        "cloudron_description_info": {"cloudron_description_info"},
                        "cloudron_description_validate": {"cloudron_description_validate"}}
    assert through == {"cloudron_description_info": {"description", "widgets"},
                       "cloudron_description_validate": {"layout"}}
    uses = package.uses()

    def problems(get, post):
        table = GOOD.replace("| `listWidgets` | `cloudron_widget` |", "| `listWidgets` | %s |" % get)
        return coverage_problems(SPEC, table.replace("| `addWidget` | `cloudron_widget` |", "| `addWidget` | %s |" % post),
                                 uses, imported, through)
    assert problems("`cloudron_widget`, `cloudron_description_info`", "`cloudron_widget`") == []
    found = problems("`cloudron_description_validate`", "`cloudron_description_info`")
    assert len(found) == 2, found
    assert "GET /widgets (listWidgets) names cloudron_description_validate, which imports none of the files that " \
           "use it (gadgets, widgets); name one of: cloudron_widget" in found[0]
    assert "POST /widgets (addWidget) names cloudron_description_info, which imports none" in found[1]
    dash = GOOD.replace("| `listWidgets` | `cloudron_widget` | |", "| `listWidgets` | — | read elsewhere |")
    found = coverage_problems(SPEC, dash.replace("**2**; not used: **1**", "**1**; not used: **2**"), uses, imported, through)
    assert len(found) == 1 and found[0].endswith("(from: cloudron_widget)"), found


def test_stale_rows_wrong_ids_and_counts_fail():
    text = GOOD.replace("`listWidgets`", "`getWidgets`") + "| DELETE | `/widgets/{id}` | `deleteWidget` | — | gone |\n"
    problems = check(text.replace("total: **3**", "total: **4**"))
    assert any("DELETE /widgets/{id} is not an operation of the spec" in p for p in problems), problems
    assert any("written as operationId 'getWidgets'; the spec says 'listWidgets'" in p for p in problems), problems
    assert any("the counts say used 2, not used 1, total 4; the table gives 2, 1, 3" in p for p in problems), problems


def test_a_module_file_counts_its_own_calls_and_its_imports():
    package = Package({"widgets": "def read(ctx):\n    ctx.client.call('GET', '/widgets')\n",
                       "cloudron_widget_info": "from ansible_collections.x.plugins.module_utils.cloudron.widgets import read\n"
                                               "def status(ctx):\n    ctx.client.call('GET', '/widgets/%s/logs' % 1)\n"})
    uses = package.uses()
    assert templates(uses) == {("GET", "/widgets", "widgets"), ("GET", "/widgets/{}/logs", "cloudron_widget_info")}
    assert module_imports(package) == {"cloudron_widget_info": {"cloudron_widget_info", "widgets"}}
    assert source_path("cloudron_widget_info") == "plugins/modules/cloudron_widget_info.py"


def test_the_spec_typo_is_matched_under_its_corrected_path():
    op = Operation("GET", "/network/dynamic_dns'", "getDynamicDns")
    assert uses_of(op, [route_scan.Use("GET", "/network/dynamic_dns", "settings", 1)])


def test_module_imports_reach_the_files_behind_them():
    imported = module_imports(real_package())
    assert "settings" in imported["cloudron_settings"]
    assert {"cloudron_token", "tokens", "credentials", "client"} <= imported["cloudron_token"]
    assert "tokens" not in imported["cloudron_settings"]
    assert "users" not in imported["cloudron_description_validate"] | imported["cloudron_description_info"]
    through = read_through(real_package())
    assert {"description", "users", "settings", "directory_server"} <= through["cloudron_description_info"]
    assert "users" not in through["cloudron_description_validate"]

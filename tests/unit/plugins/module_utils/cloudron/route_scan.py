# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Which API routes a package's code uses, read from its source with ``ast`` (nothing is imported or run).

A route is a string expression that starts with ``/`` and reaches a call: a call argument (``client.call("GET",
"/apps/%s" % app_id)``) or a keyword (``Field(..., route="/branding/footer")``); a module constant or table counts
where it reaches a call (``call("GET", STATUS_PATH)``, ``path, key = ROUTES[name]``). Expressions are evaluated
symbolically:

- ``%s``/``%d``/``%r``, f-string pieces, ``{...}`` and any value the scanner cannot resolve become a hole, ``{}``;
  a path segment containing a hole is one hole segment, and a hole matches only a parameter segment of the spec
  (``/apps/{}`` matches ``/apps/{appId}``, never ``/apps/install``).
- names resolve to the function's own assignments, then module constants, then names imported from the package;
  ``TABLE[key]`` is every value of a constant dict, tuple or list (``TABLE[key][0]`` the first element of each);
  ``self.x`` and ``self.x(...)`` resolve through the concrete class and its bases (in any file of the package),
  so a base class's ``"%s/%s" % (self.path, id)`` counts once per subclass with that subclass's ``path``;
  a call to a function of the package resolves to what it returns.
- the HTTP method is a literal ``GET``/``POST``/``PUT``/``DELETE`` among the call's arguments; otherwise, when the
  callee is a function of the package, a method of the class, or a method of the package's ``Client`` class
  (``ctx.client.image(path)``, the class of ``client.py``), each method the callee uses that parameter with (``image`` passes ``path`` to
  ``call_bytes("GET", path)``); otherwise unknown. A use with an unknown method counts for no operation: the
  coverage test reports it, and a rule gives it its methods.

Routes whose last piece comes from a table or a caller (``"/mailserver/%s" % field.route``) are holes the scanner
cannot see through; ``Rule`` fills such a hole with values read from the code (``route=`` keywords, a dict's keys,
a tuple constant, literal arguments of calls). A route table the code reads through an attribute
(``Field(route="/branding/footer")`` read as ``call("GET", field.route)``) is a use of unknown method; ``Rule`` with
``methods`` gives it the methods the code uses it with. A rule that no longer matches any use is reported as stale.
"""

from __future__ import annotations

import ast
import os
import re
from collections import namedtuple

HOLE = "{}"
METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH")
_FORMAT = re.compile(r"%[sdr]")
_BRACES = re.compile(r"\{[^{}]*\}")
_LIMIT = 64      # candidate strings per expression: enough for every table the code has, bounded against explosion
_DEPTH = 8

Use = namedtuple("Use", "method template file line")
PACKAGE = "cloudron"
CLIENT = "client"  # the file of the package's HTTP client: ``<anything>.client.<method>(...)`` calls its class's methods


class Source:
    """One parsed file: its module constants, functions, classes and the names it imports from the package."""

    def __init__(self, name, text):
        self.name = name
        self.tree = ast.parse(text, name)
        self.constants, self.functions, self.classes, self.imports = {}, {}, {}, {}
        for node in self.tree.body:
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.constants[target.id] = node.value
            elif isinstance(node, ast.FunctionDef):
                self.functions[node.name] = node
            elif isinstance(node, ast.ClassDef):
                self.classes[node.name] = node
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[-2:-1] == [PACKAGE]:
                for alias in node.names:  # the package's own files only (common.description is not description)
                    self.imports[alias.asname or alias.name] = (node.module.rsplit(".", 1)[-1], alias.name)


class Package:
    """The files of one package; ``uses()`` lists every route use, credited to the file of the concrete class."""

    def __init__(self, texts):
        self.sources = dict((name, Source(name, text)) for name, text in sorted(texts.items()))
        self.class_index = {}
        for source in self.sources.values():
            for name in source.classes:
                self.class_index.setdefault(name, source)

    @classmethod
    def from_directory(cls, directory, modules=None, prefix=""):
        """The package's files, and the module files in ``modules`` whose names start with ``prefix`` (modules
        call routes too; their names must not collide with the package's)."""
        texts = {}
        for folder, wanted in ((directory, ""), (modules, prefix)):
            for name in sorted(os.listdir(folder)) if folder else []:
                if name.endswith(".py") and name.startswith(wanted):
                    with open(os.path.join(folder, name)) as handle:
                        texts[name[:-3]] = handle.read()
        return cls(texts)

    # -- class hierarchy -------------------------------------------------------------------------------------
    def mro(self, class_name):
        """The class and its bases found in the package, depth first (enough for single inheritance)."""
        order, todo = [], [class_name]
        while todo:
            name = todo.pop(0)
            source = self.class_index.get(name)
            if source is None or any(name == seen for seen, _source in order):
                continue
            node = source.classes[name]
            order.append((name, source))
            todo = [base.id for base in node.bases if isinstance(base, ast.Name)] + todo
        return order

    def class_member(self, class_name, member):
        for name, source in self.mro(class_name):
            for node in source.classes[name].body:
                if isinstance(node, ast.FunctionDef) and node.name == member:
                    return source, node
                if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == member for t in node.targets):
                    return source, node.value
        return None, None

    # -- evaluation ------------------------------------------------------------------------------------------
    def evaluate(self, node, env):
        values = self._evaluate(node, env)
        return values[:_LIMIT] if values else [HOLE]

    def _evaluate(self, node, env):
        if env.depth > _DEPTH:
            return [HOLE]
        if isinstance(node, ast.Constant):
            return [node.value] if isinstance(node.value, str) else [HOLE]
        if isinstance(node, ast.JoinedStr):
            parts = [[piece.value] if isinstance(piece, ast.Constant) else [HOLE] for piece in node.values]
            return _product(parts)
        if isinstance(node, ast.Name):
            return self._name(node.id, env)
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id == "self" and env.cls:
                source, member = self.class_member(env.cls, node.attr)
                if source is not None and not isinstance(member, ast.FunctionDef):
                    return self.evaluate(member, env.enter(source, locals_={}))
            return [HOLE]
        if isinstance(node, ast.Call):
            return self._call(node, env)
        if isinstance(node, ast.Subscript):
            return [value for element, source in self._elements(node, env)
                    for value in self.evaluate(element, env.enter(source, locals_={}, cls=None))]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return _product([self.evaluate(node.left, env), self.evaluate(node.right, env)])
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            args = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
            out = []
            for template in self.evaluate(node.left, env):
                pieces = _FORMAT.split(template)
                if len(pieces) != len(args) + 1:
                    out.append(HOLE)
                    continue
                parts = [[pieces[0]]]
                for arg, piece in zip(args, pieces[1:]):
                    parts.extend([self.evaluate(arg, env), [piece]])
                out.extend(_product(parts))
            return out
        if isinstance(node, ast.IfExp):
            # both branches, except that a parameter the caller left at a false default takes the else branch
            test = env.locals.get(node.test.id) if isinstance(node.test, ast.Name) else None
            if isinstance(test, Omitted) and isinstance(test.default, ast.Constant) and not test.default.value:
                return self.evaluate(node.orelse, env)
            return self.evaluate(node.body, env) + self.evaluate(node.orelse, env)
        if isinstance(node, ast.BoolOp):
            return [value for operand in node.values for value in self.evaluate(operand, env)]
        return [HOLE]

    def _bind(self, function, call, env, skip_self):
        """The callee's parameters: what the caller passes (evaluated where it is passed), or Omitted(default)."""
        params = function.args.args[1:] if skip_self else function.args.args
        defaults = dict(zip([param.arg for param in params][len(params) - len(function.args.defaults):], function.args.defaults))
        passed = dict((param.arg, arg) for param, arg in zip(params, call.args))
        passed.update((keyword.arg, keyword.value) for keyword in call.keywords if keyword.arg)
        bound = {}
        for param in params:
            if param.arg in passed:
                bound[param.arg] = Bound(self.evaluate(passed[param.arg], env))
            elif param.arg in defaults:
                bound[param.arg] = Omitted(defaults[param.arg])
        return bound

    def _name(self, name, env):
        if name in env.locals:
            nodes = env.locals[name]
            if isinstance(nodes, Bound):
                return nodes.values
            if isinstance(nodes, Omitted):
                return self.evaluate(nodes.default, env)
            if not nodes:  # a parameter or loop variable: unknown here
                return [HOLE]
            inner = env.enter(env.source, locals_={k: v for k, v in env.locals.items() if k != name})
            return [value for expr in nodes for value in self.evaluate(expr, inner)]
        if name in env.source.constants:
            return self.evaluate(env.source.constants[name], env.enter(env.source, locals_={}, cls=None))
        if name in env.source.imports:
            module, original = env.source.imports[name]
            other = self.sources.get(module)
            if other is not None and original in other.constants:
                return self.evaluate(other.constants[original], env.enter(other, locals_={}, cls=None))
        return [HOLE]

    def _elements(self, node, env):
        """The elements ``TABLE[...]`` (or ``TABLE[...][i]``) can be, each with its source: every value of a
        module constant dict, tuple or list; none for anything else."""
        if isinstance(node, ast.Name):
            source = env.source
            if node.id in env.locals or (node.id not in source.constants and node.id not in source.imports):
                return []
            if node.id not in source.constants:
                module, original = source.imports[node.id]
                source = self.sources.get(module)
                if source is None or original not in source.constants:
                    return []
                return [(source.constants[original], source)]
            return [(source.constants[node.id], source)]
        if not isinstance(node, ast.Subscript):
            return []
        index = node.slice.value if isinstance(node.slice, ast.Index) else node.slice  # ast.Index before 3.9
        out = []
        for table, source in self._elements(node.value, env):
            if isinstance(table, ast.Dict):
                out.extend((value, source) for value in table.values)
            elif isinstance(table, (ast.Tuple, ast.List)):
                if isinstance(index, ast.Constant) and isinstance(index.value, int):
                    out.extend([(table.elts[index.value], source)] if -len(table.elts) <= index.value < len(table.elts) else [])
                else:
                    out.extend((element, source) for element in table.elts)
        return out

    def callee(self, node, env):
        """The function a call runs, if the package has it: (function, its source, class or None, skips self)."""
        func = node.func
        if isinstance(func, ast.Name):
            source = env.source
            if func.id in source.functions:
                return source.functions[func.id], source, None, False
            if func.id in source.imports:
                module, original = source.imports[func.id]
                other = self.sources.get(module)
                if other is not None and original in other.functions:
                    return other.functions[original], other, None, False
            return None
        if not isinstance(func, ast.Attribute):
            return None
        owner = func.value
        if isinstance(owner, ast.Name) and owner.id == "self" and env.cls:
            cls = env.cls
        elif ((isinstance(owner, ast.Attribute) and owner.attr == "client") or (isinstance(owner, ast.Name) and owner.id == "client")) \
                and CLIENT in self.sources and self.sources[CLIENT].classes:
            cls = next(iter(self.sources[CLIENT].classes))
        else:
            return None
        source, member = self.class_member(cls, func.attr)
        if not isinstance(member, ast.FunctionDef):
            return None
        static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in member.decorator_list)
        return member, source, cls, not static

    def call_methods(self, node, env, arg, depth=0):
        """The methods a call uses its argument ``arg`` with: a literal method among the call's arguments, else
        what the callee does with the parameter it binds ``arg`` to (empty when unknown)."""
        literal = [a.value for a in node.args if isinstance(a, ast.Constant) and a.value in METHODS]
        if literal:
            return literal[-1:]
        found = self.callee(node, env) if depth < _DEPTH else None
        if found is None:
            return []
        function, source, cls, skip_self = found
        params = function.args.args[1:] if skip_self else function.args.args
        names = dict((id(a), p.arg) for p, a in zip(params, node.args))
        names.update((id(k.value), k.arg) for k in node.keywords if k.arg)
        param = names.get(id(arg))
        if param is None:
            return []
        inner = Env(source, {}, cls, env.depth + 1)
        methods = set()
        for call in _walk_body(function):
            if isinstance(call, ast.Call):
                for passed in list(call.args) + [k.value for k in call.keywords]:
                    if isinstance(passed, ast.Name) and passed.id == param:
                        methods.update(self.call_methods(call, inner, passed, depth + 1))
        return sorted(methods)

    def _call(self, node, env):
        found = self.callee(node, env)
        if found is None:
            return [HOLE]
        function, source, cls, skip_self = found
        cls = cls if skip_self else None
        locals_ = function_locals(function)
        locals_.update(self._bind(function, node, env, skip_self=skip_self))
        inner = env.enter(source, locals_=locals_, cls=cls)
        returns = [child.value for child in _walk_body(function) if isinstance(child, ast.Return) and child.value is not None]
        return [value for expr in returns for value in self.evaluate(expr, inner)]

    # -- uses ------------------------------------------------------------------------------------------------
    def uses(self):
        found = set()
        for source in self.sources.values():
            module_env = Env(source, {}, None, 0)
            for node in source.tree.body:
                if not isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                    found.update(self._calls(node, module_env, source.name))
            for function in source.functions.values():
                found.update(self._calls(function, Env(source, function_locals(function), None, 0), source.name))
            for class_name in source.classes:
                hidden = set()  # methods overridden without a super() call: never run for this class
                for owner, owner_source in self.mro(class_name):
                    for member in source_class_functions(owner_source.classes[owner]):
                        if member.name in hidden:
                            continue
                        if not calls_super(member):
                            hidden.add(member.name)
                        env = Env(owner_source, function_locals(member), class_name, 0)
                        found.update(self._calls(member, env, source.name))
                for member in source.classes[class_name].body:  # class-level tables: Field(route=...) lists
                    if isinstance(member, ast.Assign):
                        found.update(self._calls(member, Env(source, {}, class_name, 0), source.name))
        return sorted(found, key=lambda use: (use.template, use.method or "", use.file, use.line))

    def _calls(self, root, env, credited):
        found = set()
        for node in _walk_body(root):
            if isinstance(node, ast.FunctionDef):  # a nested function: its own names over the enclosing ones
                inner = dict(env.locals)
                inner.update(function_locals(node))
                found.update(self._calls(node, env._replace(locals=inner), credited))
            if not isinstance(node, ast.Call):
                continue
            for arg in list(node.args) + [keyword.value for keyword in node.keywords]:
                if isinstance(arg, ast.Constant) and arg.value in METHODS:
                    continue
                routes = [template for template in (normalize(value) for value in self.evaluate(arg, env)) if template]
                for method in (self.call_methods(node, env, arg) or [None]) if routes else []:
                    found.update(Use(method, template, credited, node.lineno) for template in routes)
        return found


Bound = namedtuple("Bound", "values")      # a parameter the caller passed: its values where it was passed
Omitted = namedtuple("Omitted", "default")  # a parameter the caller left out: its default expression


class Env(namedtuple("Env", "source locals cls depth")):
    def enter(self, source, locals_, cls=Ellipsis):
        return Env(source, locals_, self.cls if cls is Ellipsis else cls, self.depth + 1)


def function_locals(function):
    """Each name assigned in the function (every assignment kept), its parameters and loop variables (unknown)."""
    names = dict((arg.arg, []) for arg in function.args.args + function.args.kwonlyargs)
    for node in _walk_body(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names.setdefault(target.id, []).append(node.value)
                elif isinstance(target, ast.Tuple):  # ``a, b = TABLE[key]``: element i of what the value can be
                    for index, element in enumerate(target.elts):
                        if isinstance(element, ast.Name):
                            names.setdefault(element.id, []).append(ast.Subscript(value=node.value, slice=ast.Constant(index)))
        elif isinstance(node, (ast.For, ast.comprehension)):
            for element in ast.walk(node.target):
                if isinstance(element, ast.Name):
                    names[element.id] = []
            item = _loop_item(node)
            if item is not None:  # ``for path in TABLE`` / ``for name, path in TABLE.items()``: the table's values
                target = node.target.elts[-1] if isinstance(node.target, ast.Tuple) else node.target
                if isinstance(target, ast.Name):
                    names[target.id] = [item]
    return names


def _loop_item(loop):
    """What a loop over a named table binds: each element or value (a Subscript with no constant index), or None."""
    table, pairs = loop.iter, isinstance(loop.target, ast.Tuple)
    if isinstance(table, ast.Call) and isinstance(table.func, ast.Attribute) and not table.args:
        if table.func.attr not in (("items",) if pairs else ("values",)):
            return None
        table, pairs = table.func.value, False
    if isinstance(table, ast.Name) and not pairs:
        return ast.Subscript(value=table, slice=ast.Name(id="_", ctx=ast.Load()))
    return None


def calls_super(function):
    """Whether the method calls ``super().<its own name>(...)``, so the base's version runs too."""
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == function.name
               and isinstance(node.func.value, ast.Call) and isinstance(node.func.value.func, ast.Name)
               and node.func.value.func.id == "super" for node in _walk_body(function))


def source_class_functions(class_node):
    return [node for node in class_node.body if isinstance(node, ast.FunctionDef)]


def _walk_body(root):
    """Every node under root, without descending into nested functions or classes (each is scanned on its own)."""
    todo = list(ast.iter_child_nodes(root))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))


def _product(parts):
    out = [""]
    for options in parts:
        out = [left + right for left in out for right in options][:_LIMIT]
    return out


def normalize(value):
    """A route template with each hole segment as ``{}``, or None for a string that is not a route."""
    if not isinstance(value, str) or not value.startswith("/") or len(value) < 2:
        return None
    value = _BRACES.sub(HOLE, value.split("?", 1)[0])
    segments = [HOLE if HOLE in segment else segment for segment in value.strip("/").split("/")]
    return "/" + "/".join(segments)


def spec_segments(path):
    return ["{param}" if segment.startswith("{") and segment.endswith("}") else segment
            for segment in path.strip("/").split("/")]


def matches(template, spec_path):
    """A code template against a spec path: literal segments equal, a hole only where the spec has a parameter."""
    code, spec = template.strip("/").split("/"), spec_segments(spec_path)
    if len(code) != len(spec):
        return False
    return all((c == HOLE) == (s == "{param}") and (c == HOLE or c == s) for c, s in zip(code, spec))


class Rule(namedtuple("Rule", "file template segment values why methods")):
    """Fill hole ``segment`` (0-based) of ``template`` in uses credited to ``file`` with each of ``values(package)``;
    with ``template`` None, the uses of unknown method whose template is one of ``values(package)`` (a route table
    read through an attribute). ``methods``, when given, are the methods of a use whose method is unknown."""

    def __new__(cls, file, template, segment, values, why, methods=()):
        return super().__new__(cls, file, template, segment, values, why, tuple(methods))

    def _fills(self, use, values):
        if self.template is None:
            return [use.template] if use.method is None and use.template in values else None
        if use.template != self.template:
            return None
        segments = use.template.strip("/").split("/")
        return ["/" + "/".join(segments[:self.segment] + [value] + segments[self.segment + 1:]) for value in values]

    def apply(self, package, uses):
        values = sorted(set(self.values(package)))
        if self.template is None:
            values = [template for template in (normalize(value) for value in values) if template]
        out, matched = [], False
        for use in uses:
            filled = self._fills(use, values) if use.file == self.file else None
            if filled is None:
                out.append(use)
                continue
            matched = True
            methods = self.methods if use.method is None and self.methods else (use.method,)
            out.extend(use._replace(template=template, method=method) for template in filled for method in methods)
        stale = [] if matched and values else [
            "rule for %s %s (%s) no longer matches the code (%s): update or remove it in the coverage test"
            % (self.file, self.template or "route table", self.why, "no use with that template" if not matched else "no values found")]
        return out, stale


# -- value extractors for rules: each reads the code, never a hand-written list -----------------------------------
def keyword_strings(file, keyword):
    def values(package):
        return [node.value.value for node in ast.walk(package.sources[file].tree) if isinstance(node, ast.keyword)
                and node.arg == keyword and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)]
    return values


def dict_keys(file, *names):
    def values(package):
        constants = package.sources[file].constants
        return [key.value for name in names for key in constants[name].keys if isinstance(key, ast.Constant)]
    return values


def tuple_strings(file, name):
    def values(package):
        node = package.sources[file].constants[name]
        return [element.value for element in node.elts if isinstance(element, ast.Constant)]
    return values


def call_arguments(attribute, index, *trees):
    """Literal argument ``index`` of calls to ``<x>.attribute(...)`` in the given trees (callables of the package
    returning an ``ast`` tree, so that a module file outside the package can be read too)."""
    def values(package):
        out = []
        for tree in trees:
            for node in ast.walk(tree(package)):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == attribute
                        and len(node.args) > index and isinstance(node.args[index], ast.Constant)):
                    out.append(node.args[index].value)
        return out
    return values


def imported_modules(tree, package_name="cloudron"):
    """The package's modules a file imports (``from ...<package>.x import y`` and ``from ...<package> import x``)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[-1] == package_name and "module_utils" in parts:
                found.update(alias.name for alias in node.names)
            elif len(parts) > 1 and parts[-2] == package_name and "module_utils" in parts:
                found.add(parts[-1])
    return found


def import_closure(package, modules, stop=lambda name: False):
    """Those files and every file of the package they import, transitively; the imports of a file for which
    ``stop(name)`` is true are not followed (the file itself is in the closure)."""
    todo, seen = list(modules), set()
    while todo:
        name = todo.pop()
        if name in seen or name not in package.sources:
            continue
        seen.add(name)
        if not stop(name) or name in modules:
            todo.extend(imported_modules(package.sources[name].tree))
    return seen


def called_at_run_time(package, name):
    """The package files whose classes the file instantiates inside a function (``Users()``), and the files whose
    functions it calls there that do so in turn; not those it only names in a table or reads an attribute of
    (``Users.fields``)."""
    found, todo, seen = set(), [name], set()
    while todo:
        source = package.sources[todo.pop()]
        for function in ast.walk(source.tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in source.imports):
                    continue
                module, original = source.imports[node.func.id]
                other = package.sources.get(module)
                if other is not None and original in other.classes:
                    found.add(module)
                elif other is not None and original in other.functions and module not in seen:
                    seen.add(module)
                    todo.append(module)
    return found


def resolve(package, rules):
    """Every use after the rules, and the stale-rule messages."""
    uses, problems = package.uses(), []
    for rule in rules:
        uses, stale = rule.apply(package, uses)
        problems.extend(stale)
    return uses, problems

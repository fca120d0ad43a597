# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hold each module's documented RETURN to what the module returned in the integration tests.

Usage: python tools/return_docs.py COLLECTION_ROOT JUNIT_DIR [JUNIT_DIR ...]

Runs with the Python of a test environment (PyYAML, ansible-doc on PATH, the collection on ANSIBLE_COLLECTIONS_PATH).
ansible-test's junit callback keeps every successful task's result; the task's file and line name the module it ran.
A key a module returned that its RETURN does not document, at any depth, is an error; so is a list of objects
documented without `contains`. Exit status 1 on an error, 0 otherwise.
"""

from __future__ import annotations

import collections
import glob
import json
import os
import subprocess
import sys
from xml.etree import ElementTree

import yaml

NAMESPACE = 'selfhosted.platforms'

# Keys Ansible itself adds to a task's result, or that every module may return by convention.
STANDARD_KEYS = frozenset((
    'changed', 'failed', 'skipped', 'skip_reason', 'diff', 'invocation', 'warnings', 'deprecations', 'exception',
    'changed_when_result', 'attempts', 'item', 'ansible_loop_var', 'ansible_index_var', 'ansible_loop',
    # any module of the collection, after a retried request: documented once per platform in its doc fragment's notes
    'http_retries',
))

# Task keywords that let a task fail without failing the test.
EXPECTS_FAILURE = frozenset(('ignore_errors', 'failed_when'))

# Mappings whose keys are the user's or the server's own (names of settings, environment variables, ...), so RETURN
# describes them as a whole. module -> paths.
FREE_FORM = {
    # environment variables named by the user; ports named by the app's package; the App Store's manifest as it is
    'cloudron_app': ('app.env', 'app.ports'),
    'cloudron_app_action': ('app.env', 'app.ports', 'clone.env', 'clone.ports'),
    'cloudron_app_info': ('apps[].env', 'apps[].ports'),
    'cloudron_apps': ('apps[].env', 'apps[].ports', 'gathered[].env', 'gathered[].ports', 'task_ids'),
    'cloudron_appstore_info': ('app.ports', 'apps[].ports', 'app.manifest'),
    # what the server reports of a backup or a task, passed on as it is
    'cloudron_backup': ('backup.stats', 'app_backups[].stats'),
    'cloudron_backup_info': ('backups[].stats',),
    'cloudron_task_info': ('task.result', 'tasks[].result'),
    # secrets by user, domain, app, volume; an app's variables and ports as above
    'cloudron_description_info': ('secrets.passwords', 'secrets.dns_credentials', 'secrets.fallback_certificate_keys',
                                  'secrets.app_secret_env', 'secrets.mail_relay_passwords', 'secrets.volume_mount_secrets',
                                  'description.apps[].ports'),
    # keyed by the description's part paths, dots included, which RETURN keys may not have
    'cloudron_description_validate': ('counts',),
    # the server's own reports: an event's details, a mail domain's DNS and relay status, a service's health
    'cloudron_eventlog_info': ('events[].data', 'events[].source'),
    'cloudron_mail_domain_info': ('mail_domains[].status',),
    'cloudron_service': ('service.healthcheck',),
    'cloudron_service_info': ('services[].healthcheck',),
    # a setting's value is whatever JSON the setting takes; secret settings by their names
    'cloudillo_settings': ('settings[].value', 'gathered[].value'),
    'cloudillo_description_info': ('description.settings[].value', 'secrets.settings', 'description.proxy_sites[].config.custom_headers'),
    # header names chosen by the user
    'cloudillo_proxy_site': ('proxy_site.config.custom_headers',),
    'cloudillo_proxy_site_info': ('proxy_sites[].config.custom_headers',),
    # domain URL -> document root; install URL -> task id; customer -> website path -> placeholder
    'installatron_user': ('user.websites[].vhosts',),
    'installatron_user_info': ('users[].websites[].vhosts',),
    'installatron_users': ('users[].websites[].vhosts', 'gathered[].websites[].vhosts'),
    'installatron_installs': ('task_ids',),
    # the install fields as the server describes them: their shape is not documented
    'installatron_app_info': ('app.fields',),
    'installatron_description_info': ('description.users[].websites[].vhosts', 'secrets.website_passwords', 'secrets.install_passwords'),
}


def module_names(root):
    """The short names of the collection's modules."""
    return sorted(name[:-3] for name in os.listdir(os.path.join(root, 'plugins', 'modules'))
                  if name.endswith('.py') and not name.startswith('_'))


def documented_returns(names):
    """{module: its RETURN tree} from ansible-doc."""
    ansible_doc = os.path.join(os.path.dirname(sys.executable), 'ansible-doc')
    result = subprocess.run([ansible_doc, '--json', '-t', 'module'] + ['%s.%s' % (NAMESPACE, name) for name in names],
                            capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit('ansible-doc cannot read the documentation:\n%s' % result.stderr.strip())
    output = result.stdout
    return {fqcn.rsplit('.', 1)[1]: doc.get('return') or {} for fqcn, doc in json.loads(output).items()}


class TaskModules:
    """The module each task of a task file runs, by the line its task starts on.

    Tasks of the collection's roles and playbooks run from the installed copy, outside the tests: the junit callback
    names them ``out-of-tree:<file name>``, so they are looked up among the roles' and playbooks' files of that name,
    and counted as ambiguous when those disagree on the module at that line."""

    OUT_OF_TREE = 'out-of-tree:'

    def __init__(self, root, names):
        self.root = root
        self.names = set(names)
        self._files = {}
        self.ambiguous = 0

    def module(self, path, line):
        if not path.startswith(self.OUT_OF_TREE):
            return self._modules(path).get(line)
        name = path[len(self.OUT_OF_TREE):]
        candidates = glob.glob(os.path.join(self.root, 'roles', '*', '*', '**', name), recursive=True)
        candidates += glob.glob(os.path.join(self.root, 'playbooks', name))
        found = {self._modules(os.path.relpath(candidate, self.root)).get(line) for candidate in candidates} - {None}
        if len(found) > 1:
            self.ambiguous += 1
        return found.pop() if len(found) == 1 else None

    def _modules(self, path):
        if path not in self._files:
            self._files[path] = self._read(path)
        return self._files[path]

    def _read(self, path):
        found = {}
        try:
            with open(os.path.join(self.root, path), encoding='utf-8') as handle:
                document = yaml.compose(handle)
        except (OSError, yaml.YAMLError):
            return found
        stack = [document] if document is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                keys = [key.value for key, _value in node.value if isinstance(key, yaml.ScalarNode)]
                modules = [name for name in (key[len(NAMESPACE) + 1:] if key.startswith(NAMESPACE + '.') else key for key in keys)
                           if name in self.names]
                # a task that may fail on purpose: its junit entry is "ok" but holds the failure's keys
                if modules and not EXPECTS_FAILURE & set(keys):
                    found[node.start_mark.line + 1] = modules[0]
                stack.extend(value for _key, value in node.value)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
        return found


def task_results(junit_dirs):
    """Yield (task file, line, result) for every successful task the junit files hold."""
    for directory in junit_dirs:
        for name in sorted(os.listdir(directory)) if os.path.isdir(directory) else ():
            if not name.endswith('.xml'):
                continue
            for case in ElementTree.parse(os.path.join(directory, name)).getroot().iter('testcase'):
                output = case.find('system-out')
                path, _sep, line = case.get('classname', '').rpartition(':')
                if output is None or not output.text or not line.isdigit():
                    continue
                try:
                    result = json.loads(output.text)
                except ValueError:
                    continue
                if isinstance(result, dict):
                    yield path, int(line), result


def module_results(result):
    """The results of the module itself: each item of a loop, none of a skipped task."""
    loop = result.get('results')
    looped = isinstance(loop, list) and loop and all(isinstance(item, dict) and 'ansible_loop_var' in item for item in loop)
    items = loop if looped else [result]
    for item in items:
        # a result hidden by no_log holds nothing to compare
        if isinstance(item, dict) and not item.get('skipped') and not item.get('failed') and 'censored' not in item:
            yield item


def stale_free_form(returns):
    """FREE_FORM paths that are not a documented entry without ``contains`` (renamed, removed or since described)."""
    stale = []
    for module, paths in sorted(FREE_FORM.items()):
        for path in paths:
            tree, entry = returns.get(module, {}), None
            for part in path.split('.'):
                entry = tree.get(part[:-2] if part.endswith('[]') else part) if tree is not None else None
                tree = (entry or {}).get('contains')
            if entry is None or entry.get('contains'):
                stale.append('%s: %s' % (module, path))
    return stale


def undocumented(value, documented, path, free_form, top=False):
    """Yield the paths in ``value`` that ``documented`` (a RETURN tree) does not describe."""
    for key, item in value.items():
        if top and (key in STANDARD_KEYS or key.startswith('_ansible')):
            continue
        here = '%s.%s' % (path, key) if path else key
        entry = documented.get(key)
        if entry is None:
            yield here
            continue
        contains = entry.get('contains')
        objects = [element for element in item if isinstance(element, dict)] if isinstance(item, list) else []
        if contains:
            for element in [item] if isinstance(item, dict) else objects:
                yield from undocumented(element, contains, here + ('[]' if objects else ''), free_form)
        elif here not in free_form and (objects and any(objects) or isinstance(item, dict) and item):
            yield here + ' (no `contains`)'


def main(argv):
    root, junit_dirs = argv[0], argv[1:]
    absent = [directory for directory in junit_dirs if not os.path.isdir(directory)]
    if absent or not junit_dirs:
        print('no junit results to check: %s' % (', '.join(absent) or 'no directory given'))
        return 1
    names = module_names(root)
    returns = documented_returns(names)
    stale = stale_free_form(returns)
    for entry in stale:
        print('FREE_FORM names what RETURN does not document as a mapping without `contains`: %s' % entry)
    tasks = TaskModules(root, names)
    missing = collections.defaultdict(dict)  # module -> {path: first task that returned it}
    checked = collections.Counter()
    for path, line, result in task_results(junit_dirs):
        module = tasks.module(path, line)
        if module is None:
            continue
        for item in module_results(result):
            checked[module] += 1
            for found in undocumented(item, returns.get(module, {}), '', FREE_FORM.get(module, ()), top=True):
                missing[module].setdefault(found, '%s:%d' % (path, line))
    for module in sorted(missing):
        print('%s returns what its RETURN does not document:' % module)
        for found, where in sorted(missing[module].items()):
            print('  %s  (first at %s)' % (found, where))
    unseen = sorted(set(names) - set(checked))
    print('RETURN checked against %d results of %d modules%s%s' % (
        sum(checked.values()), len(checked), '; no result of: ' + ', '.join(unseen) if unseen else '',
        '; %d task(s) of roles or playbooks left out: files of that name run different modules there' % tasks.ambiguous
        if tasks.ambiguous else ''))
    if not checked:
        print('no module result found in the junit files: nothing was checked')
    return 1 if missing or stale or not checked else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

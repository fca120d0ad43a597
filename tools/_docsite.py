# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The docsite stage: the antsibull-docs collection site built offline from the stage's collection copy.

`antsibull-docs sphinx-init` writes the site skeleton and its build.sh; the build runs as generated except that
intersphinx gets no inventories (none can be fetched offline) and Sphinx writes its warnings to a file instead of
failing on the first. Warnings that only say a network resource was out of reach are listed; any other fails the stage.
"""

from __future__ import annotations

import glob
import html
import os
import re

import _env
import _proc

COLLECTION = 'selfhosted.platforms'
# One plugin per file in these plugin directories, and the page suffix antsibull-docs gives each.
PLUGIN_PAGES = {'modules': 'module', 'inventory': 'inventory', 'lookup': 'lookup', 'callback': 'callback', 'connection': 'connection',
                'become': 'become', 'cache': 'cache', 'vars': 'vars'}
# The sphinx-build line of the generated build.sh; -W turns the first warning into a failure.
SPHINX_LINE = re.compile(r'^(\s*sphinx-build\b.*?)\s-W\b(.*)$', re.MULTILINE)
WARNING_START = re.compile(r'(WARNING|ERROR|CRITICAL):')
UNDEFINED_LABEL = re.compile(r"undefined label: '([^']+)'")
UNKNOWN_ENVVAR = re.compile(r"'envvar' reference target not found: (\S+)")
# Fetching intersphinx inventories and remote images: what fails only because the network is out of reach.
NETWORK = re.compile(r'intersphinx|failed to reach any of the inventories|inventory .* not fetchable|'
                     r'[Cc]ould not fetch remote image|remote image', re.IGNORECASE)
TEMPLATE_REF = re.compile(r':ref:`(?:[^`<]*<)?([A-Za-z0-9_.-]+)>?`')


def _offline_targets(site_packages):
    """Labels and environment variables that only the Ansible documentation defines: the labels antsibull-docs' own
    page templates link to, and the variables of ansible-core's configuration. Offline, intersphinx has no inventory
    to resolve them with."""
    labels = set()
    for path in glob.glob(os.path.join(site_packages, 'antsibull_docs', 'data', '**', '*.j2'), recursive=True):
        with open(path, encoding='utf-8') as handle:
            labels.update(TEMPLATE_REF.findall(handle.read()))
    envvars = set()
    with open(os.path.join(site_packages, 'ansible', 'config', 'base.yml'), encoding='utf-8') as handle:
        envvars.update(re.findall(r'\b(ANSIBLE_[A-Z0-9_]+)\b', handle.read()))
    return labels, envvars


def _warnings(path):
    """The entries of Sphinx's warning file (an entry's continuation lines belong to it)."""
    entries = []
    try:
        with open(path, encoding='utf-8', errors='replace') as handle:
            for line in handle:
                if WARNING_START.search(line) or not entries:
                    entries.append(line.rstrip('\n'))
                else:
                    entries[-1] += '\n' + line.rstrip('\n')
    except FileNotFoundError:
        pass
    return [entry for entry in entries if entry.strip()]


def classify(entries, labels, envvars):
    """Split warnings into (tolerated, other): tolerated are those that come only from unreachable network resources,
    including the references into the Ansible documentation an intersphinx inventory would have resolved."""
    tolerated, other = [], []
    own = 'ansible_collections.%s.' % COLLECTION
    for entry in entries:
        label = UNDEFINED_LABEL.search(entry)
        envvar = UNKNOWN_ENVVAR.search(entry)
        if NETWORK.search(entry) and 'WARNING:' in entry:
            tolerated.append(entry)
        elif label and (label.group(1) in labels or label.group(1).startswith('ansible_collections.') and not label.group(1).startswith(own)):
            tolerated.append(entry)
        elif envvar and envvar.group(1) in envvars:
            tolerated.append(entry)
        else:
            other.append(entry)
    return tolerated, other


def _summary(tolerated):
    """One line per kind of tolerated warning, with its count."""
    counts = {}
    for entry in tolerated:
        message = entry.split('WARNING:', 1)[-1].strip().splitlines()[0]
        counts[message] = counts.get(message, 0) + 1
    return ['%4d x %s' % (count, message) for message, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _extra_docs(ctx, venv):
    """The page names listed in docs/docsite/extra-docs.yml (none without the file)."""
    path = ctx.path('docs', 'docsite', 'extra-docs.yml')
    if not os.path.exists(path):
        return None
    data = _env.read_yaml(venv, path) or {}
    entries = [entry for section in data.get('sections') or [] for entry in section.get('toctree') or []]
    # an entry that is a mapping refers to a page elsewhere rather than naming a page of its own
    return [entry for entry in entries if isinstance(entry, str)]


def _page_text(path):
    """The text of an HTML page without its tags."""
    with open(path, encoding='utf-8', errors='replace') as handle:
        return html.unescape(re.sub(r'<[^>]+>', '', handle.read()))


def _missing_pages(ctx, html_dir, extra):
    """What the built site lacks: the entry page, a page per plugin, role and playbook, a page per extra doc."""
    namespace, name = COLLECTION.split('.')
    pages = os.path.join(html_dir, 'collections', namespace, name)
    missing = []
    if not os.path.isfile(os.path.join(html_dir, 'index.html')):
        missing.append('the entry page index.html')
    for directory, suffix in sorted(PLUGIN_PAGES.items()):
        for source in sorted(glob.glob(ctx.path('plugins', directory, '*.py'))):
            plugin = os.path.splitext(os.path.basename(source))[0]
            if plugin != '__init__' and not os.path.isfile(os.path.join(pages, '%s_%s.html' % (plugin, suffix))):
                missing.append('%s %s.%s' % (suffix, COLLECTION, plugin))
    for role in sorted(os.path.basename(os.path.dirname(path)) for path in glob.glob(ctx.path('roles', '*', ''))):
        if not os.path.isfile(os.path.join(pages, '%s_role.html' % role)):
            missing.append('role %s.%s' % (COLLECTION, role))
    # antsibull-docs makes no page of its own for a playbook: a guide (an extra doc) or the collection's index has to
    # present it by name; the role pages do not count, as a role may share a playbook's name
    playbooks = sorted(os.path.splitext(os.path.basename(path))[0] for path in glob.glob(ctx.path('playbooks', '*.yml')))
    if playbooks:
        guides = glob.glob(os.path.join(pages, 'docsite', '**', '*.html'), recursive=True) + [os.path.join(pages, 'index.html')]
        texts = [_page_text(path) for path in guides if os.path.isfile(path)]
        for playbook in playbooks:
            names = ('%s.%s' % (COLLECTION, playbook), 'playbooks/%s.yml' % playbook)
            if not any(name in text for text in texts for name in names):
                missing.append('playbook %s.%s (no guide names it)' % (COLLECTION, playbook))
    for doc in extra or []:
        if not os.path.isfile(os.path.join(pages, 'docsite', doc + '.html')):
            missing.append('extra doc %s (docs/docsite/rst/%s.rst)' % (doc, doc))
    return missing


def docsite(ctx):
    """Build the site, then check its warnings and its pages."""
    venv = ctx.venv('docsite')
    site = os.path.join(ctx.base, 'docsite')
    # antsibull-docs writes only into a directory that no one else can write to
    os.makedirs(site, mode=0o700)
    ctx.check(venv, ['antsibull-docs', 'sphinx-init', '--use-current', '--dest-dir', site, COLLECTION], cwd=ctx.base)
    with open(os.path.join(site, 'conf.py'), 'a', encoding='utf-8') as handle:
        handle.write('\n# offline: no inventory can be fetched\nintersphinx_mapping = {}\n')
    build_sh = os.path.join(site, 'build.sh')
    with open(build_sh, encoding='utf-8') as handle:
        script = handle.read()
    warnings_file = os.path.join(ctx.base, 'docsite-warnings.txt')
    if not SPHINX_LINE.search(script):
        raise _env.StageError('the generated build.sh has no `sphinx-build ... -W` line to take the warnings from:\n%s' % script)
    with open(build_sh, 'w', encoding='utf-8') as handle:
        handle.write(SPHINX_LINE.sub(lambda match: '%s -q -w %s%s' % (match.group(1), warnings_file, match.group(2)), script, count=1))
    # its warnings are read from the file; the console gets them only when the build itself fails
    result = _proc.run(['bash', build_sh], cwd=site, env=ctx.environ(venv), timeout=ctx.timeout, capture=True, quiet=True)
    labels, envvars = _offline_targets(venv.site_packages())
    tolerated, other = classify(_warnings(warnings_file), labels, envvars)
    if tolerated:
        _env.log('tolerated (offline: the Ansible documentation\'s inventory and remote resources are out of reach), %d warning(s):\n%s'
                 % (len(tolerated), '\n'.join(_summary(tolerated))))
    if not result.ok:
        raise _env.StageError('build.sh exited with status %d:\n%s' % (result.returncode, ''.join(result.output.splitlines(True)[-40:])))
    html_dir = os.path.join(site, 'build', 'html')
    extra = _extra_docs(ctx, venv)
    missing = _missing_pages(ctx, html_dir, extra)
    problems = []
    if other:
        problems.append('%d Sphinx warning(s) not caused by the network:\n  %s' % (len(other), '\n  '.join(other[:40])))
    if missing:
        problems.append('the site lacks:\n  ' + '\n  '.join(missing))
    if problems:
        raise _env.StageError('\n'.join(problems))
    pages = len(glob.glob(os.path.join(html_dir, '**', '*.html'), recursive=True))
    return '%d pages, %d extra doc(s), %d tolerated offline warning(s); entry page %s%s' % (
        pages, len(extra or []), len(tolerated), os.path.join(html_dir, 'index.html'),
        '' if ctx.keep else ' (removed after the run; --keep keeps it)')

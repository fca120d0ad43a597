# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every Python and YAML file of the collection carries its SPDX license identifier in its header.

Which files: in a git checkout, the files git tracks plus the new ones it does not ignore (``git ls-files
--cached --others --exclude-standard``), so a file added but not yet committed counts too. Outside a git
checkout (the installed collection, an unpacked tarball) the test walks the collection's directory instead,
leaving out what tools generate there; it never needs git and never skips.
"""

from __future__ import annotations

import os
import shutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPDX_LINE = '# SPDX-License-Identifier: GPL-3.0-or-later'
# The identifier belongs to the header: after a shebang, a coding line and the copyright lines at most.
HEADER_LINES = 10
EXTENSIONS = ('.py', '.yml', '.yaml')
# YAML files whose names carry no extension.
YAML_NAMES = ('.ansible-lint', '.yamllint')
# Written by tools, never by hand: antsibull-changelog rewrites changelog.yaml from its data on every release
# (a comment there would not survive one); the others are caches and local settings git ignores.
GENERATED = frozenset([
    'changelogs/changelog.yaml',
    'changelogs/.plugin-cache.yaml',
    'tests/integration/integration_config.yml',
])
SKIP_DIRS = frozenset(['.git', '.cache', '.ansible', '.tox', '.pytest_cache', '__pycache__'])


def _git_files():
    """Return the tracked and new not-ignored files of a git checkout at ROOT, or None outside one."""
    if not os.path.exists(os.path.join(ROOT, '.git')) or not shutil.which('git'):
        return None
    try:
        result = subprocess.run(['git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    except OSError:
        return None
    if result.returncode != 0:
        return None
    return [name for name in result.stdout.decode('utf-8', 'surrogateescape').split('\0') if name]


def _walked_files():
    """Return every file under ROOT but caches and test output."""
    names = []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        rel = os.path.relpath(dirpath, ROOT)
        rel = '' if rel == os.curdir else rel.replace(os.sep, '/') + '/'
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and rel + d != 'tests/output')
        names.extend(rel + name for name in filenames)
    return names


def files_to_check():
    """Return the collection's Python and YAML files (paths relative to ROOT, with /) that must carry the identifier."""
    names = _git_files()
    if names is None:
        names = _walked_files()
    selected = []
    for name in sorted(set(names)):
        base = name.rsplit('/', 1)[-1]
        if not (name.endswith(EXTENSIONS) or base in YAML_NAMES):
            continue
        if name in GENERATED or name.startswith('tests/output/'):
            continue
        path = os.path.join(ROOT, *name.split('/'))
        # Tracked but deleted in the work tree, or a link to a file checked under its own name.
        if os.path.islink(path) or not os.path.isfile(path):
            continue
        # An empty file has nothing to license; ansible-test requires some __init__.py files to stay empty.
        if os.path.getsize(path) == 0:
            continue
        selected.append(name)
    return selected


def lacks_identifier(name):
    """Tell whether the header of a file (its first lines) lacks the SPDX line."""
    with open(os.path.join(ROOT, *name.split('/')), encoding='utf-8', errors='replace') as handle:
        for number, line in enumerate(handle):
            if number >= HEADER_LINES:
                break
            if line.rstrip('\r\n') == SPDX_LINE:
                return False
    return True


def test_the_check_sees_the_collection():
    names = files_to_check()
    assert any(name.startswith('plugins/modules/') for name in names)
    assert any(name.startswith('roles/') for name in names)


def test_every_python_and_yaml_file_carries_the_spdx_identifier():
    missing = [name for name in files_to_check() if lacks_identifier(name)]
    assert not missing, ('%d file(s) lack the line %r in their first %d lines (Python: after the copyright lines; '
                         'YAML: before ---):\n  %s' % (len(missing), SPDX_LINE, HEADER_LINES, '\n  '.join(missing)))

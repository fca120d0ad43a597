# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Virtual environments, the ansible-test pip bootstrap and the collection copy used by tools/*.py.

Standard library only: this runs before any virtual environment exists.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUIREMENTS_DIR = os.path.join(ROOT, 'tools', 'requirements')

# name -> (Python version, what it is for)
ENVS = {
    'core219': ('3.11', 'ansible-core 2.19 on Python 3.11: sanity, units, integration, build, demo'),
    'lint': ('3.11', 'ansible-lint, antsibull-changelog, antsibull-docs, galaxy-importer'),
    'core216': ('3.11', 'matrix: ansible-core 2.16 on Python 3.11'),
    'core221': ('3.13', 'matrix: ansible-core 2.21 on Python 3.13'),
    'docsite': ('3.11', 'antsibull-docs, Sphinx and the Ansible theme: the collection\'s documentation site'),
    'runner': ('3.11', 'ansible-runner: the bootstrap run the way AWX runs a job'),
}

GET_PIP_STAND_IN = '''\
"""Stand-in for the pip bootstrap script ansible-test downloads (written by tools/_env.py).

ansible-test runs it with the Python of a fresh virtual environment and the pip arguments to install.
"""
import subprocess
import sys

ARGS = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]
subprocess.check_call([sys.executable, '-m', 'ensurepip', '--default-pip'], stdout=subprocess.DEVNULL)
subprocess.check_call([sys.executable, '-m', 'pip', 'install', '--upgrade', '--force-reinstall'] + ARGS)
'''


class StageError(Exception):
    """A stage of tools/test.py failed; the message says why."""


class ToolError(Exception):
    """An error that ends the current step with a readable message."""


def read_yaml(venv, path):
    """Read a YAML file with the environment's PyYAML (the suite's own Python has none), without printing it: it may hold
    secrets."""
    script = 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding="utf-8"))))'
    result = subprocess.run([venv.python, '-c', script, path], capture_output=True, text=True, check=False, env=venv.environ())
    if result.returncode:
        raise ToolError('cannot read %s:\n%s' % (path, result.stderr.strip()))
    return json.loads(result.stdout)


def log(message):
    """Print a progress line at once."""
    print(message, flush=True)


def cache_dir():
    """Return the cache directory of this collection's tooling."""
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return os.path.join(base, 'selfhosted.platforms')


def collection_name(root=ROOT):
    """Return (namespace, name) read from galaxy.yml."""
    values = {}
    with open(os.path.join(root, 'galaxy.yml'), encoding='utf-8') as handle:
        for line in handle:
            match = re.match(r'^(namespace|name):\s*["\']?([A-Za-z0-9_]+)', line)
            if match:
                values[match.group(1)] = match.group(2)
    if set(values) != {'namespace', 'name'}:
        raise ToolError('galaxy.yml has no top-level namespace and name')
    return values['namespace'], values['name']


def _python_version(executable):
    """Return 'X.Y' for an interpreter, or None when it does not run."""
    try:
        out = subprocess.run([executable, '-c', 'import sys; print("%d.%d" % sys.version_info[:2])'],
                             capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip()


def _version_key(path):
    """Sort key for pyenv version directories such as 3.13.0 or 3.13.10."""
    parts = re.findall(r'\d+', os.path.basename(path))
    return [int(part) for part in parts]


def find_python(version):
    """Return the path of a working Python X.Y interpreter."""
    if '%d.%d' % sys.version_info[:2] == version:
        return sys.executable
    pyenv_root = os.environ.get('PYENV_ROOT') or os.path.join(os.path.expanduser('~'), '.pyenv')
    candidates = sorted(glob.glob(os.path.join(pyenv_root, 'versions', version + '.*', 'bin', 'python' + version)),
                        key=lambda path: _version_key(os.path.dirname(os.path.dirname(path))), reverse=True)
    found = shutil.which('python' + version)
    if found:
        candidates.append(found)
    for candidate in candidates:
        if _python_version(candidate) == version:
            return candidate
    raise ToolError('Python %s not found (looked in %s/versions and on PATH)' % (version, pyenv_root))


class Venv:
    """A ready virtual environment."""

    def __init__(self, name, path, python_version):
        self.name = name
        self.path = path
        self.python_version = python_version
        self.bin = os.path.join(path, 'bin')
        self.python = os.path.join(self.bin, 'python')

    def environ(self, extra=None):
        """Return os.environ with this environment activated, plus extra variables."""
        env = dict(os.environ)
        for key in ('PYTHONHOME', 'PYTHONPATH', 'PYENV_VERSION'):
            env.pop(key, None)
        env['VIRTUAL_ENV'] = self.path
        env['PATH'] = self.bin + os.pathsep + env.get('PATH', '')
        env.update(extra or {})
        return env

    def site_packages(self):
        """Return the site-packages directory."""
        return os.path.join(self.path, 'lib', 'python' + self.python_version, 'site-packages')


def requirements_file(name):
    """Return the pinned requirements file of an environment."""
    return os.path.join(REQUIREMENTS_DIR, name + '.txt')


def _fingerprint(name, python):
    """Hash of the pinned requirements and the exact interpreter they are installed on."""
    digest = hashlib.sha256()
    with open(requirements_file(name), 'rb') as handle:
        digest.update(handle.read())
    digest.update(os.path.realpath(python).encode())
    digest.update(subprocess.run([python, '-c', 'import sys; print(sys.version)'], capture_output=True, check=True).stdout)
    return digest.hexdigest()[:12]


@contextlib.contextmanager
def _locked(path):
    """Hold an exclusive lock on path (created if missing) for the duration of the block."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'a', encoding='utf-8') as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_venv(name):
    """Create (or reuse from the cache) the virtual environment `name` and return it."""
    if name not in ENVS:
        raise ToolError('unknown environment %r' % name)
    version = ENVS[name][0]
    python = find_python(version)
    key = _fingerprint(name, python)
    root = os.path.join(cache_dir(), 'venvs')
    path = os.path.join(root, '%s-%s' % (name, key))
    marker = os.path.join(path, '.ready')
    venv = Venv(name, path, version)
    if os.path.exists(marker):
        return venv
    with _locked(os.path.join(root, name + '.lock')):
        if os.path.exists(marker):
            return venv
        start = time.monotonic()
        log('    creating environment %s (Python %s) in %s' % (name, version, path))
        shutil.rmtree(path, ignore_errors=True)
        steps = [
            [python, '-m', 'venv', path],
            [venv.python, '-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-q', '-r', requirements_file(name)],
        ]
        for command in steps:
            result = subprocess.run(command, capture_output=True, text=True, check=False, env=venv.environ())
            if result.returncode:
                shutil.rmtree(path, ignore_errors=True)
                raise ToolError('%s failed (exit %d):\n%s%s' % (' '.join(command), result.returncode, result.stdout, result.stderr))
        with open(marker, 'w', encoding='utf-8') as handle:
            handle.write(requirements_file(name) + '\n')
        for old in glob.glob(os.path.join(root, name + '-*')):
            if old != path:
                shutil.rmtree(old, ignore_errors=True)
        log('    environment %s ready in %.1fs' % (name, time.monotonic() - start))
    return venv


def ensure_get_pip(venv):
    """Write the pip bootstrap stand-in for every pip version the venv's ansible-test may ask for.

    The versions come from ansible_test/_internal/python_requirements.py of the installed ansible-core.
    """
    source = os.path.join(venv.site_packages(), 'ansible_test', '_internal', 'python_requirements.py')
    try:
        with open(source, encoding='utf-8') as handle:
            versions = sorted(set(re.findall(r"""\bpip\s*=\s*['"]([0-9][0-9.]*)['"]""", handle.read())))
    except OSError as ex:
        raise ToolError('cannot read %s: %s' % (source, ex)) from ex
    if not versions:
        raise ToolError('no pip version found in %s' % source)
    cache = os.path.join(os.path.expanduser('~'), '.ansible', 'test', 'cache')
    os.makedirs(cache, exist_ok=True)
    for version in versions:
        target = os.path.join(cache, 'get_pip_%s.py' % version.replace('.', '_'))
        if os.path.exists(target):
            with open(target, encoding='utf-8') as handle:
                if handle.read() == GET_PIP_STAND_IN:
                    continue
        temp = target + '.%d.tmp' % os.getpid()
        with open(temp, 'w', encoding='utf-8') as handle:
            handle.write(GET_PIP_STAND_IN)
        os.replace(temp, target)
    return versions


def _tree_files(root):
    """Return the paths (relative to root) to copy: tracked and untracked-not-ignored files."""
    if os.path.exists(os.path.join(root, '.git')) and shutil.which('git'):
        result = subprocess.run(['git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
                                cwd=root, capture_output=True, check=False)
        if result.returncode == 0:
            return sorted(set(name for name in result.stdout.decode().split('\0') if name))
    skip_dirs = {'.git', '.cache', '__pycache__', '.pytest_cache', '.tox', '.ansible'}
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        dirnames[:] = [d for d in dirnames if d not in skip_dirs and os.path.join(rel, d) != os.path.join('tests', 'output')]
        files.extend(os.path.normpath(os.path.join(rel, name)) for name in filenames if not name.endswith(('.pyc', '.tar.gz')))
    return sorted(files)


def copy_collection(root=ROOT, base=None):
    """Copy the working tree into <base>/ansible_collections/<namespace>/<name> and return that path.

    base defaults to a new temporary directory; the caller removes it.
    """
    namespace, name = collection_name(root)
    base = base or tempfile.mkdtemp(prefix='selfhosted-platforms-')
    dest = os.path.join(base, 'ansible_collections', namespace, name)
    os.makedirs(dest)
    for rel in _tree_files(root):
        src = os.path.join(root, rel)
        target = os.path.join(dest, rel)
        if not os.path.lexists(src) or os.path.isdir(src) and not os.path.islink(src):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(src, target, follow_symlinks=False)
    git = os.path.join(root, '.git')
    if os.path.isdir(git):
        shutil.copytree(git, os.path.join(dest, '.git'), symlinks=True)
    elif os.path.isfile(git):
        shutil.copy2(git, os.path.join(dest, '.git'))
    return dest


def collections_root(collection_path):
    """Return the directory that holds ansible_collections/ for a copied collection."""
    return os.path.dirname(os.path.dirname(os.path.dirname(collection_path)))

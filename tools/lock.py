# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Re-pin tools/requirements/<env>.txt from <env>.in: install into a scratch venv and freeze it.

Usage: python3 tools/lock.py [ENV ...]   (default: every environment)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile

import _env


def lock(name):
    """Resolve one environment and write its pinned requirements file."""
    version = _env.ENVS[name][0]
    python = _env.find_python(version)
    source = os.path.join(_env.REQUIREMENTS_DIR, name + '.in')
    scratch = tempfile.mkdtemp(prefix='lock-%s-' % name)
    try:
        venv = os.path.join(scratch, 'venv')
        subprocess.run([python, '-m', 'venv', venv], check=True)
        pip = [os.path.join(venv, 'bin', 'python'), '-m', 'pip', '--disable-pip-version-check', '--no-input']
        subprocess.run(pip + ['install', '-q', '-r', source], check=True)
        frozen = subprocess.run(pip + ['freeze', '--all', '--exclude', 'pip', '--exclude', 'setuptools', '--exclude', 'wheel'],
                                check=True, capture_output=True, text=True).stdout
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    header = '# Pinned from %s.in with `python3 tools/lock.py %s` (Python %s). Do not edit by hand.\n' % (name, name, version)
    with open(_env.requirements_file(name), 'w', encoding='utf-8') as handle:
        handle.write(header + frozen)
    _env.log('%s: %d pins written' % (name, len(frozen.splitlines())))


def main():
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('envs', nargs='*', choices=[[]] + sorted(_env.ENVS), metavar='ENV', help='environments to re-pin')
    args = parser.parse_args()
    for name in args.envs or sorted(_env.ENVS):
        lock(name)


if __name__ == '__main__':
    main()

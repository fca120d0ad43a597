# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run commands with their output streamed to the console (and optionally kept), under a time limit."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import threading


class Result:
    """Exit status and, when captured, the combined output of a command."""

    def __init__(self, returncode, output='', timed_out=False):
        self.returncode = returncode
        self.output = output
        self.timed_out = timed_out

    @property
    def ok(self):
        """True when the command exited with status 0."""
        return self.returncode == 0


def _kill_group(process):
    """Kill a process started in its own session, with everything it started."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


# Commands running now, so an interrupted suite can end those started by other threads too.
_RUNNING = set()
_RUNNING_LOCK = threading.Lock()


def stop_all():
    """End every command still running (with everything it started)."""
    with _RUNNING_LOCK:
        running = list(_RUNNING)
    for process in running:
        _kill_group(process)


def run(command, cwd=None, env=None, timeout=None, capture=False, quiet=False, prefix=None):
    """Run command; stream its stdout+stderr to our stdout unless quiet; keep it when capture is set.

    ``prefix`` starts every line written, so the output of commands running at the same time stays readable.

    The command runs in its own session so a timeout or an interrupt ends all its children too.
    """
    # one write per line, so lines of commands running at the same time do not mix
    sys.stdout.write('%s$ %s\n' % (prefix or '', ' '.join(shlex.quote(part) for part in command)))
    sys.stdout.flush()
    piped = capture or quiet or prefix is not None
    process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,  # pylint: disable=consider-using-with
                               stdout=subprocess.PIPE if piped else None,
                               stderr=subprocess.STDOUT if piped else None, start_new_session=True)
    with _RUNNING_LOCK:
        _RUNNING.add(process)
    kept = []

    def pump():
        for raw in process.stdout:
            line = raw.decode('utf-8', 'replace')
            if capture:
                kept.append(line)
            if not quiet:
                # one write per line, so lines of commands running at the same time do not mix
                sys.stdout.write((prefix or '') + line)
                sys.stdout.flush()

    reader = None
    if piped:
        reader = threading.Thread(target=pump, daemon=True)
        reader.start()
    timed_out = False
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        sys.stdout.write('%s!!! %s: no result after %ds, stopping it\n' % (prefix or '', command[0], timeout))
        sys.stdout.flush()
        _kill_group(process)
    except BaseException:
        _kill_group(process)
        raise
    finally:
        with _RUNNING_LOCK:
            _RUNNING.discard(process)
    if reader is not None:
        reader.join(timeout=30)
        process.stdout.close()
    return Result(process.returncode if not timed_out else 124, ''.join(kept), timed_out)

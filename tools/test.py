# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the whole test suite of the collection: `python3 tools/test.py`.

Installs what it needs (pinned virtual environments cached under ${XDG_CACHE_HOME:-~/.cache}/selfhosted.platforms),
copies the working tree into a temporary ansible_collections/<namespace>/<name>, and runs the stages in order.
Every stage runs even after a failure (unless --fail-fast); the last line is `N passed, N failed`.
"""

from __future__ import annotations

import argparse
import sys
import time

import _env
import _stages


def _positive(text):
    """An argparse type: a whole number of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError('%s is not a whole number of at least 1' % text)
    return value


def parse_args(argv):
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--stage', action='append', default=[], metavar='NAME',
                        help='run only this stage (repeatable); "matrix" or a version such as 2.16 selects matrix stages; '
                             'the opt-in stage "real" runs only when named')
    parser.add_argument('--list', action='store_true', help='list the stages and exit')
    parser.add_argument('--fail-fast', action='store_true', help='stop at the first failed stage')
    parser.add_argument('--skip-matrix', action='store_true', help='leave out the ansible-core 2.16 and 2.21 stages')
    parser.add_argument('--target', action='append', default=[], metavar='NAME',
                        help='with the integration or real stage, run only this target (repeatable)')
    parser.add_argument('--shards', type=_positive, metavar='N',
                        help='run the integration targets in N shards at once, each with its own simulators '
                             '(default: 2 for the whole stage, 1 with --target)')
    parser.add_argument('--keep', action='store_true', help='keep the temporary collection copy (tests/output, tarball, logs)')
    parser.add_argument('--timeout', type=int, default=1200, metavar='SECONDS', help='time limit for one command (default %(default)s)')
    return parser.parse_args(argv)


def select(args):
    """Return the stages to run, or exit on an unknown name."""
    stages = _stages.STAGES
    if args.stage:
        unknown = [name for name in args.stage if not any(_stages.matches(stage, name) for stage in stages)]
        if unknown:
            sys.exit('unknown stage(s): %s (see --list)' % ', '.join(unknown))
        stages = [stage for stage in stages if any(_stages.matches(stage, name) for name in args.stage)]
    else:
        stages = [stage for stage in stages if not stage.opt_in]
    if args.skip_matrix:
        stages = [stage for stage in stages if not stage.matrix]
    return stages


def main(argv=None):
    """Entry point; returns the exit status."""
    args = parse_args(argv)
    if args.list:
        for stage in _stages.STAGES:
            print(_stages.describe(stage))
        return 0
    stages = select(args)
    started = time.monotonic()
    ctx = _stages.Context(timeout=args.timeout, keep=args.keep, targets=args.target, shards=args.shards)
    results = []
    try:
        _env.log('==> setup: collection copy and environments %s' % ', '.join(_stages.env_needed(stages)))
        try:
            ctx.prepare(_stages.env_needed(stages))
        except (OSError, _env.ToolError) as ex:
            _env.log('setup failed: %s' % ex)
            _env.log('0 passed, 1 failed')
            return 1
        _env.log('<== setup done in %.1fs' % (time.monotonic() - started))
        for index, stage in enumerate(stages, 1):
            _env.log('\n==> [%d/%d] %s: %s' % (index, len(stages), stage.name, stage.summary))
            passed, note, seconds = _stages.run_stage(ctx, stage)
            results.append((stage, passed, note, seconds))
            _env.log('<== %s %s in %.1fs%s' % (stage.name, 'PASSED' if passed else 'FAILED', seconds, ': ' + note if note else ''))
            if not passed and args.fail_fast:
                break
    finally:
        ctx.cleanup()
    return summary(stages, results, time.monotonic() - started)


def summary(stages, results, seconds):
    """Print the summary; return the exit status."""
    _env.log('\nSummary')
    for stage, passed, note, took in results:
        _env.log('  %-6s  %-13s %7.1fs  %s' % ('PASS' if passed else 'FAIL', stage.name, took, (note or '').splitlines()[0] if note else ''))
    not_run = [stage.name for stage in stages[len(results):]]
    if not_run:
        _env.log('  not run (--fail-fast): %s' % ', '.join(not_run))
    _env.log('total %dm%02ds' % divmod(int(seconds), 60))
    passed = sum(1 for result in results if result[1])
    failed = len(results) - passed
    _env.log('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit('interrupted')

"""Run playbooks/demo.yml twice against the simulator and check the second run changes nothing.

Usage: python3 tools/demo.py [--keep] [-- EXTRA ANSIBLE-PLAYBOOK ARGUMENTS]

The collection is copied into a temporary ansible_collections/ tree put on ANSIBLE_COLLECTIONS_PATH; the playbook
reads CLOUDRON_API_URL and CLOUDRON_TOKEN, which point at the simulator.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile

import _env
import _proc
import _simulator
import _stages

PLAYBOOK = os.path.join('playbooks', 'demo.yml')
RECAP = re.compile(r'^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)', re.MULTILINE)


def parse_args(argv):
    """Command line; everything after `--` goes to ansible-playbook."""
    extra = []
    if '--' in argv:
        index = argv.index('--')
        argv, extra = argv[:index], argv[index + 1:]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--keep', action='store_true', help='keep the temporary collection copy and the simulator log')
    args = parser.parse_args(argv)
    args.extra = extra
    return args


def recap(output):
    """Return {host: (changed, unreachable, failed)} from the PLAY RECAP of an ansible-playbook run."""
    tail = output.rsplit('PLAY RECAP', 1)[-1] if 'PLAY RECAP' in output else ''
    return {host: (int(changed), int(unreachable), int(failed)) for host, _ok, changed, unreachable, failed in RECAP.findall(tail)}


def main(argv=None):
    """Entry point; returns the exit status."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    venv = _env.ensure_venv(_stages.MAIN[1])
    base = tempfile.mkdtemp(prefix='selfhosted-platforms-demo-')
    try:
        collection = _env.copy_collection(base=base)
        if not os.path.isfile(os.path.join(collection, PLAYBOOK)):
            _env.log('demo: %s does not exist' % PLAYBOOK)
            return 1
        simulator = _simulator.Simulator(venv.python, collection, log_path=os.path.join(base, 'simulator.log'), extra_args=['--verbose'])
        with simulator:
            _env.log('simulator listening on %s (log: %s)' % (simulator.url, simulator.log_path))
            env = venv.environ({
                'ANSIBLE_COLLECTIONS_PATH': base,
                'CLOUDRON_API_URL': simulator.url,
                'CLOUDRON_TOKEN': _simulator.READ_WRITE_TOKEN,
                'ANSIBLE_LOCALHOST_WARNING': 'False',
                'ANSIBLE_INVENTORY_UNPARSED_WARNING': 'False',
            })
            command = ['ansible-playbook', PLAYBOOK] + args.extra
            runs = []
            for label, note in (('first run', ''), ('second run', ' (must change nothing)')):
                _env.log('\n==> demo: %s%s' % (label, note))
                result = _proc.run(command, cwd=collection, env=env, capture=True)
                runs.append(result)
                if not result.ok:
                    _env.log('--- last lines of the simulator log ---\n%s' % simulator.log_tail())
                    _env.log('demo FAILED: the %s of ansible-playbook exited with status %d' % (label, result.returncode))
                    return 1
        hosts = recap(runs[1].output)
        if not hosts:
            _env.log('demo FAILED: no PLAY RECAP in the second run')
            return 1
        changed = {host: values for host, values in hosts.items() if any(values)}
        if changed:
            detail = ', '.join('%s changed=%d unreachable=%d failed=%d' % ((host,) + values) for host, values in sorted(changed.items()))
            _env.log('demo FAILED: the second run is not idempotent: %s' % detail)
            return 1
        _env.log('demo PASSED: second run changed=0 on %s' % ', '.join(sorted(hosts)))
        return 0
    except _env.ToolError as ex:
        _env.log('demo FAILED: %s' % ex)
        return 1
    finally:
        if args.keep:
            _env.log('kept %s' % base)
        else:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == '__main__':
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit('interrupted')

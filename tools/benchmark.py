"""Measure what converging users costs: module runs, HTTP requests and wall time, per approach.

Usage: python3 tools/benchmark.py [--users N]

Against the simulator, it converges N users twice (create, then no change) with one
cloudron_users task, and again with a loop of cloudron_user tasks, and prints a table. Request
counts come from the simulator's request log, so they are exact; times are this machine's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import urllib.request

import _env
import _proc
import _simulator
import _stages

PLAYBOOK = """---
- name: Benchmark
  hosts: localhost
  connection: local
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
    bench_users: "{{ lookup('ansible.builtin.file', 'users.json') | from_json }}"
  tasks:
    - name: One task for every user
      selfhosted.platforms.cloudron_users:
        config: "{{ bench_users }}"
      when: bench_style == 'plural'

    - name: One task per user
      selfhosted.platforms.cloudron_user:
        username: "{{ item.username }}"
        email: "{{ item.email }}"
        display_name: "{{ item.display_name }}"
      loop: "{{ bench_users }}"
      when: bench_style == 'loop'
"""


def control(url, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, data=data, method=method, headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b'{}')


def measure(url, env, workdir, style):
    """Run the playbook once; return (seconds, API requests, writes)."""
    control(url, 'DELETE', '/_control/requests')
    started = time.monotonic()
    result = _proc.run(['ansible-playbook', 'bench.yml', '-e', 'bench_style=%s' % style], cwd=workdir, env=env, capture=True, quiet=True)
    seconds = time.monotonic() - started
    if not result.ok:
        raise _env.ToolError('benchmark playbook failed:\n%s' % result.output[-3000:])
    requests = control(url, 'GET', '/_control/requests')['requests']
    return seconds, len(requests), len([r for r in requests if r['method'] != 'GET'])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--users', type=int, default=100, help='number of users (default 100)')
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    venv = _env.ensure_venv(_stages.MAIN[1])
    base = tempfile.mkdtemp(prefix='selfhosted-platforms-bench-')
    try:
        collection = _env.copy_collection(base=base)
        users = [{'username': 'user%04d' % i, 'email': 'user%04d@example.com' % i, 'display_name': 'User %d' % i}
                 for i in range(args.users)]
        with open(os.path.join(base, 'users.json'), 'w', encoding='utf-8') as handle:
            json.dump(users, handle)
        with open(os.path.join(base, 'bench.yml'), 'w', encoding='utf-8') as handle:
            handle.write(PLAYBOOK)
        with _simulator.Simulator(venv.python, collection, log_path=os.path.join(base, 'simulator.log')) as simulator:
            env = venv.environ({'ANSIBLE_COLLECTIONS_PATH': base, 'CLOUDRON_API_URL': simulator.url,
                                'CLOUDRON_TOKEN': _simulator.READ_WRITE_TOKEN, 'ANSIBLE_LOCALHOST_WARNING': 'False'})
            rows = []
            for style, tasks in (('plural', 1), ('loop', args.users)):
                control(simulator.url, 'POST', '/_control/reset', {})
                for run in ('create', 'no change'):
                    seconds, requests, writes = measure(simulator.url, env, base, style)
                    rows.append((style, run, tasks, requests, writes, seconds))
        print('\n%d users' % args.users)
        print('%-8s %-10s %12s %9s %7s %9s' % ('style', 'run', 'module runs', 'requests', 'writes', 'seconds'))
        for style, run, tasks, requests, writes, seconds in rows:
            print('%-8s %-10s %12d %9d %7d %9.1f' % (style, run, tasks, requests, writes, seconds))
        return 0
    except _env.ToolError as ex:
        _env.log('benchmark FAILED: %s' % ex)
        return 1
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())

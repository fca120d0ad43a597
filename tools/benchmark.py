"""Measure what converging costs: tasks run, HTTP requests and wall time, per approach.

Usage: python3 tools/benchmark.py [--users N]

Against the simulator, it converges N users twice (create, then no change) with one
cloudron_users task, and again with a loop of cloudron_user tasks; then it bootstraps the
example company (examples/company.yml) twice with playbooks/bootstrap.yml. It prints a table.
Request counts come from the simulator's request log, so they are exact; task runs count every
task result and loop item that ran (module runs, plus the role's own set_fact and assert
tasks); times are this machine's (server tasks such as app installs run at
1/20 of their nominal time).
"""

from __future__ import annotations

import argparse
import json
import os
import re
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


INVENTORY = """cloudron:
  hosts:
    company:
      cloudron_bootstrap_api_url: %(url)s
      cloudron_bootstrap_api_token: %(token)s
      cloudron_bootstrap_description_file: %(collection)s/examples/company.yml
"""
# One line per task result, and per item of a loop, in the default callback's output.
RESULT_LINE = re.compile(r'^(?:ok|changed): \[', re.MULTILINE)


def control(url, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, data=data, method=method, headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b'{}')


def measure(url, env, workdir, command):
    """Run a playbook once; return (task runs, API requests, writes, seconds)."""
    control(url, 'DELETE', '/_control/requests')
    started = time.monotonic()
    result = _proc.run(command, cwd=workdir, env=env, capture=True, quiet=True)
    seconds = time.monotonic() - started
    if not result.ok:
        raise _env.ToolError('benchmark playbook failed:\n%s' % result.output[-3000:])
    requests = control(url, 'GET', '/_control/requests')['requests']
    return len(RESULT_LINE.findall(result.output)), len(requests), len([r for r in requests if r['method'] != 'GET']), seconds


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
            with open(os.path.join(base, 'inventory.yml'), 'w', encoding='utf-8') as handle:
                handle.write(INVENTORY % {'url': simulator.url, 'token': _simulator.READ_WRITE_TOKEN, 'collection': collection})
            bootstrap = ['ansible-playbook', '-i', 'inventory.yml', os.path.join(collection, 'playbooks', 'bootstrap.yml'),
                         '-e', '@%s/examples/company-secrets.yml' % collection]
            scenarios = (('%d users, one cloudron_users task' % args.users, ['ansible-playbook', 'bench.yml', '-e', 'bench_style=plural']),
                         ('%d users, a loop of cloudron_user' % args.users, ['ansible-playbook', 'bench.yml', '-e', 'bench_style=loop']),
                         ('bootstrap of examples/company.yml', bootstrap))
            rows = []
            for scenario, command in scenarios:
                control(simulator.url, 'POST', '/_control/reset', {'switches': {'task_seconds': 0.05}})
                for run in ('create', 'no change'):
                    rows.append((scenario, run) + measure(simulator.url, env, base, command))
        print('%-36s %-10s %9s %9s %7s %9s' % ('scenario', 'run', 'task runs', 'requests', 'writes', 'seconds'))
        for scenario, run, tasks, requests, writes, seconds in rows:
            print('%-36s %-10s %9d %9d %7d %9.1f' % (scenario, run, tasks, requests, writes, seconds))
        return 0
    except _env.ToolError as ex:
        _env.log('benchmark FAILED: %s' % ex)
        return 1
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())

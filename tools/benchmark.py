# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Measure what converging costs: task runs, HTTP requests and wall time, per approach and per way of running.

Usage: python3 tools/benchmark.py [--users N] [--latency MS] [--fleet N] [--forks N]

Against the simulator, with MS milliseconds of latency on every API request:
- N users converged twice (create, then no change) with one cloudron_users task, and with a loop of
  cloudron_user tasks;
- the example company (examples/company.yml) bootstrapped twice with playbooks/bootstrap.yml;
- a no-change bootstrap of a fleet of --fleet servers with --forks, beside the same for one server.
Each scenario runs with the modules in the controller's worker (in process, the default on a local
connection) and the usual way (remote: a new interpreter per task), and prints both and their ratio.
Last, the cost of one no-change cloudron_users task without ansible-playbook's start-up, both ways.
Request counts come from the simulators' request logs, so they are exact; task runs count every task
result and loop item that ran; times are this machine's (server tasks such as app installs run at
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
    bench_users: "{{ (lookup('ansible.builtin.file', 'users.json') | from_json)[:bench_limit | default(100000) | int] }}"
  tasks:
    - name: One task for every user (repeated bench_repeat times, to tell the cost of one task from start-up)
      selfhosted.platforms.cloudron_users:
        config: "{{ bench_users }}"
      loop: "{{ range(bench_repeat | default(1) | int) | list }}"
      loop_control:
        loop_var: bench_round
      when: bench_style == 'plural'

    - name: One task per user
      selfhosted.platforms.cloudron_user:
        username: "{{ item.username }}"
        email: "{{ item.email }}"
        display_name: "{{ item.display_name }}"
      loop: "{{ bench_users }}"
      when: bench_style == 'loop'
"""

HOST = """    %(name)s:
      cloudron_bootstrap_api_url: %(url)s
      cloudron_bootstrap_api_token: %(token)s
      cloudron_bootstrap_description_file: %(collection)s/examples/company.yml
"""
# One line per task result, and per item of a loop, in the default callback's output.
RESULT_LINE = re.compile(r'^(?:ok|changed): \[', re.MULTILINE)
MODES = (('in process', 'true'), ('remote', 'false'))


def control(url, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, data=data, method=method, headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b'{}')


def prepare(urls, latency):
    """Fresh servers, fast server tasks, the same latency on every API request."""
    for url in urls:
        control(url, 'POST', '/_control/reset', {'switches': {'task_seconds': 0.05}})
        if latency:
            control(url, 'POST', '/_control/faults', {'path': '/api/v1/*', 'latency_ms': latency, 'times': 0})


def measure(urls, env, workdir, command):
    """Run a playbook once; return (task runs, API requests, writes, seconds) over every server."""
    for url in urls:
        control(url, 'DELETE', '/_control/requests')
    started = time.monotonic()
    result = _proc.run(command, cwd=workdir, env=env, capture=True, quiet=True)
    seconds = time.monotonic() - started
    if not result.ok:
        raise _env.ToolError('benchmark playbook failed:\n%s' % result.output[-3000:])
    requests = [entry for url in urls for entry in control(url, 'GET', '/_control/requests')['requests']]
    return len(RESULT_LINE.findall(result.output)), len(requests), len([r for r in requests if r['method'] != 'GET']), seconds


def write_inventory(path, servers, collection):
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write('cloudron:\n  hosts:\n')
        for index, server in enumerate(servers):
            handle.write(HOST % {'name': 'server%02d' % index, 'url': server.url, 'token': _simulator.READ_WRITE_TOKEN,
                                 'collection': collection})


def scenarios(args, base, collection, servers):
    """(name, servers used, [(run, command)]) of every scenario."""
    bootstrap = os.path.join(collection, 'playbooks', 'bootstrap.yml')
    secrets = '@%s/examples/company-secrets.yml' % collection
    write_inventory(os.path.join(base, 'one.yml'), servers[:1], collection)
    write_inventory(os.path.join(base, 'fleet.yml'), servers, collection)
    plural = ['ansible-playbook', 'bench.yml', '-e', 'bench_style=plural']
    loop = ['ansible-playbook', 'bench.yml', '-e', 'bench_style=loop', '-e', 'bench_limit=%d' % args.loop_users]
    one = ['ansible-playbook', '-i', 'one.yml', bootstrap, '-e', secrets]
    fleet = ['ansible-playbook', '-i', 'fleet.yml', bootstrap, '-e', secrets, '--forks', str(args.forks)]
    return (
        ('%d users, one cloudron_users task' % args.users, servers[:1], [(run, plural) for run in ('create', 'no change')]),
        ('%d users, a loop of cloudron_user' % args.loop_users, servers[:1], [(run, loop) for run in ('create', 'no change')]),
        ('bootstrap of examples/company.yml', servers[:1], [('create', one), ('no change', one)]),
        ('bootstrap, %d servers, --forks %d' % (len(servers), args.forks), servers, [('create', fleet), ('no change', fleet)]),
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--users', type=int, default=500, help='users for the cloudron_users scenario (default %(default)s)')
    parser.add_argument('--loop-users', type=int, default=50, help='users for the loop scenario (default %(default)s)')
    parser.add_argument('--latency', type=int, default=20, help='milliseconds added to every API request (default %(default)s)')
    parser.add_argument('--fleet', type=int, default=20, help='servers in the fleet scenario (default %(default)s)')
    parser.add_argument('--forks', type=int, default=10, help='forks for the fleet scenario (default %(default)s)')
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    venv = _env.ensure_venv(_stages.MAIN[1])
    base = tempfile.mkdtemp(prefix='selfhosted-platforms-bench-')
    servers = []
    try:
        collection = _env.copy_collection(base=base)
        users = [{'username': 'user%04d' % i, 'email': 'user%04d@example.com' % i, 'display_name': 'User %d' % i}
                 for i in range(max(args.users, args.loop_users))]
        with open(os.path.join(base, 'users.json'), 'w', encoding='utf-8') as handle:
            json.dump(users[:args.users], handle)
        with open(os.path.join(base, 'bench.yml'), 'w', encoding='utf-8') as handle:
            handle.write(PLAYBOOK)
        for index in range(max(1, args.fleet)):
            servers.append(_simulator.Simulator(venv.python, collection, log_path=os.path.join(base, 'simulator-%d.log' % index)))
            servers[-1].start()
        env = venv.environ({'ANSIBLE_COLLECTIONS_PATH': base, 'CLOUDRON_API_URL': servers[0].url,
                            'CLOUDRON_TOKEN': _simulator.READ_WRITE_TOKEN, 'ANSIBLE_LOCALHOST_WARNING': 'False'})
        rows = []
        for name, used, runs in scenarios(args, base, collection, servers):
            urls = [server.url for server in used]
            for mode, switch in MODES:
                prepare(urls, args.latency)
                for run, command in runs:
                    _env.log('%s, %s, %s' % (name, mode, run))
                    rows.append((name, mode, run) + measure(urls, env, base, command + ['-e', 'selfhosted_platforms_in_process=%s' % switch]))
        report(rows)
        per_task(args, servers[0], env, base)
        return 0
    except _env.ToolError as ex:
        _env.log('benchmark FAILED: %s' % ex)
        return 1
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(base, ignore_errors=True)


def per_task(args, server, env, base, repeat=6):
    """The cost of one no-change cloudron_users task without ansible-playbook's start-up: (t(repeat) - t(1)) / (repeat - 1)."""
    prepare([server.url], args.latency)
    command = ['ansible-playbook', 'bench.yml', '-e', 'bench_style=plural']
    measure([server.url], env, base, command)  # create the users
    for mode, switch in MODES:
        times = [measure([server.url], env, base, command + ['-e', 'bench_repeat=%d' % count, '-e', 'selfhosted_platforms_in_process=%s' % switch])[3]
                 for count in (1, repeat)]
        print('one no-change cloudron_users task over %d users, %s: %.2f s' % (args.users, mode, (times[1] - times[0]) / (repeat - 1)))


def report(rows):
    """The table, with the remote/in-process time ratio on each in-process row."""
    remote = dict(((name, run), seconds) for name, mode, run, _tasks, _requests, _writes, seconds in rows if mode == 'remote')
    print('%-36s %-10s %-10s %9s %9s %7s %9s %7s' % ('scenario', 'mode', 'run', 'task runs', 'requests', 'writes', 'seconds', 'faster'))
    for name, mode, run, tasks, requests, writes, seconds in rows:
        ratio = '%6.1fx' % (remote[(name, run)] / seconds) if mode != 'remote' and seconds else ''
        print('%-36s %-10s %-10s %9d %9d %7d %9.2f %7s' % (name, mode, run, tasks, requests, writes, seconds, ratio))


if __name__ == '__main__':
    sys.exit(main())

"""The main job, against the simulator: bootstrap the example company onto a fresh server, again, then export it.

Usage: python3 tools/demo.py [--keep] [-- EXTRA ANSIBLE-PLAYBOOK ARGUMENTS]

1. The simulator starts as a freshly installed Cloudron: not set up, not activated, answering on a raw address.
2. playbooks/bootstrap.yml provisions it (setup, activation, a durable API token kept in a file) and converges
   examples/company.yml: settings, a domain, groups, two dozen users and three apps.
3. The same playbook runs again and must report changed=0.
4. playbooks/export.yml writes the server back as a description, which is shown.

The collection is copied into a temporary ansible_collections/ tree put on ANSIBLE_COLLECTIONS_PATH.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import urllib.request

import _env
import _proc
import _simulator
import _stages

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


INVENTORY = """cloudron:
  hosts:
    company:
      cloudron_bootstrap_api_url: %(url)s
      cloudron_bootstrap_token_file: %(base)s/company.token
      cloudron_bootstrap_api_token: "{{ lookup('ansible.builtin.file', cloudron_bootstrap_token_file, errors='ignore') | default(none, true) }}"
      cloudron_bootstrap_description_file: %(collection)s/examples/company.yml
      cloudron_bootstrap_provision:
        setup_url: %(setup_url)s
        domain: example.com
        owner: {username: owner1, email: owner1@example.com, display_name: First Owner}
"""


def fresh_server(url):
    """Make the simulator a freshly installed, unprovisioned server."""
    request = urllib.request.Request(url + '/_control/reset', data=json.dumps({'provisioned': False}).encode(), method='POST')
    with urllib.request.urlopen(request, timeout=30):
        pass


def main(argv=None):
    """Entry point; returns the exit status."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    venv = _env.ensure_venv(_stages.MAIN[1])
    base = tempfile.mkdtemp(prefix='selfhosted-platforms-demo-')
    try:
        collection = _env.copy_collection(base=base)
        simulator = _simulator.Simulator(venv.python, collection, log_path=os.path.join(base, 'simulator.log'), extra_args=['--verbose'])
        with simulator:
            _env.log('simulator listening on %s, raw address %s (log: %s)' % (simulator.url, simulator.setup_url, simulator.log_path))
            fresh_server(simulator.url)
            inventory = os.path.join(base, 'inventory.yml')
            with open(inventory, 'w', encoding='utf-8') as handle:
                handle.write(INVENTORY % {'url': simulator.url, 'setup_url': simulator.setup_url, 'base': base, 'collection': collection})
            env = venv.environ({'ANSIBLE_COLLECTIONS_PATH': base, 'ANSIBLE_LOCALHOST_WARNING': 'False'})
            bootstrap = ['ansible-playbook', '-i', inventory, 'playbooks/bootstrap.yml', '-e', '@examples/company-secrets.yml'] + args.extra
            export = ['ansible-playbook', '-i', inventory, 'playbooks/export.yml', '-e', 'cloudron_export_dir=%s/exported' % base]
            runs = []
            for label, command in (('provision and bootstrap the fresh server', bootstrap), ('bootstrap again (must change nothing)', bootstrap),
                                   ('export the server', export)):
                _env.log('\n==> demo: %s' % label)
                result = _proc.run(command, cwd=collection, env=env, capture=True)
                runs.append(result)
                if not result.ok:
                    _env.log('--- last lines of the simulator log ---\n%s' % simulator.log_tail())
                    _env.log('demo FAILED: %s: ansible-playbook exited with status %d' % (label, result.returncode))
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
        with open(os.path.join(base, 'exported', 'company.yml'), encoding='utf-8') as handle:
            _env.log('\n==> demo: the exported description (exported/company.yml)\n%s' % handle.read())
        _env.log('demo PASSED: provisioned and bootstrapped; second run changed=0 on %s; exported' % ', '.join(sorted(hosts)))
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

# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The main job, against the simulators: bootstrap the example company onto a fresh Cloudron server, again, then
export it; then converge the example hosting customers on an Installatron Server, again; then a Cloudillo tenant, again;
then the whole chain from an empty CloudsFor account to a configured Cloudron, again.

Usage: python3 tools/demo.py [--keep] [-- EXTRA ANSIBLE-PLAYBOOK ARGUMENTS]

1. The simulator starts as a freshly installed Cloudron: not set up, not activated, answering on a raw address.
2. playbooks/bootstrap.yml provisions it (setup, activation, a durable API token kept in a file) and converges
   examples/company.yml: settings, a domain, groups, two dozen users, a volume, three apps (one mounts the volume), mail
   (mailboxes, aliases, lists) and the backup storage and policy.
3. The same playbook runs again and must report changed=0.
4. playbooks/export.yml writes the server back as a description, which is shown.
5. playbooks/installatron_bootstrap.yml converges examples/installatron/customers.yml (three hosting customers, their
   websites, installs and WordPress plugins) on the Installatron simulator, and again with changed=0.
6. playbooks/cloudillo_bootstrap.yml converges examples/cloudillo/tenant.yml (settings, an API key, apps, a proxy site,
   a community and member roles) on the Cloudillo simulator's admin tenant, and again with changed=0.
7. playbooks/cloudron_on_cloudsfor.yml with examples/cloudsfor/ (the inventory plugin as inventory source): the SSH key
   and a VM on the CloudsFor simulator, the installer step (tests/simulator/cloudron_installer.yml makes one more
   Cloudron simulator the VM's freshly installed server), provisioning and examples/company.yml; again with changed=0.

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


INSTALLATRON_INVENTORY = """installatron:
  hosts:
    hosting:
      installatron_bootstrap_api_url: %(url)s
      installatron_bootstrap_api_key: sim-key
      installatron_bootstrap_description_file: %(collection)s/examples/installatron/customers.yml
"""


CLOUDILLO_INVENTORY = """cloudillo:
  hosts:
    %(id_tag)s:
      cloudillo_bootstrap_api_url: %(url)s
      cloudillo_bootstrap_api_key: %(key)s
      cloudillo_bootstrap_description_file: %(collection)s/examples/cloudillo/tenant.yml
      cloudillo_bootstrap_key_dir: %(base)s
"""

# What the example tenant needs from its server: the apps' packages in the catalogue, the community's DNS name.
CLOUDILLO_SEED = {'packages': [{'publisher': 'apps.example.com', 'name': 'notes', 'version': '1.2.0'},
                               {'publisher': 'apps.example.com', 'name': 'whiteboard', 'version': '0.9.0'}],
                  'dns': ['team.example.com']}


# What differs from examples/cloudsfor/cloudron.yml against the simulators: the key, the SSH banner's port, the token
# file, and the installer step replaced by the stand-in (tests/simulator/README.md).
CHAIN_VARS = """cloudron_on_cloudsfor_ssh_public_key_file: %(base)s/id_demo.pub
cloudron_on_cloudsfor_ssh_port: %(ssh_port)d
cloudron_on_cloudsfor_ssh_timeout: 30
cloudron_on_cloudsfor_provision_timeout: 60
cloudron_on_cloudsfor_token_file: %(base)s/cloudron-example.token
# the demo's VMs are simulated: their host keys never go near the user's own known_hosts
cloudron_on_cloudsfor_known_hosts_file: %(base)s/known_hosts
cloudron_on_cloudsfor_installer_tasks: %(collection)s/tests/simulator/cloudron_installer.yml
cloudron_installer_sim:
  url: %(url)s
  setup_url: %(setup_url)s
  switches: {task_seconds: 0.05, readiness_seconds: 1}
cloudron_installer_sim_dir: %(base)s/installed
"""
# Any well-formed public key does: the simulated VM only shows an SSH banner.
CHAIN_PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMp2nfPGaWEo8Uf+h9kXBIHaLJiB1zFlmfjnGtwLq6Ud demo'


def control(url, route, body):
    """POST a JSON body to a simulator's control interface."""
    request = urllib.request.Request(url + '/_control/' + route, data=json.dumps(body).encode(), method='POST',
                                     headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=30):
        pass


def fresh_server(url):
    """Make the simulator a freshly installed, unprovisioned server."""
    request = urllib.request.Request(url + '/_control/reset', data=json.dumps({'provisioned': False}).encode(), method='POST')
    with urllib.request.urlopen(request, timeout=30):
        pass


def chain_setup(base, collection, cloudsfor, server, env):
    """The variables file and the environment of the Cloudron on CloudsFor runs (the account's credentials there)."""
    os.makedirs(os.path.join(base, 'installed'))
    with open(os.path.join(base, 'id_demo.pub'), 'w', encoding='utf-8') as handle:
        handle.write(CHAIN_PUBLIC_KEY + '\n')
    path = os.path.join(base, 'cloudron-on-cloudsfor.yml')
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(CHAIN_VARS % {'ssh_port': cloudsfor.ssh_port, 'base': base, 'collection': collection,
                                   'url': server.url, 'setup_url': server.setup_url})
    return path, dict(env, CLOUDSFOR_API_URL=cloudsfor.url + '/api/v1', CLOUDSFOR_USER=_simulator.CLOUDSFOR_USER,
                      CLOUDSFOR_PASSWORD=_simulator.CLOUDSFOR_PASSWORD)


def main(argv=None):
    """Entry point; returns the exit status."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    venv = _env.ensure_venv(_stages.MAIN[1])
    base = tempfile.mkdtemp(prefix='selfhosted-platforms-demo-')
    try:
        collection = _env.copy_collection(base=base)
        simulator = _simulator.Simulator(venv.python, collection, log_path=os.path.join(base, 'simulator.log'), extra_args=['--verbose'])
        installatron = _simulator.Simulator(venv.python, collection, platform='installatron',
                                            log_path=os.path.join(base, 'simulator-installatron.log'))
        cloudillo = _simulator.Simulator(venv.python, collection, platform='cloudillo',
                                         log_path=os.path.join(base, 'simulator-cloudillo.log'))
        cloudsfor = _simulator.CloudsForSimulator(venv.python, collection, log_path=os.path.join(base, 'simulator-cloudsfor.log'))
        # the server the chain installs on the CloudsFor VM: a Cloudron simulator of its own
        chain_server = _simulator.Simulator(venv.python, collection, log_path=os.path.join(base, 'simulator-cloudsfor-cloudron.log'))
        env = venv.environ({'ANSIBLE_COLLECTIONS_PATH': base, 'ANSIBLE_LOCALHOST_WARNING': 'False'})
        with simulator, installatron, cloudillo, cloudsfor, chain_server:
            _env.log('simulator listening on %s, raw address %s (log: %s)' % (simulator.url, simulator.setup_url, simulator.log_path))
            _env.log('Installatron simulator listening on %s (log: %s)' % (installatron.url, installatron.log_path))
            fresh_server(simulator.url)
            inventory = os.path.join(base, 'inventory.yml')
            with open(inventory, 'w', encoding='utf-8') as handle:
                handle.write(INVENTORY % {'url': simulator.url, 'setup_url': simulator.setup_url, 'base': base, 'collection': collection})
            hosting = os.path.join(base, 'installatron.yml')
            with open(hosting, 'w', encoding='utf-8') as handle:
                handle.write(INSTALLATRON_INVENTORY % {'url': installatron.url, 'collection': collection})
            _env.log('Cloudillo simulator listening on %s (log: %s)' % (cloudillo.url, cloudillo.log_path))
            control(cloudillo.url, 'seed', CLOUDILLO_SEED)
            tenant = os.path.join(base, 'cloudillo.yml')
            with open(tenant, 'w', encoding='utf-8') as handle:
                handle.write(CLOUDILLO_INVENTORY % {'id_tag': _simulator.CLOUDILLO_ADMIN, 'url': cloudillo.listeners[_simulator.CLOUDILLO_ADMIN],
                                                    'key': _simulator.CLOUDILLO_KEY, 'collection': collection, 'base': base})
            _env.log('CloudsFor simulator listening on %s, its VM\'s server on %s (logs: %s, %s)'
                     % (cloudsfor.url, chain_server.url, cloudsfor.log_path, chain_server.log_path))
            chain_vars, chain_env = chain_setup(base, collection, cloudsfor, chain_server, env)
            bootstrap = ['ansible-playbook', '-i', inventory, 'playbooks/bootstrap.yml', '-e', '@examples/company-secrets.yml'] + args.extra
            export = ['ansible-playbook', '-i', inventory, 'playbooks/export.yml', '-e', 'cloudron_export_dir=%s/exported' % base]
            customers = ['ansible-playbook', '-i', hosting, 'playbooks/installatron_bootstrap.yml',
                         '-e', '@examples/installatron/secrets.yml'] + args.extra
            tenant_run = ['ansible-playbook', '-i', tenant, 'playbooks/cloudillo_bootstrap.yml'] + args.extra
            chain = ['ansible-playbook', '-i', 'examples/cloudsfor/inventory.cloudsfor.yml', 'playbooks/cloudron_on_cloudsfor.yml',
                     '-e', '@examples/cloudsfor/cloudron.yml', '-e', '@examples/company-secrets.yml', '-e', '@' + chain_vars] + args.extra
            runs = {}
            for label, command, log, run_env in (
                    ('provision and bootstrap the fresh server', bootstrap, simulator, env),
                    ('bootstrap again (must change nothing)', bootstrap, simulator, env),
                    ('export the server', export, simulator, env),
                    ('converge the hosting customers on Installatron', customers, installatron, env),
                    ('converge the hosting customers again (must change nothing)', customers, installatron, env),
                    ('converge the Cloudillo tenant', tenant_run, cloudillo, env),
                    ('converge the Cloudillo tenant again (must change nothing)', tenant_run, cloudillo, env),
                    ('Cloudron on CloudsFor: from an empty account to a configured server', chain, chain_server, chain_env),
                    ('Cloudron on CloudsFor again (must change nothing)', chain, chain_server, chain_env)):
                _env.log('\n==> demo: %s' % label)
                result = _proc.run(command, cwd=collection, env=run_env, capture=True)
                runs[label] = result
                if not result.ok:
                    _env.log('--- last lines of the simulator log ---\n%s' % log.log_tail())
                    _env.log('demo FAILED: %s: ansible-playbook exited with status %d' % (label, result.returncode))
                    return 1
        hosts = {}
        for label in ('bootstrap again (must change nothing)', 'converge the hosting customers again (must change nothing)',
                      'converge the Cloudillo tenant again (must change nothing)', 'Cloudron on CloudsFor again (must change nothing)'):
            found = recap(runs[label].output)
            if not found:
                _env.log('demo FAILED: no PLAY RECAP in the run to %s' % label)
                return 1
            hosts.update(found)
        changed = {host: values for host, values in hosts.items() if any(values)}
        if changed:
            detail = ', '.join('%s changed=%d unreachable=%d failed=%d' % ((host,) + values) for host, values in sorted(changed.items()))
            _env.log('demo FAILED: the second run is not idempotent: %s' % detail)
            return 1
        with open(os.path.join(base, 'exported', 'company.yml'), encoding='utf-8') as handle:
            _env.log('\n==> demo: the exported description (exported/company.yml)\n%s' % handle.read())
        _env.log('demo PASSED: provisioned, bootstrapped and exported Cloudron; converged the Installatron customers '
                 'and the Cloudillo tenant; went from an empty CloudsFor account to a configured Cloudron; '
                 'second runs changed=0 on %s' % ', '.join(sorted(hosts)))
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

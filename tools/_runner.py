# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The runner stage: the example Cloudron bootstrap run by ansible-runner the way AWX runs a job.

A private data dir holds a project playbook importing selfhosted.platforms.bootstrap, an inventory like
examples/inventory.yml, the Cloudron credential injected as AWX's credential type injects it
(extensions/awx/credential_types/cloudron.yml: CLOUDRON_API_URL, CLOUDRON_TOKEN in env/envvars) and the description's
secrets (examples/company-secrets.yml) as extra vars. The server is a simulator started provisioned, with the owner's
known read-write token: AWX runs against a server provisioned before.
"""

from __future__ import annotations

import glob
import json
import os
import urllib.request

import _env
import _simulator

PLAYBOOK = 'bootstrap.yml'
PROJECT_PLAYBOOK = """# SPDX-License-Identifier: GPL-3.0-or-later
---
- name: Bootstrap the company's Cloudron server
  ansible.builtin.import_playbook: selfhosted.platforms.bootstrap
"""
# examples/inventory.yml, with the description file where the collection copy has it; URL and token come from the
# credential's environment variables
INVENTORY = """cloudron:
  hosts:
    company:
      cloudron_bootstrap_description_file: %s
"""
SECRETS_FILE = os.path.join('examples', 'company-secrets.yml')
DESCRIPTION_FILE = os.path.join('examples', 'company.yml')
# Where the credential type is, and the variables it injects, in the order its injectors list them.
CREDENTIAL_TYPE = os.path.join('extensions', 'awx', 'credential_types', 'cloudron.yml')
INJECTED = ('CLOUDRON_API_URL', 'CLOUDRON_TOKEN')
RUNS = ('first', 'again')


def _leaves(value):
    """Every string and number inside a nested structure."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
        yield str(value)


def _injectors(ctx, venv):
    """The environment variables the AWX credential type injects, as {variable: input field}."""
    credential = _env.read_yaml(venv, ctx.path(CREDENTIAL_TYPE))
    injected = {name: template.strip().strip('{}').strip() for name, template in ((credential.get('injectors') or {}).get('env') or {}).items()}
    if sorted(injected) != sorted(INJECTED):
        raise _env.StageError('%s injects %s, not %s' % (CREDENTIAL_TYPE, sorted(injected), sorted(INJECTED)))
    return injected


def _private_data_dir(ctx, venv, server, secrets):
    """Write project/, inventory/ and env/ as AWX would for a job of this playbook with the Cloudron credential."""
    data_dir = os.path.join(ctx.base, 'runner')
    for part in ('project', 'inventory', 'env'):
        os.makedirs(os.path.join(data_dir, part))
    with open(os.path.join(data_dir, 'project', PLAYBOOK), 'w', encoding='utf-8') as handle:
        handle.write(PROJECT_PLAYBOOK)
    with open(os.path.join(data_dir, 'inventory', 'hosts.yml'), 'w', encoding='utf-8') as handle:
        handle.write(INVENTORY % json.dumps(ctx.path(DESCRIPTION_FILE)))
    inputs = {'api_url': server.url, 'api_token': _simulator.READ_WRITE_TOKEN}
    envvars = {name: inputs[field] for name, field in _injectors(ctx, venv).items()}
    envvars['ANSIBLE_COLLECTIONS_PATH'] = ctx.base
    for name, content in (('envvars', envvars), ('extravars', secrets)):
        path = os.path.join(data_dir, 'env', name)
        # only the owner may read the credential and the secrets, as in AWX's job directories
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), 'w', encoding='utf-8') as handle:
            json.dump(content, handle, indent=2)
    return data_dir, envvars


def _state(server):
    """The simulator's whole state (it shows the passwords the server generated for new users)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(server.url + '/_control/state', timeout=30) as answer:
        return json.load(answer)


def _events(artifacts):
    """The job events of one run, in their order."""
    events = []
    for path in glob.glob(os.path.join(artifacts, 'job_events', '*.json')):
        with open(path, encoding='utf-8') as handle:
            events.append(json.load(handle))
    return sorted(events, key=lambda event: event.get('counter', 0))


def _run(ctx, venv, data_dir, ident):
    """One ansible-runner job; return its artifacts directory after checking its status."""
    result = ctx.run(venv, ['ansible-runner', 'run', data_dir, '-p', PLAYBOOK, '--ident', ident], cwd=data_dir)
    artifacts = os.path.join(data_dir, 'artifacts', ident)
    try:
        with open(os.path.join(artifacts, 'status'), encoding='utf-8') as handle:
            status = handle.read().strip()
    except FileNotFoundError:
        status = '(no status file)'
    if not result.ok or status != 'successful':
        raise _env.StageError('ansible-runner job %s: status %s, exit status %d' % (ident, status, result.returncode))
    return artifacts


def _second_run_changes(events):
    """Problems in the playbook_on_stats event of an idempotent run: hosts with changes, failures or none at all."""
    stats = [event for event in events if event.get('event') == 'playbook_on_stats']
    if len(stats) != 1:
        return ['%d playbook_on_stats events instead of one' % len(stats)]
    data = stats[0].get('event_data', {})
    problems = ['%s changed=%d' % (host, count) for host, count in sorted((data.get('changed') or {}).items()) if count]
    for key in ('failures', 'dark'):
        problems += ['%s %s=%d' % (host, key, count) for host, count in sorted((data.get(key) or {}).items()) if count]
    if not data.get('ok'):
        problems.append('no host ran (ok is empty)')
    return problems


def _command_content(path, injected):
    """The `command` artifact without the environment ansible-runner copies into it whatever the job does: that copy
    is the job's input (env/envvars), like env/. Anything else in it, or an environment that differs from what was
    injected, still counts."""
    with open(path, encoding='utf-8') as handle:
        command = json.load(handle)
    environment = command.pop('env', {})
    differing = sorted(name for name, value in injected.items() if environment.get(name) != value)
    if differing:
        command['env'] = environment
    return json.dumps(command).encode()


def _needles(secrets):
    """{bytes to look for: how to name the secret without showing it}."""
    needles = {}
    for index, secret in enumerate(sorted(secrets)):
        # as written, and as JSON escapes it inside a string
        for form in sorted({secret, json.dumps(secret)[1:-1]}):
            needles[form.encode()] = 'secret #%d (%d characters)' % (index + 1, len(secret))
    return needles


def _unfound_inputs(data_dir, secrets):
    """The search itself, tried on the input files: every secret given to the job must be found in env/."""
    content = b''
    for name in ('envvars', 'extravars'):
        with open(os.path.join(data_dir, 'env', name), 'rb') as handle:
            content += handle.read()
    found = {label for needle, label in _needles(secrets).items() if needle in content}
    return sorted(set(_needles(secrets).values()) - found)


def _leaks(data_dir, secrets, injected):
    """Files of the artifacts that hold a secret, as 'path: which secret' (the secret itself is not repeated)."""
    leaks = []
    needles = _needles(secrets)
    for path in sorted(glob.glob(os.path.join(data_dir, 'artifacts', '**', '*'), recursive=True)):
        if not os.path.isfile(path):
            continue
        if os.path.basename(path) == 'command' and os.path.dirname(os.path.dirname(path)) == os.path.join(data_dir, 'artifacts'):
            content = _command_content(path, injected)
        else:
            with open(path, 'rb') as handle:
                content = handle.read()
        found = sorted({label for needle, label in needles.items() if needle in content})
        if found:
            leaks.append('%s: %s' % (os.path.relpath(path, data_dir), ', '.join(found)))
    return leaks


def runner(ctx):
    """Run the bootstrap twice as an AWX job; check status, idempotence and that the artifacts hold no secret."""
    venv = ctx.venv('runner')
    secrets = _env.read_yaml(venv, ctx.path(SECRETS_FILE))
    server = _simulator.Simulator(venv.python, ctx.collection, log_path=os.path.join(ctx.base, 'simulator-runner.log'))
    try:
        server.start()
    except _env.ToolError as ex:
        raise _env.StageError(str(ex)) from ex
    try:
        _env.log('simulator (provisioned, owner token from its startup) listening on %s' % server.url)
        data_dir, injected = _private_data_dir(ctx, venv, server, secrets)
        artifacts = [_run(ctx, venv, data_dir, ident) for ident in RUNS]
        state = _state(server)
    except OSError as ex:
        raise _env.StageError('%s: %s\n--- simulator log ---\n%s' % (type(ex).__name__, ex, server.log_tail())) from ex
    finally:
        server.stop()
    events = [_events(path) for path in artifacts]
    if not all(events):
        raise _env.StageError('a run left no job events: %s' % ', '.join('%s %d' % (ident, len(found)) for ident, found in zip(RUNS, events)))
    first = [event for event in events[0] if event.get('event') == 'playbook_on_stats']
    if not first or not any((first[0].get('event_data', {}).get('changed') or {}).values()):
        raise _env.StageError('the first run changed nothing: the server did not start empty, so the second run proves nothing')
    problems = _second_run_changes(events[1])
    if problems:
        raise _env.StageError('the second run is not idempotent: %s' % '; '.join(problems))
    # the credential's token, every secret of the description, and every password the server holds now (those the run
    # set and those the server generated for the users it created)
    values = {_simulator.READ_WRITE_TOKEN} | set(_leaves(secrets))
    values |= {user['password'] for user in state.get('users', []) if user.get('password')}
    # a value this short would also match ordinary words and numbers: none of the secrets is that short
    short = sorted(value for value in values if len(value) < 6)
    if short:
        raise _env.StageError('%d secret value(s) are too short to search for reliably' % len(short))
    given = {_simulator.READ_WRITE_TOKEN} | set(_leaves(secrets))
    unfound = _unfound_inputs(data_dir, given)
    if unfound:
        raise _env.StageError('the secret search does not find what env/ holds: %s' % ', '.join(unfound))
    leaks = _leaks(data_dir, values, injected)
    if leaks:
        raise _env.StageError('secrets in the artifacts:\n  ' + '\n  '.join(leaks[:40]))
    return '2 jobs successful, second changed=0; %d job events (%d + %d) and every artifact file checked for %d secret values' % (
        sum(len(found) for found in events), len(events[0]), len(events[1]), len(values))

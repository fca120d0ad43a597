# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The stages of tools/test.py, in the order they run, and the context they share."""

from __future__ import annotations

import copy
import glob
import os
import re
import shutil
import tarfile
import tempfile
import threading
import time

import _docsite
import _env
import _proc
import _real
import _runner
import _simulator
import _tls

TOOLS = os.path.dirname(os.path.abspath(__file__))

# (ansible-core series, environment, Python) of the main run and of the matrix.
MAIN = ('2.19', 'core219', '3.11')
MATRIX = (('2.16', 'core216', '3.11'), ('2.21', 'core221', '3.13'))
SMOKE_ALIAS = 'smoke'
# Targets with the alias `real` also run against a real server; `simulator_only  # reason` says why others do not.
REAL_ALIAS = 'real'
SIMULATOR_ONLY_ALIAS = 'simulator_only'
# Targets with these aliases are helpers or switched off, not tests of their own.
NOT_A_TEST = {'disabled', 'unsupported', 'hidden'}
# The oldest Python the modules promise (tests/config.yml); the unit tests run on it too.
MODULES_PYTHON = '3.9'
# Further independent servers, for the bootstrap and fleet tests.
FLEET_SIZE = 2

# Paths that must never end up in the built collection.
# The tests need the repository (simulators, tools/), so the tarball leaves them out rather than ship tests that fail.
NOT_IN_TARBALL = ('tests/', 'tools/', '.ci/', '.git/', '.cache/')


# raised by the stages here and in their own modules (_docsite, _runner)
StageError = _env.StageError


class Context:
    """What the stages share: the collection copy, the virtual environments, the time limit per command."""

    def __init__(self, timeout, keep=False, targets=(), shards=None):
        self.timeout = timeout
        self.keep = keep
        self.targets = list(targets)  # integration targets to run instead of all of them
        self.shards = shards  # integration shards run at once (default: SHARDS for a full stage, 1 for named targets)
        self.base = None
        self.collection = None
        self._venvs = {}
        self._venv_errors = {}

    def prepare(self, env_names):
        """Copy the collection and make the environments ready; errors are kept for the stages that need them."""
        self.base = tempfile.mkdtemp(prefix='selfhosted-platforms-test-')
        self.collection = _env.copy_collection(base=self.base)
        _env.log('    collection copied to %s' % self.collection)
        for name in env_names:
            try:
                venv = _env.ensure_venv(name)
                if name != 'lint':
                    _env.ensure_get_pip(venv)
                self._venvs[name] = venv
                _env.log('    environment %s: %s' % (name, venv.path))
            except _env.ToolError as ex:
                self._venv_errors[name] = str(ex)
                _env.log('    environment %s FAILED:\n%s' % (name, ex))

    def venv(self, name):
        """Return a prepared environment or fail the stage."""
        if name in self._venv_errors:
            raise StageError('environment %s could not be created' % name)
        return self._venvs[name]

    def environ(self, venv, extra=None):
        """Environment variables for commands of a stage."""
        values = {
            'ANSIBLE_COLLECTIONS_PATH': self.base,
            'ANSIBLE_NOCOLOR': '1',
            'NO_COLOR': '1',
            'PY_COLORS': '0',
            'PIP_DISABLE_PIP_VERSION_CHECK': '1',
        }
        values.update(extra or {})
        return venv.environ(values)

    def run(self, venv, command, cwd=None, extra_env=None, capture=False, prefix=None):
        """Run a command in an environment, in the collection copy by default; ``prefix`` marks its output lines."""
        return _proc.run(command, cwd=cwd or self.collection, env=self.environ(venv, extra_env), timeout=self.timeout, capture=capture,
                         prefix=prefix)

    def check(self, venv, command, **kwargs):
        """Run a command and fail the stage if it fails."""
        result = self.run(venv, command, **kwargs)
        if not result.ok:
            raise StageError('%s exited with status %d' % (os.path.basename(command[0]), result.returncode))
        return result

    def path(self, *parts):
        """Return a path inside the collection copy."""
        return os.path.join(self.collection, *parts)

    def cleanup(self):
        """Remove the copy unless asked to keep it."""
        if self.base and not self.keep:
            shutil.rmtree(self.base, ignore_errors=True)
        elif self.base:
            _env.log('kept %s' % self.base)


class Stage:
    """One named step of the suite; an opt-in stage runs only when named with --stage."""

    def __init__(self, name, env, summary, func, matrix=False, opt_in=False):
        self.name = name
        self.env = env
        self.summary = summary
        self.func = func
        self.matrix = matrix
        self.opt_in = opt_in


# -- changelog, docs ---------------------------------------------------------------------------------


def changelog(ctx):
    """antsibull-changelog lint."""
    ctx.check(ctx.venv('lint'), ['antsibull-changelog', 'lint'])


def docs(ctx):
    """antsibull-docs lint-collection-docs --plugin-docs ."""
    ctx.check(ctx.venv('lint'), ['antsibull-docs', 'lint-collection-docs', '--plugin-docs', '.'])


# -- ansible-test --------------------------------------------------------------------------------------


def _no_sanity_ignores(ctx):
    """The collection keeps zero sanity ignore entries."""
    entries = []
    for path in sorted(glob.glob(ctx.path('tests', 'sanity', 'ignore-*.txt'))):
        with open(path, encoding='utf-8') as handle:
            entries.extend('%s: %s' % (os.path.basename(path), line.strip()) for line in handle
                           if line.strip() and not line.lstrip().startswith('#'))
    if entries:
        raise StageError('sanity ignore entries are not allowed:\n  ' + '\n  '.join(entries))


def sanity_stage(env, python):
    """Build the sanity stage for one environment."""
    def sanity(ctx):
        _no_sanity_ignores(ctx)
        ctx.check(ctx.venv(env), ['ansible-test', 'sanity', '--python', python, '--color', 'no'])
    return sanity


def units_stage(python):
    """Build a units stage: ansible-test units on one Python; a tree without test_*.py files passes.

    A Python other than the environment's own is found (pyenv or PATH) and put on PATH for ansible-test."""
    def units(ctx):
        if not glob.glob(ctx.path('tests', 'unit', '**', 'test_*.py'), recursive=True):
            return 'no unit tests under tests/unit'
        command = ['ansible-test', 'units', '--python', python, '--color', 'no', '--requirements']
        extra = None
        if python != MAIN[2]:
            # a virtual environment of ansible-test's own, so nothing is installed into that interpreter
            found = _env.find_python(python)
            extra = {'PATH': os.path.dirname(found) + os.pathsep + ctx.venv(MAIN[1]).environ()['PATH']}
            command.append('--venv')
        result = ctx.check(ctx.venv(MAIN[1]), command, capture=True, extra_env=extra)
        if 'All targets skipped' in result.output:
            return 'ansible-test found no unit tests to run'
        return None
    return units


def simulator_tests(ctx):
    """pytest tests/simulator/tests; an empty or missing directory passes."""
    if not os.path.isdir(ctx.path('tests', 'simulator', 'tests')):
        return 'no tests/simulator/tests directory'
    result = ctx.run(ctx.venv(MAIN[1]), ['python', '-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests/simulator/tests'])
    if result.returncode == 5:
        return 'pytest collected no simulator tests'
    if not result.ok:
        raise StageError('pytest exited with status %d' % result.returncode)
    return None


# -- ansible-lint, build -------------------------------------------------------------------------------


def ansible_lint(ctx):
    """ansible-lint, production profile, offline (configuration in .ansible-lint)."""
    ctx.check(ctx.venv('lint'), ['ansible-lint', '--offline', '--profile', 'production'])


def build(ctx):
    """ansible-galaxy collection build, then galaxy-importer on the tarball."""
    output = os.path.join(ctx.base, 'build')
    os.makedirs(output, exist_ok=True)
    ctx.check(ctx.venv(MAIN[1]), ['ansible-galaxy', 'collection', 'build', '--force', '--output-path', output, '.'])
    tarballs = glob.glob(os.path.join(output, '*.tar.gz'))
    if len(tarballs) != 1:
        raise StageError('expected one tarball in %s, found %d' % (output, len(tarballs)))
    with tarfile.open(tarballs[0]) as archive:
        names = archive.getnames()
    stray = sorted(name for name in names if name.startswith(NOT_IN_TARBALL) or name + '/' in NOT_IN_TARBALL)
    if stray:
        raise StageError('the tarball contains paths that belong in galaxy.yml build_ignore:\n  ' + '\n  '.join(stray[:20]))
    _env.log('%s: %d entries, %.0f KiB' % (os.path.basename(tarballs[0]), len(names), os.path.getsize(tarballs[0]) / 1024))
    result = ctx.run(ctx.venv('lint'), ['python', '-m', 'galaxy_importer.main', tarballs[0]], cwd=output, capture=True,
                     extra_env={'GALAXY_IMPORTER_CONFIG': os.path.join(TOOLS, 'galaxy-importer.cfg')})
    errors = [line for line in result.output.splitlines() if line.startswith('ERROR')]
    if not result.ok or errors:
        raise StageError('galaxy-importer: exit status %d, %d error line(s)' % (result.returncode, len(errors)))
    _execution_environment(ctx, tarballs[0])


# The example execution environment, and the collection it installs.
EE_DEFINITION = os.path.join('examples', 'execution-environment.yml')
COLLECTION_NAME = 'selfhosted.platforms'


def _entries(path):
    """The entries of a pip or bindep requirements file, without comments; none for a missing file."""
    try:
        with open(path, encoding='utf-8') as handle:
            return [line.split('#', 1)[0].strip() for line in handle if line.split('#', 1)[0].strip()]
    except FileNotFoundError:
        return []


def _execution_environment(ctx, tarball):
    """ansible-builder create on examples/execution-environment.yml (no container engine needed), then the build's own
    introspection step, run from the generated context on the tarball installed: the image would get the collection,
    its Python requirements and its system packages."""
    ee_dir = os.path.join(ctx.base, 'ee')
    context = os.path.join(ee_dir, 'context')
    lint = ctx.venv('lint')
    ctx.check(lint, ['ansible-builder', 'create', '--file', EE_DEFINITION, '--context', context, '--output-filename', 'Containerfile'])
    problems = []
    with open(os.path.join(context, '_build', 'requirements.yml'), encoding='utf-8') as handle:
        galaxy = handle.read()
    if not re.search(r'^\s*-?\s*name:\s*[\'"]?%s[\'"]?\s*$' % re.escape(COLLECTION_NAME), galaxy, re.MULTILINE):
        problems.append('_build/requirements.yml does not name the collection %s:\n%s' % (COLLECTION_NAME, galaxy))
    with open(os.path.join(context, 'Containerfile'), encoding='utf-8') as handle:
        containerfile = handle.read()
    for step in ('ansible-galaxy collection install', 'introspect.py introspect', 'install-from-bindep'):
        if step not in containerfile:
            problems.append('the Containerfile has no step running %r' % step)
    collections = os.path.join(ee_dir, 'collections')
    ctx.check(ctx.venv(MAIN[1]), ['ansible-galaxy', 'collection', 'install', '--offline', '--force', '-p', collections, tarball])
    installed = os.path.join(collections, 'ansible_collections', *COLLECTION_NAME.split('.'))
    wanted_pip, wanted_bindep = _entries(os.path.join(installed, 'requirements.txt')), _entries(os.path.join(installed, 'bindep.txt'))
    if not any(re.match(r'requests\b', entry) for entry in wanted_pip):
        problems.append('the installed collection lists no requests in requirements.txt: %s' % wanted_pip)
    # the same command line as the Containerfile's introspection step, with the user files the context holds
    command = ['python', os.path.join(context, '_build', 'scripts', 'introspect.py'), 'introspect', collections,
               '--write-pip', os.path.join(ee_dir, 'requirements.txt'), '--write-bindep', os.path.join(ee_dir, 'bindep.txt')]
    for option, name in (('--user-pip', 'requirements.txt'), ('--user-bindep', 'bindep.txt')):
        if os.path.exists(os.path.join(context, '_build', name)):
            command += [option, os.path.join(context, '_build', name)]
    ctx.check(lint, command, cwd=ee_dir, capture=True)
    got_pip, got_bindep = _entries(os.path.join(ee_dir, 'requirements.txt')), _entries(os.path.join(ee_dir, 'bindep.txt'))
    for kind, wanted, got in (('Python requirement', wanted_pip, got_pip), ('system package', wanted_bindep, got_bindep)):
        missing = [entry for entry in wanted if entry not in got]
        if missing:
            problems.append('the image would miss the collection\'s %s(s) %s (introspection gave %s)' % (kind, missing, got))
    if problems:
        raise StageError('execution environment %s:\n  %s' % (EE_DEFINITION, '\n  '.join(problems)))
    _env.log('execution environment: %s from Galaxy, Python requirements %s, system packages %s'
             % (COLLECTION_NAME, ', '.join(got_pip) or 'none', ', '.join(got_bindep) or 'none'))


# -- integration -------------------------------------------------------------------------------------


def _targets(ctx):
    """Return {target name: {alias: its comment}} of tests/integration/targets.

    ansible-test drops `#` comments from aliases files; the comment on a `simulator_only` line is the reason
    the target cannot run against a real server."""
    found = {}
    for path in sorted(glob.glob(ctx.path('tests', 'integration', 'targets', '*', ''))):
        aliases = {}
        try:
            with open(os.path.join(path, 'aliases'), encoding='utf-8') as handle:
                for line in handle:
                    alias, _sep, comment = line.partition('#')
                    if alias.strip():
                        aliases[alias.strip()] = comment.strip()
        except OSError:
            pass
        found[os.path.basename(os.path.dirname(path))] = aliases
    return found


def _is_test(name, aliases):
    """Tell whether a target is a test of its own rather than a helper other targets use."""
    return not name.startswith(('setup_', 'prepare_')) and not aliases.keys() & NOT_A_TEST


def _tls_simulators(ctx, venv, env):
    """A throwaway CA in the stage's temporary directory, and two simulators serving HTTPS: one with a certificate
    for 127.0.0.1, one with a certificate for another host name."""
    try:
        files = _tls.make(os.path.join(ctx.base, 'tls'), python=venv.python)
    except _env.ToolError as ex:
        raise StageError(str(ex)) from ex
    return files, [_simulator.Simulator(venv.python, ctx.collection, log_path=os.path.join(ctx.base, 'simulator-%s-tls-%s.log' % (env, name)),
                                        extra_args=['--verbose'] + files.server_args(name)) for name in ('good', 'wrong-host')]


def _tls_config(files, plain, tls_servers):
    """integration_config.yml lines for the HTTPS simulators; sim_plain_as_https_url is a TLS client's view of a plain port."""
    good, wrong_host = tls_servers
    return ('sim_tls_url: %s\nsim_tls_wrong_host_url: %s\nsim_tls_ca_path: %s\nsim_plain_as_https_url: %s\n'
            % (good.url, wrong_host.url, files.ca, 'https://' + plain.url.split('://', 1)[1]))


# Targets per ansible-test run of a full integration stage (each run has the --timeout limit).
BATCH_SIZE = 16
# A full integration stage runs its targets in this many shards at once, each with its own copy of the collection and
# its own simulators: the targets spend much of their time waiting on simulated tasks, so two shards on two cores take
# little more than half the time of one.
SHARDS = 2


def _target_weight(ctx, name):
    """A rough measure of a target's run time: the size of its task files (slow targets have many tasks)."""
    total = 0
    for path in glob.glob(ctx.path('tests', 'integration', 'targets', name, 'tasks', '*.yml')):
        total += os.path.getsize(path)
    return total


def _shards(ctx, runnable, count):
    """Split the targets into ``count`` lists of about equal weight (the heaviest first, each to the lightest list)."""
    shards = [[] for _index in range(count)]
    weights = [0] * count
    for name in sorted(runnable, key=lambda target: (-_target_weight(ctx, target), target)):
        lightest = weights.index(min(weights))
        shards[lightest].append(name)
        weights[lightest] += _target_weight(ctx, name)
    return [sorted(shard) for shard in shards if shard]


def _shard_context(ctx, index):
    """A context for shard ``index``: the first shard uses the stage's copy, the others a copy of it (not of the working
    tree, which may have changed since the suite started: every shard tests what every other stage tested)."""
    if index == 0:
        return ctx
    shard = copy.copy(ctx)
    shard.base = os.path.join(ctx.base, 'shard%d' % index)
    os.makedirs(shard.base)
    shard.collection = _env.copy_collection(root=ctx.collection, base=shard.base)
    return shard


def _run_targets(ctx, env, python, batches, smoke, remote, label=''):
    """Start the simulators, write integration_config.yml and run ``batches`` of targets; return the last result."""
    venv = ctx.venv(env)
    name = env + label
    servers = [_simulator.Simulator(venv.python, ctx.collection, log_path=os.path.join(ctx.base, 'simulator-%s-%d.log' % (name, index)),
                                    extra_args=['--verbose'])
               for index in range(1 + FLEET_SIZE)]
    if not servers[0].available():
        raise StageError('tests/simulator/serve.py is missing')
    installatron = _simulator.Simulator(venv.python, ctx.collection, platform='installatron', extra_args=['--verbose'],
                                        log_path=os.path.join(ctx.base, 'simulator-%s-installatron.log' % name))
    cloudillo = _simulator.Simulator(venv.python, ctx.collection, platform='cloudillo', extra_args=['--verbose'],
                                     log_path=os.path.join(ctx.base, 'simulator-%s-cloudillo.log' % name))
    cloudsfor = _simulator.CloudsForSimulator(venv.python, ctx.collection, extra_args=['--verbose'],
                                              log_path=os.path.join(ctx.base, 'simulator-%s-cloudsfor.log' % name))
    servers += [installatron, cloudillo, cloudsfor]
    tls_files, tls_servers = _tls_simulators(ctx, venv, name) if not smoke else (None, [])
    try:
        for server in servers + tls_servers:
            server.start()
    except _env.ToolError as ex:
        for server in servers + tls_servers:
            server.stop()
        raise StageError(str(ex)) from ex
    result = None
    try:
        _env.log('%ssimulators listening on %s' % (label and label.strip('-') + ': ', ', '.join(server.url for server in servers + tls_servers)))
        config = ctx.path('tests', 'integration', 'integration_config.yml')
        with open(config, 'w', encoding='utf-8') as handle:
            handle.write(_simulator.integration_config(servers[0], servers[1:1 + FLEET_SIZE], installatron, cloudillo, cloudsfor))
            if remote:
                handle.write('selfhosted_platforms_in_process: false\n')
            if tls_servers:
                handle.write(_tls_config(tls_files, servers[0], tls_servers))
        for batch in batches:
            result = ctx.run(venv, ['ansible-test', 'integration', '--python', python, '--color', 'no'] + batch,
                             prefix='[%s] ' % label.strip('-') if label else None)
            if not result.ok:
                break
    finally:
        statuses = [server.stop() for server in servers + tls_servers]
    if result is not None and not result.ok:
        _env.log('--- last lines of the simulator log (%s) ---\n%s' % (servers[0].log_path, servers[0].log_tail()))
    if any(status not in (0, None, -15) for status in statuses):
        _env.log('note: a simulator exited with status %s' % statuses)
    return result


def _outcome(outcome):
    """What went wrong in a shard: a failed run, or what it raised."""
    if isinstance(outcome, _proc.Result):
        return 'ansible-test integration exited with status %d' % outcome.returncode
    if isinstance(outcome, StageError):
        return str(outcome)
    return 'stopped by %s: %s' % (type(outcome).__name__, outcome) if outcome is not None else 'did not finish'


def _batches(targets):
    return [targets[start:start + BATCH_SIZE] for start in range(0, len(targets), BATCH_SIZE)]


def _check_return_docs(ctx, env, contexts):
    """Every key the modules returned in the targets is in their RETURN (tools/return_docs.py reads the junit files
    ansible-test wrote in each shard's copy)."""
    junit = [context.path('tests', 'output', 'junit') for context in contexts]
    result = ctx.run(ctx.venv(env), ['python', os.path.join(TOOLS, 'return_docs.py'), ctx.collection] + junit)
    if not result.ok:
        raise StageError('modules returned keys their RETURN does not document (listed above)')


def integration_stage(env, python, smoke=False, remote=False):
    """Build an integration stage; smoke limits it to targets with the alias `smoke`; remote runs the modules
    the usual way (a new interpreter per task) instead of in the controller's worker."""
    def integration(ctx):
        targets = _targets(ctx)
        runnable = sorted(name for name, aliases in targets.items() if _is_test(name, aliases) and (not smoke or SMOKE_ALIAS in aliases))
        if not runnable:
            return 'no integration target%s to run' % (' with the alias %r' % SMOKE_ALIAS if smoke else '')
        if smoke:
            # ansible-test matches an alias as a group, written with a trailing slash
            result = _run_targets(ctx, env, python, [[SMOKE_ALIAS + '/']], smoke, remote)
            if not result.ok:
                raise StageError('ansible-test integration exited with status %d' % result.returncode)
            return '%d target(s): %s' % (len(runnable), ', '.join(runnable))
        if ctx.targets:
            unknown = sorted(set(ctx.targets) - set(runnable))
            if unknown:
                raise StageError('unknown integration target(s): %s' % ', '.join(unknown))
            runnable = sorted(ctx.targets)
        shards = _shards(ctx, runnable, ctx.shards or (1 if ctx.targets else SHARDS))
        contexts = [_shard_context(ctx, index) for index in range(len(shards))]
        results = [None] * len(shards)

        def run_shard(index):
            label = '-shard%d' % (index + 1) if len(shards) > 1 else ''
            try:
                # in batches, so the time limit holds per batch and not for the whole, growing list of targets
                results[index] = _run_targets(contexts[index], env, python, _batches(shards[index]), smoke, remote, label=label)
            except BaseException as ex:  # pylint: disable=broad-exception-caught
                # reported by the main thread, whatever it was
                results[index] = ex
        # daemon threads: an interrupted suite does not wait for them (their commands run in sessions of their own,
        # which _proc ends when the main thread is interrupted)
        threads = [threading.Thread(target=run_shard, args=(index,), daemon=True) for index in range(len(shards))]
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                thread.join()
        except BaseException:
            _proc.stop_all()
            raise
        problems = ['shard %d: %s' % (index + 1, _outcome(outcome)) for index, outcome in enumerate(results)
                    if not isinstance(outcome, _proc.Result) or not outcome.ok]
        if problems:
            raise StageError('; '.join(problems) if len(shards) > 1 else problems[0].split(': ', 1)[1])
        _check_return_docs(ctx, env, contexts)
        return '%d target(s)%s: %s' % (len(runnable), ' in %d shards' % len(shards) if len(shards) > 1 else '',
                                       ' | '.join(', '.join(shard) for shard in shards))
    return integration


def _real_targets(ctx):
    """Return the targets to run on a real server; print why each other one is skipped."""
    targets = {name: aliases for name, aliases in _targets(ctx).items() if _is_test(name, aliases)}
    portable = sorted(name for name, aliases in targets.items() if REAL_ALIAS in aliases)
    for name in sorted(set(targets) - set(portable)):
        reason = targets[name].get(SIMULATOR_ONLY_ALIAS) or 'its aliases file has neither `%s` nor `%s  # reason`' % (
            REAL_ALIAS, SIMULATOR_ONLY_ALIAS)
        _env.log('skipped on a real server: %s: %s' % (name, reason))
    if ctx.targets:
        refused = sorted(set(ctx.targets) - set(portable))
        if refused:
            raise StageError('not runnable on a real server (no alias %r): %s' % (REAL_ALIAS, ', '.join(refused)))
        return sorted(ctx.targets), sorted(ctx.targets)
    # ansible-test matches an alias as a group, written with a trailing slash
    return portable, [REAL_ALIAS + '/']


def real_stage(env, python):
    """Build the opt-in stage that runs the targets with the alias `real` against the server in CLOUDRON_TEST_*."""
    def real(ctx):
        try:
            settings = _real.from_environ()
        except ValueError as ex:
            raise StageError(str(ex)) from ex
        runnable, patterns = _real_targets(ctx)
        if not runnable:
            return 'no integration target with the alias %r' % REAL_ALIAS
        if not settings.domain:
            _env.log('%s is not set: the app targets end without installing anything' % _real.DOMAIN_VAR)
        prefix = _real.run_prefix()
        _env.log('real server %s, run prefix %s' % (settings.url, prefix))
        config = ctx.path('tests', 'integration', 'integration_config.yml')
        with open(config, 'w', encoding='utf-8') as handle:
            handle.write(_real.integration_config(settings, prefix))
        venv = ctx.venv(env)
        result = ctx.run(venv, ['ansible-test', 'integration', '--python', python, '--color', 'no'] + patterns)
        playbook = os.path.join(ctx.base, 'real-cleanup.yml')
        with open(playbook, 'w', encoding='utf-8') as handle:
            handle.write(_real.CLEANUP_PLAYBOOK)
        _env.log('final cleanup of objects named %s*' % prefix)
        swept = ctx.run(venv, ['ansible-playbook', playbook, '-e', '@' + config],
                        extra_env={'ANSIBLE_ROLES_PATH': ctx.path('tests', 'integration', 'targets'),
                                   'ANSIBLE_LOCALHOST_WARNING': 'false', 'ANSIBLE_INVENTORY_UNPARSED_WARNING': 'false'})
        if not result.ok:
            raise StageError('ansible-test integration exited with status %d' % result.returncode)
        if not swept.ok:
            raise StageError('the final cleanup failed: look for apps, users and groups named %s* on the server' % prefix)
        return '%d target(s), prefix %s: %s' % (len(runnable), prefix, ', '.join(runnable))
    return real


def _stages():
    """Return every stage, in the order they run."""
    version, env, python = MAIN
    stages = [
        Stage('changelog', 'lint', 'antsibull-changelog lint', changelog),
        Stage('docs', 'lint', 'antsibull-docs lint-collection-docs --plugin-docs', docs),
        Stage('docsite', 'docsite', 'antsibull-docs sphinx-init + the generated build, offline; non-network warnings fail', _docsite.docsite),
        Stage('sanity', env, 'ansible-test sanity, ansible-core %s / Python %s, no ignore entries' % (version, python), sanity_stage(env, python)),
        Stage('units', env, 'ansible-test units, ansible-core %s / Python %s' % (version, python), units_stage(python)),
        Stage('units-%s' % MODULES_PYTHON, env, 'ansible-test units, ansible-core %s / Python %s (the oldest the modules support)'
              % (version, MODULES_PYTHON), units_stage(MODULES_PYTHON)),
        Stage('simulator', env, 'pytest tests/simulator/tests', simulator_tests),
        Stage('ansible-lint', 'lint', 'ansible-lint --offline, production profile', ansible_lint),
        Stage('build', env, 'ansible-galaxy collection build + galaxy-importer + ansible-builder create', build),
        Stage('runner', 'runner', 'ansible-runner runs the example bootstrap twice as an AWX job; no secret in the job events or artifacts '
              '(but the job environment ansible-runner copies into `command`)', _runner.runner),
        Stage('smoke-remote', env, 'ansible-test integration smoke/ with the modules run the usual way, not in process',
              integration_stage(env, python, smoke=True, remote=True)),
        Stage('integration', env, 'ansible-test integration against the simulator, ansible-core %s / Python %s' % (version, python),
              integration_stage(env, python)),
    ]
    for version, env, python in MATRIX:
        stages.append(Stage('sanity-%s' % version, env, 'ansible-test sanity, ansible-core %s / Python %s' % (version, python),
                            sanity_stage(env, python), matrix=True))
        stages.append(Stage('smoke-%s' % version, env, 'ansible-test integration smoke/, ansible-core %s / Python %s' % (version, python),
                            integration_stage(env, python, smoke=True), matrix=True))
    version, env, python = MAIN
    stages.append(Stage('real', env, 'ansible-test integration real/ against the server in %s, ansible-core %s / Python %s'
                        % (_real.URL_VAR, version, python), real_stage(env, python), opt_in=True))
    return stages


STAGES = _stages()


def run_stage(ctx, stage):
    """Run one stage; return (passed, note or error, seconds)."""
    start = time.monotonic()
    try:
        note = stage.func(ctx)
        passed = True
    except StageError as ex:
        note, passed = str(ex), False
    except (OSError, _env.ToolError) as ex:
        note, passed = '%s: %s' % (type(ex).__name__, ex), False
    return passed, note, time.monotonic() - start


def env_needed(stages):
    """Return the environments the given stages need, in first-use order."""
    names = []
    for stage in stages:
        if stage.env not in names:
            names.append(stage.env)
    # the build stage runs galaxy-importer from the lint environment
    if any(stage.name == 'build' for stage in stages) and 'lint' not in names:
        names.append('lint')
    return names


def describe(stage):
    """One line for --list."""
    return '%-13s %-8s %s%s' % (stage.name, stage.env, stage.summary, ' [opt-in: only with --stage %s]' % stage.name if stage.opt_in else '')


def matches(stage, wanted):
    """Tell whether a --stage value selects this stage ('matrix' selects every matrix stage; an opt-in stage only by name)."""
    if stage.opt_in:
        return wanted == stage.name
    return wanted == stage.name or (wanted == 'matrix' and stage.matrix) or bool(re.fullmatch(r'2\.\d+', wanted) and stage.name.endswith('-' + wanted))

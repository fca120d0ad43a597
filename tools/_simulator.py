# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start and stop the API simulator (tests/simulator/serve.py) for integration tests and the demo."""

from __future__ import annotations

import json
import os
import re
import selectors
import subprocess
import threading
import time
import urllib.request

from _env import ToolError

READ_WRITE_TOKEN = 'sim-rw-token'
READ_ONLY_TOKEN = 'sim-ro-token'
INSTALLATRON_KEYS = ('sim-key', 'sim-key2')
# the Cloudillo simulator's startup tenants (its defaults; tests/simulator/README.md, "Cloudillo")
CLOUDILLO_ADMIN = 'admin.example'
CLOUDILLO_KEY = 'cl_SimAdminKey0000000000000000000000000000000'
CLOUDILLO_PASSWORD = 'sim-password'
# the CloudsFor simulator's account (its defaults; tests/simulator/README.md, "CloudsFor")
CLOUDSFOR_USER = 'sim@example.com'
CLOUDSFOR_PASSWORD = 'sim-password'
LISTENING = re.compile(r'listening on (https?://\S+)(?: setup (http://\S+))?')
NAMED_LISTENER = re.compile(r'(\S+) (https?://\S+)')


class Simulator:
    """A running simulator process; use as a context manager or call stop()."""

    def __init__(self, python, collection_path, platform='cloudron', log_path=None, extra_args=None, startup_timeout=30):
        self.python = python
        self.collection_path = collection_path
        self.platform = platform
        self.log_path = log_path or os.path.join(collection_path, 'tests', 'output', 'simulator-%s.log' % platform)
        self.extra_args = list(extra_args or [])
        self.startup_timeout = startup_timeout
        self.url = None
        self.setup_url = None
        self.listeners = {}     # name -> URL of the further listeners the start line names
        self._process = None
        self._pump = None

    def script(self):
        """Return the path of the simulator's entry point."""
        return os.path.join(self.collection_path, 'tests', 'simulator', 'serve.py')

    def available(self):
        """Tell whether the checkout has a simulator."""
        return os.path.isfile(self.script())

    def start(self):
        """Start the simulator and return its base URL once it listens."""
        if not self.available():
            raise ToolError('no simulator at %s' % self.script())
        os.makedirs(os.path.dirname(self.log_path), exist_ok=True)
        # a Cloudron server also answers on its raw address before setup (the setup listener)
        setup = ['--setup-port', '0'] if self.platform == 'cloudron' else []
        command = [self.python, '-u', self.script(), self.platform, '--port', '0'] + setup + self.extra_args
        log = open(self.log_path, 'ab')  # pylint: disable=consider-using-with
        self._process = subprocess.Popen(command, cwd=self.collection_path, stdout=subprocess.PIPE, stderr=log,  # pylint: disable=consider-using-with
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        first = self._first_line()
        match = LISTENING.search(first)
        if not match:
            self.stop()
            log.close()
            raise ToolError('simulator did not start: first output line %r; log: %s\n%s' % (first, self.log_path, self.log_tail()))
        self.url = match.group(1).rstrip('/')
        self.setup_url = (match.group(2) or '').rstrip('/') or None
        rest = first[match.start(1) + len(match.group(1)):]
        self.listeners = {name: url.rstrip('/') for name, url in NAMED_LISTENER.findall(rest)}
        self._pump = threading.Thread(target=self._copy_output, args=(log,), daemon=True)
        self._pump.start()
        return self.url

    def _first_line(self):
        """Read the first stdout line within the startup timeout."""
        selector = selectors.DefaultSelector()
        selector.register(self._process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + self.startup_timeout
        try:
            while time.monotonic() < deadline:
                if selector.select(timeout=0.2):
                    return self._process.stdout.readline().decode('utf-8', 'replace').strip()
                if self._process.poll() is not None:
                    return '(exited with status %d)' % self._process.returncode
        finally:
            selector.close()
        return '(nothing within %ds)' % self.startup_timeout

    def _copy_output(self, log):
        """Keep draining stdout into the log so the simulator never blocks on a full pipe."""
        with log:
            for line in self._process.stdout:
                log.write(line)
                log.flush()

    def log_tail(self, lines=30):
        """Return the last lines of the simulator log."""
        try:
            with open(self.log_path, encoding='utf-8', errors='replace') as handle:
                return ''.join(handle.readlines()[-lines:])
        except OSError:
            return ''

    def stop(self):
        """Stop the simulator; returns its exit status (None if it was not running)."""
        process, self._process = self._process, None
        if process is None:
            return None
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._pump is not None:
            self._pump.join(timeout=5)
        if process.stdout:
            process.stdout.close()
        return process.returncode

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()


class CloudsForSimulator(Simulator):
    """The CloudsFor simulator; ``ssh_port`` is the port of its VMs' SSH banners, read from its state once it listens."""

    def __init__(self, python, collection_path, **kwargs):
        super().__init__(python, collection_path, platform='cloudsfor', **kwargs)
        self.ssh_port = None

    def start(self):
        url = super().start()
        try:
            # no proxy: the simulator is local, whatever the environment's proxy settings say
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            with opener.open(url + '/_control/state', timeout=10) as answer:
                self.ssh_port = json.load(answer)['ssh_port']
        except (OSError, ValueError, KeyError) as ex:
            self.stop()
            raise ToolError('the CloudsFor simulator did not tell its SSH port: %s' % ex) from ex
        return url


def integration_config(main, fleet=(), installatron=None, cloudillo=None, cloudsfor=None):
    """Return the content of tests/integration/integration_config.yml for the running simulators.

    ``main`` serves the per-module targets; each of ``fleet`` is a further independent server, with the raw
    address it answers on before provisioning, for the bootstrap and fleet tests; ``installatron`` serves the
    Installatron targets; ``cloudillo`` the Cloudillo ones (one listener per tenant, the admin tenant first);
    ``cloudsfor`` (a ``CloudsForSimulator``) the CloudsFor ones.
    """
    lines = ['---', '# Written by tools/test.py for this run only.', 'sim_url: %s' % main.url, 'sim_setup_url: %s' % main.setup_url,
             'sim_token: %s' % READ_WRITE_TOKEN, 'sim_readonly_token: %s' % READ_ONLY_TOKEN, 'sim_fleet:']
    lines += ['  - {url: "%s", setup_url: "%s"}' % (server.url, server.setup_url) for server in fleet]
    if not fleet:
        lines[-1] += ' []'
    # the stand-in for the Cloudron installer step of the role cloudron_on_cloudsfor (tests/simulator/README.md)
    lines.append('sim_cloudron_installer: %s' % os.path.join(main.collection_path, 'tests', 'simulator', 'cloudron_installer.yml'))
    if installatron is not None:
        lines += ['installatron_url: %s' % installatron.url, 'installatron_key: %s' % INSTALLATRON_KEYS[0],
                  'installatron_key2: %s' % INSTALLATRON_KEYS[1]]
    if cloudillo is not None:
        lines += ['cloudillo_url: %s' % cloudillo.listeners[CLOUDILLO_ADMIN], 'cloudillo_id_tag: %s' % CLOUDILLO_ADMIN,
                  'cloudillo_control: %s' % cloudillo.url, 'cloudillo_tenants:']
        lines += ['  %s: %s' % (name, url) for name, url in cloudillo.listeners.items()]
        lines += ['cloudillo_key: %s' % CLOUDILLO_KEY, 'cloudillo_password: %s' % CLOUDILLO_PASSWORD]
    if cloudsfor is not None:
        lines += ['cloudsfor_url: %s/api/v1' % cloudsfor.url, 'cloudsfor_control: %s' % cloudsfor.url,
                  'cloudsfor_user: %s' % CLOUDSFOR_USER, 'cloudsfor_password: %s' % CLOUDSFOR_PASSWORD,
                  'cloudsfor_ssh_port: %d' % cloudsfor.ssh_port]
    return '\n'.join(lines) + '\n'

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run this collection's modules inside the controller's worker process when they would run on the
controller anyway (``connection: local``).

Every module talks to an HTTP API from wherever it runs, so on a local connection the new interpreter,
the packaged module and its file under ``~/.ansible/tmp`` (holding the token in clear text while it
runs) are pure cost. In process, the module's own ``main()`` runs against ``AnsibleModule`` exactly as
it would remotely: the same argument encoding and validation, ``no_log`` masking, check and diff mode,
warnings and deprecations, and the same decoding of its result. Anything else (another connection,
``become``, ``async``, a controller without ``requests``, or ``selfhosted_platforms_in_process: false``)
runs the module the usual way.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import traceback

from ansible.module_utils import basic
from ansible.module_utils.common import warnings as module_warnings
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

try:  # ansible-core 2.19 and later encode module arguments and results with a serialization profile
    from ansible.module_utils.common.json import Direction, get_module_encoder
    PROFILE = "legacy"
except ImportError:  # ansible-core 2.16 to 2.18
    Direction = get_module_encoder = None
    PROFILE = None

try:  # up to ansible-core 2.20; from 2.21 the task result the action decodes removes them itself
    from ansible.vars.clean import remove_internal_keys
except ImportError:
    remove_internal_keys = None

from ansible_collections.selfhosted.platforms.plugins.module_utils.common import runner

SWITCH = "selfhosted_platforms_in_process"
COLLECTION = "selfhosted.platforms"
display = Display()


def _encoded_args(module_args):
    """The arguments as a module receives them (``ANSIBLE_MODULE_ARGS``, encoded as the remote path does)."""
    wrapped = {"ANSIBLE_MODULE_ARGS": module_args}
    if get_module_encoder is None:
        from ansible.parsing.ajson import AnsibleJSONEncoder
        return json.dumps(wrapped, cls=AnsibleJSONEncoder).encode("utf-8")
    return json.dumps(wrapped, cls=get_module_encoder(PROFILE, Direction.CONTROLLER_TO_MODULE)).encode("utf-8")


class InProcessAction(ActionBase):
    """The action plugin of every module of the collection (each module has a one-line subclass)."""

    _VALID_ARGS = frozenset()  # the module validates its own arguments
    # The result key of a secret the server shows once (a new token, password or key). A result carrying it is marked
    # no_log: callbacks (-v, AWX job events) then show the censored result, while register still receives the secret,
    # the only copy there is.
    secret_result = None

    def __init_subclass__(cls, **kwargs):
        # Ansible loads action plugins in its main process before it forks a worker per task and host, so a
        # module imported here is imported once for the whole run instead of once per worker.
        super().__init_subclass__(**kwargs)
        importlib.import_module(cls.__module__.replace(".plugins.action.", ".plugins.modules."))

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super().run(tmp, task_vars)
        reason = self._remote_reason(task_vars)
        if reason:
            display.vvv("%s: running the module the usual way: %s" % (self._task.action, reason))
            result.update(self._execute_module(task_vars=task_vars))
        else:
            result.update(self._run_in_process(task_vars))
        if self.secret_result and result.get(self.secret_result) is not None:
            result["_ansible_no_log"] = True
        return result

    # -- where to run ---------------------------------------------------------------------------

    def _remote_reason(self, task_vars):
        """Why the module must run the usual way, or None when it may run in this process."""
        if not boolean(self._templar.template(task_vars.get(SWITCH, True)), strict=False):
            return "%s is false" % SWITCH
        transport = getattr(self._connection, "transport", None) or getattr(self._connection, "_load_name", "")
        if not str(transport).endswith("local"):
            return "the connection is %s, not local" % transport
        if self._play_context.become:
            return "become is set"
        if self._task.async_val:
            return "the task is async"
        from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HAS_REQUESTS
        if not HAS_REQUESTS:
            return "the controller's Python lacks requests"
        return None

    # -- in process --------------------------------------------------------------------------------

    def _module_name(self):
        name = getattr(self._task, "resolved_action", None) or self._task.action
        return name.split(".")[-1]

    def _run_in_process(self, task_vars):
        name = self._module_name()
        self._host = task_vars.get("inventory_hostname", "")
        module_args = dict(self._task.args)
        self._update_module_args("%s.%s" % (COLLECTION, name), module_args, task_vars)
        stdout = io.StringIO()
        with self._module_environment():
            basic._ANSIBLE_ARGS = _encoded_args(module_args)
            if PROFILE is not None:
                basic._ANSIBLE_PROFILE = PROFILE
            module_warnings._global_warnings.clear()
            module_warnings._global_deprecations.clear()
            runner.progress_sink = self._progress
            try:
                with contextlib.redirect_stdout(stdout):
                    importlib.import_module("ansible_collections.selfhosted.platforms.plugins.modules.%s" % name).main()
            except SystemExit:
                pass  # exit_json and fail_json end the module this way, after printing its result
            except Exception as exc:  # a bug: report it as a remote run would, with its traceback
                return {"failed": True, "msg": "MODULE FAILURE: %s: %s" % (exc.__class__.__name__, exc),
                        "exception": traceback.format_exc()}
            finally:
                runner.progress_sink = None
                basic._ANSIBLE_ARGS = None
        return self._decoded(stdout.getvalue())

    @contextlib.contextmanager
    def _module_environment(self):
        """The task's ``environment:`` as the module would see it (its options fall back to environment variables)."""
        wanted = {}
        self._compute_environment_string(wanted)
        saved = dict(os.environ)
        os.environ.update((key, str(value)) for key, value in wanted.items())
        try:
            yield
        finally:
            os.environ.clear()
            os.environ.update(saved)

    def _decoded(self, stdout):
        """The module's printed result, decoded and cleaned as ``ActionBase._execute_module`` does."""
        raw = {"rc": 0, "stdout": stdout, "stdout_lines": stdout.splitlines(), "stderr": "", "stderr_lines": []}
        parsed = self._parse_returned_data(raw) if PROFILE is None else self._parse_returned_data(raw, PROFILE)
        if hasattr(parsed, "as_result_dict"):  # ansible-core 2.21: a unified task result
            parsed.remove_internal_keys()
            return parsed.as_result_dict(for_round_trip=True)
        remove_internal_keys(parsed)
        return parsed

    def _progress(self, line):
        """Live progress of a long wait, shown at default verbosity."""
        display.display("%s [%s]: %s" % (self._module_name(), self._host, line))

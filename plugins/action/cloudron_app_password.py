# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.plugin_utils.in_process import InProcessAction


class ActionModule(InProcessAction):
    """Runs selfhosted.platforms.cloudron_app_password in the controller's worker when the connection is local.

    A result that carries a new secret is marked ``no_log``: callbacks (``-v``, AWX job events) then show the censored
    result, while ``register`` still receives the secret, the only copy there is.
    """

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        if result.get("password") is not None:
            result["_ansible_no_log"] = True
        return result

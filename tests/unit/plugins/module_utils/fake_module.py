# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A stand-in for ``AnsibleModule`` in unit tests: the part the runner uses, ending with an exception."""

from __future__ import annotations


class ModuleExit(SystemExit):
    """What ``exit_json`` raises, with the result."""

    def __init__(self, result):
        super().__init__(0)
        self.result = result


class ModuleFail(SystemExit):
    """What ``fail_json`` raises, with the result."""

    def __init__(self, result):
        super().__init__(1)
        self.result = result


class FakeModule:
    """The part of ``AnsibleModule`` the runner uses."""

    def __init__(self, params, check_mode=False, diff=False):
        self.params = params
        self.check_mode = check_mode
        self._diff = diff
        self.warnings = []

    def warn(self, warning):
        self.warnings.append(warning)

    def exit_json(self, **result):
        raise ModuleExit(result)

    def fail_json(self, **result):
        raise ModuleFail(result)

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.plugin_utils.in_process import InProcessAction


class ActionModule(InProcessAction):
    """Runs selfhosted.platforms.cloudsfor_distro_info in the controller's worker when the connection is local."""

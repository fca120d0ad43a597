# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The user agent names the released version."""

from __future__ import annotations

import os
import re

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import USER_AGENT
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.version import COLLECTION_VERSION

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", ".."))


def test_version_matches_galaxy_yml():
    with open(os.path.join(ROOT, "galaxy.yml")) as handle:
        declared = re.search(r"^version:\s*(\S+)\s*$", handle.read(), re.M).group(1)
    assert COLLECTION_VERSION == declared
    assert USER_AGENT == "selfhosted.platforms/%s" % declared

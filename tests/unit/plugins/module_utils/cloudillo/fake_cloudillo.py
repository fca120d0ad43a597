# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A scripted Cloudillo tenant on ``fake_http.FakeServer``: enveloped and bare answers, both error shapes."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.client import CloudilloClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.context import CloudilloContext

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

ID_TAG = "alice.example"
BASE = "https://cl-o.alice.example"
KEY = "cl_UnitKey7c1d9e2f4a6b"


def env(data, status=200, **extra):
    """An enveloped answer."""
    return (status, dict({"data": data, "time": "2026-01-01T00:00:00Z", "reqId": ""}, **extra))


def error(status, code, message, **details):
    body = {"error": {"code": code, "message": message}}
    if details:
        body["error"]["details"] = details
    return (status, body)


def make(password=None, check_mode=False, **params):
    """A context built as the modules build it (``from_params``) on a fake tenant, and the fake."""
    given = {"id_tag": ID_TAG, "api_url": None, "api_key": None if password else KEY, "password": password,
             "validate_certs": True, "ca_path": None, "request_timeout": 30.0}
    given.update(params)
    client = CloudilloClient.from_params(given, sleep=lambda seconds: None)
    server = mount(client.http, FakeServer(BASE))
    return CloudilloContext(client, check_mode=check_mode), server


def paths(server):
    return ["%s %s" % (entry[0], entry[1]) for entry in server.log]

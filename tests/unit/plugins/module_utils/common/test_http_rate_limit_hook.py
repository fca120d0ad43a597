# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The transport's hook for a platform's own rate-limit headers: used for a 429 without Retry-After, and nowhere else."""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient, backoff_delay

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

BASE = "https://my.example.com/api/v1"
LIMITED = {"status": "Too Many Requests", "message": "slow down"}


def client(sleeps, hook=None):
    seen = []

    def recording(headers):
        seen.append(dict(headers))
        return hook(headers)

    http = HttpClient(BASE, auth=BearerAuth("t"), sleep=sleeps.append, rand=lambda: 0.5,
                      rate_limit_wait=recording if hook else None)
    return http, mount(http, FakeServer()), seen


def test_a_429_without_retry_after_waits_what_the_hook_reads_from_the_headers():
    sleeps = []
    http, server, seen = client(sleeps, lambda headers: float(headers.get("X-Reset-In")))
    server.on("POST", "/things", (429, LIMITED, {"X-Reset-In": "7"}), (201, {"id": 1}))
    assert http.request("POST", "/things", body={}).status == 201
    assert sleeps == [7.0] and seen[0]["X-Reset-In"] == "7"
    assert http.retry_report() == {"count": 1, "last_reason": "POST /things: 429", "waited": 7.0}


def test_retry_after_wins_over_the_hook():
    sleeps = []
    http, server, seen = client(sleeps, lambda headers: 7.0)
    server.on("GET", "/things", (429, LIMITED, {"Retry-After": "3"}), (200, {}))
    http.request("GET", "/things")
    assert sleeps == [3.0] and seen == []


def test_a_hook_that_finds_nothing_leaves_the_usual_backoff():
    sleeps = []
    http, server, _seen = client(sleeps, lambda headers: None)
    server.on("GET", "/things", (429, LIMITED), (200, {}))
    http.request("GET", "/things")
    assert sleeps == [backoff_delay(0, lambda: 0.5)]


def test_the_hook_is_not_asked_about_a_503():
    sleeps = []
    http, server, seen = client(sleeps, lambda headers: 7.0)
    server.on("GET", "/things", (503, "busy"), (200, {}))
    http.request("GET", "/things")
    assert seen == [] and sleeps == [backoff_delay(0, lambda: 0.5)]


def test_a_hook_wait_beyond_the_cap_is_reported_not_shortened():
    sleeps = []
    http, server, _seen = client(sleeps, lambda headers: 3600.0)
    server.on("GET", "/things", (429, LIMITED))
    response = http.request("GET", "/things")
    assert response.status == 429 and sleeps == [] and len(server.log) == 1
    assert "asked to retry after 3600s, longer than the 30s" in str(response.error("slow down"))


def test_without_a_hook_a_429_without_retry_after_backs_off_as_before():
    sleeps = []
    http, server, _seen = client(sleeps)
    server.on("GET", "/things", (429, LIMITED, {"RateLimit-Reset": "9999999999"}), (200, {}))
    http.request("GET", "/things")
    assert sleeps == [backoff_delay(0, lambda: 0.5)]

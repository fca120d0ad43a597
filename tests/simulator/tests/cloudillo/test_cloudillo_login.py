# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Password login, token refresh, the auth bucket and the ban, with their switches."""

import time

import pytest

pytest.register_assert_rewrite("csim")

from csim import ADMIN, ADMIN_KEY, PASSWORD  # noqa: E402

pytest_plugins = ["csim"]


def test_login_answer(csim):
    result = csim.login()
    assert result.status == 200
    data = result.data
    assert set(data) == {"tnId", "idTag", "roles", "token", "name", "profilePic", "settings"}
    assert data["tnId"] == 1 and data["idTag"] == ADMIN and "SADM" in data["roles"] and "leader" in data["roles"]
    assert data["token"].count(".") == 2


def test_wrong_password_or_id_tag_is_403_noperm(csim):
    assert csim.login(password="nope").code == (403, "E-AUTH-NOPERM")
    assert csim.login(id_tag="alice.example").code == (403, "E-AUTH-NOPERM")
    assert csim.state()["failures"] == {"127.0.0.1": 2}


def test_failed_login_waits_for_the_delay_switch(csim):
    csim.control("POST", "/switches", {"login_failure_delay_ms": 300})
    started = time.monotonic()
    assert csim.login(password="nope").status == 403
    assert time.monotonic() - started >= 0.3


def test_login_token_refresh(csim):
    assert csim.call("GET", "/api/auth/login-token", key=None).body["data"] is None
    refreshed = csim.call("GET", "/api/auth/login-token").data
    assert refreshed["idTag"] == ADMIN and refreshed["token"].count(".") == 2


def test_burst_then_429_with_retry_after(csim):
    statuses = [csim.login().status for _attempt in range(10)]
    assert statuses == [200] * 10
    result = csim.login()
    assert result.code == (429, "E-RATE-LIMITED")
    assert result.body["error"]["details"] == {"level": "ipv4_individual", "retryAfter": 1}
    assert result.response.getheader("Retry-After") == "1"
    assert result.response.getheader("X-RateLimit-Level") == "ipv4_individual"
    # authenticated API routes are not limited
    assert csim.call("GET", "/api/settings").status == 200


def test_hourly_bucket_switch(csim):
    csim.control("POST", "/switches", {"login_per_hour": 3})
    for _attempt in range(3):
        assert csim.login().status == 200
        csim.control("POST", "/clock", {"advance": 1})
    result = csim.login()
    assert result.status == 429 and result.body["error"]["details"]["retryAfter"] > 1000
    csim.control("POST", "/clock", {"advance": 1200})
    assert csim.login().status == 200


def test_ban_after_failures_limited_scope(csim):
    csim.control("POST", "/switches", {"ban_after_failures": 3})
    for _attempt in range(3):
        assert csim.login(password="bad").status == 403
        csim.control("POST", "/clock", {"advance": 1})
    result = csim.login()
    assert result.code == (403, "E-RATE-BANNED")
    assert 3590 <= result.body["error"]["details"]["remainingSecs"] <= 3600
    assert "blocked" in result.body["error"]["message"]
    # the ban is checked by the rate limiter only: key-authenticated routes still work
    assert csim.call("GET", "/api/settings").status == 200
    csim.control("POST", "/clock", {"advance": 3600})
    assert csim.login().status == 200


def test_ban_scope_all(csim):
    csim.control("POST", "/switches", {"ban_after_failures": 1, "ban_scope": "all"})
    csim.login(password="bad")
    assert csim.call("GET", "/api/settings").code == (403, "E-RATE-BANNED")
    assert csim.state()["bans"]


def test_default_ban_needs_twenty_failures(csim):
    for _attempt in range(19):
        csim.login(password="bad")
        csim.control("POST", "/clock", {"advance": 1})
    assert csim.login(password=PASSWORD).status == 200
    csim.control("POST", "/clock", {"advance": 1})
    assert csim.login(password="bad").status == 403
    csim.control("POST", "/clock", {"advance": 1})
    assert csim.login().code == (403, "E-RATE-BANNED")
    assert csim.call("GET", "/api/auth/api-keys", key=ADMIN_KEY).status == 200

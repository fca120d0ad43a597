# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The rate limit window: headers (switch ratelimit_headers) and 429 without Retry-After."""

import time

import pytest

pytest.register_assert_rewrite("cfsim")

pytest_plugins = ["cfsim"]

NAMES = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")


def _headers(result):
    return {name: result.response.getheader(name) for name in NAMES}


def test_no_headers_by_default(cf):
    assert _headers(cf.call("GET", "/account")) == dict.fromkeys(NAMES)


def test_headers_on_every_answer_with_the_switch(cf):
    cf.switches(ratelimit_headers=True)
    first = _headers(cf.call("GET", "/account"))
    second = _headers(cf.call("GET", "/nothing"))
    third = _headers(cf.call("GET", "/account", auth=None))
    assert first["RateLimit-Limit"] == "5000"
    assert int(first["RateLimit-Remaining"]) - 1 == int(second["RateLimit-Remaining"]) == int(third["RateLimit-Remaining"]) + 1
    assert 0 < int(first["RateLimit-Reset"]) - time.time() <= 3601


def test_a_used_up_window_is_429_without_retry_after_until_it_resets(cf):
    answer = cf.control("POST", "/ratelimit", {"remaining": 2, "reset_in": 0.8})["ratelimit"]
    assert answer["armed"] is True and answer["remaining"] == 2
    assert [cf.call("GET", "/account").status for _index in range(2)] == [200, 200]
    refused = cf.call("GET", "/account")
    assert refused.status == 429
    assert refused.body == {"id": "too_many_requests", "message": "API Rate limit exceeded."}
    assert refused.response.getheader("Retry-After") is None
    headers = _headers(refused)
    assert headers["RateLimit-Remaining"] == "0" and int(headers["RateLimit-Reset"]) >= answer["reset"] - 1
    assert cf.call("POST", "/vms", {}).status == 429     # every route, and nothing is checked or done
    assert cf.requests()[-1]["status"] == 429
    time.sleep(max(0.0, answer["reset_at"] - time.time()) + 0.05)
    passed = cf.call("GET", "/account")
    assert passed.status == 200 and passed.response.getheader("RateLimit-Limit") is None
    assert cf.state()["ratelimit"]["armed"] is False


@pytest.mark.parametrize("body", [{"remaining": 1}, {"reset_in": 5}, {"remaining": -1, "reset_in": 5},
                                  {"remaining": 1, "reset_in": 0}, {"remaining": "1", "reset_in": 5}])
def test_bad_ratelimit_bodies(cf, body):
    cf.control("POST", "/ratelimit", body, status=400)


def test_reset_disarms(cf):
    cf.control("POST", "/ratelimit", {"remaining": 0, "reset_in": 60})
    assert cf.call("GET", "/account").status == 429
    cf.control("POST", "/reset", {})
    assert cf.call("GET", "/account").status == 200

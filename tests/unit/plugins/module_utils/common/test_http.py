# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The transport: auth, verify, redirects, retries and what is never retried."""

from __future__ import annotations

import socket
import ssl

import pytest
import requests
import urllib3.exceptions as urllib3_exceptions
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ProtocolError, ReadTimeoutError

from ansible_collections.selfhosted.platforms.plugins.module_utils.common import http as _http
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import (
    ApiError, ConfigError, TransportError, body_text, capped_body,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import (
    HttpClient, backoff_delay, connection_options, never_sent, parse_base_url, parse_retry_after, plain_http_warning, tls_problem,
)

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, dropped, mount, refused

try:
    from urllib3.exceptions import NameResolutionError
except ImportError:  # urllib3 before 2.0 reports a failed name lookup as a plain NewConnectionError
    NameResolutionError = None

BASE = "https://my.example.com/api/v1"


def client(sleeps=None, **kwargs):
    http = HttpClient(BASE, auth=BearerAuth("s3cret-token"), sleep=(sleeps.append if sleeps is not None else lambda s: None),
                      rand=lambda: 0.5, **kwargs)
    return http, mount(http, FakeServer())


def test_token_goes_in_the_authorization_header_only(tmp_path, monkeypatch):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine my.example.com login someone password other\n")
    monkeypatch.setenv("NETRC", str(netrc))
    http, server = client()
    server.on("GET", "/users", (200, {"users": []}))
    http.request("GET", "/users", params={"search": "x"})
    _method, path, headers, _body, _verify = server.log[0]
    assert headers["Authorization"] == "Bearer s3cret-token"
    assert "s3cret-token" not in path
    assert headers["User-Agent"].startswith("selfhosted.platforms/")
    assert "s3cret" not in repr(http.session.auth)


def test_verify_is_passed_on_every_request():
    http, server = client(ca_path="/etc/private-ca.pem")
    server.on("GET", "/a", (200, {}))
    http.request("GET", "/a")
    assert server.log[0][4] == "/etc/private-ca.pem"
    http, server = client(validate_certs=False)
    server.on("PUT", "/b", (200, {}))
    http.request("PUT", "/b", body={})
    assert server.log[0][4] is False


def test_writes_do_not_follow_redirects():
    http, server = client()
    server.on("POST", "/users", (301, "", {"Location": "https://my.example.com/api/v1/users/"}))
    with pytest.raises(ApiError) as info:
        http.request("POST", "/users", body={"email": "a@b.c"})
    assert info.value.status == 301
    assert "redirected to https://my.example.com/api/v1/users/" in str(info.value)
    assert len(server.log) == 1


def test_reads_follow_redirects_within_the_same_origin_only():
    http, server = client()
    server.on("GET", "/users", (302, "", {"Location": "/api/v1/users/all"}))
    server.on("GET", "/users/all", (200, {"users": []}))
    assert http.request("GET", "/users").json == {"users": []}
    server.on("GET", "/apps", (302, "", {"Location": "https://login.example.net/sso?next=/apps"}))
    with pytest.raises(ApiError) as info:
        http.request("GET", "/apps")
    assert "https://my.example.com/api/v1/apps" in str(info.value)
    assert "https://login.example.net/sso" in str(info.value)
    assert not any("login.example.net" in entry[1] for entry in server.log)


def test_idempotent_requests_retry_5xx_with_backoff():
    sleeps = []
    http, server = client(sleeps)
    server.on("GET", "/users", (503, "busy"), (502, "bad gateway"), (200, {"users": []}))
    response = http.request("GET", "/users")
    assert response.status == 200
    assert len(server.log) == 3
    assert sleeps == [backoff_delay(0, lambda: 0.5), backoff_delay(1, lambda: 0.5)]


def test_retries_stop_after_the_attempt_limit():
    http, server = client([])
    server.on("GET", "/users", (503, "busy"))
    assert http.request("GET", "/users").status == 503
    assert len(server.log) == _http.MAX_ATTEMPTS


def test_post_is_not_retried_on_5xx():
    http, server = client([])
    server.on("POST", "/users", (503, "busy"), (201, {"id": "uid-1"}))
    assert http.request("POST", "/users", body={}).status == 503
    assert len(server.log) == 1


def test_429_is_retried_for_post_honouring_retry_after():
    sleeps = []
    http, server = client(sleeps)
    server.on("POST", "/users", (429, {"status": "Too Many Requests", "message": "slow down"}, {"Retry-After": "12"}),
              (201, {"id": "uid-1"}))
    assert http.request("POST", "/users", body={}).json == {"id": "uid-1"}
    assert sleeps == [12.0]
    assert http.retry_report() == {"count": 1, "last_reason": "POST /users: 429", "waited": 12.0}


def test_a_retry_after_beyond_the_cap_is_reported_not_shortened():
    sleeps = []
    http, server = client(sleeps)
    server.on("GET", "/users", (429, {"status": "Too Many Requests", "message": "slow down"}, {"Retry-After": "3600"}))
    response = http.request("GET", "/users")
    assert response.status == 429 and sleeps == [] and len(server.log) == 1
    error = response.error("slow down")
    assert "asked to retry after 3600s, longer than the 30s" in str(error)


def test_dropped_post_is_not_repeated_and_says_it_may_have_been_applied():
    http, server = client([])
    server.on("POST", "/users", dropped(), (201, {"id": "uid-1"}))
    with pytest.raises(TransportError) as info:
        http.request("POST", "/users", body={})
    assert info.value.maybe_applied is True
    assert len(server.log) == 1


def test_refused_connection_is_retried_for_any_method():
    http, server = client([])
    server.on("POST", "/users", refused(), (201, {"id": "uid-1"}))
    assert http.request("POST", "/users", body={}).status == 201
    assert len(server.log) == 2


def test_dropped_get_is_retried():
    http, server = client([])
    server.on("GET", "/users", dropped(), (200, {"users": []}))
    assert http.request("GET", "/users").status == 200


def test_non_json_bodies_are_summarised():
    http, server = client()
    server.on("GET", "/x", (502, "<html><body><h1>502 Bad Gateway</h1> nginx</body></html>"))
    response = http.request("GET", "/x")
    assert response.json is None
    assert response.summary() == "502 Bad Gateway nginx"


@pytest.mark.parametrize("value,expected", [
    ("5", 5.0), ("0", 0.0), ("999", 999.0), (None, None), ("soon", None),
    ("Wed, 21 Oct 2015 07:28:10 GMT", 10.0),
])
def test_parse_retry_after(value, expected):
    now = 1445412480.0  # 07:28:00 that day
    assert parse_retry_after(value, now=now) == expected


def test_backoff_is_capped_and_jittered():
    assert backoff_delay(0, lambda: 0.0) == _http.BACKOFF_BASE / 2
    assert backoff_delay(20, lambda: 1.0) == _http.BACKOFF_CAP


# -- TLS failures ---------------------------------------------------------------------------------


def _tls_failure(ssl_error):
    """A TLS failure as requests raises it: SSLError around urllib3's MaxRetryError, raised from urllib3's SSLError."""
    wrapped = urllib3_exceptions.SSLError(ssl_error)
    wrapped.__context__ = ssl_error
    pool_error = urllib3_exceptions.MaxRetryError(pool=None, url="/api/v1/users", reason=wrapped)
    pool_error.__cause__ = wrapped
    error = requests.exceptions.SSLError(pool_error)
    error.__context__ = pool_error
    return error


def _verify_failure(code, message):
    """What the ssl module raises when certificate verification fails with OpenSSL's ``code``."""
    error = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: %s (_ssl.c:1006)" % message)
    error.verify_code = code
    error.verify_message = message
    error.reason = "CERTIFICATE_VERIFY_FAILED"
    error.library = "SSL"
    return error


def _handshake_failure(reason):
    """What the ssl module raises when the handshake breaks with OpenSSL's ``reason``."""
    error = ssl.SSLError(1, "[SSL: %s] %s (_ssl.c:1006)" % (reason, reason.lower().replace("_", " ")))
    error.reason = reason
    error.library = "SSL"
    return error


def hostname_mismatch():
    return _tls_failure(_verify_failure(62, "Hostname mismatch, certificate is not valid for 'my.example.com'."))


def self_signed_in_chain():
    return _tls_failure(_verify_failure(19, "self-signed certificate in certificate chain"))


def unknown_issuer():
    return _tls_failure(_verify_failure(20, "unable to get local issuer certificate"))


def plain_http_port():
    return _tls_failure(_handshake_failure("WRONG_VERSION_NUMBER"))


def eof_during_handshake():
    return _tls_failure(_handshake_failure("UNEXPECTED_EOF_WHILE_READING"))


TLS_FAILURES = [
    pytest.param(hostname_mismatch, "hostname", ("certificate is for another host name",), id="hostname-mismatch"),
    pytest.param(self_signed_in_chain, "certificate", ("set ca_path", "validate_certs=false"), id="self-signed"),
    pytest.param(unknown_issuer, "certificate", ("set ca_path", "validate_certs=false"), id="unknown-issuer"),
    pytest.param(plain_http_port, "plain-http", ("the URL says https://", "answers plain HTTP on that port"), id="plain-http"),
    pytest.param(eof_during_handshake, "other", ("the TLS handshake failed",), id="other"),
]


@pytest.mark.parametrize("method,safe", [("GET", None), ("PUT", None), ("DELETE", None), ("POST", None), ("POST", True)])
@pytest.mark.parametrize("failure,problem,phrases", TLS_FAILURES)
def test_tls_failures_are_never_retried_and_say_what_is_wrong(failure, problem, phrases, method, safe):
    exc = failure()
    http, server = client([])
    server.on(method, "/users", exc, (200, {"users": []}))
    with pytest.raises(TransportError) as info:
        http.request(method, "/users", body=None if method in ("GET", "DELETE") else {}, safe=safe)
    assert tls_problem(exc) == problem
    assert len(server.log) == 1
    assert http.retries == [] and http.retry_report() is None
    assert str(info.value).startswith("%s https://my.example.com/api/v1/users failed: " % method)
    for phrase in phrases:
        assert phrase in info.value.message
    assert str(exc) in info.value.message


def test_a_hostname_mismatch_does_not_send_the_user_to_ca_path():
    http, server = client([])
    server.on("GET", "/users", hostname_mismatch())
    with pytest.raises(TransportError) as info:
        http.request("GET", "/users")
    assert "ca_path" not in info.value.message
    assert "use the host name the certificate names in the URL" in info.value.message


def test_an_ip_address_the_certificate_does_not_name_is_a_host_name_problem():
    exc = _tls_failure(_verify_failure(64, "IP address mismatch, certificate is not valid for '10.0.0.5'."))
    assert tls_problem(exc) == "hostname"


@pytest.mark.parametrize("failure", [hostname_mismatch, self_signed_in_chain, plain_http_port])
def test_a_failed_tls_handshake_says_the_post_was_not_applied(failure):
    http, server = client([])
    server.on("POST", "/users", failure())
    with pytest.raises(TransportError) as info:
        http.request("POST", "/users", body={})
    assert info.value.maybe_applied is False


@pytest.mark.parametrize("link", ["reason", "__cause__", "__context__", "args"])
def test_tls_problems_are_found_through_every_link_of_the_cause_chain(link):
    inner = _verify_failure(62, "Hostname mismatch")
    if link == "args":
        outer = requests.exceptions.SSLError(urllib3_exceptions.SSLError(inner))
    else:
        middle = urllib3_exceptions.HTTPError("handshake failed")
        setattr(middle, link, inner)
        outer = requests.exceptions.SSLError(middle)
    assert tls_problem(outer) == "hostname"


def test_tls_problem_of_other_failures():
    assert tls_problem(requests.exceptions.SSLError("handshake failed")) == "other"
    assert tls_problem(refused()) is None
    assert tls_problem(dropped()) is None
    assert tls_problem(requests.exceptions.ReadTimeout("read timed out")) is None


def test_a_cause_chain_that_loops_back_on_itself_ends():
    first = requests.exceptions.ConnectionError("first")
    second = ProtocolError("second", first)
    first.__context__ = second
    assert _http._causes(first) == [first, second]
    assert never_sent(first) is False


# -- connection failures, classified by exception type ------------------------------------------


def _as_pool_error(requests_class, reason):
    """``reason`` as requests raises it after urllib3 gave up: around a MaxRetryError raised from it."""
    pool_error = urllib3_exceptions.MaxRetryError(pool=None, url="/api/v1/users", reason=reason)
    pool_error.__cause__ = reason
    error = requests_class(pool_error)
    error.__context__ = pool_error
    return error


def connection_refused():
    return _as_pool_error(requests.exceptions.ConnectionError,
                          NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused"))


def name_not_resolved():
    return _as_pool_error(requests.exceptions.ConnectionError,
                          NameResolutionError("my.example.com", None, socket.gaierror(-2, "Name or service not known")))


def urllib3_connect_timeout():
    return requests.exceptions.ConnectionError(ConnectTimeoutError(None, "Connection to my.example.com timed out. (connect timeout=30.0)"))


def proxy_refused_the_tunnel():
    return _as_pool_error(requests.exceptions.ProxyError,
                          urllib3_exceptions.ProxyError("Unable to connect to proxy",
                                                        OSError("Tunnel connection failed: 407 Proxy Authentication Required")))


def requests_connect_timeout():
    return requests.exceptions.ConnectTimeout("connect timed out")


def connection_reset_after_send():
    return requests.exceptions.ConnectionError(ProtocolError("Connection aborted.", ConnectionResetError(104, "Connection reset by peer")))


def read_timeout():
    return requests.exceptions.ReadTimeout(ReadTimeoutError(None, "/api/v1/users", "Read timed out. (read timeout=30.0)"))


NEVER_SENT = [
    pytest.param(connection_refused, "ConnectionError", id="new-connection-error"),
    pytest.param(urllib3_connect_timeout, "ConnectionError", id="urllib3-connect-timeout"),
    pytest.param(proxy_refused_the_tunnel, "ProxyError", id="proxy-error"),
    pytest.param(requests_connect_timeout, "ConnectTimeout", id="requests-connect-timeout"),
]
if NameResolutionError is not None:
    NEVER_SENT.append(pytest.param(name_not_resolved, "ConnectionError", id="name-resolution-error"))

MAYBE_APPLIED = [
    pytest.param(connection_reset_after_send, id="protocol-error"),
    pytest.param(read_timeout, id="read-timeout"),
]


@pytest.mark.parametrize("failure,name", NEVER_SENT)
def test_a_request_that_never_left_is_never_sent(failure, name):
    assert never_sent(failure()) is True
    assert failure().__class__.__name__ == name


@pytest.mark.parametrize("failure,name", NEVER_SENT)
def test_a_post_that_never_left_is_retried(failure, name):
    sleeps = []
    http, server = client(sleeps)
    server.on("POST", "/users", failure(), (201, {"id": "uid-1"}))
    assert http.request("POST", "/users", body={"email": "a@b.c"}).json == {"id": "uid-1"}
    assert len(server.log) == 2
    assert sleeps == [backoff_delay(0, lambda: 0.5)]
    assert http.retry_report() == {"count": 1, "last_reason": "POST /users: %s" % name, "waited": 0.4}


@pytest.mark.parametrize("failure,name", NEVER_SENT)
def test_a_post_that_never_left_reports_it_was_not_applied_when_retries_run_out(failure, name):
    http, server = client([])
    server.on("POST", "/users", failure())
    with pytest.raises(TransportError) as info:
        http.request("POST", "/users", body={})
    assert info.value.maybe_applied is False
    assert len(server.log) == _http.MAX_ATTEMPTS
    assert http.retry_report()["count"] == _http.MAX_ATTEMPTS - 1
    assert http.retry_report()["last_reason"] == "POST /users: %s" % name


@pytest.mark.parametrize("failure", MAYBE_APPLIED)
def test_a_request_that_may_have_arrived_is_not_never_sent(failure):
    assert never_sent(failure()) is False


@pytest.mark.parametrize("failure", MAYBE_APPLIED)
def test_a_post_that_may_have_been_applied_is_not_retried(failure):
    http, server = client([])
    server.on("POST", "/users", failure(), (201, {"id": "uid-1"}))
    with pytest.raises(TransportError) as info:
        http.request("POST", "/users", body={})
    assert info.value.maybe_applied is True
    assert len(server.log) == 1
    assert http.retry_report() is None


@pytest.mark.parametrize("failure", MAYBE_APPLIED)
def test_a_get_that_may_have_arrived_is_retried(failure):
    http, server = client([])
    server.on("GET", "/users", failure(), (200, {"users": []}))
    assert http.request("GET", "/users").json == {"users": []}
    assert len(server.log) == 2


@pytest.mark.parametrize("failure", MAYBE_APPLIED)
def test_a_get_that_keeps_failing_after_sending_reports_it_may_have_been_applied(failure):
    http, server = client([])
    server.on("GET", "/users", failure())
    with pytest.raises(TransportError) as info:
        http.request("GET", "/users")
    assert info.value.maybe_applied is True
    assert len(server.log) == _http.MAX_ATTEMPTS


def test_a_read_timeout_message_suggests_raising_request_timeout():
    http, server = client([])
    server.on("POST", "/users", read_timeout())
    with pytest.raises(TransportError) as info:
        http.request("POST", "/users", body={})
    assert info.value.message == "timed out (ReadTimeout); raise request_timeout if the server is slow"


@pytest.mark.parametrize("failure", [
    pytest.param(lambda: requests.exceptions.ConnectionError(
        ProtocolError("Failed to establish a new connection: [Errno 111] Connection refused", ConnectionResetError(104, "reset"))),
        id="protocol-error"),
    pytest.param(lambda: requests.exceptions.ReadTimeout(
        ReadTimeoutError(None, "/api/v1/users", "NewConnectionError: Failed to establish a new connection: Connection refused")),
        id="read-timeout"),
    pytest.param(lambda: requests.exceptions.ConnectionError("Max retries exceeded (Caused by NewConnectionError: Connection refused)"),
                 id="bare-connection-error"),
])
def test_a_refusal_in_the_text_of_a_maybe_applied_error_does_not_make_a_post_retryable(failure):
    assert never_sent(failure()) is False
    http, server = client([])
    server.on("POST", "/users", failure(), (201, {"id": "uid-1"}))
    with pytest.raises(TransportError) as info:
        http.request("POST", "/users", body={})
    assert info.value.maybe_applied is True
    assert len(server.log) == 1


# -- the caller's say on retry safety -------------------------------------------------------------


def test_a_post_declared_safe_is_retried_on_503():
    http, server = client([])
    server.on("POST", "/apps/app-1/restart", (503, "busy"), (202, {"taskId": "7"}))
    assert http.request("POST", "/apps/app-1/restart", body={}, safe=True).json == {"taskId": "7"}
    assert len(server.log) == 2


def test_a_post_declared_safe_is_retried_after_a_dropped_connection():
    http, server = client([])
    server.on("POST", "/apps/app-1/restart", dropped(), (202, {"taskId": "7"}))
    assert http.request("POST", "/apps/app-1/restart", body={}, safe=True).status == 202
    assert len(server.log) == 2


def test_a_put_declared_unsafe_is_not_retried_on_503():
    http, server = client([])
    server.on("PUT", "/apps/app-1/config", (503, "busy"), (200, {}))
    assert http.request("PUT", "/apps/app-1/config", body={}, safe=False).status == 503
    assert len(server.log) == 1


def test_a_put_declared_unsafe_is_not_retried_after_a_dropped_connection():
    http, server = client([])
    server.on("PUT", "/apps/app-1/config", dropped(), (200, {}))
    with pytest.raises(TransportError) as info:
        http.request("PUT", "/apps/app-1/config", body={}, safe=False)
    assert info.value.maybe_applied is True
    assert len(server.log) == 1


def test_a_put_declared_unsafe_is_still_retried_when_it_never_left():
    http, server = client([])
    server.on("PUT", "/apps/app-1/config", connection_refused(), (200, {}))
    assert http.request("PUT", "/apps/app-1/config", body={}, safe=False).status == 200
    assert len(server.log) == 2


# -- error bodies ---------------------------------------------------------------------------------


def _proxy_page(paragraphs):
    return ("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title><style>body { color: red; }</style>"
            "<script>var session = 'abc';</script></head><body>" + "<p>upstream unavailable</p>\n" * paragraphs + "</body></html>")


def _proxy_page_text(paragraphs):
    return "502 Bad Gateway " + " ".join(["upstream unavailable"] * paragraphs)


def test_a_100_kb_html_error_page_is_kept_as_4_kb_of_text():
    page = _proxy_page(3700)
    assert len(page) > 100 * 1024
    text = _proxy_page_text(3700)
    error = ApiError("GET", BASE + "/users", 502, "Bad Gateway", body=page)
    assert error.body == text[:4096] + " [... %d more characters]" % (len(text) - 4096)
    assert "<" not in error.body and "color" not in error.body and "session" not in error.body
    assert str(error) == "GET https://my.example.com/api/v1/users returned 502: Bad Gateway"


def test_body_text_keeps_short_plain_text_as_it_is():
    assert body_text("upstream timed out") == "upstream timed out"
    assert body_text("a < b and c > d") == "a < b and c > d"
    assert body_text(None) == ""
    assert body_text("x" * 10, limit=4) == "xxxx [... 6 more characters]"


def test_a_small_json_error_body_is_kept_as_data():
    body = {"status": "Conflict", "message": "email already in use", "errors": [{"field": "email"}]}
    assert ApiError("POST", BASE + "/users", 409, "email already in use", body=body).body == body
    assert capped_body([1, 2, 3]) == [1, 2, 3]
    assert capped_body(None) is None


def test_a_huge_json_error_body_becomes_capped_text():
    body = {"items": ["x" * 50] * 200}
    kept = ApiError("GET", BASE + "/apps", 500, "Internal Server Error", body=body).body
    assert isinstance(kept, str)
    assert kept.endswith(" more characters]")
    assert len(kept.split(" [... ")[0]) == 4096
    assert "x" * 50 in kept


def test_an_error_from_an_html_answer_carries_capped_text():
    http, server = client()
    server.on("GET", "/users", (502, _proxy_page(3700)))
    response = http.request("GET", "/users")
    error = response.error("Bad Gateway")
    text = _proxy_page_text(3700)
    assert error.body == text[:4096] + " [... %d more characters]" % (len(text) - 4096)
    assert error.as_dict()["status"] == 502


def test_an_error_from_a_json_answer_carries_the_decoded_body():
    http, server = client()
    server.on("POST", "/users", (400, {"status": "Bad Request", "message": "email is invalid"}))
    error = http.request("POST", "/users", body={}).error("email is invalid", hint="check the email option")
    assert error.body == {"status": "Bad Request", "message": "email is invalid"}
    assert str(error) == "POST https://my.example.com/api/v1/users returned 400: email is invalid (check the email option)"


def test_summary_reduces_html_to_one_short_line():
    http, server = client()
    server.on("GET", "/users", (502, _proxy_page(3700)))
    response = http.request("GET", "/users")
    text = _proxy_page_text(3700)
    assert response.summary() == text[:300] + " [... %d more characters]" % (len(text) - 300)
    assert response.summary(limit=35) == "502 Bad Gateway upstream unavailabl [... %d more characters]" % (len(text) - 35)


def test_summary_of_an_empty_body():
    http, server = client()
    server.on("DELETE", "/users/uid-1", (500, ""))
    assert http.request("DELETE", "/users/uid-1").summary() == "(empty body)"


# -- connection options ---------------------------------------------------------------------------


@pytest.mark.parametrize("timeout", [0, 0.0, -1, -30.5])
def test_a_request_timeout_that_is_not_positive_is_refused(timeout):
    with pytest.raises(ConfigError) as info:
        connection_options({"request_timeout": timeout})
    assert str(info.value) == "request_timeout must be a positive number of seconds, not %s" % timeout


def test_connection_options_defaults():
    assert connection_options({"request_timeout": None}) == {"validate_certs": True, "ca_path": None, "timeout": 30.0}
    assert connection_options({}) == {"validate_certs": True, "ca_path": None, "timeout": 30.0}
    assert connection_options({"request_timeout": 5, "ca_path": ""})["timeout"] == 5.0


def test_a_missing_ca_path_is_refused(tmp_path):
    missing = str(tmp_path / "no-such-ca.pem")
    with pytest.raises(ConfigError) as info:
        connection_options({"ca_path": missing})
    assert str(info.value) == "ca_path %s is not a readable file of PEM CA certificates" % missing


def test_a_ca_path_that_is_a_directory_is_refused(tmp_path):
    with pytest.raises(ConfigError) as info:
        connection_options({"ca_path": str(tmp_path)})
    assert str(info.value).startswith("ca_path ")


def test_an_existing_ca_path_and_validate_certs_are_passed_on(tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    options = connection_options({"ca_path": str(bundle), "validate_certs": True, "request_timeout": 12.5})
    assert options == {"validate_certs": True, "ca_path": str(bundle), "timeout": 12.5}
    assert connection_options({"validate_certs": False})["validate_certs"] is False
    http = HttpClient(BASE, **options)
    assert http.verify == str(bundle) and http.timeout == 12.5


# -- base URL and plain http ----------------------------------------------------------------------


@pytest.mark.parametrize("value,expected", [
    ("my.example.com", ("https", "my.example.com", "")),
    ("  my.example.com:8443/api/ ", ("https", "my.example.com:8443", "/api")),
    ("https://my.example.com/api/v1/", ("https", "my.example.com", "/api/v1")),
    ("http://10.0.0.5:8080", ("http", "10.0.0.5:8080", "")),
    ("https://[2001:db8::1]/cloudron//", ("https", "[2001:db8::1]", "/cloudron")),
    ("HTTPS://my.example.com", ("https", "my.example.com", "")),
])
def test_parse_base_url_forms(value, expected):
    assert parse_base_url(value) == expected


@pytest.mark.parametrize("value,message", [
    ("", "api_url is required"),
    (None, "api_url is required"),
    ("   ", "api_url is required"),
    ("ftp://files.example.com", "api_url 'ftp://files.example.com' is not an http(s) URL or host name"),
    ("https://", "api_url 'https://' is not an http(s) URL or host name"),
    ("https://admin:hunter2@my.example.com", "api_url must not contain credentials; they belong in their own options"),
    ("admin@my.example.com", "api_url must not contain credentials; they belong in their own options"),
    ("https://my.example.com/api?token=abc", "api_url must not contain a query string or fragment"),
    ("https://my.example.com/#apps", "api_url must not contain a query string or fragment"),
])
def test_parse_base_url_errors(value, message):
    with pytest.raises(ConfigError) as info:
        parse_base_url(value)
    assert str(info.value) == message


def test_parse_base_url_errors_name_the_option():
    with pytest.raises(ConfigError) as info:
        parse_base_url("", option="setup_url")
    assert str(info.value) == "setup_url is required"


def test_a_url_with_a_password_and_another_scheme_does_not_echo_the_password():
    with pytest.raises(ConfigError) as info:
        parse_base_url("ftp://admin:hunter2@my.example.com")
    assert "hunter2" not in str(info.value)


def test_plain_http_to_another_machine_warns():
    assert plain_http_warning("http://my.example.com/api") == (
        "api_url http://my.example.com/api is plain http: the credential is sent unencrypted; "
        "use https:// unless the network is trusted")
    assert plain_http_warning("http://10.0.0.5:8080", option="setup_url").startswith("setup_url http://10.0.0.5:8080 is plain http")


@pytest.mark.parametrize("url", ["http://localhost.example.com", "http://127.0.0.1.nip.io", "http://[2001:db8::1]"])
def test_plain_http_to_a_name_that_only_looks_local_warns(url):
    assert plain_http_warning(url) is not None


@pytest.mark.parametrize("url", ["http://127.0.0.1", "http://127.0.0.1:8000/api", "http://localhost", "http://localhost:3000",
                                 "http://[::1]", "http://[::1]:8080/api", "https://my.example.com", "https://10.0.0.5"])
def test_no_plain_http_warning_for_loopback_or_https(url):
    assert plain_http_warning(url) is None


# -- retry report ---------------------------------------------------------------------------------


def test_no_retry_report_without_retries():
    http, server = client([])
    server.on("GET", "/apps", (200, {"apps": []}))
    http.request("GET", "/apps")
    assert http.retry_report() is None


def test_retry_report_after_two_retries():
    sleeps = []
    http, server = client(sleeps)
    server.on("GET", "/apps", (502, "bad gateway", {"Retry-After": "2"}), (503, "busy", {"Retry-After": "3"}), (200, {"apps": []}))
    http.request("GET", "/apps")
    assert sleeps == [2.0, 3.0]
    assert http.retry_report() == {"count": 2, "last_reason": "GET /apps: 503", "waited": 5.0}


def test_retry_report_sums_backoff_delays():
    http, server = client([])
    server.on("GET", "/apps", (503, "busy"), (503, "busy"), (200, {"apps": []}))
    http.request("GET", "/apps")
    assert [entry["delay"] for entry in http.retries] == [0.375, 0.75]
    assert http.retry_report() == {"count": 2, "last_reason": "GET /apps: 503", "waited": 1.1}

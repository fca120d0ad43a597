# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""HTTP transport shared by every platform: one keep-alive session, safe retries, clear errors.

Platform adapters build on ``HttpClient``; they never talk to ``requests`` directly. The adapter
decides which requests are safe to repeat and how to read its own error bodies.
"""

from __future__ import annotations

import ipaddress
import json
import os
import random
import ssl
import time
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

try:
    import requests
    from urllib3.exceptions import ConnectTimeoutError, ProxyError
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised only without requests
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import (
    ApiError, ConfigError, TransportError, body_text,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.version import COLLECTION_VERSION

IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "OPTIONS", "PUT", "DELETE"))
RETRY_STATUSES = frozenset((429, 502, 503, 504))
MAX_ATTEMPTS = 5
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
RETRY_AFTER_CAP = 30.0
MAX_REDIRECTS = 5
# OpenSSL's reasons when a TLS handshake reaches a server that speaks plain HTTP.
PLAIN_HTTP_REASONS = frozenset(("WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "PACKET_LENGTH_TOO_LONG", "HTTP_REQUEST"))
NAME_MISMATCHES = (62, 64)  # X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH
USER_AGENT = "selfhosted.platforms/%s" % COLLECTION_VERSION


# -- connection options ---------------------------------------------------------------------------


def parse_base_url(value, option="api_url"):
    """A bare host or an http(s) URL -> (scheme, netloc, path without trailing slash)."""
    value = (value or "").strip()
    if not value:
        raise ConfigError("%s is required" % option)
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    if parts.username or parts.password:  # checked first: the value must not be echoed
        raise ConfigError("%s must not contain credentials; they belong in their own options" % option)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError("%s %r is not an http(s) URL or host name" % (option, value))
    if parts.query or parts.fragment:
        raise ConfigError("%s must not contain a query string or fragment" % option)
    return parts.scheme, parts.netloc, parts.path.rstrip("/")


def is_loopback(url):
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plain_http_warning(url, option="api_url"):
    """A warning when a credential would travel unencrypted (loopback addresses never leave the machine)."""
    if url.startswith("http://") and not is_loopback(url):
        return ("%s %s is plain http: the credential is sent unencrypted; use https:// unless the network is trusted"
                % (option, url))
    return None


def connection_options(params):
    """``validate_certs``, ``ca_path`` and ``request_timeout`` checked -> keyword arguments of ``HttpClient``."""
    timeout = params.get("request_timeout")
    timeout = 30.0 if timeout is None else timeout
    if timeout <= 0:
        raise ConfigError("request_timeout must be a positive number of seconds, not %s" % timeout)
    ca_path = params.get("ca_path")
    if ca_path and not os.path.isfile(ca_path):
        raise ConfigError("ca_path %s is not a readable file of PEM CA certificates" % ca_path)
    return {"validate_certs": params.get("validate_certs", True), "ca_path": ca_path or None, "timeout": float(timeout)}


# -- answers --------------------------------------------------------------------------------------


class HttpResponse:
    """A finished HTTP exchange with its body decoded once."""

    def __init__(self, method, url, status, headers, text, content=None, note=None):
        self.method = method
        self.url = url
        self.status = status
        self.headers = headers
        self.text = text
        self.content = content  # the raw bytes, for binary answers (icons)
        self.json = _decode_json(headers.get("Content-Type", ""), text)
        self.note = note  # what the transport has to add to an error (a refused Retry-After)

    @property
    def is_json(self):
        return self.json is not None

    def summary(self, limit=300):
        """The body as one short line of text, HTML reduced to its words, for error messages."""
        text = body_text(self.text, limit)
        return text if text else "(empty body)"

    def error(self, message, hint=None, missing=False, code=None):
        """The ``ApiError`` for this answer; the adapter supplies the message it read, its hint and error code."""
        hints = [text for text in (hint, self.note) if text]
        body = self.json if self.is_json else self.text
        return ApiError(self.method, self.url, self.status, message, body=body,
                        hint="; ".join(hints) or None, missing=missing, code=code)


def _decode_json(content_type, text):
    if not text:
        return None
    if "json" not in content_type.lower() and text.lstrip()[:1] not in ("{", "["):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def parse_retry_after(value, now=None):
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def backoff_delay(attempt, rand=random.random):
    """Capped exponential backoff with jitter: half fixed, half random, so retries never bunch up."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt))
    return ceiling / 2 + rand() * ceiling / 2


# -- connection failures, classified by exception type ----------------------------------------------


def _causes(exc):
    """The exception and everything it wraps (requests -> urllib3 -> ssl / socket)."""
    found, todo = [], [exc]
    while todo:
        item = todo.pop(0)
        if not isinstance(item, BaseException) or any(item is seen for seen in found):
            continue
        found.append(item)
        todo.extend([getattr(item, "reason", None), item.__cause__, item.__context__] + list(item.args))
    return found


def never_sent(exc):
    """True when the request certainly never reached the server (then any method may be repeated)."""
    if isinstance(exc, (requests.exceptions.ConnectTimeout, requests.exceptions.SSLError)):
        return True  # a failed TLS handshake comes before the request is sent
    # urllib3's NewConnectionError and NameResolutionError are ConnectTimeoutErrors too
    return any(isinstance(cause, (ConnectTimeoutError, ProxyError)) for cause in _causes(exc))


def tls_problem(exc):
    """'hostname', 'certificate', 'plain-http' or 'other' for a TLS failure; None when it is not one."""
    causes = _causes(exc)
    for cause in causes:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return "hostname" if getattr(cause, "verify_code", None) in NAME_MISMATCHES else "certificate"
    for cause in causes:
        if isinstance(cause, ssl.SSLError) and getattr(cause, "reason", None) in PLAIN_HTTP_REASONS:
            return "plain-http"
    return "other" if isinstance(exc, requests.exceptions.SSLError) else None


TLS_HINTS = {
    "certificate": "the server's certificate is not trusted: set ca_path to the CA bundle that signed it, "
                   "or validate_certs=false for a self-signed certificate you trust",
    "hostname": "the server's certificate is for another host name: use the host name the certificate names in the URL",
    "plain-http": "the URL says https:// but the server answers plain HTTP on that port: use http://, or the HTTPS port",
    "other": "the TLS handshake failed",
}


def transport_message(exc):
    problem = tls_problem(exc)
    if problem:
        return "%s (%s)" % (TLS_HINTS[problem], exc)
    if isinstance(exc, requests.exceptions.Timeout):
        return "timed out (%s); raise request_timeout if the server is slow" % exc.__class__.__name__
    return "connection error: %s" % exc


def _same_origin(first, second):
    a, b = urlsplit(first), urlsplit(second)
    return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)


def redirect_error(method, url, status, target):
    """A redirect is never followed to another origin, and never for a write."""
    if urlsplit(url).scheme == "http" and urlsplit(target).scheme == "https":
        hint = "the server redirects to https: use https:// in the URL"
    else:
        hint = "put the final URL in the connection options; requests are not followed to another host or for writes"
    return ApiError(method, url, status, "redirected to %s" % target, hint=hint)


class HttpClient:
    """One ``requests.Session`` per module run, shared by every request (keep-alive).

    ``auth`` is a ``requests`` auth object (see ``auth.py``) and the only place a credential is set.
    ``verify`` is passed on each request because environment CA bundles override a session-level value.
    Redirects are followed only for reads within the same origin.
    """

    def __init__(self, base_url, auth=None, validate_certs=True, ca_path=None, timeout=30.0,
                 sleep=time.sleep, rand=random.random, headers=None, rate_limit_wait=None):
        self.base_url = base_url.rstrip("/")
        # headers -> seconds to wait on a 429 that has no Retry-After (a platform's own rate-limit headers), or None
        self._rate_limit_wait = rate_limit_wait
        self.verify = ca_path if ca_path else bool(validate_certs)
        self.timeout = timeout
        self._sleep = sleep
        self._rand = rand
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept"] = "application/json"
        self.session.headers.update(headers or {})
        self.session.auth = auth
        self.session.trust_env = True  # proxies from the environment; .netrc cannot win over session.auth
        self.retries = []
        self.requests = 0
        self.last = None  # (method, url) of the last request: unexpected answers name it

    def url(self, path):
        return self.base_url + path

    def request(self, method, path, body=None, params=None, safe=None, files=None):
        """Send one request with retries where they are safe; return the final ``HttpResponse``.

        ``safe`` says whether repeating the request is harmless; by default only idempotent methods are.
        ``files`` (``{field: (filename, bytes, content type)}``) sends a multipart/form-data body instead of
        JSON ``body``; bytes, not open files, so a retry sends the same body again. The rules above are unchanged:
        a multipart POST is repeated only when it never left.
        Raises ``TransportError`` when no answer arrives and ``ApiError`` for a redirect it does not
        follow. Error statuses are returned, not raised: the adapter knows how to read its error bodies.
        """
        method = method.upper()
        safe = method in IDEMPOTENT_METHODS if safe is None else safe
        url = self.url(path)
        attempt = redirects = 0
        while True:
            self.last = (method, url)
            self.requests += 1
            try:
                raw = self.session.request(method, url, json=None if files else body, files=files, params=params,
                                           timeout=self.timeout, verify=self.verify, allow_redirects=False)
            except requests.exceptions.RequestException as exc:
                unsent = never_sent(exc)
                if (safe or unsent) and not tls_problem(exc) and attempt + 1 < MAX_ATTEMPTS:
                    self._wait(attempt, None, method, path, exc.__class__.__name__)
                    attempt += 1
                    continue
                raise TransportError(method, url, transport_message(exc), maybe_applied=not unsent)
            if raw.is_redirect:
                target = urljoin(url, raw.headers.get("Location", ""))
                if method == "GET" and _same_origin(url, target) and redirects < MAX_REDIRECTS:
                    url, params, redirects = target, None, redirects + 1
                    continue
                raise redirect_error(method, url, raw.status_code, target)
            response = HttpResponse(method, url, raw.status_code, raw.headers, raw.text, raw.content)
            # A 429 is refused before processing, so even a POST may be repeated; 5xx only when safe.
            if response.status == 429 or (response.status in RETRY_STATUSES and safe):
                asked = parse_retry_after(raw.headers.get("Retry-After"))
                if asked is None and response.status == 429 and self._rate_limit_wait is not None:
                    asked = self._rate_limit_wait(raw.headers)
                if asked is not None and asked > RETRY_AFTER_CAP:
                    response.note = ("the server asked to retry after %ds, longer than the %ds a module waits; "
                                     "try again later" % (asked, RETRY_AFTER_CAP))
                elif attempt + 1 < MAX_ATTEMPTS:
                    self._wait(attempt, asked, method, path, response.status)
                    attempt += 1
                    continue
            return response

    def _wait(self, attempt, retry_after, method, path, reason):
        delay = retry_after if retry_after is not None else backoff_delay(attempt, self._rand)
        self.retries.append({"method": method, "path": path, "reason": reason, "delay": round(delay, 3)})
        self._sleep(delay)

    def retry_report(self):
        """What the result says about retries: their number, the last reason and the time they added."""
        if not self.retries:
            return None
        last = self.retries[-1]
        return {"count": len(self.retries), "last_reason": "%s %s: %s" % (last["method"], last["path"], last["reason"]),
                "waited": round(sum(entry["delay"] for entry in self.retries), 1)}

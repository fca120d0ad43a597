# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP transport shared by every platform: one keep-alive session, safe retries, clear errors.

Platform adapters build on ``HttpClient``; they never talk to ``requests`` directly.
"""

from __future__ import annotations

import json
import random
import re
import time
from email.utils import parsedate_to_datetime

try:
    import requests
    from requests.auth import AuthBase
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised only without requests
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc
    AuthBase = object

from ansible_collections.selfhosted.platforms.plugins.module_utils._version import COLLECTION_VERSION

IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "OPTIONS", "PUT", "DELETE"))
RETRY_STATUSES = frozenset((429, 502, 503, 504))
MAX_ATTEMPTS = 5
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
RETRY_AFTER_CAP = 30.0
USER_AGENT = "selfhosted.platforms/%s" % COLLECTION_VERSION


class TransportError(Exception):
    """No HTTP answer at all (connection refused or dropped, timeout, TLS failure).

    ``maybe_applied`` tells callers whether the server may have acted on the request
    (the request was sent but no answer came back), so a POST is never blindly repeated.
    """

    def __init__(self, method, url, message, maybe_applied):
        super().__init__("%s %s failed: %s" % (method, url, message))
        self.method = method
        self.url = url
        self.message = message
        self.maybe_applied = maybe_applied


class ApiError(Exception):
    """An HTTP answer that is an error: carries method, URL, status, the server's message and body."""

    def __init__(self, method, url, status, message, body=None, hint=None):
        text = "%s %s returned %s: %s" % (method, url, status, message)
        if hint:
            text += " (%s)" % hint
        super().__init__(text)
        self.method = method
        self.url = url
        self.status = status
        self.message = message
        self.body = body
        self.hint = hint

    def as_dict(self):
        """What a module returns beside ``msg`` so callers can inspect the failure."""
        return {"method": self.method, "url": self.url, "status": self.status, "message": self.message, "body": self.body}


class BearerAuth(AuthBase):
    """Bearer token set through ``session.auth``: a ``~/.netrc`` entry can never replace it."""

    def __init__(self, token):
        self._token = token

    def __call__(self, request):
        request.headers["Authorization"] = "Bearer %s" % self._token
        return request

    def __repr__(self):
        return "BearerAuth(<redacted>)"


class HttpResponse:
    """A finished HTTP exchange with its body decoded once."""

    def __init__(self, method, url, status, headers, text, content=None):
        self.method = method
        self.url = url
        self.status = status
        self.headers = headers
        self.text = text
        self.content = content  # the raw bytes, for binary answers (icons)
        self.json = _decode_json(headers.get("Content-Type", ""), text)

    @property
    def is_json(self):
        return self.json is not None

    def summary(self, limit=300):
        """The body as one short line of text, HTML tags removed, for error messages."""
        text = re.sub(r"<[^>]+>", " ", self.text or "")
        text = " ".join(text.split())
        return text[:limit] if text else "(empty body)"


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
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), capped; None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        seconds = when.timestamp() - (now if now is not None else time.time())
    return max(0.0, min(seconds, RETRY_AFTER_CAP))


def backoff_delay(attempt, rand=random.random):
    """Capped exponential backoff with jitter: half fixed, half random, so retries never bunch up."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt))
    return ceiling / 2 + rand() * ceiling / 2


def _not_sent(exc):
    """True when the request certainly never reached the server (it is then safe to repeat any method)."""
    if isinstance(exc, (requests.exceptions.ConnectTimeout, requests.exceptions.ProxyError)):
        return True
    if isinstance(exc, requests.exceptions.ConnectionError) and not isinstance(exc, requests.exceptions.SSLError):
        reason = repr(exc.args[0]) if exc.args else ""
        return "NewConnectionError" in reason or "ConnectTimeoutError" in reason or "Failed to resolve" in reason
    return False


def _transport_message(exc):
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS error: %s; set validate_certs=false or ca_path to a CA bundle that signs the server's certificate" % exc
    if isinstance(exc, requests.exceptions.Timeout):
        return "timed out (%s); raise request_timeout if the server is slow" % exc.__class__.__name__
    return "connection error: %s" % exc


class HttpClient:
    """One ``requests.Session`` per module run, shared by every request (keep-alive).

    ``verify`` is passed on each request because environment CA bundles override a session-level
    value; writes never follow redirects (a 301 would turn a POST into a GET that "succeeds").
    """

    def __init__(self, base_url, token=None, validate_certs=True, ca_path=None, timeout=30.0,
                 sleep=time.sleep, rand=random.random):
        self.base_url = base_url.rstrip("/")
        self.verify = ca_path if ca_path else bool(validate_certs)
        self.timeout = timeout
        self._sleep = sleep
        self._rand = rand
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept"] = "application/json"
        if token:
            self.session.auth = BearerAuth(token)
        self.retries = []

    def url(self, path):
        return self.base_url + path

    def request(self, method, path, body=None, params=None):
        """Send one request with retries where they are safe; return the final ``HttpResponse``.

        Raises ``TransportError`` when no answer arrives. Error statuses are returned, not raised:
        the platform adapter knows how to read its own error bodies.
        """
        method = method.upper()
        url = self.url(path)
        attempt = 0
        while True:
            try:
                raw = self.session.request(
                    method, url, json=body, params=params, timeout=self.timeout,
                    verify=self.verify, allow_redirects=(method == "GET"),
                )
            except requests.exceptions.RequestException as exc:
                retryable = method in IDEMPOTENT_METHODS or _not_sent(exc)
                if retryable and attempt + 1 < MAX_ATTEMPTS:
                    self._wait(attempt, None, method, path, exc.__class__.__name__)
                    attempt += 1
                    continue
                raise TransportError(method, url, _transport_message(exc), maybe_applied=not _not_sent(exc))
            response = HttpResponse(method, url, raw.status_code, raw.headers, raw.text, raw.content)
            # A 429 is refused before processing, so even a POST may be repeated; 5xx only when idempotent.
            retryable = response.status == 429 or (response.status in RETRY_STATUSES and method in IDEMPOTENT_METHODS)
            if retryable and attempt + 1 < MAX_ATTEMPTS:
                self._wait(attempt, parse_retry_after(raw.headers.get("Retry-After")), method, path, response.status)
                attempt += 1
                continue
            return response

    def _wait(self, attempt, retry_after, method, path, reason):
        delay = retry_after if retry_after is not None else backoff_delay(attempt, self._rand)
        self.retries.append({"method": method, "path": path, "reason": reason, "delay": round(delay, 3)})
        self._sleep(delay)

# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""An HTTP-level fake: a requests transport adapter answering from scripted routes.

Everything above the socket runs for real (session auth, redirects, verify, JSON encoding),
so the transport's own behaviour is what the tests observe.
"""

from __future__ import annotations

import json

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import NewConnectionError, ProtocolError


class FakeServer(BaseAdapter):
    """Routes are ``(METHOD, path)`` -> list of answers, consumed in order (the last one repeats).

    An answer is ``(status, body)``, ``(status, body, headers)``, or an exception instance to raise.
    Every request is logged as ``(method, path_with_query, headers, json_body, verify)``.
    """

    def __init__(self, base="https://my.example.com/api/v1"):
        super().__init__()
        self.base = base
        self.routes = {}
        self.log = []

    def on(self, method, path, *answers):
        self.routes[(method, path)] = list(answers)
        return self

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        path = request.url[len(self.base.split("/api/v1")[0]):]
        body = _body(request)
        self.log.append((request.method, path, dict(request.headers), body, verify))
        bare = path.split("?")[0]
        key = (request.method, bare[len("/api/v1"):] if bare.startswith("/api/v1") else bare)
        answers = self.routes.get(key)
        if not answers:
            return self._response(request, 404, {"status": "Not Found", "message": "No such route"}, {})
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        if isinstance(answer, Exception):
            raise answer
        status, payload = answer[0], answer[1]
        headers = answer[2] if len(answer) > 2 else {}
        return self._response(request, status, payload, headers)

    @staticmethod
    def _response(request, status, payload, headers):
        response = requests.Response()
        response.status_code = status
        response.request = request
        response.url = request.url
        response.headers = CaseInsensitiveDict(headers)
        if isinstance(payload, (dict, list)):
            response._content = json.dumps(payload).encode()
            response.headers.setdefault("Content-Type", "application/json; charset=utf-8")
        elif isinstance(payload, bytes):
            response._content = payload
            response.headers.setdefault("Content-Type", "image/png")
        else:
            response._content = (payload or "").encode()
            response.headers.setdefault("Content-Type", "text/html")
        response.encoding = "utf-8"
        return response

    def close(self):
        return None

    def writes(self):
        return [entry for entry in self.log if entry[0] != "GET"]


def _body(request):
    """A JSON body decoded; any other body (a multipart upload) as the bytes sent."""
    if not request.body:
        return None
    if "json" in (request.headers.get("Content-Type") or ""):
        return json.loads(request.body)
    return request.body


def dropped():
    """The connection broke after the request was sent (the server may have acted on it)."""
    return requests.exceptions.ConnectionError(ProtocolError("Connection aborted.", ConnectionResetError(104, "reset")))


def refused():
    """The connection was never made (nothing reached the server)."""
    return requests.exceptions.ConnectionError(NewConnectionError(None, "Failed to establish a new connection: refused"))


def mount(http, server):
    """Route every request of an ``HttpClient`` through the fake."""
    http.session.mount("https://", server)
    http.session.mount("http://", server)
    return server

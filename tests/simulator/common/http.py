# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server plumbing: a threaded HTTP/1.1 keep-alive server handing raw requests to an application.

The main listener may serve HTTPS (``tls_context``), so clients meet TLS as they would on a real server.

The application only needs ``handle(RawRequest) -> Reply``; every simulator (Cloudron, Installatron) runs on this.
"""

import signal
import socket
import ssl
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass
class RawRequest:
    method: str
    path: str           # without the query, still percent-encoded
    query: dict         # first value of each parameter
    headers: Any        # case-insensitive (email.message.Message)
    body: bytes
    listener: str = "main"  # the name of the listener the request came in on
    client: str = ""        # the client's address (for simulators that limit per address)


@dataclass
class Reply:
    status: int
    reason: str
    headers: list = field(default_factory=list)
    body: bytes = b""
    delay: float = 0.0      # seconds to wait before answering (or dropping)
    drop: bool = False      # close the connection instead of answering


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"       # keep-alive
    disable_nagle_algorithm = True      # otherwise keep-alive clients wait ~40 ms per request
    wbufsize = -1                       # buffer headers and body, sent in one write per response
    server_version = "simulator"

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    # skip trailers up to the empty line
                    while self.rfile.readline().strip():
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _dispatch(self):
        try:
            body = self._read_body()
        except ValueError:
            self.send_error(400, "Bad request body framing")
            return
        url = urlsplit(self.path)
        query = {}
        for key, value in parse_qsl(url.query, keep_blank_values=True):
            query.setdefault(key, value)
        request = RawRequest(self.command, url.path, query, self.headers, body, self.server.listener,
                             self.client_address[0])
        reply = self.server.app.handle(request)
        if reply.delay:
            time.sleep(reply.delay)
        if reply.drop:
            self.close_connection = True
            return
        self.send_response(reply.status, reply.reason)
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.status not in (204, 304):
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command != "HEAD" and reply.status not in (204, 304):
            self.wfile.write(reply.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _dispatch

    def version_string(self):
        return self.server_version

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if self.server.verbose:
            super().log_message(format, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False      # idle keep-alive connections must not delay shutdown
    scheme = "http"

    def handle_error(self, request, client_address):
        # a client refusing the certificate, or speaking plain HTTP to the TLS port, is expected here
        error = sys.exc_info()[1]
        if isinstance(error, (ssl.SSLError, ConnectionError)):
            if self.verbose:
                sys.stderr.write("%s: connection ended: %s\n" % (client_address[0], error))
            return
        super().handle_error(request, client_address)


class _Server6(_Server):
    address_family = socket.AF_INET6


def make_server(app, host="127.0.0.1", port=0, verbose=False, listener="main", tls_context=None):
    """A bound server (port 0 picks a free one) whose requests carry ``listener``; call ``serve_forever()`` to run it.

    With ``tls_context`` (an ``ssl.SSLContext`` for a server) it speaks HTTPS."""
    server = (_Server6 if ":" in host else _Server)((host, port), _Handler)
    server.app = app
    server.verbose = verbose
    server.listener = listener
    if tls_context is not None:
        # the handshake waits for the first read, in the connection's own thread: a silent client never blocks accept()
        server.socket = tls_context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
        server.scheme = "https"
    return server


def tls_context(cert_path, key_path):
    """A server-side TLS context for a PEM certificate (chain) and its key."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return context


def url_of(server):
    host, port = server.server_address[:2]
    return "%s://%s:%d" % (server.scheme, "[%s]" % host if ":" in host else host, port)


def serve(app, host, port, verbose=False, extra_listeners=(), tls=None, announced=()):
    """Run until SIGTERM/SIGINT; prints ``listening on <url>`` once requests can be made.

    ``extra_listeners`` are (name, port) pairs: more listeners on the same host for the same
    application, each added to that line as `` <name> <url>``. ``tls`` (an ``ssl.SSLContext``)
    makes the main listener HTTPS; the extra listeners stay plain HTTP. ``announced`` are (name, url) pairs of
    listeners the application opened itself, added to that line the same way.
    """
    servers = [make_server(app, host, port, verbose, tls_context=tls)]
    servers += [make_server(app, host, extra_port, verbose, listener=name) for name, extra_port in extra_listeners]
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    urls = [url_of(servers[0])] + ["%s %s" % (server.listener, url_of(server)) for server in servers[1:]]
    urls += ["%s %s" % pair for pair in announced]
    print("listening on %s" % " ".join(urls), flush=True)
    while not stop.wait(3600):
        pass
    for server in servers:
        server.shutdown()
        server.server_close()
    sys.stdout.flush()
    return 0

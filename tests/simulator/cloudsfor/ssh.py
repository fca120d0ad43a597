# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SSH banners: while a VM is running, a listener on (its public address, the SSH port) writes an OpenSSH banner to
every connection, the stand-in for "SSH is up".

The port is the same for every VM; port 0 picks a free one at start-up. It is held by a socket bound (not listening)
on 127.0.0.1, so no other program and no outgoing connection takes it while the simulator runs. A listener that
cannot be bound is logged and left out; the simulator goes on.
"""

import socket
import sys
import threading

BANNER = b"SSH-2.0-OpenSSH_9.6 CloudsForSim\r\n"
ACCEPT_POLL = 0.25      # seconds between checks whether a listener was closed
CLIENT_SECONDS = 5.0    # how long a connection may stay after the banner


def _serve_client(connection):
    with connection:
        try:
            connection.sendall(BANNER)
            # read what the client sends until it closes: closing first could reset the connection before it read
            connection.settimeout(CLIENT_SECONDS)
            while connection.recv(4096):
                pass
        except OSError:
            pass


class _Listener:
    def __init__(self, address, port):
        self.address = address
        self.closed = threading.Event()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.sock.bind((address, port))
            self.sock.listen(16)
        except OSError:
            self.sock.close()
            raise
        self.sock.settimeout(ACCEPT_POLL)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.closed.is_set():
            try:
                connection, _peer = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            connection.settimeout(None)
            threading.Thread(target=_serve_client, args=(connection,), daemon=True).start()

    def close(self):
        self.closed.set()
        try:
            self.sock.shutdown(socket.SHUT_RDWR)   # wakes a blocked accept() on Linux
        except OSError:
            pass
        self.sock.close()


class Banners:
    """The banner listeners by address, all on one port."""

    def __init__(self, port=0, log=None):
        self._log = log or (lambda text: sys.stderr.write(text + "\n"))
        self._listeners = {}
        self._reservation = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            self._reservation.bind(("127.0.0.1", port))
        except OSError as error:
            self._reservation.close()
            self._reservation = None
            if port == 0:
                raise
            self._log("cloudsfor: port %d not reserved on 127.0.0.1: %s" % (port, error))
        self.port = self._reservation.getsockname()[1] if self._reservation else port

    def open(self, address):
        """Listen on ``address`` (no change when already listening); False when binding failed."""
        if address in self._listeners:
            return True
        try:
            self._listeners[address] = _Listener(address, self.port)
        except OSError as error:
            self._log("cloudsfor: no SSH banner on %s:%d: %s" % (address, self.port, error))
            return False
        return True

    def close(self, address):
        listener = self._listeners.pop(address, None)
        if listener is not None:
            listener.close()

    def close_all(self):
        for address in list(self._listeners):
            self.close(address)

    def listening(self, address):
        return address in self._listeners

"""The HTTP transport that lets a cancel from another thread unblock a read in progress.

Every socket the session opens is registered with a tracker; ``abort_all`` shuts
them down, so a request stuck waiting for the registry returns at once.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import weakref
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class SocketTracker:
    """Every socket opened by one session, so :meth:`abort_all` can unblock a stuck read."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()

    def add(self, sock: socket.socket | None) -> None:
        if sock is not None:
            with self._lock:
                self._sockets.add(sock)

    def abort_all(self) -> None:
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            # The base-class method: works on SSL sockets without touching their SSL state.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


class TrackingAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` whose connections register their sockets with a tracker."""

    def __init__(self, tracker: SocketTracker) -> None:
        self._tracker = tracker
        super().__init__(max_retries=0)

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        tracker = self._tracker

        class _Conn(HTTPConnection):
            def connect(self) -> None:
                super().connect()
                tracker.add(self.sock)

        class _TLSConn(HTTPSConnection):
            def connect(self) -> None:
                super().connect()
                tracker.add(self.sock)

        class _Pool(HTTPConnectionPool):
            ConnectionCls = _Conn

        class _TLSPool(HTTPSConnectionPool):
            ConnectionCls = _TLSConn

        self.poolmanager.pool_classes_by_scheme = {"http": _Pool, "https": _TLSPool}

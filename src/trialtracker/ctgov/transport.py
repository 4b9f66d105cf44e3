"""The HTTP transport that lets a cancel from another thread unblock a read in progress.

Every socket the session opens is registered with a tracker; ``abort_all`` shuts
them down, so a request stuck waiting for the registry returns at once. Also here:
:func:`describe_error`, the short words for a transport failure that users see.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import weakref
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class SocketTracker:
    """Every socket opened by one session, so :meth:`abort_all` can unblock a stuck read."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._refusing = False

    def add(self, sock: socket.socket | None) -> None:
        if sock is not None:
            with self._lock:
                self._sockets.add(sock)
                refusing = self._refusing
            if refusing:
                _shut(sock)

    def abort_for_good(self) -> None:
        """:meth:`abort_all`, and shut every socket opened later too (a deadline has passed:
        a request started just as it passed must not trickle on)."""
        with self._lock:
            self._refusing = True
        self.abort_all()

    def resume(self) -> None:
        """Let new sockets live again (a new deadline starts)."""
        with self._lock:
            self._refusing = False

    def abort_all(self) -> None:
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
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


_CAUSES: tuple[tuple[str, str], ...] = (
    ("connection refused", "connection refused"),
    ("errno 111", "connection refused"),
    ("name or service not known", "DNS lookup failed (no network?)"),
    ("nodename nor servname", "DNS lookup failed (no network?)"),
    ("temporary failure in name resolution", "DNS lookup failed (no network?)"),
    ("getaddrinfo failed", "DNS lookup failed (no network?)"),
    ("nameresolutionerror", "DNS lookup failed (no network?)"),
    ("network is unreachable", "network is unreachable"),
    ("no route to host", "no route to host"),
    ("connection reset", "connection reset by the server"),
    ("remotedisconnected", "the server closed the connection"),
    ("remote end closed connection", "the server closed the connection"),
    ("connection aborted", "connection aborted"),
    ("incompleteread", "the response was cut off"),
    ("connection broken", "the connection broke while reading"),
    ("read timed out", "read timed out"),
    ("timed out", "timed out"),
)


def describe_error(exc: BaseException) -> str:
    """A short human description of a transport error (no pool/URL noise)."""
    if isinstance(exc, requests.ConnectTimeout):
        return "connection timed out"
    if isinstance(exc, requests.ReadTimeout):
        return "read timed out"
    text = str(exc).lower()
    for needle, meaning in _CAUSES:
        if needle in text:
            return meaning
    return f"{type(exc).__name__}: {str(exc)[:150]}"

"""One window per data folder: a second start asks the first to come to the front.

A ``QLocalServer`` named after the data folder listens in the running app. A
new instance first tries to connect: if someone answers, it sends "activate"
and exits. Otherwise it must hold the data folder's lock file (``QLockFile``,
released by the OS when a process dies) to become the primary instance: only
the lock holder ever removes a stale socket, so two starts at the same moment
can never both run, nor can one unplug the other's live socket.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QLockFile, QObject, QThread, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from trialtracker.paths import DataPaths

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 500


def server_name(data_dir: Path) -> str:
    """A short per-user, per-data-folder name (socket paths have a small length limit)."""
    key = f"{os.getuid() if hasattr(os, 'getuid') else ''}:{data_dir.resolve()}"
    return "trialtracker-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def ask_running_instance(data_dir: Path, wait_ms: int = 0) -> bool:
    """True if another instance for ``data_dir`` answered and was asked to come to the front.

    ``wait_ms``: keep trying that long (the other instance may still be starting its server).
    """
    clock = QElapsedTimer()
    clock.start()
    while True:
        socket = QLocalSocket()
        socket.connectToServer(server_name(data_dir))
        if socket.waitForConnected(CONNECT_TIMEOUT_MS):
            socket.write(ACTIVATE)
            socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
            socket.disconnectFromServer()
            return True
        if clock.elapsed() >= wait_ms:
            return False
        QThread.msleep(100)


class InstanceServer(QObject):
    """Listens for later instances; emits ``activateRequested`` when one starts."""

    activateRequested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        paths = DataPaths(data_dir).ensure()
        self._lock = QLockFile(str(paths.lock_file))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self.primary = bool(self._lock.tryLock(0))
        if not self.primary:
            return  # another instance holds the folder: never touch its socket
        name = server_name(data_dir)
        if not self._server.listen(name):
            QLocalServer.removeServer(name)  # stale socket of a crashed instance (we hold the lock)
            self._server.listen(name)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(ACTIVATE.strip()):
            self.activateRequested.emit()

    def close(self) -> None:
        self._server.close()
        if self.primary:
            self._lock.unlock()

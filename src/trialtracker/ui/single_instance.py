"""One window per data folder: a second start asks the first to come to the front.

A ``QLocalServer`` named after the data folder listens in the running app. A
new instance first tries to connect: if someone answers, it sends "activate"
and exits; otherwise it becomes the primary instance. A stale socket left by a
crashed instance is removed (``removeServer``) before listening.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 500


def server_name(data_dir: Path) -> str:
    """A short per-user, per-data-folder name (socket paths have a small length limit)."""
    key = f"{os.getuid() if hasattr(os, 'getuid') else ''}:{data_dir.resolve()}"
    return "trialtracker-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def ask_running_instance(data_dir: Path) -> bool:
    """True if another instance for ``data_dir`` answered and was asked to come to the front."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(ACTIVATE)
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later instances; emits ``activateRequested`` when one starts."""

    activateRequested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        name = server_name(data_dir)
        if not self._server.listen(name):
            QLocalServer.removeServer(name)  # stale socket of a crashed instance
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

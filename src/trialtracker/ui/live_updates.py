"""Keeping the window in step with the rest of the team (a team library on PostgreSQL).

A listener thread waits for the server's notices (``LISTEN``: no polling, nothing sent while nobody
writes) and hands each change to the UI thread; changes arriving close together are read in one go
(``BATCH_MS``), as just those rows, or as the whole list after someone's refresh. Why a thread of its own
and not the task runner: the listener waits for the whole life of the window, and a task that never ends
would hold a lane and keep the runner "busy" forever.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from trialtracker.domain.errors import TrialTrackerError
from trialtracker.services import live
from trialtracker.services.library import Library

__all__ = ["BATCH_MS", "LiveUpdates"]

log = logging.getLogger(__name__)
BATCH_MS = 150  # changes closer together than this are read again together
RETRY_S = 3.0  # while the server does not answer, ask it again this often
AGAIN_S = 0.2  # after the connection broke, listen again this much later
MANY = 300  # more changed trials than this at once: read the whole list


class LiveUpdates(QObject):
    """Other members' changes, for the window.

    Signals:
        trialsChanged(list): NCT IDs whose rows (and notes) to read again.
        listChanged(): read the whole list again (someone refreshed, or the connection came back).
        onlineChanged(bool): the server stopped answering (False) or answers again (True).
    """

    trialsChanged = Signal(list)
    listChanged = Signal()
    onlineChanged = Signal(bool)
    _arrived = Signal(object)  # from the listener thread; delivered on the UI thread (queued)

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lib = lib
        self._stop = threading.Event()
        self._pending: set[str] = set()
        self._whole = False
        self._batch = QTimer(self)
        self._batch.setSingleShot(True)
        self._batch.setInterval(BATCH_MS)
        self._batch.timeout.connect(self._flush)
        self._arrived.connect(self._on_arrived)
        self._thread = threading.Thread(target=self._listen, name="team notices", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, wait_s: float = 2.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(wait_s)

    def _listen(self) -> None:
        """The listener thread: never touches a widget, only emits signals (queued to the UI thread).

        A broken connection is tried again at once; if the server does not answer, the window is told it
        is offline, and the server is asked every ``RETRY_S`` until it answers again."""
        first, online = True, True
        while not self._stop.is_set():
            if not first:  # what happened while the connection was down is read whole
                self._arrived.emit(live.TeamChange(None, None))
            first = False
            try:
                for change in live.team_changes(self._lib, self._stop):
                    self._arrived.emit(change)
            except TrialTrackerError as exc:
                log.warning("team notices: %s", type(exc).__name__)
                self._stop.wait(AGAIN_S)  # never a tight loop, whatever keeps failing
            while not self._stop.is_set() and not live.reachable(self._lib):
                if online:
                    online = False
                    self.onlineChanged.emit(False)
                self._stop.wait(RETRY_S)
            if not online and not self._stop.is_set():
                online = True
                self.onlineChanged.emit(True)

    @Slot(object)
    def _on_arrived(self, change: live.TeamChange) -> None:
        if change.whole_list:
            self._whole = True
        elif change.nct_id:
            self._pending.add(change.nct_id)
        if not self._batch.isActive():
            self._batch.start()

    @Slot()
    def _flush(self) -> None:
        pending, whole = sorted(self._pending), self._whole
        self._pending, self._whole = set(), False
        if whole or len(pending) > MANY:
            self.listChanged.emit()
        elif pending:
            self.trialsChanged.emit(pending)

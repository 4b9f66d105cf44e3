"""Refresh off the UI thread: a worker object moved to a ``QThread``, and a controller owning both.

The worker opens its own sessions (``refresh()`` does, one per batch) and hands
back only the plain :class:`~trialtracker.refresh.RefreshSummary`; the window
reloads its rows from the database after ``finished``. Cancel calls
``client.cancel()``, which interrupts waits and in-flight requests from any thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QThread, Signal, Slot

from trialtracker.ctgov.client import CtGovClient
from trialtracker.refresh import Progress, RefreshSummary, refresh
from trialtracker.store.db import Store

log = logging.getLogger(__name__)

ClientFactory = Callable[[], CtGovClient]


class RegistryWorker(QObject):
    """Base of the workers that talk to the registry in their own thread.

    Owns the client for the duration of :meth:`run` so :meth:`cancel` (called
    from the UI thread) can interrupt it, even before the client exists.

    Signals:
        failed(message)
    """

    failed = Signal(str)

    def __init__(self, store: Store, client_factory: ClientFactory) -> None:
        super().__init__()
        self._store = store
        self._client_factory = client_factory
        self._lock = threading.Lock()
        self._client: CtGovClient | None = None
        self._cancelled = False

    def cancel(self) -> None:
        """Thread-safe: stop the work as soon as possible."""
        with self._lock:
            self._cancelled = True
            client = self._client
        if client is not None:
            client.cancel()

    def _open_client(self) -> CtGovClient | None:
        """The client for this run, or None (``failed`` emitted) if it cannot be made."""
        try:
            client = self._client_factory()
        except Exception as exc:  # a bad API URL in the settings, for instance
            self.failed.emit(f"Cannot reach the registry: {exc}")
            return None
        with self._lock:
            self._client = client
            if self._cancelled:
                client.cancel()
        return client

    def _close_client(self, client: CtGovClient) -> None:
        with self._lock:
            self._client = None
        client.close()


class RefreshWorker(RegistryWorker):
    """Runs one refresh (plus the saved watches after a complete one).

    Signals:
        progress(done, total, message)
        finished(summary, new_candidates)  -- a RefreshSummary and a list of NCT IDs
        failed(message)                    -- an unexpected error (the registry's trouble is in the summary)
    """

    progress = Signal(int, int, str)
    finished = Signal(object, object)

    def __init__(
        self,
        store: Store,
        client_factory: ClientFactory,
        ids: Sequence[str] | None = None,
        *,
        force: bool = False,
        run_watches: bool = True,
    ) -> None:
        super().__init__(store, client_factory)
        self._ids = list(ids) if ids else None
        self._force = force
        self._run_watches = run_watches

    @Slot()
    def run(self) -> None:
        client = self._open_client()
        if client is None:
            return
        try:
            summary = refresh(self._store, client, self._ids, force=self._force, progress=self._report)
            new: list[str] = []
            if self._run_watches and summary.ok and not summary.cancelled and not summary.skipped:
                from trialtracker.discovery import run_watches

                self.progress.emit(summary.requested, summary.requested, "Checking saved searches…")
                new = run_watches(self._store, client).new
        except Exception as exc:
            log.exception("refresh failed")
            self.failed.emit(f"Refresh failed: {exc}")
            return
        finally:
            self._close_client(client)
        self.finished.emit(summary, new)

    def _report(self, p: Progress) -> None:
        self.progress.emit(p.done, p.total, p.message)


class RefreshController(QObject):
    """Starts at most one refresh at a time and tears its thread down afterwards.

    Signals:
        started()
        progress(done, total, message)
        finished(summary, new_candidates)
        failed(message)
        stopped()  -- always last, after finished or failed: restore the UI here
    """

    started = Signal()
    progress = Signal(int, int, str)
    finished = Signal(object, object)
    failed = Signal(str)
    stopped = Signal()

    def __init__(self, store: Store, client_factory: ClientFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._client_factory = client_factory
        self._thread: QThread | None = None
        self._worker: RefreshWorker | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, ids: Sequence[str] | None = None, *, force: bool = False) -> bool:
        if self._thread is not None:
            return False
        thread = QThread(self)
        thread.setObjectName("refresh")
        worker = RefreshWorker(self._store, self._client_factory, ids, force=force)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self.progress)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self._thread, self._worker = thread, worker
        thread.start()
        self.started.emit()
        return True

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until the worker thread ends (used on window close, after cancel)."""
        thread, worker = self._thread, self._worker
        if thread is None:
            return True
        if worker is not None:  # nobody is left to hear the outcome
            for signal in (worker.progress, worker.finished, worker.failed):
                signal.disconnect()
        thread.quit()
        done = thread.wait(msecs)
        self._cleanup()
        return bool(done)

    @Slot(object, object)
    def _on_finished(self, summary: RefreshSummary, new: list[str]) -> None:
        self._cleanup()
        self.finished.emit(summary, new)
        self.stopped.emit()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._cleanup()
        self.failed.emit(message)
        self.stopped.emit()

    def _cleanup(self) -> None:
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        # The worker has no Qt parent: dropping the last Python reference (after its
        # thread has ended) deletes it.
        del worker
